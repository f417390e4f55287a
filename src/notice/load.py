"""Loading one version's snapshot: YAML files → validated, cross-checked `Notice`, or every problem at once."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, get_args

from babel.core import UnknownLocaleError
from pydantic import BaseModel, ValidationError

from notice.errors import DataError, Problem, suggest
from notice.language import Language
from notice.model import (
    OPTIONAL_FILES,
    SNAPSHOT_FILES,
    AudiencesFile,
    ControllersFile,
    CookiesFile,
    Notice,
    NoticeFile,
    PurposesFile,
    Record,
    RightsFile,
    Text,
    TransfersFile,
    VersionFile,
    VocabularyFile,
)
from notice.references import check_references, record_of
from notice.source import Location, Source, dotted, escapes, is_hidden, read_source

_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lowercase words joined by hyphens, like 'customer-account'",
    r"\S": "non-empty text",
    r"^[^\n]*\S[^\n]*$": "one non-empty line of text",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": "an e-mail address like info@sipsim.com",
    r"^https://\S+$": "a web address starting with https://",
}


def snapshot_files(directory: Path, display: str, root: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The data files of the snapshot in `directory`, and what else it holds that it must not.

    One rule everywhere (loading, hashing, `notice amend`): hidden files (an editor's `.#notice.yml`, a
    `.DS_Store`) are ignored; anything else that is not one of the snapshot's files, or a link leading out of
    the project, is refused.
    """
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    try:
        state = directory.stat()
        entries = sorted(directory.iterdir())
    except OSError as error:
        return files, [Problem(display, None, "", "a readable version folder", error.strerror or str(error))]
    place, seen = (str(directory.absolute()), display, str(root)), (state.st_ino, state.st_mtime_ns, state.st_ctime_ns)
    known = _LISTINGS.get(place)
    if known is not None and known[0] == seen:
        return dict(known[1]), list(known[2])
    for path in entries:
        if is_hidden(path):
            continue
        shown = f"{display}/{path.name}"
        if escapes(path, root):
            problems.append(Problem(shown, None, "", "a file inside the project", "a symbolic link to somewhere outside it (or to nothing)"))
        elif path.name not in SNAPSHOT_FILES or not path.is_file():
            got = "a folder" if path.is_dir() else suggest(path.name, SNAPSHOT_FILES)
            problems.append(Problem(shown, None, "", f"only the files {', '.join(SNAPSHOT_FILES)} in a version folder", got))
        else:
            files[path.name] = path
    for name in SNAPSHOT_FILES:
        if name not in files and name not in OPTIONAL_FILES and not any(problem.file == f"{display}/{name}" for problem in problems):
            problems.append(Problem(f"{display}/{name}", None, "", "this file in every version", "no such file"))
    if not any(path.is_symlink() for path in entries):  # where a link leads can change while the folder does not
        _LISTINGS[place] = (seen, dict(files), list(problems))
    return files, problems


_LISTINGS: dict[tuple[str, str, str], tuple[tuple[int, ...], dict[str, Path], list[Problem]]] = {}
"""Version folders looked at, by path, with the state they were listed in: adding, removing or renaming an entry changes
the folder's times, so a preview's rebuild lists again only the folders where that happened: one stat per folder
instead of a listing and several for each file."""


def load_snapshot(directory: Path, display: str, root: Path, languages: tuple[str, ...]) -> Notice:
    """Validate every file of the snapshot in `directory`, every text in each of `languages`; `display` is how
    messages name that directory."""
    problems: list[Problem] = []
    effective = _effective_date(directory.name, display, problems)
    sources: dict[str, Source] = {}
    records: dict[str, Record] = {}
    files, listing = snapshot_files(directory, display, root)
    problems.extend(listing)
    for name, path in files.items():
        model = SNAPSHOT_FILES[name]
        try:
            source = read_source(path, f"{display}/{name}")
        except DataError as error:
            problems.extend(error.problems)
            continue
        problems.extend(check_languages(source, model, languages))
        try:
            records[name] = model.model_validate(source.data)
        except ValidationError as error:
            problems.extend(problems_from_validation(error, source, model, languages))
        sources[name] = source
    if not problems:
        problems.extend(check_references(sources, records))
    if problems:
        raise DataError(problems)
    assert effective is not None
    return _assemble(effective, records)


def check_languages(source: Source, model: type[BaseModel], languages: tuple[str, ...]) -> list[Problem]:
    """Every text of `source` in each of `languages`, and in no other: read against the model, so that the
    problem is found even where the file has others."""
    names = ", ".join(languages)
    problems = []
    for location, text in _texts(model, source.data, ()):
        for code in languages:
            if code not in text:
                problems.append(Problem(source.file, source.line(location), dotted((*location, code)),
                                        f"the {language_name(code)} text ('{code}'): every text needs all of {names}", "nothing"))
        for code in text:
            if code not in languages:
                problems.append(Problem(source.file, source.line((*location, code)), dotted((*location, code)),
                                        f"one of the notice's languages {names}", f"'{code}'" + (f" ({language_name(code)})" if _known(code) else "")))
    return problems


def _texts(annotation: Any, data: Any, location: Location) -> Iterator[tuple[Location, dict[Any, Any]]]:
    """The texts (mappings of languages) in `data`, where the model `annotation` expects them."""
    record = _record_type(annotation)
    if record is None:
        return
    if issubclass(record, Text):
        if isinstance(data, dict):
            yield location, data
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _texts(record, item, (*location, index))
    elif isinstance(data, dict):
        for name, field in record.model_fields.items():
            if name in data:
                yield from _texts(field.annotation, data[name], (*location, name))


def language_name(code: str) -> str:
    """A language's name in English, for messages ("Polish"); its code if Babel does not know it."""
    return Language(code, code).english_name if _known(code) else code


def _known(code: str) -> bool:
    try:
        Language(code, code).english_name
    except (ValueError, LookupError, UnknownLocaleError):  # Babel's error for a well-formed code it does not know ("xen")
        return False
    return True


def problems_from_validation(error: ValidationError, source: Source, model: type[BaseModel], languages: tuple[str, ...] = ()) -> list[Problem]:
    """Turn pydantic's errors into problems that name the line and say what was expected."""
    merged: dict[Location, list[dict[str, Any]]] = {}
    for item in error.errors():
        merged.setdefault(_resolve(item["loc"], source.data), []).append(dict(item))
    for location in list(merged):
        # pydantic also calls a list too short once its invalid items are dropped: only the items' errors matter.
        inner = any(other[: len(location)] == location and other != location for other in merged)
        merged[location] = [item for item in merged[location] if not (inner and item["type"] == "too_short")]
        if not merged[location]:
            del merged[location]
    problems = []
    for location, items in merged.items():
        expected = " or ".join(dict.fromkeys(_expected(item, location, model, languages) for item in items))
        got = _got(items[0], location, model)
        problems.append(Problem(source.file, source.line(location), dotted(location), expected, got))
    return problems


def _resolve(loc: tuple[Any, ...], data: Any) -> Location:
    """The location in the YAML data that pydantic's `loc` points at, without its union and tag markers."""
    location: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif not last or not isinstance(part, (str, int)) or not isinstance(node, dict):
            continue
        location.append(part)
    return tuple(location)


def _expected(item: dict[str, Any], location: Location, model: type[BaseModel], languages: tuple[str, ...]) -> str:
    kind, ctx = item["type"], item.get("ctx", {})
    field = location[-1] if location else ""
    if kind == "missing":
        return f"the required field '{field}'"
    if kind == "extra_forbidden":
        return "one of the fields " + ", ".join(_fields_at(model, location[:-1]))
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == r"\S" and field in languages:
            return f"the {language_name(str(field))} text ('{field}') to be non-empty"
        return _PATTERNS.get(pattern, f"text matching {pattern}")
    if kind in ("string_type", "str_type"):
        return "text"
    if kind == "enum":
        return f"one of: {ctx.get('expected', '')}".replace("'", "")
    if kind in ("bool_type", "bool_parsing"):
        return "true or false"
    if kind in ("tuple_type", "list_type"):
        return "a list (items starting with '- ')"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "a mapping of 'key: value' fields"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"a number {'at least' if 'ge' in ctx else 'at most'} {ctx.get('ge', ctx.get('le'))}"
    if kind == "too_short":
        return f"at least {ctx.get('min_length', 1)} item(s)"
    if kind == "literal_error":
        return f"{ctx.get('expected', '')}".replace("'", '"')
    if kind.startswith("date"):
        return "a date written YYYY-MM-DD"
    return str(item["msg"]).removeprefix("Value error, ")


def _got(item: dict[str, Any], location: Location, model: type[BaseModel]) -> str:
    if "got" in item.get("ctx", {}):
        return str(item["ctx"]["got"])
    if item["type"] == "missing":
        return "nothing"
    if item["type"] == "extra_forbidden":
        return "unknown field " + suggest(str(location[-1]), _fields_at(model, location[:-1]))
    return describe(item.get("input"))


def _fields_at(model: type[BaseModel], location: Location) -> tuple[str, ...]:
    """The field names of the record found at `location` inside `model`."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) or current.model_fields.get("root")  # a RootModel's keys are data, not fields
        if field is None:
            return ()
        current = _record_type(field.annotation)
    return tuple(name for name in current.model_fields if name != "root")


def _record_type(annotation: Any) -> Any:
    """The record class inside an annotation such as `tuple[Purpose, ...] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _record_type(argument)
        if found is not None:
            return found
    return None


def describe(value: Any) -> str:
    """How a person would name the value they wrote."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: put text in quotes)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return '"' + shown.replace("\n", " ") + '"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping with " + (", ".join(f"'{key}'" for key in value) or "no keys")
    return type(value).__name__


def _effective_date(name: str, display: str, problems: list[Problem]) -> date | None:
    try:
        return parse_day(name)
    except ValueError as error:
        problems.append(Problem(display, None, "", "a version folder named by its effective date, YYYY-MM-DD (a real date)",
                                f'"{name}" ({error})'))
        return None


def parse_day(text: str) -> date:
    """A date written YYYY-MM-DD; a `ValueError` says why `text` is not one ("February 2027 has 28 days")."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        raise ValueError("not written YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{calendar.month_name[month]} {year} has {days} days")
    return date(year, month, day)


def _assemble(effective: date, records: dict[str, Record]) -> Notice:
    version = records["version.yml"]
    notice = records["notice.yml"]
    vocabulary = records["vocabulary.yml"]
    assert isinstance(version, VersionFile) and isinstance(notice, NoticeFile) and isinstance(vocabulary, VocabularyFile)
    # only what the files say: a version's JSON publishes its data exactly as written
    optional: dict[str, Any] = {}
    if "transfers.yml" in records:
        optional["transfers"] = record_of(records, "transfers.yml", TransfersFile).transfers
    if "overrides" in version.model_fields_set:
        optional["overrides"] = version.overrides
    return Notice.model_construct(
        effective=effective,
        status=version.status,
        summary=version.summary,
        title=notice.title,
        subtitle=notice.subtitle,
        controllers=record_of(records, "controllers.yml", ControllersFile).controllers,
        audiences=record_of(records, "audiences.yml", AudiencesFile).audiences,
        sections=notice.sections,
        purposes=record_of(records, "purposes.yml", PurposesFile).purposes,
        data_categories=vocabulary.data_categories,
        recipients=vocabulary.recipients,
        rights=record_of(records, "rights.yml", RightsFile).rights,
        cookie_categories=record_of(records, "cookies.yml", CookiesFile).cookie_categories,
        **optional,
    )
