"""The whole notice, and the interface around it, in English, French and Polish, from one build."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support import FIRST_VERSION, ROOT, build, edit, page_text

LANGUAGES = {"en": "", "fr": "fr/", "pl": "pl/"}


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES.items(), ids=list(LANGUAGES))
def test_each_language_has_its_page_with_its_html_lang(site: Path, language: str, prefix: str) -> None:
    assert f'<html lang="{language}"' in html_of(site, prefix)


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("fr/", ["Table des matières", "Rechercher", "Passer au mode sombre", "Politique de confidentialité en vigueur depuis le 1er février 2024",
              "Base juridique", "Aller au contenu"]),
     ("pl/", ["Spis treści", "Szukaj", "Przełącz na tryb ciemny", "Polityka prywatności obowiązująca od 1 lutego 2024 r.", "Podstawa prawna",
              "Przejdź do treści"])],
    ids=["fr", "pl"],
)
def test_the_interface_around_the_notice_is_translated(site: Path, prefix: str, words: list[str]) -> None:
    html = html_of(site, prefix)
    for word in words:
        assert word in html


@pytest.mark.parametrize("prefix", ["", "fr/", "pl/"])
def test_the_switcher_leads_to_the_same_page_in_each_language(site: Path, prefix: str) -> None:
    html = html_of(site, prefix)
    switcher = re.search(r'<ul class="md-select__list">(.*?)</ul>', html, re.S)
    assert switcher is not None
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link"( aria-current="page")?', switcher.group(1))
    here = f"https://host/{prefix}"
    assert {language: urljoin(here, href) for href, language, _ in links} == {
        "en": "https://host/", "fr": "https://host/fr/", "pl": "https://host/pl/",
    }
    assert [language for _, language, current in links if current] == [prefix.strip("/") or "en"]


def test_the_sitemap_gives_each_page_its_language_alternates(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<loc>https://privacy.sipsim.com/fr/</loc>(.*?)</url>", sitemap, re.S)
    assert entry is not None
    assert re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry.group(1)) == [
        ("en", "https://privacy.sipsim.com/"), ("fr", "https://privacy.sipsim.com/fr/"),
        ("pl", "https://privacy.sipsim.com/pl/"), ("x-default", "https://privacy.sipsim.com/"),
    ]


@pytest.mark.parametrize("prefix", ["fr/", "pl/"])
def test_no_english_sentence_remains_in_the_other_languages(site: Path, prefix: str) -> None:
    english = page_text(html_of(site, ""), root=None)
    other = page_text(html_of(site, prefix), root=None)
    proper_names = {"PG TELECOM Spolka z o.o.", "PG TELECOM Spolka z o.o., ul."}  # the controller and its address, never translated
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+", english) if len(s.split()) >= 3 and s not in proper_names]
    assert len(sentences) > 250
    assert [s for s in sentences if s in other] == []


@pytest.mark.parametrize(
    ("prefix", "lang", "pipeline", "word"),
    [("", ["en"], ["stopWordFilter"], "retained"), ("fr/", ["fr"], ["stopWordFilter"], "conservées"), ("pl/", ["en"], [], "przechowywane")],
    ids=["en", "fr", "pl"],
)
def test_each_language_has_its_own_search_index(site: Path, prefix: str, lang: list[str], pipeline: list[str], word: str) -> None:
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == lang and index["config"]["pipeline"] == pipeline
    assert all(not doc["location"].startswith(("fr/", "pl/")) for doc in index["docs"])
    assert any(word in doc["text"] for doc in index["docs"])


def test_an_empty_translation_in_the_data_stops_the_build(project: Path) -> None:
    path = project / FIRST_VERSION / "vocabulary.yml"
    edit(path, "      fr: Prestataire d’hébergement\n", "      fr: ' '\n")

    result = build(project)

    assert result.returncode == 1
    assert "recipients[0].name.fr: expected the French text ('fr') to be non-empty, got \" \"" in result.output
    assert not result.site.exists()


def test_a_missing_catalog_translation_stops_the_build(project: Path) -> None:
    edit(project / "locales/pl/LC_MESSAGES/messages.po", 'msgstr "Okres przechowywania:"', 'msgstr ""')

    result = build(project)

    assert result.returncode == 1
    assert 'locales/pl/LC_MESSAGES/messages.po:' in result.output
    assert 'msgid "Retention Period:": expected a Polish translation, got an empty msgstr' in result.output
    assert not result.site.exists()


def test_a_fuzzy_catalog_entry_is_a_warning_and_fails_the_strict_build(project: Path) -> None:
    edit(project / "locales/fr/LC_MESSAGES/messages.po", 'msgid "Legal Basis:"', '#, fuzzy\nmsgid "Legal Basis:"')

    lenient = build(project, strict=False)
    strict = build(project, project / "strict-site")

    assert lenient.returncode == 0
    assert 'WARNING -  hooks/mkdocs_notice: locales/fr/LC_MESSAGES/messages.po:' in lenient.output
    assert 'msgid "Legal Basis:": expected a reviewed French translation' in lenient.output
    assert strict.returncode == 1 and "Aborted with 1 warnings in strict mode!" in strict.output


def test_the_catalogs_in_the_repository_match_the_sources() -> None:
    """`locales/messages.pot` is what `pybabel extract -F babel.cfg` makes of the sources today."""
    from notice.locale import extract_messages

    template = (ROOT / "locales/messages.pot").read_text(encoding="utf-8")
    in_template = set(re.findall(r'^msgid "(.+)"$', template, re.M))
    assert set(m for m in extract_messages(ROOT) if isinstance(m, str) and len(m) < 70) <= in_template


@pytest.mark.parametrize(("prefix", "label"), [("", "Search"), ("fr/", "Recherche"), ("pl/", "Szukaj")])
def test_the_search_dialog_is_named_in_the_page_language(site: Path, prefix: str, label: str) -> None:
    """Its name comes from Material's translations, read once per language (the adapter mends the dialog)."""
    assert f'class="md-search" data-md-component="search" role="dialog" aria-label="{label}"' in html_of(site, prefix)


@pytest.mark.parametrize(("prefix", "subtitle", "banner", "wrong"), [
    ("fr/", "applicable à compter du 1er février 2024", "En vigueur depuis le 1er février 2024.", r"\b1 février|\b1er\s+er"),
    ("pl/", "obowiązuje od 1 lutego 2024 r.", "Obowiązuje od 1 lutego 2024 r.", r"\b2024(?! r\.)|r\.\."),
], ids=["fr", "pl"])
def test_generated_dates_are_written_as_the_notice_writes_its_own(site: Path, prefix: str, subtitle: str, banner: str, wrong: str) -> None:
    """The notice's subtitle (the legal text) and every date the site generates agree: French "1er février 2024",
    Polish "1 lutego 2024 r." (and no second period when such a date ends a sentence)."""
    page = page_text(html_of(site, prefix))
    assert subtitle in page and banner in page
    for path in sorted((site / prefix).rglob("*.html")) + [site / prefix / "feed.xml"]:
        text = page_text(path.read_text(encoding="utf-8"), root=None)
        assert not re.search(wrong, re.sub(r"https?://\S+|\d{4}-\d{2}-\d{2}", "", text)), path.relative_to(site)
