"""`notice check`: the data, the lock and the catalogs validated, and the notice's gaps against GDPR Art. 13 and 14 reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support import FIRST_VERSION, ROOT, Command, edit, notice


def notice_check(project: Path, *args: str) -> Command:
    return notice(project, "check", *args)


def test_the_2024_notice_passes_with_its_real_gaps_reported() -> None:
    result = notice_check(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert out.startswith("Checked 2024-02-01 (current) and the catalogs.")
    assert ("  5:    warning rights: The right to lodge a complaint with a supervisory authority is not stated (for every audience).  "
            "[GDPR Art. 13(2)(d), 14(2)(e): gdpr-complaint]") in out
    assert "audiences[0].description: Refers to section 12, but the notice has 11 numbered sections (in en, fr, pl)." in out
    assert "audiences[0].description: Template residue 'OurCompany' (in en, fr, pl)." in out
    assert "SIPSIM Limited liability company (SIPSIM, LLC) is the controller for Lead, but the notice gives no address, e-mail or phone for it." in out
    assert "No contact details of a data protection officer for PG TELECOM Spolka z o.o." in out
    assert "cookie-consent-cookie" not in out, "the data lists the consent widget's own cookie among the necessary ones"
    assert "The consent widget asks consent for 'Statistics Cookies', but the notice lists no cookie for it." in out
    assert "'Call/SMS/MMS/Mobile Data metadata' differs from 'Call/SMS/MMS/Mobile data metadata' only in case" in out
    assert "0 error(s) in the data, 0 warning(s), 16 transparency finding(s) (0 counted as errors)." in out
    # grouped by file, then by line
    files = [line for line in out.splitlines() if line.startswith("data/")]
    assert files == sorted(files) and len(files) == len(set(files))


def test_rules_the_project_makes_errors_fail_the_check(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.notice]\nlint-errors = ["gdpr-complaint"]\n', encoding="utf-8")

    result = notice_check(project)

    assert result.returncode == 1
    assert "  5:    error   rights: The right to lodge a complaint" in result.stdout


def test_json_for_machines(project: Path) -> None:
    result = notice_check(project, "--format", "json")

    report = json.loads(result.stdout)
    assert report["failed"] is False and report["versions"] == ["2024-02-01 (current)"]
    complaint = next(finding for finding in report["findings"] if finding["rule"] == "gdpr-complaint")
    assert complaint == {"rule": "gdpr-complaint", "reference": "GDPR Art. 13(2)(d), 14(2)(e)", "file": f"{FIRST_VERSION}/rights.yml",
                         "line": 5, "path": "rights", "severity": "warning",
                         "message": "The right to lodge a complaint with a supervisory authority is not stated (for every audience)."}


def test_data_errors_and_catalog_errors_are_reported_together_and_fail(project: Path) -> None:
    edit(project / FIRST_VERSION / "purposes.yml", "period: up to 3 years", "period: forever")
    edit(project / "locales/pl/LC_MESSAGES/messages.po", 'msgstr "Podstawa prawna:"', 'msgstr ""')

    result = notice_check(project)

    assert result.returncode == 1
    assert f"\n{FIRST_VERSION}/purposes.yml\n" in result.stdout
    assert "error   purposes[1].retention[0].period: expected a duration like" in result.stdout
    assert "\nlocales/pl/LC_MESSAGES/messages.po\n" in result.stdout
    assert 'error   msgid "Legal Basis:": expected a Polish translation, got an empty msgstr' in result.stdout


def test_an_edited_published_version_fails_the_check(project: Path) -> None:
    edit(project / FIRST_VERSION / "rights.yml", "You have the right to move", "You may move")

    result = notice_check(project)

    assert result.returncode == 1
    assert f"{FIRST_VERSION}/rights.yml\n  -:    error   expected a published version unchanged since it was published, got was changed after publication" in result.stdout


def test_the_example_amendment_fixes_the_gaps_it_claims_to_fix(project: Path) -> None:
    shutil.copytree(ROOT / "examples/versions/2027-01-01", project / "data/versions/2027-01-01")

    report = json.loads(notice_check(project, "--format", "json").stdout)

    rules = {(finding["file"].split("/")[2], finding["rule"]) for finding in report["findings"]}
    for fixed in ("gdpr-complaint", "section-reference", "template-residue", "cookie-category-empty"):
        assert ("2024-02-01", fixed) in rules and ("2027-01-01", fixed) not in rules
    assert all(rule != "cookie-consent-cookie" for _, rule in rules), "both versions list the consent widget's own cookie"
    assert ("2027-01-01", "gdpr-dpo-contact") in rules, "a gap the example leaves is still reported"
    assert all(rule != "effective-date" for _, rule in rules), "each version's subtitle states its own date"


def test_a_version_that_does_not_list_the_consent_cookie_is_reported(project: Path) -> None:
    draft = project / "data/versions/2027-01-01"
    shutil.copytree(project / FIRST_VERSION, draft)
    edit(draft / "version.yml", "status: published", "status: draft")
    cookies = (draft / "cookies.yml").read_text(encoding="utf-8")
    listed = cookies[cookies.index("    cookies:\n"):cookies.index("  - id: statistics\n")]
    assert "notice_consent" in listed
    edit(draft / "cookies.yml", listed, "")

    report = json.loads(notice_check(project, "--format", "json").stdout)

    rules = {(finding["file"].split("/")[2], finding["rule"]) for finding in report["findings"]}
    assert ("2027-01-01", "cookie-consent-cookie") in rules and ("2024-02-01", "cookie-consent-cookie") not in rules


def test_a_version_whose_subtitle_states_another_date_is_reported(project: Path) -> None:
    """`notice amend` copies the subtitle "applicable from February 1, 2024" into the next version: the lint reads the
    dates of the title, subtitle and section titles in each language and compares them with the version's own."""
    assert notice(project, "amend", "2027-03-01").returncode == 0
    notice_yml = project / "data/versions/2027-03-01/notice.yml"

    report = json.loads(notice_check(project, "--format", "json").stdout)

    dated = [finding for finding in report["findings"] if finding["rule"] == "effective-date"]
    assert dated == [{
        "rule": "effective-date", "reference": "consistency", "file": "data/versions/2027-03-01/notice.yml", "line": 8,
        "path": "subtitle", "severity": "warning",
        "message": "States the date 1 February 2024, but this version takes effect on 1 March 2027 (in en, fr, pl).",
    }], "the 2024 version states its own date"

    edit(notice_yml, "en: applicable from February 1, 2024", "en: applicable from March 1, 2027")
    edit(notice_yml, "pl: obowiązuje od 1 lutego 2024 r.", "pl: obowiązuje od 1 marca 2027 r.")
    [finding] = [f for f in json.loads(notice_check(project, "--format", "json").stdout)["findings"] if f["rule"] == "effective-date"]
    assert finding["message"].endswith("(in fr).") and "1 February 2024" in finding["message"], "each language is read with its own months"

    edit(notice_yml, "fr: applicable à compter du 1er février 2024", "fr: applicable à compter du 1er mars 2027")
    assert not [f for f in json.loads(notice_check(project, "--format", "json").stdout)["findings"] if f["rule"] == "effective-date"]
