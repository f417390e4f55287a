"""`notice amend` and `notice publish` as the legal team runs them: they either do the whole job or leave the
repository as it was, and say why in one line, from wherever in the project they are run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import FIRST_VERSION, build, edit, line_of, notice

TODAY = "2026-11-30"
NEW = "2027-03-01"
DRAFT = f"data/versions/{NEW}"
SUMMARY = "summary:\n  en: Wording.\n  fr: Rédaction.\n  pl: Redakcja.\n"


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None)
            for path in sorted((root / "data").rglob("*"))}


def ready_draft(project: Path, status: str = "status: draft") -> Path:
    assert notice(project, "amend", NEW).returncode == 0
    draft = project / DRAFT
    edit(draft / "purposes.yml", "Our speciallists conduct", "Our specialists conduct")
    edit(draft / "version.yml", "summary:\n  en: TODO\n  fr: TODO\n  pl: TODO\n", SUMMARY)
    edit(draft / "version.yml", "status: draft", status)
    return draft


@pytest.mark.parametrize("status", ['status: "draft"', "status: 'draft'", "status: draft  # publish in March", "status:   draft",
                                    "status: >-\n  draft", "status: |-\n  draft"],
                         ids=["double-quoted", "single-quoted", "commented", "spaced", "folded", "literal"])
def test_a_draft_is_published_however_its_status_is_written(project: Path, status: str) -> None:
    draft = ready_draft(project, status)

    result = notice(project, "publish", "--translations-reviewed")

    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((draft / "version.yml").read_text(encoding="utf-8"))["status"] == "published"
    if "#" in status:
        assert "# publish in March" in (draft / "version.yml").read_text(encoding="utf-8"), "the editors' comment is kept"
    assert NEW in yaml.safe_load((project / "data/notice.lock").read_text(encoding="utf-8"))
    assert build(project, env={"NOTICE_TODAY": TODAY}).returncode == 0, "the published version passes the lock check"


def test_a_version_dated_before_the_latest_published_one_is_never_published(project: Path) -> None:
    """Published, it would silently undo the later version on its date and rewrite that version's changes page."""
    ready_draft(project)
    assert notice(project, "publish", "--translations-reviewed").returncode == 0
    earlier = project / "data/versions/2027-01-15"
    shutil.copytree(project / DRAFT, earlier)
    edit(earlier / "version.yml", "status: published", "status: draft")
    edit(earlier / "purposes.yml", "Our specialists conduct", "Our own specialists conduct")
    before = snapshot(project)

    result = notice(project, "publish", "2027-01-15", "--translations-reviewed")

    assert result.returncode == 1
    assert ("data/versions/2027-01-15: expected an effective date after the latest published version (2027-03-01): a version dated "
            "before it would silently undo it, got 2027-01-15") in result.stderr
    assert snapshot(project) == before


def test_the_changes_page_of_a_published_version_compares_with_its_locked_base(project: Path) -> None:
    ready_draft(project)
    assert notice(project, "publish", "--translations-reviewed").returncode == 0

    lock = yaml.safe_load((project / "data/notice.lock").read_text(encoding="utf-8"))

    assert lock[NEW]["base"].isoformat() == "2024-02-01"
    result = build(project, env={"NOTICE_TODAY": NEW})
    page = (result.site / f"versions/{NEW}/changes/index.html").read_text(encoding="utf-8")
    assert "Compared with the version of 1 February 2024." in page


def test_publishing_with_an_unwritable_lock_changes_nothing(project: Path) -> None:
    ready_draft(project)
    lock = project / "data/notice.lock"
    content = lock.read_bytes()
    lock.unlink()
    lock.mkdir()
    (lock / "notice.lock").write_bytes(content)
    before = snapshot(project)

    result = notice(project, "publish", "--translations-reviewed")

    assert result.returncode == 1
    assert "data/notice.lock: expected a readable file, got Is a directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_amend_copies_only_the_data_files(project: Path) -> None:
    (project / FIRST_VERSION / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")

    result = notice(project, "amend", NEW)

    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (project / DRAFT).iterdir()) == sorted(
        ["audiences.yml", "controllers.yml", "cookies.yml", "notice.yml", "purposes.yml", "rights.yml", "transfers.yml", "version.yml",
         "vocabulary.yml"])


def test_amend_where_a_file_of_that_date_exists_changes_nothing(project: Path) -> None:
    (project / DRAFT).write_text("notes\n", encoding="utf-8")
    before = snapshot(project)

    result = notice(project, "amend", NEW)

    assert result.returncode == 1
    assert f"{DRAFT}: expected only version folders named YYYY-MM-DD here, got a file" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("folder", ["docs", "data/versions/2024-02-01", "overrides/fragments"])
def test_commands_find_the_project_from_any_folder_in_it(project: Path, folder: str) -> None:
    result = notice(project / folder, "check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Checked 2024-02-01 (current) and the catalogs.")


def test_schema_is_written_at_the_project_root_wherever_it_is_run(project: Path) -> None:
    shutil.rmtree(project / "schema", ignore_errors=True)

    result = notice(project / "docs", "schema")

    assert result.returncode == 0, result.stderr
    assert (project / "schema/purposes.schema.json").is_file()
    assert not (project / "docs/schema").exists(), "never published on the site by accident"


def test_outside_a_project_the_command_says_so(tmp_path: Path) -> None:
    result = notice(tmp_path, "check")

    assert result.returncode == 2
    assert f"no mkdocs.yml in {tmp_path.resolve()} or any folder above it: run `notice` inside the project, or give --root" in result.stderr
    assert "Traceback" not in result.stderr


def test_diff_in_the_wrong_order_says_so(project: Path) -> None:
    ready_draft(project)

    result = notice(project, "diff", NEW, "2024-02-01")

    assert result.returncode == 0
    assert ("Note: 2027-03-01 is later than 2024-02-01, so this shows the changes going back in time "
            "(`notice diff 2024-02-01 2027-03-01` shows them as they were made).") in result.stderr
    assert "[-specialists-][+speciallists+]" in result.stdout


def test_the_notice_program_reports_a_mistake_without_a_traceback(project: Path) -> None:
    """The tests run the command line in-process; once, the installed program itself."""
    notice_program = Path(sys.executable).with_name("notice")
    environment = {**os.environ, "NOTICE_TODAY": TODAY}

    checked = subprocess.run([str(notice_program), "check"], cwd=project / "docs", capture_output=True, text=True, env=environment, timeout=120)
    refused = subprocess.run([str(notice_program), "amend", "2027-02-30"], cwd=project, capture_output=True, text=True, env=environment,
                             timeout=120)

    assert checked.returncode == 0 and checked.stdout.startswith("Checked 2024-02-01 (current)")
    assert refused.returncode == 2 and "expected a real date written YYYY-MM-DD, got 2027-02-30 (February 2027 has 28 days)" in refused.stderr
    assert "Traceback" not in refused.stderr


MATERIAL_EDIT = ("period: up to 3 years\n        after: request", "period: up to 4 years\n        after: request")


@pytest.mark.parametrize(("today", "published"), [("2027-02-20", False), ("2027-01-30", True)], ids=["9-days", "30-days"])
def test_a_material_change_is_published_with_the_advance_notice(project: Path, today: str, published: bool) -> None:
    ready_draft(project)
    edit(project / DRAFT / "purposes.yml", *MATERIAL_EDIT)
    before = snapshot(project)

    result = notice(project, "publish", "--translations-reviewed", today=today)

    assert (result.returncode == 0) is published, result.stderr
    if not published:
        assert (f"{DRAFT}/version.yml: expected publication at least 30 days before 2027-03-01, as it makes material changes "
                "(purposes.customer-support (retention)), or an urgent reason (notice publish --urgent \"the legal obligation that requires it\"), "
                "got 9 days") in result.stderr
        assert snapshot(project) == before


def test_an_urgent_reason_publishes_it_sooner_and_is_recorded(project: Path) -> None:
    ready_draft(project)
    edit(project / DRAFT / "purposes.yml", *MATERIAL_EDIT)

    result = notice(project, "publish", "--translations-reviewed", "--urgent", "Ordered by the regulator on 15 February 2027.", today="2027-02-20")

    assert result.returncode == 0, result.stderr
    lock = yaml.safe_load((project / "data/notice.lock").read_text(encoding="utf-8"))
    assert lock[NEW]["urgent"] == "Ordered by the regulator on 15 February 2027."


@pytest.mark.parametrize("reason", ["", "two\nlines", "<b>bold</b>", "\x1b[2J"])
def test_an_urgent_reason_is_one_line_of_plain_text(project: Path, reason: str) -> None:
    ready_draft(project)

    result = notice(project, "publish", "--urgent", reason, today="2027-02-20")

    assert result.returncode == 2 and "--urgent: expected the reason as one line of plain text" in result.stderr


def test_an_editorial_change_needs_no_advance_notice(project: Path) -> None:
    ready_draft(project)

    result = notice(project, "publish", "--translations-reviewed", today="2027-02-28")

    assert result.returncode == 0, result.stderr


def test_check_warns_of_a_draft_that_could_not_be_published_today(project: Path) -> None:
    ready_draft(project)
    edit(project / DRAFT / "purposes.yml", *MATERIAL_EDIT)

    result = notice(project, "check", today="2027-02-20")

    assert result.returncode == 0, "a warning, not an error: the draft may be published later"
    assert "warning expected publication at least 30 days before 2027-03-01, as it makes material changes" in result.stdout


def test_check_warns_of_a_draft_dated_before_the_latest_published_version(project: Path) -> None:
    """`notice publish` would refuse it (it would silently undo the later version on its date): check says so first."""
    ready_draft(project)
    assert notice(project, "publish", "--translations-reviewed").returncode == 0
    assert notice(project, "amend", "2027-01-15").returncode == 2, "amend refuses the date: the folder is copied by hand"
    shutil.copytree(project / DRAFT, project / "data/versions/2027-01-15")
    edit(project / "data/versions/2027-01-15/version.yml", "status: published", "status: draft")

    result = notice(project, "check", today="2026-12-01")

    assert result.returncode == 0, "a warning, not an error"
    assert ("data/versions/2027-01-15\n  -:    warning expected an effective date after the latest published version (2027-03-01): "
            "a version dated before it would silently undo it, got 2027-01-15") in result.stdout


def test_an_override_that_covers_no_change_is_refused(project: Path) -> None:
    ready_draft(project)
    (project / DRAFT / "version.yml").write_text((project / DRAFT / "version.yml").read_text(encoding="utf-8") + """overrides:
  - change: purposes.invoicing.retention
    class: editorial
    reason:
      en: Same period.
      fr: Même durée.
      pl: Ten sam okres.
""", encoding="utf-8")

    result = notice(project, "publish", "--translations-reviewed")

    assert result.returncode == 1
    assert (f"{DRAFT}/version.yml:{line_of(project / DRAFT / 'version.yml', 'change: purposes.invoicing.retention')}: overrides[0].change: "
            "expected a change this version makes against 2024-02-01, got 'purposes.invoicing.retention', which changes nothing") in result.stderr
