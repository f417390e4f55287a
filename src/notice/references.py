"""Checks that span records and files: unique ids and anchors, references that resolve, records placed once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from notice.errors import Problem, suggest
from notice.model import Activity, AudiencesFile, CookieCategoryId, CookiesFile, NoticeFile, PurposesFile, Record, TransfersFile
from notice.source import Location, Source, dotted

R = TypeVar("R", bound=Record)

RESERVED_IDS = frozenset({"notice-title", "at-a-glance", "what-applies-to-me", "personal-data", "versions", "changes", "summary",
                          "full-text", "material", "less-processing", "change-classes"})
"""Anchors the pages make themselves: a record with one of these ids would give a page two elements with one id."""
RESERVED_PREFIXES = ("for-", "nt-", "notice-", "redline-")
"""Prefixes of the anchors and element ids the pages and the consent widget generate (`for-lead`, `nt-consent-statistics`,
`redline-invoicing`)."""


def record_of(records: dict[str, Record], name: str, kind: type[R]) -> R:
    """The record read from file `name`, as the kind that file holds."""
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


def check_references(sources: dict[str, Source], records: dict[str, Record]) -> list[Problem]:
    """Every problem between records: ids that repeat or resolve to nothing, records placed twice or nowhere."""
    return _References(sources, records).check()


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
            "transfer": self._defined("transfers.yml", ("transfers",)) if "transfers.yml" in self.sources else {},
        }
        self._unique_anchors(defined)
        self._references(defined)
        self._placements(defined)
        self._purposes_have_data(defined)
        self._activity_ids()
        self._unique_keys()
        if CookieCategoryId.necessary.value not in defined["cookie category"]:
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
        """Sections, purposes, rights, audiences and cookie categories share one page: their anchors must differ,
        and differ from the ones the pages make themselves (so do data categories, the anchors of the explorer)."""
        for kind in ("section", "audience", "purpose", "right", "data category", "transfer"):
            for value, record in defined[kind].items():
                if value in RESERVED_IDS or value.startswith(RESERVED_PREFIXES):
                    self.problems.append(Problem(
                        record.file, record.line, dotted(record.location),
                        f"an id that is not one the pages use themselves ({', '.join(sorted(RESERVED_IDS))}, "
                        f"or starting with {', '.join(RESERVED_PREFIXES)})", f"'{value}'",
                    ))
        seen: dict[str, tuple[str, _Id]] = {}
        for kind in ("section", "audience", "purpose", "right", "cookie category", "transfer"):
            for value, record in defined[kind].items():
                if value in seen:
                    other_kind, other = seen[value]
                    self.problems.append(Problem(
                        record.file, record.line, dotted(record.location),
                        "an id that no other section, purpose, right, audience, cookie category or transfer uses (it is the anchor in the page)",
                        f"'{value}', also the id of the {other_kind} at {other.file}:{other.line}",
                    ))
                else:
                    seen[value] = (kind, record)

    def _references(self, defined: dict[str, dict[str, _Id]]) -> None:
        for name, location, kind, value in self._all_references():
            if value not in defined[kind]:
                where = {"section": "notice.yml", "purpose": "purposes.yml", "right": "rights.yml", "audience": "audiences.yml",
                         "controller": "controllers.yml", "cookie category": "cookies.yml", "transfer": "transfers.yml"}.get(kind, "vocabulary.yml")
                article = "an" if kind[0] in "aeiou" else "a"
                self._problem(name, location, f"the id of {article} {kind} defined in {where}", suggest(value, defined[kind]))

    def _all_references(self) -> Iterator[tuple[str, Location, str, str]]:
        """(file, location, kind of record, id) for every reference in the snapshot."""
        notice = record_of(self.records, "notice.yml", NoticeFile)
        for s, section in enumerate(notice.sections):
            for d, value in enumerate(section.data_categories):
                yield "notice.yml", ("sections", s, "data_categories", d), "data category", value
            for b, block in enumerate(section.body):
                kind = {"purposes": "purpose", "rights": "right", "cookie_categories": "cookie category", "recipients": "recipient",
                        "audiences": "audience", "controller": "controller", "transfers": "transfer"}.get(block.kind)
                if kind is None:
                    continue
                if block.kind == "controller":
                    yield "notice.yml", ("sections", s, "body", b, "controller"), kind, block.ids[0]
                for i, value in enumerate(block.ids if block.kind != "controller" else ()):
                    yield "notice.yml", ("sections", s, "body", b, block.kind, i), kind, value
        for a, audience in enumerate(record_of(self.records, "audiences.yml", AudiencesFile).audiences):
            yield "audiences.yml", ("audiences", a, "controller"), "controller", audience.controller
            for i, value in enumerate(audience.sections):
                yield "audiences.yml", ("audiences", a, "sections", i), "section", value
        for p, purpose in enumerate(record_of(self.records, "purposes.yml", PurposesFile).purposes):
            for i, value in enumerate(purpose.data_categories):
                yield "purposes.yml", ("purposes", p, "data_categories", i), "data category", value
            for i, value in enumerate(purpose.recipients):
                yield "purposes.yml", ("purposes", p, "recipients", i), "recipient", value
            for r, rule in enumerate(purpose.retention):
                for i, value in enumerate(rule.as_long_as):
                    yield "purposes.yml", ("purposes", p, "retention", r, "as_long_as", i), "purpose", value
        if "transfers.yml" in self.records:
            for t, transfer in enumerate(record_of(self.records, "transfers.yml", TransfersFile).transfers):
                for i, value in enumerate(transfer.recipients):
                    yield "transfers.yml", ("transfers", t, "recipients", i), "recipient", value

    def _placements(self, defined: dict[str, dict[str, _Id]]) -> None:
        """Every purpose, right, cookie category and audience appears in exactly one section's body."""
        placed: dict[tuple[str, str], Location] = {}
        notice = record_of(self.records, "notice.yml", NoticeFile)
        kinds = {"purposes": "purpose", "rights": "right", "cookie_categories": "cookie category", "audiences": "audience",
                 "transfers": "transfer"}
        for s, section in enumerate(notice.sections):
            for b, block in enumerate(section.body):
                kind = kinds.get(block.kind)
                if kind is None:
                    continue
                for i, value in enumerate(block.ids):
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
        notice = record_of(self.records, "notice.yml", NoticeFile)
        section_data = {pid: section.data_categories for section in notice.sections for block in section.body
                        if block.purposes for pid in block.purposes}
        for p, purpose in enumerate(record_of(self.records, "purposes.yml", PurposesFile).purposes):
            if not purpose.data_categories and purpose.id in section_data and not section_data[purpose.id]:
                self._problem("purposes.yml", ("purposes", p), "data_categories on the purpose, or on the section that places it", "none")

    def _unique_keys(self) -> None:
        """Within each list, each record is known by its key: legal bases and retention rules by id within their
        purpose, a section's blocks by id (prose) or by kind (records), cookies by name in the whole notice."""
        def unique(file: str, items: list[tuple[Location, str]], what: str) -> None:
            seen: dict[str, Location] = {}
            for location, key in items:
                if key in seen:
                    first = self.sources[file].line(seen[key])
                    self._problem(file, location, what, f"'{key}' again (first on line {first})")
                seen.setdefault(key, location)

        for p, purpose in enumerate(record_of(self.records, "purposes.yml", PurposesFile).purposes):
            unique("purposes.yml", [(("purposes", p, "legal_bases", b, "id"), basis.id) for b, basis in enumerate(purpose.legal_bases)],
                   "a legal basis id unique within its purpose")
            unique("purposes.yml", [(("purposes", p, "retention", r, "id"), rule.id) for r, rule in enumerate(purpose.retention)],
                   "a retention rule id unique within its purpose")
        for s, section in enumerate(record_of(self.records, "notice.yml", NoticeFile).sections):
            unique("notice.yml", [(("sections", s, "body", b, "id" if block.id else block.kind), block.key) for b, block in enumerate(section.body)],
                   "each block once in a section: a prose block's id unique within it, and one block of each kind of records")
        categories = record_of(self.records, "cookies.yml", CookiesFile).cookie_categories
        unique("cookies.yml", [(("cookie_categories", c, "cookies", k, "name"), cookie.name) for c, category in enumerate(categories)
                               for k, cookie in enumerate(category.cookies)], "a cookie name listed once in the notice")

    def _activity_ids(self) -> None:
        for p, purpose in enumerate(record_of(self.records, "purposes.yml", PurposesFile).purposes):
            seen: set[str] = set()
            stack: list[tuple[Location, Activity]] = [(("purposes", p, "activities", a), activity) for a, activity in enumerate(purpose.activities)]
            while stack:
                location, activity = stack.pop(0)
                if activity.id in seen:
                    self._problem("purposes.yml", (*location, "id"), "an activity id unique within its purpose", f"'{activity.id}' again")
                seen.add(activity.id)
                stack.extend(((*location, "steps", i), step) for i, step in enumerate(activity.steps))
