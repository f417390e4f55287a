"""View models of the notice in one language, and the Jinja environment that renders them.

Everything a template shows is prepared here (translated, formatted by Babel, sanitised), so templates only
loop, test and include.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel.lists import format_list
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from notice.locale import BABEL_LOCALES, N_, Gettext, format_period
from notice.markup import render_inline, render_prose, with_lead_in
from notice.model import (
    Activity,
    BasisKind,
    Block,
    Controller,
    CookieCategory,
    LegalBasis,
    Notice,
    Purpose,
    Retention,
    RetentionEnd,
    RetentionEvent,
    Section,
)

BASIS_LABELS = {
    BasisKind.consent: N_("Consent, Art. 6(1)(a) GDPR"),
    BasisKind.contract: N_("Contract, Art. 6(1)(b) GDPR"),
    BasisKind.legal_obligation: N_("Legal obligation, Art. 6(1)(c) GDPR"),
    BasisKind.vital_interests: N_("Vital interests, Art. 6(1)(d) GDPR"),
    BasisKind.public_task: N_("Public task, Art. 6(1)(e) GDPR"),
    BasisKind.legitimate_interests: N_("Legitimate interests, Art. 6(1)(f) GDPR"),
}

RETENTION_AFTER = {
    RetentionEvent.request: N_("%(period)s after the request"),
    RetentionEvent.services_completed: N_("%(period)s after the services are completed"),
    RetentionEvent.invoice_issued: N_("%(period)s after the invoice is issued"),
    RetentionEvent.relationship_ended: N_("%(period)s after the customer relationship ends"),
    RetentionEvent.consent_given: N_("%(period)s after consent is given"),
    RetentionEvent.communication: N_("%(period)s after the communication"),
}

RETENTION_UNTIL = {
    RetentionEnd.relationship_ended: N_("until the customer relationship ends"),
}


@dataclass(frozen=True)
class ActivityView:
    id: str
    body: Markup
    """The description, with the activity's name as its bold lead-in."""
    steps: tuple[ActivityView, ...]
    numbered_steps: bool


@dataclass(frozen=True)
class BasisView:
    labels: tuple[str, ...]
    text: Markup
    condition: str | None


@dataclass(frozen=True)
class RetentionView:
    rule: Markup
    """The machine-readable rule in words: "up to 3 years after the request"."""
    text: Markup
    condition: str | None


@dataclass(frozen=True)
class PurposeView:
    id: str
    title: str
    introduction: Markup
    activities: tuple[ActivityView, ...]
    numbered_activities: bool
    closing: Markup | None
    data_categories: tuple[str, ...]
    data_from_section: bool
    legal_bases: tuple[BasisView, ...]
    recipients: tuple[str, ...]
    recipients_note: str | None
    retention: tuple[RetentionView, ...]


@dataclass(frozen=True)
class CookieView:
    name: str
    provider: str
    purpose: str
    lifetime: str


@dataclass(frozen=True)
class ItemView:
    """An entry of a list placed in a section: a right, a cookie category, a recipient, an audience."""

    id: str | None
    body: Markup
    cookies: tuple[CookieView, ...] = ()


@dataclass(frozen=True)
class ControllerView:
    name: str
    address: str | None
    email: str | None
    phone: str | None
    phone_uri: str | None
    website: str | None


@dataclass(frozen=True)
class BlockView:
    kind: str
    prose: Markup | None = None
    purposes: tuple[PurposeView, ...] = ()
    items: tuple[ItemView, ...] = ()
    anchored: bool = False
    controller: ControllerView | None = None


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: str
    blocks: tuple[BlockView, ...]
    purposes: tuple[PurposeView, ...]
    applies_to: str
    """The audiences this section applies to, space-separated ids, or "all" if no audience lists it."""


@dataclass(frozen=True)
class NoticeView:
    title: str
    subtitle: str
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    level: int
    children: tuple[TocEntry, ...] = ()


def notice_view(notice: Notice, language: str, gettext: Gettext) -> NoticeView:
    """The whole notice in `language`, ready for the templates."""
    views = NoticeViews(notice, language, gettext)
    return NoticeView(notice.title[language], notice.subtitle[language], tuple(views.section(section) for section in notice.sections))


def notice_toc(view: NoticeView) -> tuple[TocEntry, ...]:
    """The table of contents follows the data: sections, and the purposes placed in each."""
    return tuple(
        TocEntry(section.id, section.heading, 2, tuple(TocEntry(purpose.id, purpose.title, 3) for purpose in section.purposes))
        for section in view.sections
    )


class NoticeViews:
    """Builds the view of each record of one notice in one language."""

    def __init__(self, notice: Notice, language: str, gettext: Gettext, notice_href: str = "") -> None:
        """`notice_href` is where the notice is, from the page the views are shown on (empty: the same page)."""
        self.notice, self.language, self._, self.notice_href = notice, language, gettext, notice_href

    def lead_in(self, name: str) -> str:
        return self._("%(label)s:") % {"label": name}

    def section(self, section: Section) -> SectionView:
        number = self.notice.number.get(section.id)
        title = section.title[self.language]
        heading = f"{number}. {title}" if number else title
        blocks = tuple(self.block(block) for block in section.body)
        return SectionView(section.id, heading, blocks, tuple(p for block in blocks for p in block.purposes), self.applies_to(section.id))

    def applies_to(self, section_id: str) -> str:
        audiences = [audience.id for audience in self.notice.audiences if section_id in audience.sections]
        return " ".join(audiences) or "all"

    def block(self, block: Block) -> BlockView:
        language = self.language
        if block.prose is not None:
            return BlockView("prose", prose=render_prose(block.prose[language]))
        if block.purposes is not None:
            return BlockView("purposes", purposes=tuple(self.purpose(self.notice.purpose[pid]) for pid in block.purposes))
        if block.controller is not None:
            return BlockView("controller", controller=self.controller(self.notice.controller[block.controller]))
        if block.audiences is not None:
            items = tuple(ItemView(a.id, render_inline(a.description[language])) for a in map(self.notice.audience.get, block.audiences) if a)
            return BlockView("audiences", items=items, anchored=True)
        if block.rights is not None:
            records = [self.notice.right[rid] for rid in block.rights]
            return BlockView("rights", items=self.named_items(records, anchored=True), anchored=True)
        if block.cookie_categories is not None:
            records = [self.notice.cookie_category[cid.value] for cid in block.cookie_categories]
            items = tuple(replace(item, cookies=self.cookies(record)) for item, record in zip(self.named_items(records, anchored=True), records))
            return BlockView("cookie_categories", items=items, anchored=True)
        records = [self.notice.recipient[rid] for rid in block.recipients or ()]
        return BlockView("recipients", items=self.named_items(records, anchored=False))

    def named_items(self, records: list, anchored: bool) -> tuple[ItemView, ...]:  # type: ignore[type-arg]
        items = []
        for record in records:
            description = render_inline(record.description[self.language]) if record.description else Markup("")
            body = Markup("<strong>%s</strong> ") % self.lead_in(record.name[self.language]) + description
            items.append(ItemView(str(getattr(record.id, "value", record.id)) if anchored else None, body))
        return tuple(items)

    def cookies(self, category: CookieCategory) -> tuple[CookieView, ...]:
        return tuple(
            CookieView(cookie.name, cookie.provider, cookie.purpose[self.language],
                       self._("Session") if isinstance(cookie.lifetime, str) else format_period(cookie.lifetime, self.language, self._))
            for cookie in category.cookies
        )

    def controller(self, controller: Controller) -> ControllerView:
        phone_uri = "tel:" + "".join(ch for ch in controller.phone if ch.isdigit() or ch == "+") if controller.phone else None
        return ControllerView(controller.name, controller.address, controller.email, controller.phone, phone_uri, controller.website)

    def purpose(self, purpose: Purpose) -> PurposeView:
        language = self.language
        own = purpose.data_categories
        return PurposeView(
            id=purpose.id,
            title=purpose.title[language],
            introduction=render_prose(purpose.introduction[language]),
            activities=tuple(self.activity(activity, inline=len(purpose.activities) > 1) for activity in purpose.activities),
            numbered_activities=len(purpose.activities) > 1,
            closing=render_prose(purpose.closing[language]) if purpose.closing else None,
            data_categories=tuple(self.notice.data_category[cid].name[language] for cid in self.notice.data_categories_of(purpose)),
            data_from_section=not own,
            legal_bases=tuple(self.basis(basis) for basis in purpose.legal_bases),
            recipients=tuple(self.notice.recipient[rid].name[language] for rid in purpose.recipients),
            recipients_note=purpose.recipients_note[language] if purpose.recipients_note else None,
            retention=tuple(self.retention(rule) for rule in purpose.retention),
        )

    def activity(self, activity: Activity, inline: bool) -> ActivityView:
        text = activity.description[self.language]
        description = render_inline(text) if inline else render_prose(text)
        if activity.name is not None:
            description = with_lead_in(self.lead_in(activity.name[self.language]), description)
        steps = tuple(self.activity(step, inline=True) for step in activity.steps)
        return ActivityView(activity.id, description, steps, numbered_steps=any(step.name for step in activity.steps))

    def basis(self, basis: LegalBasis) -> BasisView:
        return BasisView(
            tuple(self._(BASIS_LABELS[kind]) for kind in basis.kinds),
            render_prose(basis.text[self.language]),
            basis.condition[self.language] if basis.condition else None,
        )

    def retention(self, rule: Retention) -> RetentionView:
        return RetentionView(self.retention_rule(rule), render_prose(rule.text[self.language]),
                             rule.condition[self.language] if rule.condition else None)

    def retention_rule(self, rule: Retention) -> Markup:
        if rule.period is not None:
            period = format_period(rule.period, self.language, self._)
            return escape(self._(RETENTION_AFTER[rule.after]) % {"period": period} if rule.after else period)
        if rule.until is not None:
            return escape(self._(RETENTION_UNTIL[rule.until]))
        links = [Markup('<a href="%s#%s">%s</a>') % (self.notice_href, pid, self.notice.purpose[pid].title[self.language]) for pid in rule.as_long_as]
        listed = Markup(format_list([str(link) for link in links], style="or", locale=BABEL_LOCALES[self.language]))
        return escape(self._("as long as the data is processed for %(purposes)s")) % {"purposes": listed}


@lru_cache(maxsize=None)
def environment(templates: Path, language: str, translations: object) -> Environment:
    """The fragments' own environment: autoescaped and strict, unlike the theme's."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = language
    return env
