"""Every change an amendment makes, classified from the structured diff: material (the people concerned must be
told in advance), less processing, or editorial.

The rules follow the GDPR transparency guidance (Article 29 Working Party, WP260 rev.01, paragraphs 26-29): a
change to the purposes, the data, the recipients, the legal bases, the retention, the controller or the means
of exercising rights, a new transfer outside the EEA, a right removed or restricted, new processing that needs
consent. They are one table, read in order; the first rule whose path shape, kind of change and judgement fit
decides. What no rule decides is editorial. The legal team can override a class in version.yml, with a reason
that the changes page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from notice.diff import Change, diff, match
from notice.locale import N_
from notice.model import ChangeClass, CookieCategoryId, Notice, Override, Period, Unit, parse_period

Judge = Callable[[Change, Notice, Notice, tuple[str, ...]], ChangeClass | None]
"""Decides a change's class, or None when the rule does not apply to it after all."""

MATERIAL, LESS, EDITORIAL = ChangeClass.material, ChangeClass.less_processing, ChangeClass.editorial
ORDER = {EDITORIAL: 0, LESS: 1, MATERIAL: 2}
"""Which class wins where several apply (a version, a sentence told for several changes)."""
CLASS_LABELS = {MATERIAL: N_("Material changes"), LESS: N_("Less processing"), EDITORIAL: N_("Editorial changes only")}
"""How a version's class is named to readers (feeds, history)."""


@dataclass(frozen=True)
class Rule:
    """One line of the table: changes at paths of this shape and kind get the class its judge gives."""

    name: str
    pattern: tuple[str, ...]
    kinds: frozenset[str]
    judge: Judge


@dataclass(frozen=True)
class Classified:
    """A change with its class, the rule that gave it, and the legal team's override if any."""

    change: Change
    change_class: ChangeClass
    rule: Rule | None
    """The line of the table that decided, or None for a change no rule concerns (editorial)."""
    override: Override | None = None

    @property
    def rule_name(self) -> str:
        return self.rule.name if self.rule else "wording"


def highest(classes: list[ChangeClass] | tuple[ChangeClass, ...]) -> ChangeClass:
    """The class of several changes together: material if any is, else less processing if any is, else editorial."""
    return max(classes, key=ORDER.__getitem__, default=EDITORIAL)


def classify(old: Notice, new: Notice) -> tuple[Classified, ...]:
    """Every change from `old` to `new`, classified by the rules, then by `new`'s overrides."""
    classified = []
    for change in diff(old, new):
        change_class, rule = _by_rules(change, old, new)
        override = next((override for override in new.overrides if _covers(override.change, change.path)), None)
        classified.append(Classified(change, override.class_ if override else change_class, rule, override))
    return tuple(classified)


def unused_overrides(old: Notice, new: Notice) -> tuple[Override, ...]:
    """Overrides in `new` that cover no change: a stale or mistyped override is never silently ignored."""
    paths = [change.path for change in diff(old, new)]
    return tuple(override for override in new.overrides if not any(_covers(override.change, path) for path in paths))


def _covers(override: str, path: tuple[Any, ...]) -> bool:
    keys = tuple(override.split("."))
    return tuple(str(part) for part in path[:len(keys)]) == keys


def _by_rules(change: Change, old: Notice, new: Notice) -> tuple[ChangeClass, Rule | None]:
    for rule in RULES:
        keys = match(rule.pattern, change.path)
        if keys is not None and change.kind in rule.kinds:
            decided = rule.judge(change, old, new, keys)
            if decided is not None:
                return decided, rule
    return EDITORIAL, None


def _always(change_class: ChangeClass) -> Judge:
    return lambda change, old, new, keys: change_class


def _by_kind(added: ChangeClass, removed: ChangeClass) -> Judge:
    """For a record added or removed."""
    return lambda change, old, new, keys: added if change.kind == "add" else removed if change.kind == "remove" else None


def _grown(was: set[str], now: set[str]) -> ChangeClass | None:
    """Material if the set gained a member, less processing if it only lost some."""
    if now - was:
        return MATERIAL
    return LESS if was - now else None


def _more_or_fewer(before: Callable[[Notice, tuple[str, ...]], set[str]]) -> Judge:
    return lambda change, old, new, keys: _grown(before(old, keys), before(new, keys))


def _purpose_data(notice: Notice, keys: tuple[str, ...]) -> set[str]:
    purpose = notice.purpose.get(keys[0])
    return set(notice.data_categories_of(purpose)) if purpose else set()


def _section_data(notice: Notice, keys: tuple[str, ...]) -> set[str]:
    """The data of the section's purposes that rely on the section's list (a purpose listing its own is not concerned)."""
    section = notice.section.get(keys[0])
    if section is None:
        return set()
    purposes = [notice.purpose[pid] for block in section.body if block.purposes for pid in block.purposes]
    return {f"{purpose.id}/{category}" for purpose in purposes if not purpose.data_categories for category in section.data_categories}


def _section_recipients(notice: Notice, keys: tuple[str, ...]) -> set[str]:
    section = notice.section.get(keys[0])
    return {recipient for block in section.body for recipient in block.recipients or ()} if section else set()


def _concerned(notice: Notice, purposes: set[str]) -> set[str]:
    """Which of these purposes concern which audience ("lead/email-marketing"), through the audience's sections."""
    return {f"{audience.id}/{pid}" for audience in notice.audiences for sid in audience.sections if sid in notice.section
            for block in notice.section[sid].body for pid in block.purposes or () if pid in purposes}


def _audiences(change: Change, old: Notice, new: Notice, keys: tuple[str, ...]) -> ChangeClass | None:
    """Material if a purpose now concerns people it did not (an audience added, or given a section or a purpose); less
    processing if people are only no longer concerned. A purpose new in the version is told as a new purpose."""
    kept = set(old.purpose) & set(new.purpose)
    return _grown(_concerned(old, kept), _concerned(new, kept))


def _source_text(judge: Judge) -> Judge:
    """A change to a translation alone is editorial: what the notice says is its source language's text."""
    def judged(change: Change, old: Notice, new: Notice, keys: tuple[str, ...]) -> ChangeClass | None:
        return EDITORIAL if change.path[-1] in new.languages[1:] else judge(change, old, new, keys)
    return judged


def _recipients(notice: Notice, keys: tuple[str, ...]) -> set[str]:
    purpose = notice.purpose.get(keys[0])
    return set(purpose.recipients) if purpose else set()


def _transfer_recipients(notice: Notice, keys: tuple[str, ...]) -> set[str]:
    transfer = notice.transfer.get(keys[0])
    return set(transfer.recipients) if transfer else set()


def _as_long_as(notice: Notice, keys: tuple[str, ...]) -> set[str]:
    purpose = notice.purpose.get(keys[0])
    rule = next((rule for rule in purpose.retention if rule.id == keys[1]), None) if purpose else None
    return set(rule.as_long_as) if rule else set()


_DAYS = {Unit.minute: 1 / 1440, Unit.hour: 1 / 24, Unit.day: 1, Unit.week: 7, Unit.month: 365.25 / 12, Unit.year: 365.25}


def days(period: Period) -> float:
    """A period's upper bound in days, to compare periods written in different units ("18 months" > "1 year")."""
    return period.high * _DAYS[period.unit]


def _longer(change: Change, old: Notice, new: Notice, keys: tuple[str, ...]) -> ChangeClass | None:
    """A retention period or a cookie's lifetime: longer is material, shorter less processing."""
    if not isinstance(change.old, str) or not isinstance(change.new, str) or "session" in (change.old, change.new):
        return MATERIAL if change.new not in (None, "session") else LESS
    before, after = days(parse_period(change.old)), days(parse_period(change.new))
    return MATERIAL if after > before else LESS if after < before else None


def _needs_consent(change_class: ChangeClass) -> Judge:
    """A cookie (or a detail of one) in a category that needs consent; strictly necessary ones are editorial."""
    return lambda change, old, new, keys: change_class if keys[0] != CookieCategoryId.necessary.value else EDITORIAL


def _cookie_lifetime(change: Change, old: Notice, new: Notice, keys: tuple[str, ...]) -> ChangeClass | None:
    return _longer(change, old, new, keys) if keys[0] != CookieCategoryId.necessary.value else EDITORIAL


def _cookie_added(change: Change, old: Notice, new: Notice, keys: tuple[str, ...]) -> ChangeClass | None:
    if keys[0] == CookieCategoryId.necessary.value:
        return EDITORIAL
    return MATERIAL if change.kind == "add" else LESS


def _category_added(change: Change, old: Notice, new: Notice, keys: tuple[str, ...]) -> ChangeClass | None:
    if change.kind == "add":
        return MATERIAL if keys[0] != CookieCategoryId.necessary.value else EDITORIAL
    return LESS if change.kind == "remove" else None


ADD_REMOVE = frozenset({"add", "remove"})
ANY = frozenset({"add", "remove", "change"})

RULES: tuple[Rule, ...] = (
    # purposes and what each does
    Rule("new-purpose", ("purposes", "*"), ADD_REMOVE, _by_kind(MATERIAL, LESS)),
    Rule("data-categories", ("purposes", "*", "data_categories"), ANY, _more_or_fewer(_purpose_data)),
    Rule("data-categories", ("sections", "*", "data_categories"), ANY, _more_or_fewer(_section_data)),
    Rule("recipients", ("purposes", "*", "recipients"), ANY, _more_or_fewer(_recipients)),
    Rule("recipients", ("sections", "*", "body", "*", "recipients"), ANY, _more_or_fewer(_section_recipients)),
    Rule("legal-basis", ("purposes", "*", "legal_bases", "*"), ADD_REMOVE, _always(MATERIAL)),
    Rule("legal-basis", ("purposes", "*", "legal_bases", "*", "kinds"), ANY, _always(MATERIAL)),
    Rule("retention", ("purposes", "*", "retention", "*"), ADD_REMOVE, _by_kind(MATERIAL, LESS)),
    Rule("retention", ("purposes", "*", "retention", "*", "period"), ANY, _longer),
    Rule("retention", ("purposes", "*", "retention", "*", "after"), ANY, _always(MATERIAL)),
    Rule("retention", ("purposes", "*", "retention", "*", "until"), ANY, _always(MATERIAL)),
    Rule("retention", ("purposes", "*", "retention", "*", "as_long_as"), ANY, _more_or_fewer(_as_long_as)),
    # who is responsible, and how to reach them to exercise one's rights
    Rule("controller", ("controllers", "*"), ADD_REMOVE, _always(MATERIAL)),
    Rule("controller", ("controllers", "*", "**"), ANY, _source_text(_always(MATERIAL))),
    Rule("controller", ("audiences", "*", "controller"), ANY, _always(MATERIAL)),
    Rule("controller", ("sections", "*", "body", "*", "controller"), ANY, _always(MATERIAL)),
    # whom each purpose concerns
    Rule("audiences", ("audiences", "*"), ADD_REMOVE, _audiences),
    Rule("audiences", ("audiences", "*", "sections"), ANY, _audiences),
    Rule("audiences", ("sections", "*"), ADD_REMOVE, _audiences),
    Rule("audiences", ("sections", "*", "body", "*"), ADD_REMOVE, _audiences),
    Rule("audiences", ("sections", "*", "body", "*", "purposes"), ANY, _audiences),
    # transfers outside the EEA
    Rule("transfer", ("transfers", "*"), ADD_REMOVE, _by_kind(MATERIAL, LESS)),
    Rule("transfer", ("transfers", "*", "recipients"), ANY, _more_or_fewer(_transfer_recipients)),
    Rule("transfer", ("transfers", "*", "safeguards"), ANY, _always(MATERIAL)),
    Rule("transfer", ("transfers", "*", "destination", "*"), ANY, _source_text(_always(MATERIAL))),
    # rights
    Rule("right-removed", ("rights", "*"), frozenset({"remove"}), _always(MATERIAL)),
    Rule("right-removed", ("rights", "*", "kind"), ANY, _always(MATERIAL)),
    # cookies that need consent
    Rule("cookies", ("cookie_categories", "*"), ADD_REMOVE, _category_added),
    Rule("cookies", ("cookie_categories", "*", "cookies", "*"), ADD_REMOVE, _cookie_added),
    Rule("cookies", ("cookie_categories", "*", "cookies", "*", "lifetime"), ANY, _cookie_lifetime),
    Rule("cookies", ("cookie_categories", "*", "cookies", "*", "provider"), ANY, _needs_consent(MATERIAL)),
)
"""The rules, in the order they are tried."""
