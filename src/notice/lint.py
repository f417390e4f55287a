"""The notice's own gaps against GDPR Articles 13 and 14, and its inconsistencies, as findings with their place.

Findings are warnings unless the project makes a rule an error: the published 2024 notice has real gaps,
and they are reported, not hidden (`notice check`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import get_month_names

from notice.consent import COOKIE_NAME
from notice.language import Languages
from notice.locale import format_day
from notice.model import BasisKind, CookieCategoryId, Notice, RightKind
from notice.source import Source, dotted, read_source
from notice.versions import Version

REQUIRED_RIGHTS = {
    RightKind.access: "access (Art. 15)",
    RightKind.rectification: "rectification (Art. 16)",
    RightKind.erasure: "erasure (Art. 17)",
    RightKind.restriction: "restriction of processing (Art. 18)",
    RightKind.portability: "data portability (Art. 20)",
    RightKind.objection: "objection (Art. 21)",
}
RESIDUE = re.compile(r"\b(OurCompany|Our Company Name|Your Company|ACME|Lorem ipsum|TODO|TBD|XXX+|\[(?:Company|Name|Address)[^\]]*\])")
SECTION_REFERENCE = re.compile(r"(?i)\b(?:sections?|sekcj\w*)\s+(\d+(?:\s*(?:,|and|et|i|or|ou|lub|to|à|do|-|–)\s*\d+)*)")
TRANSFERS = re.compile(r"(?i)outside (?:the )?(?:European Economic Area|EEA|Europe)")
SAFEGUARDS = re.compile(r"(?i)standard contractual clauses|adequacy decision|binding corporate rules")
INDIRECT = re.compile(r"(?i)collect\w*[^.]{0,120}\bfrom (?:various|other|third[- ]part\w*)\b|obtain\w*[^.]{0,80}\bfrom third parties")


@dataclass(frozen=True)
class Finding:
    """A gap or an inconsistency: which rule, what it cites, what is wrong, and where."""

    rule: str
    reference: str
    message: str
    file: str
    line: int | None
    path: str
    severity: str = "warning"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Places:
    """Lines of records in a version's files, found by the records' ids."""

    def __init__(self, version: Version, languages: Languages) -> None:
        self.version, self.languages, self.language = version, languages, languages.source.code
        self.sources: dict[str, Source] = {}

    def source(self, file: str) -> Source:
        if file not in self.sources:
            self.sources[file] = read_source(self.version.directory / file, f"{self.version.display}/{file}")
        return self.sources[file]

    def at(self, file: str, path: tuple[str | int, ...]) -> tuple[str, int, str]:
        """(file, line, field path) of `path`, whose string parts after a list name may be record ids."""
        source = self.source(file)
        location: list[str | int] = []
        node: Any = source.data
        for part in path:
            if isinstance(node, list) and isinstance(part, str):
                part = next(index for index, item in enumerate(node) if isinstance(item, dict) and item.get("id") == part)
            location.append(part)
            node = node[part]
        return source.file, source.line(tuple(location)), dotted(tuple(location))


def lint(version: Version, languages: Languages, errors: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
    """Every finding for `version`, read in the source language of `languages` (the English wording: the patterns are
    English; dates are read in every language); rules named in `errors` (or "all") are errors."""
    places = _Places(version, languages)
    findings = []
    for rule in (_controllers, _dpo, _legitimate_interests, _transfers, _rights, _withdraw_consent, _complaint,
                 _indirect_collection, _section_references, _residue, _effective_date, _cookies, _near_duplicates):
        for finding in rule(version.notice, places):
            severity = "error" if "all" in errors or finding.rule in errors else "warning"
            findings.append(Finding(**{**finding.as_dict(), "severity": severity}))
    return tuple(findings)


def _finding(places: _Places, rule: str, reference: str, message: str, file: str, path: tuple[str | int, ...]) -> Finding:
    shown, line, field = places.at(file, path)
    return Finding(rule, reference, message, shown, line, field)


def _audiences_of(notice: Notice, controller: str, places: _Places) -> str:
    return ", ".join(audience.name[places.language] for audience in notice.audiences if audience.controller == controller)


def _controllers(notice: Notice, places: _Places) -> Iterator[Finding]:
    for controller in notice.controllers:
        used_by = _audiences_of(notice, controller.id, places)
        if used_by and not (controller.email or controller.address or controller.phone):
            yield _finding(places, "gdpr-controller-contact", "GDPR Art. 13(1)(a), 14(1)(a)",
                           f"{controller.name} is the controller for {used_by}, but the notice gives no address, e-mail or phone for it.",
                           "controllers.yml", ("controllers", controller.id))


def _dpo(notice: Notice, places: _Places) -> Iterator[Finding]:
    for controller in notice.controllers:
        used_by = _audiences_of(notice, controller.id, places)
        if used_by and controller.dpo is None:
            yield _finding(places, "gdpr-dpo-contact", "GDPR Art. 13(1)(b), 14(1)(b)",
                           f"No contact details of a data protection officer for {controller.name} ({used_by}); "
                           "state them (dpo:) if one is designated (Art. 37).", "controllers.yml", ("controllers", controller.id))


def _legitimate_interests(notice: Notice, places: _Places) -> Iterator[Finding]:
    for purpose in notice.purposes:
        for index, basis in enumerate(purpose.legal_bases):
            if BasisKind.legitimate_interests in basis.kinds and len(basis.text[places.language].split()) < 15:
                yield _finding(places, "gdpr-legitimate-interests", "GDPR Art. 13(1)(d), 14(2)(b)",
                               f"'{purpose.title[places.language]}' relies on legitimate interests without saying which interests.",
                               "purposes.yml", ("purposes", purpose.id, "legal_bases", index))


def _prose(notice: Notice, language: str) -> str:
    return " ".join(block.prose[language] for section in notice.sections for block in section.body if block.prose)


def _transfers(notice: Notice, places: _Places) -> Iterator[Finding]:
    """Transfers are records (transfers.yml), each with its safeguards; without records, the prose must say it."""
    if notice.transfers:
        return
    text = _prose(notice, places.language)
    if not TRANSFERS.search(text) or not SAFEGUARDS.search(text):
        yield _finding(places, "gdpr-transfers", "GDPR Art. 13(1)(f), 14(1)(f)",
                       "The notice does not say whether personal data is transferred outside the EEA and with which safeguards.",
                       "notice.yml", ("sections",))


def _rights(notice: Notice, places: _Places) -> Iterator[Finding]:
    present = {right.kind for right in notice.rights}
    for kind, name in REQUIRED_RIGHTS.items():
        if kind not in present:
            yield _finding(places, "gdpr-rights", "GDPR Art. 13(2)(b), 14(2)(c)", f"The right of {name} is not stated.", "rights.yml", ("rights",))


def _withdraw_consent(notice: Notice, places: _Places) -> Iterator[Finding]:
    consent = [p.title[places.language] for p in notice.purposes if any(BasisKind.consent in b.kinds for b in p.legal_bases)]
    if consent and not any(right.kind is RightKind.withdraw_consent for right in notice.rights):
        yield _finding(places, "gdpr-withdraw-consent", "GDPR Art. 13(2)(c), 14(2)(d)",
                       f"Purposes rely on consent ({'; '.join(consent)}) but the right to withdraw it at any time is not stated.",
                       "rights.yml", ("rights",))


def _complaint(notice: Notice, places: _Places) -> Iterator[Finding]:
    if not any(right.kind is RightKind.complaint for right in notice.rights):
        yield _finding(places, "gdpr-complaint", "GDPR Art. 13(2)(d), 14(2)(e)",
                       "The right to lodge a complaint with a supervisory authority is not stated (for every audience).",
                       "rights.yml", ("rights",))


def _indirect_collection(notice: Notice, places: _Places) -> Iterator[Finding]:
    """Where a section says data comes from other sources (Art. 14), its purposes must list the categories of data."""
    for section in notice.sections:
        prose = " ".join(block.prose[places.language] for block in section.body if block.prose)
        if not INDIRECT.search(prose):
            continue
        for pid in (pid for block in section.body if block.purposes for pid in block.purposes):
            if not notice.data_categories_of(notice.purpose[pid]):
                yield _finding(places, "gdpr-14-categories", "GDPR Art. 14(1)(d)",
                               f"Data for '{notice.purpose[pid].title[places.language]}' is collected from other sources, but its categories are not listed.",
                               "purposes.yml", ("purposes", pid))


def _texts(notice: Notice) -> Iterator[tuple[str, tuple[str | int, ...], dict[str, str]]]:
    """Every text of the notice: (file, path with ids, {language: text})."""
    files = {"audiences": "audiences.yml", "purposes": "purposes.yml", "rights": "rights.yml", "cookie_categories": "cookies.yml",
             "data_categories": "vocabulary.yml", "recipients": "vocabulary.yml", "sections": "notice.yml"}

    def walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], dict[str, str]]]:
        if isinstance(value, dict) and notice.languages[0] in value:
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, item["id"] if isinstance(item, dict) and "id" in item else index))

    data = notice.model_dump(mode="json")
    for key in ("title", "subtitle"):
        yield "notice.yml", (key,), data[key]
    for collection, file in files.items():
        for path, text in walk(data[collection], (collection,)):
            yield file, path, text


def _section_references(notice: Notice, places: _Places) -> Iterator[Finding]:
    count = len(notice.number)
    for file, path, text in _texts(notice):
        wrong = {language: sorted({int(n) for match in SECTION_REFERENCE.findall(value) for n in re.findall(r"\d+", match)} - set(range(1, count + 1)))
                 for language, value in text.items()}
        languages = [language for language, numbers in wrong.items() if numbers]
        if languages:
            numbers = ", ".join(str(n) for n in wrong[languages[0]])
            yield _finding(places, "section-reference", "consistency",
                           f"Refers to section {numbers}, but the notice has {count} numbered sections (in {', '.join(languages)}).", file, path)


def _residue(notice: Notice, places: _Places) -> Iterator[Finding]:
    for file, path, text in _texts(notice):
        found = {language: sorted(set(RESIDUE.findall(value))) for language, value in text.items()}
        languages = [language for language, words in found.items() if words]
        if languages:
            yield _finding(places, "template-residue", "consistency",
                           f"Template residue {', '.join(repr(w) for w in found[languages[0]])} (in {', '.join(languages)}).", file, path)


@cache
def _date_pattern(locale: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """A date as `locale` writes it in prose, with its month names (each form Babel knows: "février", "lutego",
    "luty", "Feb"): "1 February 2024", "February 1, 2024", "1er février 2024", "1 lutego 2024 r.", or 2024-02-01."""
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, locale).items():
                months.setdefault(str(name).rstrip(".").casefold(), number)
    names = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
    pattern = (rf"(?<!\d)(?P<day>\d{{1,2}})(?:er|st|nd|rd|th|\.)?\s+(?P<month>{names})\.?\s+(?P<year>\d{{4}})(?!\d)"
               rf"|\b(?P<month2>{names})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}})(?!\d)"
               r"|(?<!\d)(?P<year3>\d{4})-(?P<month3>\d{2})-(?P<day3>\d{2})(?!\d)")
    return re.compile(pattern, re.IGNORECASE), months


def stated_dates(text: str, locale: str) -> tuple[date, ...]:
    """The dates a text states, read as `locale` writes them (impossible dates are not dates)."""
    pattern, months = _date_pattern(locale)
    found = []
    for match in pattern.finditer(text):
        day, month, year = (match["day"] or match["day2"] or match["day3"], match["month"] or match["month2"] or match["month3"],
                            match["year"] or match["year2"] or match["year3"])
        try:
            found.append(date(int(year), int(month) if month.isdigit() else months[month.casefold()], int(day)))
        except ValueError:
            continue
    return tuple(found)


def _effective_date(notice: Notice, places: _Places) -> Iterator[Finding]:
    """The title, subtitle and section titles state no date but the version's own ("applicable from February 1, 2024"
    copied into the next version by `notice amend` would tell readers the wrong date)."""
    texts: list[tuple[tuple[str | int, ...], dict[str, str]]] = [(("title",), notice.title.root), (("subtitle",), notice.subtitle.root)]
    texts += [(("sections", section.id, "title"), section.title.root) for section in notice.sections]
    for path, text in texts:
        wrong = {language.code: [day for day in stated_dates(text[language.code], language.locale) if day != notice.effective]
                 for language in places.languages if language.code in text}
        languages = [code for code, days in wrong.items() if days]
        if languages:
            first = places.languages[languages[0]]
            yield _finding(places, "effective-date", "consistency",
                           f"States the date {format_day(wrong[first.code][0], places.languages.source)}, but this version takes effect on "
                           f"{format_day(notice.effective, places.languages.source)} (in {', '.join(languages)}).", "notice.yml", path)


def _cookies(notice: Notice, places: _Places) -> Iterator[Finding]:
    """The widget offers every category of cookies.yml: each must say which cookies it covers, the widget's own included."""
    necessary = notice.cookie_category.get(CookieCategoryId.necessary.value)
    if necessary is not None and not any(cookie.name == COOKIE_NAME for cookie in necessary.cookies):
        yield _finding(places, "cookie-consent-cookie", "consistency (ePrivacy Art. 5(3))",
                       f"The consent widget sets the '{COOKIE_NAME}' cookie, which the notice does not list among the strictly necessary cookies.",
                       "cookies.yml", ("cookie_categories", CookieCategoryId.necessary.value))
    for category in notice.cookie_categories:
        if category.id is not CookieCategoryId.necessary and not category.cookies:
            yield _finding(places, "cookie-category-empty", "consistency (GDPR Art. 7, 13(1)(c))",
                           f"The consent widget asks consent for '{category.name[places.language]}', but the notice lists no cookie for it.",
                           "cookies.yml", ("cookie_categories", category.id.value))


def _near_duplicates(notice: Notice, places: _Places) -> Iterator[Finding]:
    for collection in ("data_categories", "recipients"):
        seen: dict[str, str] = {}
        for entry in getattr(notice, collection):
            key = re.sub(r"\W+", " ", entry.name[places.language]).strip().casefold()
            if key in seen:
                yield _finding(places, "vocabulary-duplicate", "consistency",
                               f"'{entry.name[places.language]}' differs from '{seen[key]}' only in case or punctuation: one category or two?",
                               "vocabulary.yml", (collection, entry.id))
            seen.setdefault(key, entry.name[places.language])


def read_lint_errors(root: Path) -> frozenset[str]:
    """The rules the project treats as errors: `[tool.notice] lint-errors` in pyproject.toml."""
    path = root / "pyproject.toml"
    settings = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("notice", {}) if path.exists() else {}
    return frozenset(settings.get("lint-errors", []))
