"""An amendment's life: started with `notice amend`, edited, published and locked; then its pages, feeds and JSON."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ElementTree
from datetime import datetime
from pathlib import Path

import feedparser
from markupsafe import escape
import pytest
import yaml
from support import FIRST_VERSION, build, copy_project, edit, notice, page_text

NEW = "2026-12-01"
DRAFT = f"data/versions/{NEW}"
SUMMARY = """summary:
  en: Adds consent for outbound sales and keeps support requests for 2 years.
  fr: Ajoute le consentement pour la prospection et conserve les demandes d’assistance 2 ans.
  pl: Dodaje zgodę na sprzedaż aktywną i przechowuje zgłoszenia przez 2 lata.
"""
ATOM = "{http://www.w3.org/2005/Atom}"
URGENT = "Required by the telecommunications regulator's decision of 20 November 2026."
"""The amendment adds a legal basis (a material change) five days before it takes effect: the reason it must."""


def amend_and_edit(project: Path) -> None:
    assert notice(project, "amend", NEW).returncode == 0
    purposes = project / DRAFT / "purposes.yml"
    edit(purposes, "period: up to 3 years\n        after: request", "period: up to 2 years\n        after: request")
    for language, old, new in [
        ("en", "maximum of up to 3 years following the request", "maximum of up to 2 years following the request"),
        ("fr", "pendant une durée maximale de 3 ans à compter de la demande", "pendant une durée maximale de 2 ans à compter de la demande"),
        ("pl", "maksymalnie 3 lat od dnia zgłoszenia", "maksymalnie 2 lat od dnia zgłoszenia"),
    ]:
        edit(purposes, old, new)
    edit(purposes, "        kinds: [legitimate_interests]\n        text:\n          en: |\n            Our engagement in outbound",
         "        kinds: [legitimate_interests, consent]\n        text:\n          en: |\n            Our engagement in outbound")
    edit(project / DRAFT / "version.yml", "summary:\n  en: TODO\n  fr: TODO\n  pl: TODO\n", SUMMARY)


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose 2026-12-01 amendment was started, edited and published."""
    project = copy_project(tmp_path_factory.mktemp("amended") / "project")
    amend_and_edit(project)
    published = notice(project, "publish", "--urgent", URGENT)
    assert published.returncode == 0, published.stderr
    return project


@pytest.fixture(scope="module")
def site(amended: Path) -> Path:
    """The amended project built on a day the amendment is in force."""
    result = build(amended, amended / "site-2027", env={"NOTICE_TODAY": "2027-01-15"})
    assert result.returncode == 0, result.output
    return result.site


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_amend_copies_the_latest_version_as_a_draft(project: Path) -> None:
    result = notice(project, "amend", NEW)

    assert result.returncode == 0, result.stderr
    assert f"Draft created in {DRAFT}" in result.stdout
    draft = project / DRAFT
    assert sorted(path.name for path in draft.iterdir()) == sorted(path.name for path in (project / FIRST_VERSION).iterdir())
    assert yaml.safe_load((draft / "version.yml").read_text())["status"] == "draft"
    assert (draft / "purposes.yml").read_text() == (project / FIRST_VERSION / "purposes.yml").read_text()


@pytest.mark.parametrize(("date", "message"), [
    ("2024-01-01", "expected an effective date after the latest version (2024-02-01), got 2024-01-01"),
    ("2026-11-01", "expected an effective date from today (2026-11-26) on, got 2026-11-01"),
    ("2026-13-01", "expected a real date written YYYY-MM-DD, got 2026-13-01 (there is no month 13)"),
    ("2027-02-30", "expected a real date written YYYY-MM-DD, got 2027-02-30 (February 2027 has 28 days)"),
    ("1.3.2027", "expected a real date written YYYY-MM-DD, got 1.3.2027 (not written YYYY-MM-DD)"),
])
def test_amend_refuses_a_date_that_cannot_be(project: Path, date: str, message: str) -> None:
    result = notice(project, "amend", date)

    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_publish_refuses_a_draft_without_a_summary(project: Path) -> None:
    notice(project, "amend", NEW)
    edit(project / DRAFT / "purposes.yml", "speciallists", "specialists")

    result = notice(project, "publish")

    assert result.returncode == 1
    assert f"{DRAFT}/version.yml: summary: expected a summary of the amendment in every language, got TODO or none" in result.stderr
    assert "status: draft" in (project / DRAFT / "version.yml").read_text()


def test_publish_refuses_english_changes_whose_translations_were_not_reviewed(project: Path) -> None:
    notice(project, "amend", NEW)
    edit(project / DRAFT / "purposes.yml", "en: Invoicing\n", "en: Invoicing and billing\n")
    edit(project / DRAFT / "version.yml", "summary:\n  en: TODO\n  fr: TODO\n  pl: TODO\n", SUMMARY)

    refused = notice(project, "publish")
    reviewed = notice(project, "publish", "--translations-reviewed")

    assert refused.returncode == 1
    assert (f"{DRAFT}/purposes.yml: purposes.invoicing.title.fr: expected the French text updated with the English, "
            "which changed since 2024-02-01, got the previous translation unchanged") in refused.stderr
    assert reviewed.returncode == 0, reviewed.stderr


def test_publishing_records_the_version_in_the_lock(amended: Path) -> None:
    lock = yaml.safe_load((amended / "data/notice.lock").read_text())
    assert list(lock) == ["2024-02-01", NEW]
    assert set(lock[NEW]["files"]) == {"audiences.yml", "controllers.yml", "cookies.yml", "notice.yml", "purposes.yml", "rights.yml",
                                       "transfers.yml", "version.yml", "vocabulary.yml"}
    assert lock[NEW]["published"].isoformat() == "2026-11-26", "the day `notice publish` ran"
    assert lock[NEW]["base"].isoformat() == "2024-02-01", "the version it amends, fixed at publication"
    assert lock[NEW]["languages"] == ["en", "fr", "pl"]
    assert "status: published" in (amended / DRAFT / "version.yml").read_text()


def test_the_lock_refuses_an_edit_to_the_published_amendment(amended: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "edited")
    for part in ("data",):
        subprocess.run(["rm", "-rf", str(project / part)], check=True)
        subprocess.run(["cp", "-r", str(amended / part), str(project / part)], check=True)
    edit(project / DRAFT / "cookies.yml", "Marketing cookies track", "Marketing cookies follow")

    result = build(project, env={"NOTICE_TODAY": "2027-01-15"})

    assert result.returncode == 1
    assert f"{DRAFT}/cookies.yml: version {NEW}: was changed after publication" in result.output
    assert not result.site.exists()


def test_notice_diff_shows_the_changes_in_the_terminal(amended: Path) -> None:
    result = notice(amended, "diff", "2024-02-01", NEW, today="2027-01-15")

    assert result.returncode == 0, result.stderr
    assert "Legal basis added to Outbound Sales: Consent, Art. 6(1)(a) GDPR." in result.stdout
    assert "maximum of up to [-3-][+2+] years following the request" in result.stdout


def test_the_current_notice_is_the_amendment_with_its_date_and_changes(site: Path) -> None:
    page = html(site, "")
    assert "In force since 1 December 2026." in page_text(page)
    assert 'href="versions/2026-12-01/changes/"' in page
    assert "for a maximum of up to 2 years following the request" in page_text(page)


def test_the_old_version_says_it_is_no_longer_in_force_and_what_replaced_it(site: Path) -> None:
    text = page_text(html(site, "versions/2024-02-01/"))
    assert "This version is no longer in force." in text
    assert "It applied from 1 February 2024 to 30 November 2026 and was replaced by the version of 1 December 2026." in text
    assert "for a maximum of up to 3 years following the request" in text
    french = page_text(html(site, "fr/versions/2024-02-01/"))
    assert "1er décembre 2026" in french and "This version" not in french


def test_the_history_lists_every_version_with_its_state_and_links(site: Path) -> None:
    text = page_text(html(site, "versions/"))
    assert "1 December 2026 In force Adds consent for outbound sales" in text
    assert "1 February 2024 No longer in force First published version" in text
    page = html(site, "versions/")
    assert 'href="2026-12-01/changes/"' in page and 'href="2024-02-01/"' in page and 'href="../feed.xml"' in page


def test_the_changes_page_states_when_it_was_published_and_why_with_less_notice(site: Path) -> None:
    text = page_text(html(site, "versions/2026-12-01/changes/"))

    assert "Published on 26 November 2026, 5 days before it took effect." in text
    assert f"Published with less advance notice than usual SipSim gave this reason: {URGENT}" in text
    assert f'<q lang="en">{escape(URGENT)}</q>' in html(site, "fr/versions/2026-12-01/changes/"), "the reason as given, marked as English"


def test_the_changes_page_summarises_in_terms_of_the_model(site: Path) -> None:
    page = html(site, "versions/2026-12-01/changes/")
    text = page_text(page)
    assert "Compared with the version of 1 February 2024." in text
    assert ("Retention for Processing Customer Requests and Coordinating User Inquiries changed from up to 3 years after the request "
            "to up to 2 years after the request.") in text
    assert "Legal basis added to Outbound Sales: Consent, Art. 6(1)(a) GDPR." in text
    assert 'href="#redline-outbound-sales"' in page and 'href="#redline-customer-support"' in page, "each item links to its place in the full text"
    assert 'id="redline-outbound-sales"' in page and 'id="redline-customer-support"' in page
    assert "<del><span class=\"nt-sr\">Deleted: </span>3<span class=\"nt-sr\"> End of deletion.</span></del>" in page
    assert "<ins><span class=\"nt-sr\">Inserted: </span>2<span class=\"nt-sr\"> End of insertion.</span></ins>" in page


@pytest.mark.parametrize(("prefix", "basis"), [("fr/", "Consentement, art. 6, par. 1, point a) du RGPD"),
                                              ("pl/", "Zgoda, art. 6 ust. 1 lit. a RODO")], ids=["fr", "pl"])
def test_the_changes_page_exists_in_every_language(site: Path, prefix: str, basis: str) -> None:
    page = html(site, f"{prefix}versions/{NEW}/changes/")
    assert f'<html lang="{prefix[:2]}"' in page
    assert basis in page_text(page), "the summary names the added legal basis in the page's language"
    assert 'href="#redline-outbound-sales"' in page


def test_an_upcoming_version_is_announced_and_not_yet_in_force(amended: Path) -> None:
    result = build(amended, amended / "site-2026", env={"NOTICE_TODAY": "2026-11-26"})
    assert result.returncode == 0, result.output

    home = page_text(html(result.site, ""))
    assert "In force since 1 February 2024." in home
    assert "A new version takes effect on 1 December 2026." in home
    upcoming = page_text(html(result.site, f"versions/{NEW}/"))
    assert "This version takes effect on 1 December 2026." in upcoming
    assert "Until then, the version of 1 February 2024 applies." in upcoming


def test_drafts_appear_only_in_a_preview(project: Path) -> None:
    notice(project, "amend", NEW)
    edit(project / DRAFT / "purposes.yml", "Our speciallists conduct", "Our specialists conduct")

    published = build(project, project / "publish", env={"NOTICE_TODAY": "2026-11-26"})
    preview = build(project, project / "preview", strict=False, env={"NOTICE_TODAY": "2026-11-26", "NOTICE_DRAFTS": "1"})

    assert published.returncode == 0 and not (published.site / "versions" / NEW).exists()
    assert preview.returncode == 0
    draft_page = page_text(html(preview.site, f"versions/{NEW}/"))
    assert "Draft, not in force" in draft_page and "has no legal effect" in draft_page
    changes = page_text(html(preview.site, f"versions/{NEW}/changes/"))
    assert "Wording changed in Ensuring Customer Satisfaction." in changes


def test_a_draft_with_stale_translations_warns_in_the_preview(project: Path) -> None:
    notice(project, "amend", NEW)
    edit(project / DRAFT / "purposes.yml", "en: Invoicing\n", "en: Invoicing and billing\n")

    preview = build(project, strict=False, env={"NOTICE_TODAY": "2026-11-26", "NOTICE_DRAFTS": "1"})

    assert preview.returncode == 0
    for language in ("French", "Polish"):
        code = {"French": "fr", "Polish": "pl"}[language]
        assert (f"WARNING -  hooks/mkdocs_notice: {DRAFT}/purposes.yml: purposes.invoicing.title.{code}: expected the {language} text "
                "updated with the English, which changed since 2024-02-01, got the previous translation unchanged") in preview.output


# Feeds and JSON


@pytest.mark.parametrize("prefix", ["", "fr/", "pl/"])
def test_each_language_has_a_valid_atom_feed_with_one_entry_per_version(site: Path, prefix: str) -> None:
    feed = ElementTree.parse(site / prefix / "feed.xml").getroot()

    assert feed.tag == f"{ATOM}feed"
    # RFC 4287 4.1.1: exactly one id, title and updated; an author; a self link
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{tag}")) == 1
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"https://privacy.sipsim.com/{prefix}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}id").text for entry in entries] == [
        f"https://privacy.sipsim.com/{prefix}versions/{NEW}/", f"https://privacy.sipsim.com/{prefix}versions/2024-02-01/",
    ]
    for entry in entries:
        # 4.1.2: exactly one id, title, updated (RFC 3339); a summary; one alternate link per type
        assert all(len(entry.findall(f"{ATOM}{tag}")) == 1 for tag in ("id", "title", "updated", "summary"))
        datetime.fromisoformat(entry.find(f"{ATOM}updated").text.replace("Z", "+00:00"))
        assert len(entry.findall(f"{ATOM}link[@rel='alternate']")) == 1
    assert entries[0].find(f"{ATOM}link[@rel='alternate']").get("href").endswith(f"{prefix}versions/{NEW}/changes/")
    # each entry dates from the day its version was published (the lock records it), the feed from its latest entry
    assert [entry.find(f"{ATOM}published").text for entry in entries] == ["2026-11-26T00:00:00Z", "2024-02-01T00:00:00Z"]
    assert [entry.find(f"{ATOM}updated").text for entry in entries] == ["2026-11-26T00:00:00Z", "2024-02-01T00:00:00Z"]
    assert feed.find(f"{ATOM}updated").text == "2026-11-26T00:00:00Z"
    # each amendment says what its changes mean, in the feed's language; the first version changed nothing
    category = entries[0].find(f"{ATOM}category")
    assert category.get("term") == "material"
    assert category.get("label") == {"": "Material changes", "fr/": "Modifications substantielles", "pl/": "Istotne zmiany"}[prefix]
    assert category.get("scheme") == f"https://privacy.sipsim.com/{prefix}versions/#change-classes"
    assert entries[1].find(f"{ATOM}category") is None


def test_the_feed_parses_without_error_in_a_feed_reader(site: Path) -> None:
    parsed = feedparser.parse((site / "fr" / "feed.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert parsed.entries[0].summary.startswith("Ajoute le consentement")


def test_each_version_is_published_as_json_equal_to_its_data(site: Path, amended: Path) -> None:
    for name in ("2024-02-01", NEW):
        document = json.loads((site / "versions" / f"{name}.json").read_text(encoding="utf-8"))
        folder = amended / "data" / "versions" / name
        data = {key: value for file in folder.glob("*.yml") for key, value in yaml.safe_load(file.read_text()).items()}
        assert document["version"] == name and document["status"] == data.pop("status") == "published"
        assert document["notice"] == data
        assert document["urls"]["fr"] == f"https://privacy.sipsim.com/fr/versions/{name}/"


def test_the_json_index_lists_the_versions(site: Path) -> None:
    index = json.loads((site / "versions" / "index.json").read_text(encoding="utf-8"))
    assert [(row["version"], row["state"]) for row in index["versions"]] == [("2024-02-01", "past"), (NEW, "current")]
    assert [(row["effective"], row["published"], row["classification"], row["urgent"]) for row in index["versions"]] == [
        ("2024-02-01", "2024-02-01", None, None), (NEW, "2026-11-26", "material", URGENT)]
    document = json.loads((site / "versions" / f"{NEW}.json").read_text(encoding="utf-8"))
    assert (document["classification"], document["published"], document["effective"]) == ("material", "2026-11-26", NEW)
    assert index["versions"][1]["summary"]["pl"].startswith("Dodaje zgodę")
