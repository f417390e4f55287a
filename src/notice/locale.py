"""Languages: gettext catalogs for interface strings, and Babel formatting of dates and legal durations."""

from __future__ import annotations

import configparser
import functools
import gettext as gettext_module
import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from io import BytesIO, StringIO
from pathlib import Path
from typing import IO, Any

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from babel.support import Translations
from babel.units import format_unit

from notice.errors import DataError, Problem
from notice.language import Language, Languages
from notice.model import Period
from notice.source import decoded, forbidden_character
from notice.store import Store

DOMAIN = "messages"

Gettext = Callable[[str], str]


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


# Translators: the separator between the items of a list written on one line ("Access; Rectification; Erasure").
# French puts a no-break space before the semicolon.
LIST_SEPARATOR = N_("; ")
"""Between the items of a list written on one line, in every language's typography."""

# Translators: between a kind and its text written on one line ("Art. 6(1)(f) GDPR: The processing of this data…").
# French puts a no-break space before the colon.
LABEL_SEPARATOR = N_(": ")
"""Between a kind and its text on one line, in every language's typography."""


def _french_day(day: date, text: str) -> str:
    """The first day of a month is an ordinal in French: "1er février 2024" (Babel writes "1 février 2024")."""
    return re.sub(r"^1(?=\s)", "1er", text) if day.day == 1 else text


def _polish_day(day: date, text: str) -> str:
    """Polish legal and official dates end with "r." (roku): "1 lutego 2024 r."."""
    return f"{text} r."


DAY_CONVENTIONS: dict[str, Callable[[date, str], str]] = {"fr": _french_day, "pl": _polish_day}
"""What a language's writing of dates adds to Babel's long format, by the language of the Babel locale (so fr_BE and
fr_CA write "1er" too); a locale without an entry is written as Babel writes it."""


def format_day(day: date, language: Language) -> str:
    """A date as the language writes it in prose: "1 February 2024", "1er février 2024", "1 lutego 2024 r."."""
    return _format_day(day, language.locale)


@functools.lru_cache(maxsize=4096)
def _format_day(day: date, locale: str) -> str:
    """Once per date and locale: every page's title and the history name each version's date, in every build."""
    text = format_date(day, "long", locale=locale)
    convention = DAY_CONVENTIONS.get(Locale.parse(locale).language)
    return convention(day, text) if convention else text


def format_period(period: Period, language: Language, gettext: Gettext) -> str:
    """A legal duration with the language's plural rules: "3 lata", "up to 6 months", "1 à 6 ans"."""
    locale = language.locale
    high = format_unit(period.high, f"duration-{period.unit.value}", length="long", locale=locale)
    if period.low is None:
        return gettext("up to %(duration)s") % {"duration": high}
    if period.low == period.high:
        return high
    return gettext("%(low)s to %(high)s") % {"low": format_decimal(period.low, locale=locale), "high": high}


@dataclass(frozen=True)
class Catalogs:
    """Compiled translations for every language, and the catalog entries that still need a translator's review."""

    translations: dict[str, gettext_module.NullTranslations]
    warnings: tuple[Problem, ...]

    def gettext(self, language: str) -> Gettext:
        return self.translations[language].gettext


def load_catalogs(root: Path, languages: Languages, locales: str = "locales", mapping: str = "babel.cfg", store: Store | None = None) -> Catalogs:
    """Compile each language's catalog after checking it translates every message the sources use.

    The messages are extracted from the sources themselves (as `pybabel extract` does with `babel.cfg`), so a
    message added to a template but not yet to a catalog fails the build instead of showing English.
    """
    used = extract_messages(root, mapping, store)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    translations: dict[str, gettext_module.NullTranslations] = {languages.source.code: gettext_module.NullTranslations()}
    for language in languages.items[1:]:
        display = f"{locales}/{language.code}/LC_MESSAGES/{DOMAIN}.po"
        path = root / display
        if not path.exists():
            problems.append(Problem(display, None, "", f"the {language.english_name} catalog", "no such file (see the README's translator round trip)"))
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(Problem(display, None, "", "a readable gettext catalog encoded as UTF-8", error.strerror or str(error)))
            continue
        known = (display, str(language.locale), data, tuple(used.items()))
        if known not in _COMPILED:
            if len(_COMPILED) > 64:
                _COMPILED.clear()
            _COMPILED[known] = _compiled_catalog(data, language, used, display)
        compiled, found, to_review = _COMPILED[known]
        problems.extend(found)
        warnings.extend(to_review)
        if compiled is not None:
            translations[language.code] = compiled
    if problems:
        raise DataError(problems)
    return Catalogs(translations, tuple(warnings))


def _compiled_catalog(data: bytes, language: Language, used: Messages, display: str) -> tuple[Translations | None, list[Problem], list[Problem]]:
    """One language's catalog compiled, with its problems and the entries to review."""
    try:
        misread = _po_syntax(decoded(data, display), display)
    except DataError as error:
        return None, list(error.problems), []
    if misread:
        return None, misread, []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    try:
        catalog = read_po(BytesIO(data), locale=language.locale, abort_invalid=True)
    except (UnicodeDecodeError, PoFileError) as error:
        return None, [Problem(display, getattr(error, "lineno", None), "", "a readable gettext catalog encoded as UTF-8", str(error))], []
    _check_catalog(catalog, used, display, language.english_name, problems, warnings)
    return _compile(catalog), problems, warnings


_PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"')
"""A keyword and its quoted string, or a quoted string continuing the one before."""
_PO_ESCAPE = re.compile(r'\\(.)')


def _po_syntax(text: str, display: str) -> list[Problem]:
    """What Babel's reader would read wrong without a word: a string without its quotes loses its first and last
    characters ("Lire cette version" unquoted reads "ire cette versio"), an unknown escape stays as written."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _PO_LINE.fullmatch(line):
            problems.append(Problem(display, number, "", 'a gettext line: msgid, msgstr… followed by a text in double quotes ("…")', line[:60]))
            continue
        unknown = [escape for escape in _PO_ESCAPE.findall(line) if escape not in '"\\ntr']
        if unknown:
            problems.append(Problem(display, number, "", 'an escape gettext reads (\\n, \\t, \\", \\\\)', "\\" + unknown[0]))
    return problems


_COMPILED: dict[tuple[object, ...], tuple[Translations | None, list[Problem], list[Problem]]] = {}
"""Catalogs compiled, by their bytes and the messages the sources use: a preview's rebuild compiles only an edited one."""


Messages = dict[str | tuple[str, ...], str]
_EXTRACTED: dict[tuple[object, ...], Messages] = {}
"""Extracted messages by the content of the files they come from: a preview's rebuild does not extract them again."""


def extract_messages(root: Path, mapping: str = "babel.cfg", store: Store | None = None) -> Messages:
    """Every message the sources mark for translation, with where it is first used; kept in `store` by the content
    of the sources, as extracting them costs more than the rest of a small build."""
    config, method_map, options_map = _mapping(root, mapping)
    folders = [root / pattern.split("*")[0] for pattern, _method in method_map]
    sources = sorted(path for folder in folders for path in folder.rglob("*") if path.is_file() and _walked(root, folders, str(path.parent)))
    inputs = ("messages", config, tuple((path.relative_to(root).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()) for path in sources))
    if inputs not in _EXTRACTED:
        key = store.key(*inputs) if store else ""
        stored = store.get(key) if store else None
        if stored is not None:
            _EXTRACTED[inputs] = {tuple(message) if isinstance(message, list) else message: origin for message, origin in json.loads(stored)}
        else:
            used: Messages = {}
            methods = [(pattern, _python_calling_gettext if method == "python" else method) for pattern, method in method_map]
            for filename, lineno, message, _comments, _context in extract_from_dir(
                root, methods, options_map, directory_filter=lambda dirpath: _walked(root, folders, dirpath),  # type: ignore[arg-type]
            ):
                used.setdefault(message, f"{filename}:{lineno}")
            _EXTRACTED[inputs] = used
            if store:
                store.put(key, json.dumps(list(used.items()), ensure_ascii=False))
    return dict(_EXTRACTED[inputs])


def _python_calling_gettext(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any) -> Iterator[Any]:
    """Babel's Python extractor, for a file that calls one of the keywords at all: most of the sources never do, and
    Babel tokenizes every line of a file (0.3 s of a cold build's 0.35 s of extraction, for 7 files of 29 with a
    message). The search reads the text as words, not tokens, so it may also find a keyword in a comment or a string:
    the file is then tokenized, as before."""
    source = fileobj.read()
    calling = re.compile(rb"(?<!\w)(?:" + b"|".join(re.escape(keyword.encode()) for keyword in keywords) + rb")\s*\(")
    if not calling.search(source):
        return iter(())
    return extract_python(BytesIO(source), keywords, comment_tags, options)


def _mapping(root: Path, mapping: str) -> tuple[str, list[tuple[str, str]], dict[str, dict[str, str]]]:
    """Where the sources' messages are, as `pybabel extract -F` reads it: a mistake is a `DataError` naming the file."""
    expected = "where the interface messages are, as `pybabel extract -F` reads it ([method: pattern] sections)"
    try:
        config = (root / mapping).read_text(encoding="utf-8")
        method_map, options_map = parse_mapping_cfg(StringIO(config), mapping)  # type: ignore[no-untyped-call]
    except OSError as error:
        raise DataError([Problem(mapping, None, "", expected, error.strerror or str(error))]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(mapping, None, "", expected, "a file that is not UTF-8")]) from None
    except configparser.Error as error:
        said = error.message.splitlines()[0].removesuffix(":")
        raise DataError([Problem(mapping, getattr(error, "lineno", None), "", expected, said)]) from None
    unknown = sorted({method for _pattern, method in method_map} - _METHODS)
    if unknown:
        raise DataError([Problem(mapping, None, "", f"{expected}, with the methods {', '.join(sorted(_METHODS))}", ", ".join(unknown))])
    if not method_map:
        raise DataError([Problem(mapping, None, "", expected, "no section")])
    return config, method_map, options_map


_METHODS = {"python", "jinja2"}
"""The extraction methods the sources need (babel's own and Jinja's)."""


def _walked(root: Path, folders: list[Path], dirpath: str) -> bool:
    """Only the folders the mapping's patterns name (and the way to them) are read: not the data of every version."""
    folder = Path(dirpath)
    if folder.name.startswith(".") or folder.name in {"node_modules", "__pycache__"}:
        return False
    return any(folder == named or folder in named.parents or named in folder.parents for named in folders)


def _check_catalog(
    catalog: Catalog,
    used: dict[str | tuple[str, ...], str],
    display: str,
    language: str,
    problems: list[Problem],
    warnings: list[Problem],
) -> None:
    for message_id, origin in used.items():
        key = message_id[0] if isinstance(message_id, tuple) else message_id
        message = catalog.get(key)
        field = f'msgid "{key}"'
        if message is None:
            problems.append(Problem(display, None, field, f"a {language} translation of this message (used at {origin})", "none"))
            continue
        if not all(text and text.strip() for text in _strings(message)):
            problems.append(Problem(display, message.lineno, field, f"a {language} translation", "an empty msgstr"))
        elif message.fuzzy:
            warnings.append(Problem(display, message.lineno, field, f"a reviewed {language} translation",
                                    "one marked fuzzy (check it, then remove the '#, fuzzy' line)"))
    for message, errors in catalog.check():
        for error in errors:
            problems.append(Problem(display, message.lineno, f'msgid "{message.id}"', "the same placeholders as the English", str(error)))
    for message in catalog:
        for text in _strings(message):
            character = forbidden_character(text)
            if character:
                problems.append(Problem(display, message.lineno, f'msgid "{message.id}"', "a translation without control characters", character))
        if message.id and message.string and not message.fuzzy and isinstance(message.id, str):
            wanted, found = _placeholders(message.id), _placeholders(str(message.string))
            if wanted != found:
                problems.append(Problem(display, message.lineno, f'msgid "{message.id}"', "the same placeholders as the English",
                                        f"{', '.join(sorted(found)) or 'none'} instead of {', '.join(sorted(wanted))}"))


def _strings(message: Message) -> tuple[str, ...]:
    """A message's translations (one, or one per plural form)."""
    string = message.string
    return tuple(string) if isinstance(string, (tuple, list)) else (string or "",)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)", text))


def _compile(catalog: Catalog) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
