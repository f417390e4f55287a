"""Reading aids built from the data: what applies to whom, the first layer, and the personal-data explorer.

They add no text of their own to the notice: every fact comes from the version's records.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from notice.locale import Gettext
from notice.model import Notice, Purpose
from notice.render import ControllerView, NoticeView, NoticeViews


@dataclass(frozen=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True)
class AudienceChoice:
    """An audience in the "What applies to me?" selector, with the sections it reads."""

    id: str
    name: str
    sections: tuple[Link, ...]


@dataclass(frozen=True)
class Facts:
    """A purpose's legal bases, recipients and retention, in short."""

    purpose: Link
    bases: tuple[str, ...]
    recipients: tuple[str, ...]
    retention: tuple[Markup, ...]
    applies_to: str


@dataclass(frozen=True)
class Overview:
    """The first layer (EDPB layered notice): who is responsible, how to exercise one's rights, each purpose in short."""

    controller: ControllerView
    rights: tuple[Link, ...]
    purposes: tuple[Facts, ...]


@dataclass(frozen=True)
class DataEntry:
    """A category of personal data and every purpose that uses it."""

    id: str
    name: str
    uses: tuple[Facts, ...]


def audience_choices(notice: Notice, view: NoticeView, language: str) -> tuple[AudienceChoice, ...]:
    headings = {section.id: section.heading for section in view.sections}
    return tuple(
        AudienceChoice(audience.id, audience.name[language], tuple(Link(f"#{sid}", headings[sid]) for sid in audience.sections))
        for audience in notice.audiences
    )


def overview(notice: Notice, language: str, gettext: Gettext, notice_href: str = "") -> Overview:
    """The first layer; links point into the notice at `notice_href` (this page when empty)."""
    views = NoticeViews(notice, language, gettext, notice_href)
    controller_id = next(block.controller for section in notice.sections for block in section.body if block.controller)
    rights = tuple(Link(f"{notice_href}#{right.id}", right.name[language]) for right in notice.rights)
    return Overview(views.controller(notice.controller[controller_id]), rights, tuple(facts(notice, views, p, notice_href) for p in _in_order(notice)))


def explorer(notice: Notice, language: str, gettext: Gettext, notice_href: str) -> tuple[DataEntry, ...]:
    """For each category of personal data: the purposes that use it, on which basis, shared with whom, kept how long."""
    views = NoticeViews(notice, language, gettext, notice_href)
    purposes = _in_order(notice)
    return tuple(
        DataEntry(category.id, category.name[language], tuple(
            facts(notice, views, purpose, notice_href) for purpose in purposes if category.id in notice.data_categories_of(purpose)
        ))
        for category in notice.data_categories
    )


def facts(notice: Notice, views: NoticeViews, purpose: Purpose, notice_href: str) -> Facts:
    language = views.language
    return Facts(
        purpose=Link(f"{notice_href}#{purpose.id}", purpose.title[language]),
        bases=tuple(dict.fromkeys(label for basis in purpose.legal_bases for label in views.basis(basis).labels)),
        recipients=tuple(notice.recipient[rid].name[language] for rid in purpose.recipients)
        + ((purpose.recipients_note[language],) if purpose.recipients_note else ()),
        retention=tuple(views.retention_rule(rule) for rule in purpose.retention),
        applies_to=views.applies_to(notice.section_of[purpose.id].id),
    )


def _in_order(notice: Notice) -> list[Purpose]:
    """Purposes in the order the notice shows them."""
    return [notice.purpose[pid] for section in notice.sections for block in section.body if block.purposes for pid in block.purposes]
