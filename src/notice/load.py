"""Loading one version's snapshot: YAML files → validated, cross-checked `Notice`, or every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import ValidationError

from notice.errors import DataError, Problem
from notice.model import (
    LANGUAGES,
    SNAPSHOT_FILES,
    AudiencesFile,
    ControllersFile,
    CookiesFile,
    Notice,
    NoticeFile,
    PurposesFile,
    Record,
    RightsFile,
    VersionFile,
    VocabularyFile,
)
from notice.source import Location, Source, dotted, read_source

R = TypeVar("R", bound=Record)

LANGUAGE_NAMES = {"en": "English", "fr": "French", "pl": "Polish"}

_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lowercase words joined by hyphens, like 'customer-account'",
    r"\S": "non-empty text",
    r"^[^\n]*\S[^\n]*$": "one non-empty line of text",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": "an e-mail address like info@sipsim.com",
    r"^https://\S+$": "a web address starting with https://",
}


def load_snapshot(directory: Path, display: str) -> Notice:
    """Validate every file of the snapshot in `directory`; `display` is how messages name that directory."""
    problems: list[Problem] = []
    effective = _effective_date(directory.name, display, problems)
    sources: dict[str, Source] = {}
    records: dict[str, Record] = {}
    present = {path.name for path in directory.glob("*.yml")}
    for unexpected in sorted(present - set(SNAPSHOT_FILES)):
        problems.append(Problem(
            f"{display}/{unexpected}", None, "", f"only the files {', '.join(SNAPSHOT_FILES)}", _suggest(unexpected, SNAPSHOT_FILES),
        ))
    for name, model in SNAPSHOT_FILES.items():
        file = f"{display}/{name}"
        if name not in present:
            problems.append(Problem(file, None, "", "this file in every version", "no such file"))
            continue
        try:
            source = read_source(directory / name, file)
        except DataError as error:
            problems.extend(error.problems)
            continue
        try:
            records[name] = model.model_validate(source.data)
        except ValidationError as error:
            problems.extend(problems_from_validation(error, source, model))
        sources[name] = source
    if not problems:
        problems.extend(_References(sources, records).check())
    if problems:
        raise DataError(problems)
    assert effective is not None
    return _assemble(effective, records)


def problems_from_validation(error: ValidationError, source: Source, model: type[Record]) -> list[Problem]:
    """Turn pydantic's errors into problems that name the line and say what was expected."""
    merged: dict[Location, list[dict[str, Any]]] = {}
    for item in error.errors():
        merged.setdefault(_resolve(item["loc"], source.data), []).append(item)
    for location in list(merged):
        # pydantic also calls a list too short once its invalid items are dropped: only the items' errors matter.
        inner = any(other[: len(location)] == location and other != location for other in merged)
        merged[location] = [item for item in merged[location] if not (inner and item["type"] == "too_short")]
        if not merged[location]:
            del merged[location]
    problems = []
    for location, items in merged.items():
        expected = " or ".join(dict.fromkeys(_expected(item, location, model) for item in items))
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


def _expected(item: dict[str, Any], location: Location, model: type[Record]) -> str:
    kind, ctx = item["type"], item.get("ctx", {})
    field = location[-1] if location else ""
    if kind == "missing":
        if field in LANGUAGES:
            return f"the {LANGUAGE_NAMES[str(field)]} text ('{field}'): every text needs all of {', '.join(LANGUAGES)}"
        return f"the required field '{field}'"
    if kind == "extra_forbidden":
        return "one of the fields " + ", ".join(_fields_at(model, location[:-1]))
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == r"\S" and field in LANGUAGES:
            return f"the {LANGUAGE_NAMES[str(field)]} text ('{field}') to be non-empty"
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
    if kind == "too_short":
        return f"at least {ctx.get('min_length', 1)} item(s)"
    if kind == "literal_error":
        return f"{ctx.get('expected', '')}".replace("'", '"')
    if kind.startswith("date"):
        return "a date written YYYY-MM-DD"
    return str(item["msg"]).removeprefix("Value error, ")


def _got(item: dict[str, Any], location: Location, model: type[Record]) -> str:
    if "got" in item.get("ctx", {}):
        return str(item["ctx"]["got"])
    if item["type"] == "missing":
        return "nothing"
    if item["type"] == "extra_forbidden":
        return "unknown field " + _suggest(str(location[-1]), _fields_at(model, location[:-1]))
    return describe(item.get("input"))


def _fields_at(model: type[Record], location: Location) -> tuple[str, ...]:
    """The field names of the record found at `location` inside `model`."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        current = _record_type(current.model_fields[part].annotation)
    return tuple(current.model_fields)


def _record_type(annotation: Any) -> Any:
    """The record class inside an annotation such as `tuple[Purpose, ...] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
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
        return date.fromisoformat(name) if len(name) == 10 else date.fromisoformat("invalid")
    except ValueError:
        problems.append(Problem(display, None, "", "a version folder named by its effective date, YYYY-MM-DD (a real date)", f'"{name}"'))
        return None


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"'{word}'" + (f" (did you mean '{close[0]}'?)" if close else "")


def _assemble(effective: date, records: dict[str, Record]) -> Notice:
    version = records["version.yml"]
    notice = records["notice.yml"]
    vocabulary = records["vocabulary.yml"]
    assert isinstance(version, VersionFile) and isinstance(notice, NoticeFile) and isinstance(vocabulary, VocabularyFile)
    return Notice.model_construct(
        effective=effective,
        status=version.status,
        summary=version.summary,
        title=notice.title,
        subtitle=notice.subtitle,
        controllers=_record(records, "controllers.yml", ControllersFile).controllers,
        audiences=_record(records, "audiences.yml", AudiencesFile).audiences,
        sections=notice.sections,
        purposes=_record(records, "purposes.yml", PurposesFile).purposes,
        data_categories=vocabulary.data_categories,
        recipients=vocabulary.recipients,
        rights=_record(records, "rights.yml", RightsFile).rights,
        cookie_categories=_record(records, "cookies.yml", CookiesFile).cookie_categories,
    )


def _record(records: dict[str, Record], name: str, kind: type[R]) -> R:
    record = records[name]
    assert isinstance(record, kind)
    return record


@dataclass(frozen=True)
class _Id:
    """An id as written somewhere in the snapshot."""

    value: str
    file: str
    location: Location
    line: int


class _References:
    """Checks that span records and files: unique ids, references that resolve, records placed once."""

    def __init__(self, sources: dict[str, Source], records: dict[str, Record]) -> None:
        self.sources, self.records = sources, records
        self.problems: list[Problem] = []

    def check(self) -> list[Problem]:
        defined = {
            "controller": self._defined("controllers.yml", ("controllers",)),
            "audience": self._defined("audiences.yml", ("audiences",)),
            "section": self._defined("notice.yml", ("sections",)),
            "purpose": self._defined("purposes.yml", ("purposes",)),
            "data category": self._defined("vocabulary.yml", ("data_categories",)),
            "recipient": self._defined("vocabulary.yml", ("recipients",)),
            "right": self._defined("rights.yml", ("rights",)),
            "cookie category": self._defined("cookies.yml", ("cookie_categories",)),
        }
        self._unique_anchors(defined)
        self._references(defined)
        self._placements(defined)
        self._purposes_have_data(defined)
        self._activity_ids()
        if "necessary" not in defined["cookie category"]:
            self._problem("cookies.yml", ("cookie_categories",), "a 'necessary' cookie category (always on)", "none")
        return self.problems

    def _problem(self, name: str, location: Location, expected: str, got: str) -> None:
        source = self.sources[name]
        self.problems.append(Problem(source.file, source.line(location), dotted(location), expected, got))

    def _ids(self, name: str, location: Location) -> Iterator[_Id]:
        """Every `id` of the list at `location` in file `name`."""
        source = self.sources[name]
        node = source.data
        for part in location:
            node = node[part]
        for index, item in enumerate(node):
            where = (*location, index, "id")
            yield _Id(str(item["id"]), source.file, where, source.line(where))

    def _defined(self, name: str, location: Location) -> dict[str, _Id]:
        found: dict[str, _Id] = {}
        for record in self._ids(name, location):
            if record.value in found:
                self._problem(name, record.location, "a unique id", f"'{record.value}' again (first on line {found[record.value].line})")
            else:
                found[record.value] = record
        return found

    def _unique_anchors(self, defined: dict[str, dict[str, _Id]]) -> None:
        """Sections, purposes, rights, audiences and cookie categories share one page: their anchors must differ."""
        seen: dict[str, tuple[str, _Id]] = {}
        for kind in ("section", "audience", "purpose", "right", "cookie category"):
            for value, record in defined[kind].items():
                if value in seen:
                    other_kind, other = seen[value]
                    self.problems.append(Problem(
                        record.file, record.line, dotted(record.location),
                        "an id that no other section, purpose, right, audience or cookie category uses (it is the anchor in the page)",
                        f"'{value}', also the id of the {other_kind} at {other.file}:{other.line}",
                    ))
                else:
                    seen[value] = (kind, record)

    def _references(self, defined: dict[str, dict[str, _Id]]) -> None:
        for name, location, kind, value in self._all_references():
            if value not in defined[kind]:
                where = {"section": "notice.yml", "purpose": "purposes.yml", "right": "rights.yml", "audience": "audiences.yml",
                         "controller": "controllers.yml", "cookie category": "cookies.yml"}.get(kind, "vocabulary.yml")
                self._problem(name, location, f"the id of a {kind} defined in {where}", _suggest(value, defined[kind]))

    def _all_references(self) -> Iterator[tuple[str, Location, str, str]]:
        """(file, location, kind of record, id) for every reference in the snapshot."""
        notice = _record(self.records, "notice.yml", NoticeFile)
        for s, section in enumerate(notice.sections):
            for d, value in enumerate(section.data_categories):
                yield "notice.yml", ("sections", s, "data_categories", d), "data category", value
            for b, block in enumerate(section.body):
                kind = {"purposes": "purpose", "rights": "right", "cookie_categories": "cookie category", "recipients": "recipient",
                        "audiences": "audience", "controller": "controller"}.get(block.kind)
                if kind is None:
                    continue
                if block.kind == "controller":
                    yield "notice.yml", ("sections", s, "body", b, "controller"), kind, block.ids[0]
                for i, value in enumerate(block.ids if block.kind != "controller" else ()):
                    yield "notice.yml", ("sections", s, "body", b, block.kind, i), kind, value
        for a, audience in enumerate(_record(self.records, "audiences.yml", AudiencesFile).audiences):
            yield "audiences.yml", ("audiences", a, "controller"), "controller", audience.controller
            for i, value in enumerate(audience.sections):
                yield "audiences.yml", ("audiences", a, "sections", i), "section", value
        for p, purpose in enumerate(_record(self.records, "purposes.yml", PurposesFile).purposes):
            for i, value in enumerate(purpose.data_categories):
                yield "purposes.yml", ("purposes", p, "data_categories", i), "data category", value
            for i, value in enumerate(purpose.recipients):
                yield "purposes.yml", ("purposes", p, "recipients", i), "recipient", value
            for r, rule in enumerate(purpose.retention):
                for i, value in enumerate(rule.as_long_as):
                    yield "purposes.yml", ("purposes", p, "retention", r, "as_long_as", i), "purpose", value

    def _placements(self, defined: dict[str, dict[str, _Id]]) -> None:
        """Every purpose, right, cookie category and audience appears in exactly one section's body."""
        placed: dict[tuple[str, str], Location] = {}
        notice = _record(self.records, "notice.yml", NoticeFile)
        kinds = {"purposes": "purpose", "rights": "right", "cookie_categories": "cookie category", "audiences": "audience"}
        for s, section in enumerate(notice.sections):
            for b, block in enumerate(section.body):
                kind = kinds.get(block.kind)
                for i, value in enumerate(block.ids if kind else ()):
                    location = ("sections", s, "body", b, block.kind, i)
                    if (kind, value) in placed:
                        first = self.sources["notice.yml"].line(placed[(kind, value)])
                        self._problem("notice.yml", location, f"each {kind} placed once", f"'{value}' again (first on line {first})")
                    placed[(kind, value)] = location
        for kind in kinds.values():
            for value, record in defined[kind].items():
                if (kind, value) not in placed:
                    self.problems.append(Problem(
                        record.file, record.line, dotted(record.location),
                        f"the {kind} to be placed in a section's body in notice.yml", f"'{value}' is not placed anywhere",
                    ))

    def _purposes_have_data(self, defined: dict[str, dict[str, _Id]]) -> None:
        notice = _record(self.records, "notice.yml", NoticeFile)
        section_data = {pid: section.data_categories for section in notice.sections for block in section.body
                        if block.purposes for pid in block.purposes}
        for p, purpose in enumerate(_record(self.records, "purposes.yml", PurposesFile).purposes):
            if not purpose.data_categories and purpose.id in section_data and not section_data[purpose.id]:
                self._problem("purposes.yml", ("purposes", p), "data_categories on the purpose, or on the section that places it", "none")

    def _activity_ids(self) -> None:
        for p, purpose in enumerate(_record(self.records, "purposes.yml", PurposesFile).purposes):
            seen: set[str] = set()
            stack = [(("purposes", p, "activities", a), activity) for a, activity in enumerate(purpose.activities)]
            while stack:
                location, activity = stack.pop(0)
                if activity.id in seen:
                    self._problem("purposes.yml", (*location, "id"), "an activity id unique within its purpose", f"'{activity.id}' again")
                seen.add(activity.id)
                stack.extend(((*location, "steps", i), step) for i, step in enumerate(activity.steps))
