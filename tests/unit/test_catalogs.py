"""Interface strings: every message the sources use is translated in every catalog, or the build says where not."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from support import LANGUAGES, ROOT, edit, line_of

from notice.errors import DataError
from notice.locale import extract_messages, load_catalogs

PO_FR = "locales/fr/LC_MESSAGES/messages.po"
PO_PL = "locales/pl/LC_MESSAGES/messages.po"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """The parts of the project the catalog check reads: the catalogs, babel.cfg and the marked sources."""
    for part in ("locales", "overrides", "src"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    return tmp_path


def test_the_sources_messages_are_found_in_templates_and_python() -> None:
    used = extract_messages(ROOT)
    assert "Legal Basis:" in used and used["Legal Basis:"].startswith("overrides/fragments/notice/")
    assert "%(period)s after the request" in used and used["%(period)s after the request"].startswith("src/notice/")


def test_the_build_finds_what_pybabel_extract_finds(sources: Path) -> None:
    """The build tokenizes only the Python files that call a gettext keyword somewhere; what it finds must be what
    Babel's own extraction (`pybabel extract -F babel.cfg`) finds, message for message and place for place."""
    (sources / "src" / "notice" / "spelled.py").write_text(
        'from notice.locale import N_\n\nA = N_ ("Spaced from its call")\nB = gettext(\n    "Wrapped onto the next line")\n', encoding="utf-8")
    (sources / "src" / "notice" / "attribute.py").write_text('C = catalog.ngettext("One version", "%(n)s versions", 2)\n', encoding="utf-8")
    (sources / "src" / "notice" / "unmarked.py").write_text('A = "Not a message"\n', encoding="utf-8")
    method_map, options_map = parse_mapping_cfg(StringIO((sources / "babel.cfg").read_text(encoding="utf-8")))
    found: dict[object, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(sources), method_map, options_map):
        found.setdefault(message, f"{filename}:{lineno}")

    assert extract_messages(sources) == found
    assert found["Spaced from its call"] == "src/notice/spelled.py:3" and "Wrapped onto the next line" in found
    assert ("One version", "%(n)s versions") in found


def test_the_project_catalogs_are_complete() -> None:
    catalogs = load_catalogs(ROOT, LANGUAGES)
    assert catalogs.warnings == ()
    assert catalogs.gettext("fr")("Legal Basis:") == "Base juridique\u00a0:"
    assert catalogs.gettext("pl")("Legal Basis:") == "Podstawa prawna:"


def test_a_message_missing_from_a_catalog_is_an_error(sources: Path) -> None:
    edit(sources / PO_FR, 'msgid "Retention Period:"', 'msgid "Retention period (old wording):"')

    with pytest.raises(DataError) as error:
        load_catalogs(sources, LANGUAGES)

    used_at = line_of(ROOT / "overrides/fragments/notice/macros.html", "_('Retention Period:')")
    assert str(error.value.problems[0]) == (
        f'{PO_FR}: msgid "Retention Period:": expected a French translation of this message '
        f"(used at overrides/fragments/notice/macros.html:{used_at}), got none"
    )


def test_an_empty_translation_is_an_error(sources: Path) -> None:
    edit(sources / PO_PL, 'msgstr "Podstawa prawna:"', 'msgstr ""')

    with pytest.raises(DataError) as error:
        load_catalogs(sources, LANGUAGES)

    line = line_of(sources / PO_PL, 'msgid "Legal Basis:"')
    assert str(error.value.problems[0]) == f'{PO_PL}:{line}: msgid "Legal Basis:": expected a Polish translation, got an empty msgstr'


def test_a_fuzzy_translation_is_a_warning(sources: Path) -> None:
    edit(sources / PO_FR, '#, python-format\nmsgid "up to %(duration)s"', '#, fuzzy, python-format\nmsgid "up to %(duration)s"')

    catalogs = load_catalogs(sources, LANGUAGES)

    line = line_of(sources / PO_FR, 'msgid "up to %(duration)s"')
    assert [str(warning) for warning in catalogs.warnings] == [
        f'{PO_FR}:{line}: msgid "up to %(duration)s": expected a reviewed French translation, '
        "got one marked fuzzy (check it, then remove the '#, fuzzy' line)"
    ]
    assert catalogs.gettext("fr")("up to %(duration)s") == "up to %(duration)s", "a fuzzy entry is not used"


def test_a_translation_that_drops_a_placeholder_is_an_error(sources: Path) -> None:
    edit(sources / PO_PL, 'msgstr "%(period)s od dnia zgłoszenia"', 'msgstr "od dnia zgłoszenia"')

    with pytest.raises(DataError) as error:
        load_catalogs(sources, LANGUAGES)

    line = line_of(sources / PO_PL, 'msgid "%(period)s after the request"')
    assert str(error.value.problems[0]) == (
        f'{PO_PL}:{line}: msgid "%(period)s after the request": expected the same placeholders as the English, got none instead of period'
    )


def test_the_interface_calls_the_notice_what_its_title_does() -> None:
    """The legal text is a "Privacy Policy"; an interface message saying "privacy notice" would name it twice over."""
    assert [message for message in extract_messages(ROOT) if "privacy notice" in str(message).lower()] == []


@pytest.mark.parametrize(("mapping", "line", "said"), [
    (None, None, "No such file or directory"),
    ("folder", None, "Is a directory"),
    ("python: src/**.py\n", 1, "File contains no section headers."),
    ("[python: src/**.py]\n[python: src/**.py]\n", 2, "While reading from 'babel.cfg' [line  2]: section 'python: src/**.py' already exists"),
    ("[php: src/**.py]\n", None, "php"),
    ("# nothing here\n", None, "no section"),
], ids=["missing", "a-folder", "no-section-header", "section-twice", "unknown-method", "empty"])
def test_a_broken_extraction_mapping_is_named_not_a_traceback(sources: Path, mapping: str | None, line: int | None, said: str) -> None:
    (sources / "babel.cfg").unlink()
    if mapping == "folder":
        (sources / "babel.cfg").mkdir()
    elif mapping is not None:
        (sources / "babel.cfg").write_text(mapping, encoding="utf-8")

    with pytest.raises(DataError) as raised:
        load_catalogs(sources, LANGUAGES)

    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.got) == ("babel.cfg", line, said)
    assert problem.expected.startswith("where the interface messages are, as `pybabel extract -F` reads it")


@pytest.mark.parametrize(("written", "said"), [
    ('msgstr Lire cette version', 'expected a gettext line: msgid, msgstr… followed by a text in double quotes ("…"), '
                                  'got msgstr Lire cette version'),  # Babel alone reads "ire cette versio"
    ('msgstr "Lire cette version', 'expected a gettext line: msgid, msgstr… followed by a text in double quotes ("…"), '
                                   'got msgstr "Lire cette version'),
    ('msgstr "Lire cette\\x1b[2J version"', 'expected an escape gettext reads (\\n, \\t, \\", \\\\), got \\x'),
    ('msgstr "Lire cette\x1b[2J version"', 'msgid "Read this version": expected a translation without control characters, '
                                           'got the control character U+001B'),
], ids=["unquoted", "unclosed", "unknown-escape", "control-character"])
def test_a_catalog_line_babel_would_misread_is_an_error_at_its_line(sources: Path, written: str, said: str) -> None:
    edit(sources / PO_FR, 'msgstr "Lire cette version"', written)

    with pytest.raises(DataError) as error:
        load_catalogs(sources, LANGUAGES)

    msgid = line_of(sources / PO_FR, 'msgid "Read this version"')  # a translation's problem is named at its msgid, a line's at itself
    line = msgid if said.startswith("msgid") else msgid + 1
    assert [str(problem) for problem in error.value.problems] == [f"{PO_FR}:{line}: {said}"]


def test_a_catalog_in_another_encoding_says_which(sources: Path) -> None:
    (sources / PO_PL).write_bytes((sources / PO_PL).read_text(encoding="utf-8").encode("utf-16"))

    with pytest.raises(DataError) as error:
        load_catalogs(sources, LANGUAGES)

    assert [str(problem) for problem in error.value.problems] == [f"{PO_PL}: expected text encoded as UTF-8, got a file encoded as UTF-16 "
                                                                  "(save it as UTF-8)"]
