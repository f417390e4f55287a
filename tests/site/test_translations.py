"""The French and Polish texts keep the GDPR's terms, one term per notion, and French typography, in the data of
every version (the example amendment included), in the catalogs and on the built pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from support import ROOT, page_text

SNAPSHOTS = sorted([*(ROOT / "data/versions").iterdir(), *(ROOT / "examples/versions").iterdir()])
FIRST = ROOT / "data/versions/2024-02-01"
EXAMPLE = ROOT / "examples/versions/2027-01-01"


def texts(snapshot: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Every text of a snapshot as (place, {en, fr, pl})."""
    def walk(node: object, place: str) -> Iterator[tuple[str, dict[str, str]]]:
        if isinstance(node, dict):
            if {"en", "fr", "pl"} <= set(node):
                yield place, node  # type: ignore[misc]
                return
            for key, value in node.items():
                yield from walk(value, f"{place}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{place}[{index}]")

    for file in sorted(snapshot.glob("*.yml")):
        yield from walk(yaml.safe_load(file.read_text(encoding="utf-8")), f"{snapshot.parent.parent.name}/{snapshot.name}/{file.name}")


def catalog(language: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every message of a catalog, each plural form on its own."""
    with (ROOT / f"locales/{language}/LC_MESSAGES/messages.po").open("rb") as file:
        messages = read_po(file)
    pairs = []
    for message in messages:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(ids[min(index, len(ids) - 1)], string) for index, string in enumerate(strings)]
    return pairs


def all_of(language: str) -> list[tuple[str, str]]:
    """(place, text) of every text in that language: all snapshots, then the catalog."""
    return ([(place, text[language]) for snapshot in SNAPSHOTS for place, text in texts(snapshot)]
            + [(f"messages.po: {msgid!r}", msgstr) for msgid, msgstr in catalog(language)])


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_data_and_catalogs_are_read_whole() -> None:
    assert [snapshot.name for snapshot in SNAPSHOTS] == ["2024-02-01", "2027-01-01"]
    assert len(list(texts(FIRST))) > 200 and len(catalog("fr")) > 150 and len(catalog("pl")) > 150


# French


def test_french_puts_a_no_break_space_before_high_punctuation_and_inside_guillemets() -> None:
    wrong = [(place, match.group(0)) for place, text in all_of("fr")
             for match in re.finditer(r"(?:[^\u00a0\u202f]|^)[;:!?»]|«[^\u00a0\u202f]", re.sub(r"(?:https?|mailto|tel):\S*", "", text))]
    assert wrong == []
    assert sum(text.count("\u00a0:") for _, text in all_of("fr")) > 50, "the rule is the no-break space the texts use"


def test_french_keeps_sous_traitant_for_processors_only() -> None:
    for place, text in (pair for snapshot in SNAPSHOTS for pair in texts(snapshot)):
        if re.search(r"(?i)sous-traitant", text["fr"]):
            assert "Processor" in text["en"], f"{place}: 'sous-traitant' where the English has no processor"
        if re.search(r"(?i)subcontractor", text["en"]):
            assert not re.search(r"(?i)sous-traitant", text["fr"]), f"{place}: a subcontractor is a 'prestataire'"
            assert re.search(r"(?i)prestataire", text["fr"]), place


def test_french_has_one_term_for_an_email_address(site: Path) -> None:
    assert [place for place, text in all_of("fr") if re.search(r"(?i)adresses? e-?mail|^e-?mail\s*:", text)] == []
    for url in ("fr/", "fr/personal-data/"):
        page = page_text(html_of(site, url), root=None)
        assert "adresse électronique" in page.lower() and not re.search(r"(?i)adresses? e-?mail", page)


def test_french_writes_d_un_an_and_section_ranges_in_words(site: Path) -> None:
    assert [place for place, text in all_of("fr") if re.search(r"\bde 1 an\b", text)] == []
    assert [place for place, text in all_of("fr") if re.search(r"\b\d{1,2}-\d{1,2}\b", text)] == []
    page = page_text(html_of(site, "fr/"))
    assert "durée maximale d’un an" in page
    assert "les sections 1 et 5 à 12" in page and "les sections 3 et 5 à 12" in page


def test_the_french_filter_status_has_no_plural_to_agree(site: Path) -> None:
    [showing] = re.findall(r'data-showing="([^"]*)"', html_of(site, "fr/personal-data/"))
    assert showing.startswith("Catégories de Données personnelles affichées")
    for shown in (0, 1, 2):
        status = showing.replace("%(shown)s", str(shown)).replace("%(total)s", "20")
        assert not re.search(r"\d+ catégories", status), status


def test_french_names_the_supervisory_authorities_as_the_gdpr_does(site: Path) -> None:
    page = page_text(html_of(site, "fr/"))
    assert "autorités de contrôle de l’UE" in page
    assert "(APD)" not in page and "autorités de protection des données" not in page


# Polish


def test_polish_names_the_supervisory_authorities_as_the_gdpr_does(site: Path) -> None:
    page = page_text(html_of(site, "pl/"))
    assert "organami nadzorczymi" in page
    assert "(DPA)" not in page and "organami ochrony danych" not in page


def test_polish_has_one_term_for_outbound_sales() -> None:
    texts_pl = all_of("pl")
    assert [place for place, text in texts_pl if re.search(r"(?i)sprzeda\w*\s+wychodząc", text)] == []
    assert sum(bool(re.search(r"(?i)sprzeda\w*\s+aktywn", text)) for _, text in texts_pl) >= 8


def test_polish_writes_section_ranges_with_an_en_dash() -> None:
    assert [place for place, text in all_of("pl") if re.search(r"\b\d{1,2}-\d{1,2}\b", text)] == []
    assert sum("sekcje 1 i 5–" in text for _, text in all_of("pl")) == 2


def test_polish_says_giving_consent_one_way() -> None:
    assert [place for place, text in all_of("pl") if re.search(r"(?i)udziel\w*\s+(?:\w+\s+){0,2}zgod", text)] == []
    assert dict(catalog("pl"))["%(period)s after consent is given"] == "%(period)s od wyrażenia zgody"


def test_polish_translates_carriers_and_operators_as_the_english_says() -> None:
    names = {text["pl"] for snapshot in SNAPSHOTS for place, text in texts(snapshot)
             if text["en"] == "Telecommunication carriers and operators"}
    assert names == {"Przewoźnicy i operatorzy telekomunikacyjni"}


def test_polish_names_the_strictly_necessary_category_in_full() -> None:
    names = {text["pl"] for snapshot in SNAPSHOTS for place, text in texts(snapshot)
             if text["en"] == "Strictly Necessary (Technical) Cookies"}
    assert names == {"Ściśle niezbędne (techniczne) pliki cookie"}
    naming = [(msgid, msgstr) for msgid, msgstr in catalog("pl") if "strictly necessary" in msgid.lower()]
    assert len(naming) == 3
    assert [msgid for msgid, msgstr in naming if "ściśle niezbędn" not in msgstr.lower()] == []


def test_polish_says_that_no_cookie_of_the_category_is_set(site: Path) -> None:
    note = dict(catalog("pl"))["No cookie of this category is set."]
    assert note == "Żaden plik cookie tej kategorii nie jest zapisywany."
    assert note in page_text(html_of(site, "pl/"))


# All languages


@pytest.mark.parametrize(
    ("prefix", "purpose", "none"),
    [("", "Keeps your cookie choice so that we do not ask again on every page.", "No cookie of this category is set."),
     ("fr/", "Conserve votre choix en matière de cookies afin que nous ne vous le demandions pas à nouveau sur chaque page.",
      "Aucun cookie de cette catégorie n’est déposé."),
     ("pl/", "Przechowuje dokonany przez Państwa wybór dotyczący plików cookie, abyśmy nie pytali o niego ponownie na każdej stronie.",
      "Żaden plik cookie tej kategorii nie jest zapisywany.")],
    ids=["en", "fr", "pl"],
)
def test_the_necessary_category_lists_the_consent_cookie(site: Path, prefix: str, purpose: str, none: str) -> None:
    html = html_of(site, prefix)
    necessary = html[html.index('<li id="necessary">'):html.index('<li id="statistics">')]
    dialog = html[html.rindex("<", 0, html.index("data-notice-consent-dialog")):html.index("</dialog>")]
    for place in (necessary, dialog):
        text = page_text(place, root=None)
        assert "notice_consent privacy.sipsim.com" in text and purpose in text
    assert none not in page_text(necessary, root=None)
    assert none in page_text(html[html.index('<li id="statistics">'):], root=None), "the other categories still list none"


def test_every_snapshot_lists_the_consent_cookie_among_the_necessary_ones() -> None:
    for snapshot in SNAPSHOTS:
        categories = yaml.safe_load((snapshot / "cookies.yml").read_text(encoding="utf-8"))["cookie_categories"]
        necessary = next(category for category in categories if category["id"] == "necessary")
        [cookie] = [cookie for cookie in necessary.get("cookies", []) if cookie["name"] == "notice_consent"]
        assert cookie["lifetime"] == "6 months" and set(cookie["purpose"]) == {"en", "fr", "pl"}, snapshot.name


# Translator's notes

NOTED = [  # (file, the defect in the English, how the translator's note quotes it)
    ("notice.yml", "Contacter PG TELECOM", '"Contacter PG TELECOM Spolka z o.o.:"'),
    ("notice.yml", "an SipSim User", '"an SipSim User"'),
    ("notice.yml", "Sipsim may", '"Sipsim"'),
    ("notice.yml", "your Sipsim User account", '"your Sipsim User account"'),
    ("notice.yml", "The Data Controllers for these activities is", '"The Data Controllers for these activities is"'),
    ("notice.yml", "As a Lead, we may process", '"As a Lead, we may process"'),
    ("notice.yml", "Legal Basis:**The table", '"Legal Basis:**The table"'),
    ("notice.yml", "as an SipSim Contact", '"as an SipSim Contact"'),
    ("notice.yml", "At SipSIm, we", '"SipSIm"'),
    ("notice.yml", "Recommendation no. 1/2020", '"Recommendation no. 1/2020"'),
    ("notice.yml", "we will ensure to obtain your consent", '"we will ensure to obtain your consent"'),
    ("purposes.yml", "speciallists", '"speciallists"'),
    ("purposes.yml", "SipSimServices", '"SipSimServices"'),
    ("purposes.yml", "up to 3 month following", '"3 month"'),
    ("purposes.yml", "between SipSIm", '"SipSIm"'),
    ("purposes.yml", "At SipSim , we", '"At SipSim , we"'),
    ("purposes.yml", "an SipSim Customer", '"an SipSim Customer"'),
    ("purposes.yml", "an SipSim customer", '"an SipSim customer"'),
    ("purposes.yml", "If you are not SipSIm customer", '"If you are not SipSIm customer"'),
    ("purposes.yml", "If you are not SipSim customer", '"If you are not SipSim customer"'),
]


def english_texts_with_their_notes(file: Path) -> Iterator[tuple[int, str, str]]:
    """(line, English text, the translator's notes directly above its `en:` key) for every English text of a file."""
    lines = file.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        key = re.match(r"^(\s*)en:\s?(.*)$", line)
        if not key:
            continue
        body = [key.group(2)]
        if key.group(2) in ("|", ">-", "|-", ">"):
            body = []
            for following in lines[number + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) <= len(key.group(1)):
                    break
                body.append(following.strip())
        notes = []
        above = number - 1
        while above >= 0 and lines[above].strip().startswith("#"):
            notes.insert(0, lines[above].strip().lstrip("#").strip())
            above -= 1
        yield number + 1, " ".join(body), " ".join(notes)


@pytest.mark.parametrize(("file", "defect", "quoted"), NOTED, ids=[defect for _, defect, _ in NOTED])
def test_each_defect_of_the_english_that_the_translations_correct_has_a_translators_note(file: str, defect: str, quoted: str) -> None:
    found = [(snapshot, line, notes) for snapshot in (FIRST, EXAMPLE)
             for line, english, notes in english_texts_with_their_notes(snapshot / file) if defect in english]
    assert found, f"{defect!r} is in no English text"
    for snapshot, line, notes in found:
        assert "Translator's note:" in notes and quoted in notes, f"{snapshot.name}/{file}:{line} has no translator's note on {quoted}"


def test_the_2024_text_and_the_example_have_their_translators_notes() -> None:
    def count(snapshot: Path) -> int:
        return sum(file.read_text(encoding="utf-8").count("# Translator's note:") for file in snapshot.glob("*.yml"))

    assert (count(FIRST), count(EXAMPLE)) == (20, 9)


@pytest.mark.parametrize("snapshot", [FIRST, EXAMPLE], ids=["2024-02-01", "example"])
def test_translators_notes_sit_directly_above_an_english_text(snapshot: Path) -> None:
    for file in snapshot.glob("*.yml"):
        lines = file.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "Translator's note" in line:
                assert line.lstrip().startswith("# Translator's note: the English "), f"{file.name}:{number + 1}"
                below = next(following for following in lines[number + 1:] if not following.lstrip().startswith("#"))
                assert below.lstrip().startswith("en:"), f"{file.name}:{number + 1}"


@pytest.mark.parametrize("built", ["site", "example_site"])  # the example's changes page joins texts the notice's do not
def test_french_pages_keep_the_no_break_space_before_high_punctuation_where_the_site_joins_texts(request: pytest.FixtureRequest,
                                                                                                 built: str) -> None:
    """Separators the templates and the code put between texts (lists of links, retention rules, the redline's facts) are
    translated too."""
    from html.parser import HTMLParser

    site: Path = request.getfixturevalue(built)

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("script", "style")
            self.parts.append("\n" if tag in ("p", "li", "td", "th", "div", "dd", "dt", "br") else "")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    for path in sorted((site / "fr").rglob("index.html")):
        parser = Text()
        parser.feed(path.read_text(encoding="utf-8"))
        text = re.sub(r"(?:https?|mailto|tel):\S*", "", "".join(parser.parts))
        wrong = [match.group(0) for match in re.finditer(r"[^\u00a0\u202f\n][;:!?»]|«[^\u00a0\u202f]", text)]
        assert wrong == [], path.relative_to(site)
    if built == "example_site":
        redline = html_of(site, "fr/versions/2027-01-01/changes")
        assert re.search(r"RGPD\u00a0: ", redline) and "\u00a0; " in redline
    rights = html_of(site, "fr/")
    assert '<a href="#access">Droit d’accès et de copie</a>\u00a0; <a href="#rectification">' in rights
