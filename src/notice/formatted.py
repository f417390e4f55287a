"""The notice of one version in one language, formatted once: every piece translated, formatted by Babel and
rendered from Markdown into HTML and text, ready for whoever shows it.

The pages, the first layer, the explorer, the consent widget, the redline, the change summary, the feeds and
the command line all select from this one object; none of them formats or re-derives a piece of its own.
Links into the notice are anchors (`#invoicing`): a template that shows them on another page puts the
notice's address before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from babel.lists import format_list
from markupsafe import Markup

from notice.language import Language
from notice.locale import LABEL_SEPARATOR, LIST_SEPARATOR, N_, Gettext, format_day, format_period
from notice.markup import Formatted, format_inline, format_prose, plain, with_lead_in
from notice.model import (
    Activity,
    BasisKind,
    Block,
    Controller,
    CookieCategory,
    CookieCategoryId,
    LegalBasis,
    Notice,
    Purpose,
    Retention,
    RetentionEnd,
    RetentionEvent,
    Safeguard,
    Section,
    Transfer,
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

SAFEGUARD_LABELS = {
    Safeguard.adequacy_decision: N_("Adequacy decision, Art. 45 GDPR"),
    Safeguard.standard_contractual_clauses: N_("Standard contractual clauses, Art. 46(2)(c) GDPR"),
    Safeguard.binding_corporate_rules: N_("Binding corporate rules, Art. 47 GDPR"),
    Safeguard.code_of_conduct: N_("Approved code of conduct, Art. 46(2)(e) GDPR"),
    Safeguard.certification: N_("Approved certification, Art. 46(2)(f) GDPR"),
    Safeguard.derogation: N_("Derogation for a specific situation, Art. 49 GDPR"),
}

GPC_REFUSES = (CookieCategoryId.marketing,)
"""Categories a Global Privacy Control signal refuses (GPC is a do-not-sell-or-share signal)."""


@dataclass(frozen=True)
class Link:
    """A link to a part of the notice, by its anchor."""

    anchor: str
    label: str


@dataclass(frozen=True)
class Linked:
    """A generated sentence whose words may link into the notice ("as long as the data is processed for …")."""

    parts: tuple[tuple[str, str | None], ...]
    """(words, anchor or None), in reading order."""

    @property
    def text(self) -> str:
        return "".join(words for words, _ in self.parts)


@dataclass(frozen=True)
class ActivityView:
    id: str
    body: Formatted
    """The description, with the activity's name as its bold lead-in."""
    steps: tuple[ActivityView, ...]
    numbered_steps: bool


@dataclass(frozen=True)
class BasisView:
    id: str
    labels: tuple[str, ...]
    text: Formatted
    condition: str | None


@dataclass(frozen=True)
class RetentionView:
    id: str
    rule: Linked
    """The machine-readable rule in words: "up to 3 years after the request"."""
    text: Formatted
    condition: str | None


@dataclass(frozen=True)
class PurposeView:
    id: str
    title: str
    introduction: Formatted
    activities: tuple[ActivityView, ...]
    numbered_activities: bool
    closing: Formatted | None
    data_categories: tuple[str, ...]
    data_from_section: bool
    legal_bases: tuple[BasisView, ...]
    recipients: tuple[str, ...]
    recipients_note: str | None
    retention: tuple[RetentionView, ...]
    applies_to: str


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
    body: Formatted
    cookies: tuple[CookieView, ...] = ()


@dataclass(frozen=True)
class AuthorityView:
    """A supervisory authority, with which a complaint can be lodged."""

    name: str
    website: str


@dataclass(frozen=True)
class ControllerView:
    name: str
    address: str | None
    email: str | None
    phone: str | None
    phone_uri: str | None
    website: str | None
    authority: AuthorityView | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(text for text in (self.name, self.address, self.email, self.phone, self.website) if text)


@dataclass(frozen=True)
class Responsible:
    """A controller and the audiences it is responsible towards: "who is responsible" and "how to exercise your rights"
    name one per audience chosen, and every one without a choice."""

    controller: ControllerView
    audiences: str
    """The audiences' names as a list in words ("SipSim User, Site Visitor and SipSim Contact")."""
    applies_to: str
    """Their ids, space-separated, as sections are marked (`data-notice-applies`)."""


@dataclass(frozen=True)
class BlockView:
    kind: str
    key: str
    prose: Formatted | None = None
    purposes: tuple[PurposeView, ...] = ()
    items: tuple[ItemView, ...] = ()
    anchored: bool = False
    controller: ControllerView | None = None
    responsible: tuple[Responsible, ...] = ()
    """For a list of rights: to whom to write to exercise them."""


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: str
    blocks: tuple[BlockView, ...]
    purposes: tuple[PurposeView, ...]
    applies_to: str
    """The audiences this section applies to, space-separated ids, or "all" if no audience lists it."""


@dataclass(frozen=True)
class Facts:
    """A purpose's legal bases, recipients and retention, in short: a row of the first layer and of the explorer."""

    purpose: Link
    bases: tuple[str, ...]
    recipients: tuple[str, ...]
    retention: tuple[Linked, ...]
    applies_to: str


@dataclass(frozen=True)
class AudienceChoice:
    """An audience in the "What applies to me?" selector, with the sections it reads."""

    id: str
    name: str
    hint: str
    """Who they are, in plain words, under the audience's button."""
    sections: tuple[Link, ...]


@dataclass(frozen=True)
class Overview:
    """The first layer (EDPB layered notice): who is responsible, how to exercise one's rights, each purpose in short."""

    responsible: tuple[Responsible, ...]
    rights: tuple[Link, ...]
    purposes: tuple[Facts, ...]


@dataclass(frozen=True)
class DataEntry:
    """A category of personal data and every purpose that uses it."""

    id: str
    name: str
    uses: tuple[Facts, ...]


@dataclass(frozen=True)
class CategoryView:
    """A cookie category as the consent widget offers it."""

    id: str
    name: str
    description: Formatted
    required: bool
    gpc: bool
    """Whether a Global Privacy Control signal refuses this category."""
    cookies: tuple[CookieView, ...]


@dataclass(frozen=True)
class FieldLabels:
    """The labels of a purpose's facts, in the notice's language."""

    data_categories: str
    legal_bases: str
    recipients: str
    retention: str
    list_separator: str
    """Between the items of a fact written on one line ("Customer Account Data; Call Metadata")."""
    label_separator: str
    """Between a kind and its text on one line ("Art. 6(1)(f) GDPR: The processing…")."""


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    level: int
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class FormattedNotice:
    """One version of the notice in one language, every piece in the forms its readers need."""

    language: Language
    effective: str
    """The effective date, written as the language writes dates."""
    title: str
    subtitle: str
    summary: Formatted | None
    """The editors' summary of the amendment."""
    sections: tuple[SectionView, ...]
    audiences: tuple[AudienceChoice, ...]
    overview: Overview
    explorer: tuple[DataEntry, ...]
    cookie_categories: tuple[CategoryView, ...]
    cookies_section: str
    """The section that describes the cookies."""
    labels: FieldLabels

    @property
    def toc(self) -> tuple[TocEntry, ...]:
        """The table of contents follows the data: sections, and the purposes placed in each."""
        return tuple(
            TocEntry(section.id, section.heading, 2, tuple(TocEntry(purpose.id, purpose.title, 3) for purpose in section.purposes))
            for section in self.sections
        )

    def section(self, section_id: str) -> SectionView:
        return next(section for section in self.sections if section.id == section_id)

    @property
    def contact(self) -> ControllerView | None:
        """The controller the notice names first, with its contact details (the footer's)."""
        return next((block.controller for section in self.sections for block in section.blocks if block.controller), None)

    def purpose(self, purpose_id: str) -> PurposeView:
        return next(purpose for section in self.sections for purpose in section.purposes if purpose.id == purpose_id)


def format_notice(notice: Notice, language: Language, gettext: Gettext) -> FormattedNotice:
    """Everything the notice shows in `language`, formatted once."""
    return _Formatter(notice, language, gettext).notice()


class _Formatter:
    """Formats each record of one notice in one language; each record once."""

    def __init__(self, notice: Notice, language: Language, gettext: Gettext) -> None:
        self.notice_, self.language, self._ = notice, language, gettext
        self.code = language.code
        self.purposes: dict[str, PurposeView] = {}

    def notice(self) -> FormattedNotice:
        notice, code = self.notice_, self.code
        sections = tuple(self.section(section) for section in notice.sections)
        facts = {pid: self.facts(purpose) for pid, purpose in self.purposes.items()}
        in_order = [facts[purpose.id] for section in sections for purpose in section.purposes]
        headings = {section.id: section.heading for section in sections}
        return FormattedNotice(
            language=self.language,
            effective=format_day(notice.effective, self.language),
            title=notice.title[code],
            subtitle=notice.subtitle[code],
            summary=format_prose(notice.summary[code]) if notice.summary else None,
            sections=sections,
            audiences=tuple(
                AudienceChoice(audience.id, audience.name[code], audience.hint[code], tuple(Link(sid, headings[sid]) for sid in audience.sections))
                for audience in notice.audiences
            ),
            overview=Overview(self.responsible, tuple(Link(right.id, right.name[code]) for right in notice.rights), tuple(in_order)),
            explorer=tuple(
                DataEntry(category.id, category.name[code], tuple(
                    row for row in in_order if category.id in notice.data_categories_of(notice.purpose[row.purpose.anchor])))
                for category in notice.data_categories
            ),
            cookie_categories=tuple(self.category(category) for category in notice.cookie_categories),
            cookies_section=next(section.id for section in notice.sections for block in section.body if block.kind == "cookie_categories"),
            labels=FieldLabels(self._("Categories of Personal Data:"), self._("Legal Basis:"), self._("Categories of Recipients:"),
                               self._("Retention Period:"), self._(LIST_SEPARATOR), self._(LABEL_SEPARATOR)),
        )

    @cached_property
    def responsible(self) -> tuple[Responsible, ...]:
        """Every controller the audiences name, in the order of the audiences, with the audiences it is responsible towards."""
        audiences = self.notice_.audiences
        return tuple(
            Responsible(self.controller(self.notice_.controller[cid]),
                        format_list([a.name[self.code] for a in audiences if a.controller == cid], locale=self.language.locale),
                        " ".join(a.id for a in audiences if a.controller == cid))
            for cid in dict.fromkeys(audience.controller for audience in audiences)
        )

    def lead_in(self, name: str) -> str:
        return self._("%(label)s:") % {"label": name}

    def section(self, section: Section) -> SectionView:
        number = self.notice_.number.get(section.id)
        title = section.title[self.code]
        heading = f"{number}. {title}" if number else title
        blocks = tuple(self.block(block) for block in section.body)
        return SectionView(section.id, heading, blocks, tuple(p for block in blocks for p in block.purposes), self.applies_to(section.id))

    def applies_to(self, section_id: str) -> str:
        audiences = [audience.id for audience in self.notice_.audiences if section_id in audience.sections]
        return " ".join(audiences) or "all"

    def block(self, block: Block) -> BlockView:
        notice, code = self.notice_, self.code
        if block.prose is not None:
            return BlockView("prose", block.key, prose=format_prose(block.prose[code]))
        if block.purposes is not None:
            return BlockView("purposes", block.key, purposes=tuple(self.purpose(notice.purpose[pid]) for pid in block.purposes))
        if block.controller is not None:
            return BlockView("controller", block.key, controller=self.controller(notice.controller[block.controller]))
        if block.audiences is not None:
            items = tuple(ItemView(a.id, format_inline(a.description[code])) for a in map(notice.audience.get, block.audiences) if a)
            return BlockView("audiences", block.key, items=items, anchored=True)
        if block.rights is not None:
            return BlockView("rights", block.key, items=self.named_items([notice.right[rid] for rid in block.rights], anchored=True), anchored=True,
                             responsible=self.responsible)
        if block.cookie_categories is not None:
            records = [notice.cookie_category[cid.value] for cid in block.cookie_categories]
            items = tuple(ItemView(item.id, item.body, self.cookies(record)) for item, record in zip(self.named_items(records, anchored=True), records))
            return BlockView("cookie_categories", block.key, items=items, anchored=True)
        if block.transfers is not None:
            return BlockView("transfers", block.key, items=tuple(self.transfer(notice.transfer[tid]) for tid in block.transfers), anchored=True)
        return BlockView("recipients", block.key, items=self.named_items([notice.recipient[rid] for rid in block.recipients or ()], anchored=False))

    def transfer(self, transfer: Transfer) -> ItemView:
        """"**Destination:** Recipients: … Safeguards: …", from the record."""
        lead = self.lead_in(transfer.destination[self.code])
        sentences = []
        if transfer.recipients:
            names = [self.notice_.recipient[rid].name[self.code] for rid in transfer.recipients]
            sentences.append(self._("Recipients: %(names)s.") % {"names": format_list(names, locale=self.language.locale)})
        labels = [self._(SAFEGUARD_LABELS[safeguard]) for safeguard in transfer.safeguards]
        sentences.append(self._("Safeguards: %(names)s.") % {"names": format_list(labels, locale=self.language.locale)})
        text = " ".join(sentences)
        return ItemView(transfer.id, Formatted(Markup("<strong>%s</strong> %s") % (lead, text), (f"{lead} {text}",)))

    def named_items(self, records: list[Any], anchored: bool) -> tuple[ItemView, ...]:
        """Records listed as "**Name:** description"."""
        items = []
        for record in records:
            lead = self.lead_in(record.name[self.code])
            description = format_inline(record.description[self.code]) if record.description else plain("")
            first, *rest = description.blocks
            body = Formatted(Markup("<strong>%s</strong> ") % lead + description.html, (f"{lead} {first}".strip(), *rest))
            items.append(ItemView(record.key if anchored else None, body))
        return tuple(items)

    def cookies(self, category: CookieCategory) -> tuple[CookieView, ...]:
        return tuple(
            CookieView(cookie.name, cookie.provider, cookie.purpose[self.code],
                       self._("Session") if isinstance(cookie.lifetime, str) else format_period(cookie.lifetime, self.language, self._))
            for cookie in category.cookies
        )

    def category(self, category: CookieCategory) -> CategoryView:
        return CategoryView(category.id.value, category.name[self.code], format_inline(category.description[self.code]),
                            required=category.id is CookieCategoryId.necessary, gpc=category.id in GPC_REFUSES,
                            cookies=self.cookies(category))

    def controller(self, controller: Controller) -> ControllerView:
        authority = controller.supervisory_authority
        return ControllerView(controller.name, controller.address, controller.email, controller.phone,
                              tel_uri(controller.phone) if controller.phone else None, controller.website,
                              AuthorityView(authority.name[self.code], authority.website) if authority else None)

    def purpose(self, purpose: Purpose) -> PurposeView:
        code = self.code
        notice = self.notice_
        view = PurposeView(
            id=purpose.id,
            title=purpose.title[code],
            introduction=format_prose(purpose.introduction[code]),
            activities=tuple(self.activity(activity, inline=len(purpose.activities) > 1) for activity in purpose.activities),
            numbered_activities=len(purpose.activities) > 1,
            closing=format_prose(purpose.closing[code]) if purpose.closing else None,
            data_categories=tuple(notice.data_category[cid].name[code] for cid in notice.data_categories_of(purpose)),
            data_from_section=not purpose.data_categories,
            legal_bases=tuple(self.basis(basis) for basis in purpose.legal_bases),
            recipients=tuple(notice.recipient[rid].name[code] for rid in purpose.recipients),
            recipients_note=purpose.recipients_note[code] if purpose.recipients_note else None,
            retention=tuple(self.retention(rule) for rule in purpose.retention),
            applies_to=self.applies_to(notice.section_of[purpose.id].id),
        )
        self.purposes[purpose.id] = view
        return view

    def facts(self, view: PurposeView) -> Facts:
        return Facts(
            purpose=Link(view.id, view.title),
            bases=tuple(dict.fromkeys(label for basis in view.legal_bases for label in basis.labels)),
            recipients=view.recipients + ((view.recipients_note,) if view.recipients_note else ()),
            retention=tuple(rule.rule for rule in view.retention),
            applies_to=view.applies_to,
        )

    def activity(self, activity: Activity, inline: bool) -> ActivityView:
        text = activity.description[self.code]
        description = format_inline(text) if inline else format_prose(text)
        if activity.name is not None:
            description = with_lead_in(self.lead_in(activity.name[self.code]), description)
        steps = tuple(self.activity(step, inline=True) for step in activity.steps)
        return ActivityView(activity.id, description, steps, numbered_steps=any(step.name for step in activity.steps))

    def basis(self, basis: LegalBasis) -> BasisView:
        return BasisView(basis.id, tuple(self._(BASIS_LABELS[kind]) for kind in basis.kinds), format_prose(basis.text[self.code]),
                         basis.condition[self.code] if basis.condition else None)

    def retention(self, rule: Retention) -> RetentionView:
        return RetentionView(rule.id, self.retention_rule(rule), format_prose(rule.text[self.code]),
                             rule.condition[self.code] if rule.condition else None)

    def retention_rule(self, rule: Retention) -> Linked:
        if rule.period is not None:
            period = format_period(rule.period, self.language, self._)
            return Linked(((self._(RETENTION_AFTER[rule.after]) % {"period": period} if rule.after else period, None),))
        if rule.until is not None:
            return Linked(((self._(RETENTION_UNTIL[rule.until]), None),))
        listed = format_list([f"\x00{index}\x00" for index in range(len(rule.as_long_as))], style="or", locale=self.language.locale)
        sentence = self._("as long as the data is processed for %(purposes)s") % {"purposes": listed}
        parts: list[tuple[str, str | None]] = []
        for index, piece in enumerate(re.split("\x00(\\d+)\x00", sentence)):
            if index % 2:
                pid = rule.as_long_as[int(piece)]
                parts.append((self.notice_.purpose[pid].title[self.code], pid))
            elif piece:
                parts.append((piece, None))
        return Linked(tuple(parts))


def tel_uri(phone: str) -> str:
    """A phone number as written ("+33 6 44 55 55 55") as the tel: address that dials it."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
