"""Each kind of page is one class: its URL, what it depends on, how it renders; the site keeps the list."""

from __future__ import annotations

import json
from datetime import date
from xml.etree import ElementTree
from pathlib import Path

import pytest
from support import LANGUAGES, ROOT, copy_project, edit, notice

from notice.errors import DataError
from notice.model import ChangeClass
from notice.pages import KINDS, Page
from notice.settings import load_settings
from notice.site import Site, load_site

TODAY = date(2026, 11, 30)
SITE_URL = "https://privacy.sipsim.com/"


def site_of(project: Path, drafts: bool = True) -> Site:
    return load_site(project, TODAY, SITE_URL, drafts, load_settings(project / "mkdocs.yml", "mkdocs.yml"))


@pytest.fixture(scope="module")
def real() -> Site:
    return site_of(ROOT, drafts=False)


def test_every_page_has_the_url_of_the_contract(real: Site) -> None:
    urls = [page.url for page in real.pages]
    assert urls[:5] == ["", "personal-data/", "versions/", "versions/2024-02-01/", "versions/2024-02-01/changes/"]
    assert {url for url in urls if url.startswith("fr/")} == {"fr/" + url for url in urls[:5]}
    assert len(urls) == len(set(urls)) == 5 * len(LANGUAGES)


def test_the_registry_holds_each_kind_once(real: Site) -> None:
    assert [kind.name for kind in real.kinds.values()] == ["notice", "explorer", "history", "version", "changes"]
    assert {type(kind) for kind in real.kinds.values()} == set(KINDS)


def test_each_page_declares_exactly_what_its_content_depends_on(tmp_path: Path) -> None:
    """Editing a draft's wording changes the inputs of its own pages and of no other: the history shows its date,
    state, summary and the class of its changes, which a wording fix leaves as they were."""
    project = copy_project(tmp_path / "project")
    assert notice(project, "amend", "2027-03-01", today=TODAY.isoformat()).returncode == 0
    before = site_of(project)
    edit(project / "data/versions/2027-03-01/purposes.yml", "Our speciallists conduct", "Our specialists conduct")
    after = site_of(project)

    assert changed_pages(before, after) == {f"{root}versions/2027-03-01/{page}" for root in ("", "fr/", "pl/") for page in ("", "changes/")}


@pytest.mark.parametrize("file, old, new", [
    ("version.yml", "en: TODO", "en: Clearer wording."),  # its summary
    ("purposes.yml", "data_categories: [customer-account, call-sms-metadata]",  # a purpose gains a category: material
     "data_categories: [customer-account, call-sms-metadata, customer-payment]"),
])
def test_the_history_follows_what_its_rows_show_of_a_draft(tmp_path: Path, file: str, old: str, new: str) -> None:
    project = copy_project(tmp_path / "project")
    assert notice(project, "amend", "2027-03-01", today=TODAY.isoformat()).returncode == 0
    before = site_of(project)
    edit(project / "data/versions/2027-03-01" / file, old, new)
    after = site_of(project)

    assert {f"{root}versions/" for root in ("", "fr/", "pl/")} <= changed_pages(before, after)
    if file == "purposes.yml":
        assert after.change_class(after.history.versions[-1]) == ChangeClass.material != before.change_class(before.history.versions[-1])


@pytest.mark.parametrize("old, new", [("published: 2026-11-30", "published: 2026-11-29"),  # "Published on …, 91 days before"
                                      ("  base: 2024-02-01\n", "  base: 2024-02-01\n  urgent: Ordered by the regulator.\n")])
def test_a_changes_page_follows_what_the_lock_recorded_of_its_publication(tmp_path: Path, old: str, new: str) -> None:
    """The page states the day of publication and any urgent reason, which are in the lock, not in the version's files."""
    project = published_amendment(tmp_path, ("purposes.yml", "Our speciallists conduct", "Our specialists conduct"))
    before = site_of(project, drafts=False)
    edit(project / "data/notice.lock", old, new)
    after = site_of(project, drafts=False)

    assert {f"{root}versions/2027-03-01/changes/" for root in ("", "fr/", "pl/")} <= changed_pages(before, after)
    page = after.page("changes", "en", "2027-03-01")
    assert after.render(page) != before.render(page)


def published_amendment(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A project whose version of 2027-03-01, amended by `edits` (file, old, new), is published today."""
    project = copy_project(tmp_path / "project")
    assert notice(project, "amend", "2027-03-01", today=TODAY.isoformat()).returncode == 0
    draft = project / "data/versions/2027-03-01"
    for file, old, new in edits:
        edit(draft / file, old, new)
    edit(draft / "version.yml", "summary:\n  en: TODO\n  fr: TODO\n  pl: TODO\n", "summary:\n  en: Wording.\n  fr: Rédaction.\n  pl: Redakcja.\n")
    result = notice(project, "publish", "--translations-reviewed", today=TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("edit_made, term, labels", [
    (("purposes.yml", "Our speciallists conduct", "Our specialists conduct"), "editorial",
     {"en": "Editorial changes only", "fr": "Modifications rédactionnelles uniquement", "pl": "Wyłącznie zmiany redakcyjne"}),
    (("purposes.yml", "recipients: [billing-tools, payment-providers]", "recipients: [billing-tools]"), "less_processing",
     {"en": "Less processing", "fr": "Traitements réduits", "pl": "Ograniczenie przetwarzania"}),
], ids=["editorial", "less-processing"])
def test_the_feed_and_the_json_give_each_class_with_its_label_in_the_feeds_language(tmp_path: Path, edit_made: tuple[str, str, str],
                                                                                     term: str, labels: dict[str, str]) -> None:
    site = site_of(published_amendment(tmp_path, edit_made), drafts=False)

    for language, label in labels.items():
        feed = ElementTree.fromstring(site.feed(language))
        category = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}category")
        assert category is not None and (category.get("term"), category.get("label")) == (term, label)
    index = json.loads(next(asset.content for asset in site.assets() if asset.path == "versions/index.json"))
    assert [row["classification"] for row in index["versions"]] == [None, term]


def changed_pages(before: Site, after: Site) -> set[str]:
    return {page.url for page in after.pages if page.kind.inputs(before, page) != page.kind.inputs(after, page)}


def test_a_page_renders_the_same_for_the_same_inputs(real: Site) -> None:
    page = real.page("changes", "fr", "2024-02-01")
    first = real.render(page)
    real.cache.clear()
    assert real.render(page) == first
    assert isinstance(page, Page) and page.url == "fr/versions/2024-02-01/changes/"


def test_a_version_folder_is_looked_at_again_when_its_entries_change(tmp_path: Path) -> None:
    """A preview keeps each version folder's listing, and the version parsed, while nothing in it changes: a file added
    to a published version's folder is reported at the next load in the same process (its digests do not show it),
    and once it is removed the version loads again."""
    project = copy_project(tmp_path / "project")
    folder = project / "data" / "versions" / "2024-02-01"
    site_of(project)
    (folder / "notes.txt").write_text("to do", encoding="utf-8")

    with pytest.raises(DataError) as error:
        site_of(project)
    assert [problem.file for problem in error.value.problems] == ["data/versions/2024-02-01/notes.txt"]

    (folder / "notes.txt").unlink()
    assert site_of(project).history.versions[0].name == "2024-02-01"
