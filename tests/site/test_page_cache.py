"""Published versions are rendered once: later builds take their pages (and the search entries of the searchable
ones) from the store, byte for byte what a build without the store writes, and anything that changes them (data,
templates, catalogs, theme, settings) is rendered again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import ROOT, build, copy_project, edit, notice

EXAMPLE = "2027-01-01"
EXAMPLE_DIR = ROOT / "examples" / "versions" / EXAMPLE
TODAY = "2027-02-01"
STORE = Path(".cache/notice")


def counts(output: str) -> tuple[int, int]:
    """(pages from the store, pages rendered and kept), as the build reports them."""
    match = re.search(r"Pages: (\d+) from the page cache, (\d+) rendered", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the example amendment published: two versions, each with its pages and changes."""
    project = copy_project(tmp_path_factory.mktemp("cache") / "project")
    shutil.copytree(EXAMPLE_DIR, project / "data" / "versions" / EXAMPLE)
    result = notice(project, "publish", "--translations-reviewed", "--urgent", "A test.", today=EXAMPLE)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(published: Path, tmp_path: Path) -> Path:
    """A copy of `published` with an empty store."""
    return Path(shutil.copytree(published, tmp_path / "project", ignore=shutil.ignore_patterns(".cache")))


def built(project: Path, site: str, today: str = TODAY) -> tuple[Path, tuple[int, int]]:
    result = build(project, project.parent / site, env={"NOTICE_TODAY": today})
    assert result.returncode == 0, result.output
    return result.site, counts(result.output)


def test_a_second_build_takes_every_frozen_page_from_the_store_and_writes_the_same_bytes(project: Path) -> None:
    cold, (found, rendered) = built(project, "cold")
    assert (found, rendered) == (0, 21), "3 languages x (2 versions x (version page, changes page) + notice, explorer, history)"
    warm, (found, rendered) = built(project, "warm")
    assert (found, rendered) == (21, 0)
    assert files(warm) == files(cold), "pages, search indexes and all"
    assert '"location":"#rights"' in files(warm)["search/search_index.json"].decode().replace(" ", "")


def test_a_build_without_the_store_writes_the_same_bytes(project: Path, tmp_path: Path) -> None:
    built(project, "first")
    warm, (found, _) = built(project, "warm")
    assert found == 21
    shutil.rmtree(project / STORE)
    cold, (found, rendered) = built(project, "cold")
    assert (found, rendered) == (0, 21)
    assert files(warm) == files(cold)


@pytest.mark.parametrize(("change", "page", "marker"), [
    (("overrides/fragments/notice/notice.html", "<h1", "<p>FRAGMENT-MARK</p>\n<h1"), "versions/2024-02-01/index.html", "FRAGMENT-MARK"),
    (("overrides/fragments/notice/changes.html", '<h1 id="changes">', '<p>CHANGES-MARK</p><h1 id="changes">'),
     "pl/versions/2027-01-01/changes/index.html", "CHANGES-MARK"),
    (("overrides/main.html", "{% extends \"base.html\" %}", "{% extends \"base.html\" %}\n{% block announce %}THEME-MARK{% endblock %}"),
     "fr/versions/2024-02-01/index.html", "THEME-MARK"),
    (("locales/fr/LC_MESSAGES/messages.po", 'msgstr "Politique de confidentialité du %(date)s"',
      'msgstr "CATALOG-MARK du %(date)s"'), "fr/versions/2024-02-01/index.html", "CATALOG-MARK"),
    (("mkdocs.yml", "site_name: SipSim", "site_name: SETTINGS-MARK"), "versions/2027-01-01/changes/index.html", "SETTINGS-MARK"),
])
def test_a_change_to_what_renders_the_pages_renders_them_again(project: Path, change: tuple[str, str, str], page: str, marker: str) -> None:
    before, _ = built(project, "before")
    assert marker not in (before / page).read_text(encoding="utf-8")
    edit(project / change[0], change[1], change[2])
    after, (found, rendered) = built(project, "after")
    assert marker in (after / page).read_text(encoding="utf-8")
    assert rendered > 0


def test_a_new_version_changes_the_pages_of_the_one_it_replaces(project: Path) -> None:
    """The replaced version's banner now says until when it applied and what replaced it, and the consent widget
    on every page names the new version in force: nothing is taken from the store that no longer holds."""
    built(project, "before", today="2027-05-01")
    assert notice(project, "amend", "2027-06-01", today="2027-05-01").returncode == 0
    draft = project / "data" / "versions" / "2027-06-01"
    edit(draft / "purposes.yml", "analysis helps us identify areas", "analysis helps us to identify areas")
    edit(draft / "version.yml", "  en: TODO\n  fr: TODO\n  pl: TODO\n", "  en: Wording.\n  fr: Rédaction.\n  pl: Redakcja.\n")
    assert notice(project, "publish", "--translations-reviewed", today="2027-05-01").returncode == 0
    after, (found, rendered) = built(project, "after", today="2027-07-01")
    page = (after / "versions" / EXAMPLE / "index.html").read_text(encoding="utf-8")
    assert "It applied from 1 January 2027 to 31 May 2027 and was replaced by the version of 1 June 2027." in page
    oldest = (after / "versions" / "2024-02-01" / "changes" / "index.html").read_text(encoding="utf-8")
    assert '"notice": {"latest": "2027-06-01", "url": "https://privacy.sipsim.com/versions/2027-06-01/", "version": "2027-06-01"}' in oldest
    assert (found, rendered) == (0, 27), "every page: the consent widget names the version in force"


def test_editing_a_draft_renders_only_the_draft_and_the_history(project: Path) -> None:
    """The legal team's preview: published versions, the notice in force and the explorer come from the store while a
    draft is edited; the draft's pages are rendered, and the history, which lists it, when what it shows changes."""
    assert notice(project, "amend", "2027-06-01", today="2027-05-01").returncode == 0
    draft = project / "data" / "versions" / "2027-06-01"
    environment = {"NOTICE_TODAY": "2027-05-01", "NOTICE_DRAFTS": "1"}
    first = build(project, project.parent / "first", env=environment, strict=False)
    assert first.returncode == 0, first.output
    assert counts(first.output) == (0, 27)
    edit(draft / "purposes.yml", "analysis helps us identify areas", "analysis helps us to identify areas")
    second = build(project, project.parent / "second", env=environment, strict=False)  # a stale translation is a warning
    assert second.returncode == 0, second.output
    assert counts(second.output) == (21, 6), "found: 3 languages x (2 versions x 2 pages + notice + explorer + history)"
    assert "analysis helps us to identify areas" in (project.parent / "second" / "versions" / "2027-06-01" / "index.html").read_text(encoding="utf-8")
    edit(draft / "version.yml", "en: TODO", "en: Clearer wording of the analysis of customer usage.")
    third = build(project, project.parent / "third", env=environment, strict=False)
    assert third.returncode == 0, third.output
    assert counts(third.output) == (18, 9), "the history shows the draft's summary"
    assert "Clearer wording of the analysis of customer usage." in (project.parent / "third" / "versions" / "index.html").read_text(encoding="utf-8")


def test_a_damaged_entry_is_rendered_again(project: Path) -> None:
    cold, _ = built(project, "cold")
    for entry in (project / STORE).rglob("*"):
        if entry.is_file() and entry.parent.name != "jinja":
            entry.write_bytes(entry.read_bytes()[:-10])
    again, (found, rendered) = built(project, "again")
    assert (found, rendered) == (0, 21)
    assert files(again) == files(cold)


def test_a_store_that_cannot_be_written_makes_the_build_slower_not_wrong(project: Path) -> None:
    (project / "not-a-folder").write_text("a file", encoding="utf-8")
    result = build(project, project.parent / "site", env={"NOTICE_TODAY": TODAY, "NOTICE_CACHE": str(project / "not-a-folder")})
    assert result.returncode == 0, result.output
    assert "The page cache could not be written (the build is only slower)" in result.output
    assert counts(result.output) == (0, 21)


def test_a_preview_keeps_one_parsed_snapshot_per_folder_however_often_a_draft_is_saved(tmp_path: Path) -> None:
    """What the loader keeps between rebuilds (parsed snapshots, file digests, listings, the lock) is one entry per
    place, replaced when its content changes: a day of saves does not grow the preview's memory."""
    from datetime import date

    from support import LANGUAGES

    from notice import load, versions

    project = copy_project(tmp_path / "project")
    assert notice(project, "amend", "2027-03-01", today="2026-11-30").returncode == 0
    draft = project / "data/versions/2027-03-01/purposes.yml"
    text = draft.read_text(encoding="utf-8")
    for save in range(6):
        draft.write_text(text.replace("Our speciallists conduct", f"Our specialists ({save}) conduct"), encoding="utf-8")
        loaded = versions.load_history(project / "data", date(2026, 11, 30), LANGUAGES)
        assert f"specialists ({save})" in str(loaded.versions[-1].notice.purposes), "the newest save is what is read"

    def mine(keys: object) -> list[str]:
        return [str(key) for key in keys if str(project) in str(key)]  # type: ignore[attr-defined]

    assert len(mine(versions._CACHE)) == 2, "the published version and the draft"
    assert len(mine(versions._DIGESTS)) == len(mine(set(project.glob("data/versions/*/*.yml"))))
    assert len(mine(load._LISTINGS)) == 2 and len(mine(versions._LOCKS)) == 1
