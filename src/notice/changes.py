"""What an amendment changes, in words: a summary in terms of the model, and translations left behind.

The diff itself is data (`notice.diff`): changes at paths of record keys. This module is its presentation in
one language: a table from the shapes of change paths to the sentences that tell them. The full text with its
edits is `notice.redline`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from markupsafe import Markup, escape

from notice.classification import Classified, classify, highest
from notice.diff import Change, diff, match, reordered
from notice.errors import Problem
from notice.formatted import BASIS_LABELS, FormattedNotice
from notice.language import Languages
from notice.locale import LIST_SEPARATOR, N_, Gettext
from notice.markup import Formatted
from notice.model import ChangeClass, Notice, Override

CONTACT_FIELDS = {"name": N_("name"), "address": N_("address"), "email": N_("e-mail address"), "phone": N_("phone number"),
                  "website": N_("website")}
REORDERED = {"rights": N_("The rights are listed in a new order."), "cookie_categories": N_("The cookie categories are listed in a new order."),
             "audiences": N_("The audiences are listed in a new order.")}

Link = Callable[[str, bool], str]
"""Builds the link to an anchor in the new version (False) or the old one (True)."""
Path = tuple[str, ...]


@dataclass(frozen=True)
class SummaryItem:
    """One line of the change summary: what changed, where to see it, and what it means (its class, and the legal
    team's override that set it, if any)."""

    text: Formatted
    href: str
    change_class: ChangeClass = ChangeClass.editorial
    overrides: tuple[Override, ...] = ()


def summarise(old: Notice, new: Notice, before: FormattedNotice, after: FormattedNotice, gettext: Gettext, link: Link,
              changes: tuple[Classified, ...] | None = None) -> tuple[SummaryItem, ...]:
    """The changes from `old` to `new` as sentences, one per fact, in the order of the notice, each with its class
    (the highest of the changes it tells).

    `before` and `after` are the two versions formatted in the summary's language; `changes`, if given, is
    `classify(old, new)` already computed (a site tells the same changes in each of its languages).
    """
    summary = _Summary(old, new, before, after, gettext, link)
    told: dict[SummaryItem, tuple[list[ChangeClass], list[Override]]] = {}
    for classified in changes if changes is not None else classify(old, new):
        for item in summary.tell(classified.change):
            classes, overrides = told.setdefault(item, ([], []))
            classes.append(classified.change_class)
            if classified.override is not None and classified.override not in overrides:
                overrides.append(classified.override)
    return tuple(SummaryItem(item.text, item.href, highest(classes), tuple(overrides)) for item, (classes, overrides) in told.items())


# The shapes of change paths and what tells each ("*": one key, "**": whatever follows), first match first.
RULES: tuple[tuple[Path, str], ...] = (
    (("title", "**"), "title"),
    (("subtitle", "**"), "subtitle"),
    (("purposes", "*"), "purpose"),
    (("purposes", "*", "data_categories"), "purpose_data"),
    (("purposes", "*", "recipients"), "purpose_recipients"),
    (("purposes", "*", "legal_bases", "**"), "purpose_bases"),
    (("purposes", "*", "retention", "**"), "purpose_retention"),
    (("purposes", "*", "dpv_purpose"), "nothing"),
    (("purposes", "*", "legal_bases"), "purpose_order"),
    (("purposes", "*", "retention"), "purpose_order"),
    (("purposes", "*", "activities"), "purpose_order"),
    (("purposes", "*", "**"), "purpose_wording"),
    (("sections",), "sections_order"),
    (("sections", "*"), "section"),
    (("sections", "*", "body", "**"), "section_body"),
    (("sections", "*", "data_categories"), "nothing"),
    (("sections", "*", "**"), "section_wording"),
    (("rights",), "order"),
    (("rights", "*"), "record"),
    (("rights", "*", "**"), "record_wording"),
    (("cookie_categories", "*", "cookies"), "nothing"),
    (("cookie_categories", "*", "cookies", "*"), "cookie"),
    (("cookie_categories", "*", "cookies", "*", "**"), "cookie_details"),
    (("cookie_categories",), "order"),
    (("cookie_categories", "*"), "record"),
    (("cookie_categories", "*", "**"), "record_wording"),
    (("controllers", "*"), "controller"),
    (("controllers", "*", "supervisory_authority"), "authority"),
    (("controllers", "*", "supervisory_authority", "**"), "authority"),
    (("controllers", "*", "**"), "controller_contact"),
    (("audiences", "*", "sections"), "audience_sections"),
    (("audiences",), "order"),
    (("audiences", "*"), "record"),
    (("audiences", "*", "**"), "record_wording"),
    (("transfers", "*"), "transfer"),
    (("transfers", "*", "**"), "transfer_details"),
    (("data_categories", "*", "name", "*"), "renamed"),
    (("recipients", "*", "name", "*"), "renamed"),
)
"""Changes no rule matches (the order of purposes, vocabulary descriptions) are not told: their effect is."""

_RECORDS = {"rights": ("right", N_("Right added: %(name)s."), N_("Right removed: %(name)s."), N_("Wording of the right %(name)s changed.")),
            "cookie_categories": ("cookie_category", N_("Cookie category added: %(name)s."), N_("Cookie category removed: %(name)s."),
                                  N_("Wording of the cookie category %(name)s changed.")),
            "audiences": ("audience", N_("Audience added: %(name)s."), N_("Audience removed: %(name)s."), N_("Wording changed for %(name)s."))}


class _Summary:
    def __init__(self, old: Notice, new: Notice, before: FormattedNotice, after: FormattedNotice, gettext: Gettext, link: Link) -> None:
        self.old, self.new, self.before, self.after, self._, self.link = old, new, before, after, gettext, link
        self.language = after.language

    def tell(self, change: Change) -> Iterator[SummaryItem]:
        """The sentences for one change (none for a text in another language: that language's summary tells it)."""
        if self._other_language(change):
            return
        for pattern, name in RULES:
            keys = match(pattern, change.path)
            if keys is not None:
                yield from getattr(self, f"_{name}")(change, *keys)
                return

    def _other_language(self, change: Change) -> bool:
        value = change.new if change.new is not None else change.old
        return isinstance(value, str) and change.path[-1] in {*self.old.languages, *self.new.languages} and change.path[-1] != self.language.code

    def item(self, message: str, anchor: str, removed: bool = False, **values: Any) -> SummaryItem:
        words = self._(message)
        html = escape(words) % {key: Markup("<strong>%s</strong>") % value for key, value in values.items()}
        return SummaryItem(Formatted(html, (words % values,)), self.link(anchor, removed))

    def names(self, values: list[str]) -> str:
        return format_list(values, locale=self.language.locale) if values else ""

    def _nothing(self, change: Change, *keys: str) -> Iterator[SummaryItem]:
        return iter(())

    def _title(self, change: Change) -> Iterator[SummaryItem]:
        yield self.item(N_("The title of the policy changed."), "notice-title")

    def _subtitle(self, change: Change) -> Iterator[SummaryItem]:
        yield self.item(N_("The subtitle of the policy changed."), "notice-title")

    def _purpose(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        if change.kind == "add":
            yield self.item(N_("New purpose: %(purpose)s."), pid, purpose=self.after.purpose(pid).title)
        elif change.kind == "remove":
            yield self.item(N_("Purpose removed: %(purpose)s."), pid, removed=True, purpose=self.before.purpose(pid).title)

    def _purpose_data(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        yield from self._added_removed(change, pid, "data_category", N_("Data processed for %(purpose)s: %(names)s added."),
                                       N_("Data no longer processed for %(purpose)s: %(names)s."))

    def _purpose_recipients(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        yield from self._added_removed(change, pid, "recipient", N_("Recipients of %(purpose)s: %(names)s added."),
                                       N_("No longer recipients of %(purpose)s: %(names)s."))

    def _added_removed(self, change: Change, pid: str, vocabulary: str, added_message: str, removed_message: str) -> Iterator[SummaryItem]:
        code = self.language.code
        added = [getattr(self.new, vocabulary)[key].name[code] for key in change.new if key not in change.old]
        removed = [getattr(self.old, vocabulary)[key].name[code] for key in change.old if key not in change.new]
        title = self.after.purpose(pid).title
        if added:
            yield self.item(added_message, pid, purpose=title, names=self.names(added))
        if removed:
            yield self.item(removed_message, pid, purpose=title, names=self.names(removed))

    def _purpose_bases(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        old_kinds = {kind for basis in self.old.purpose[pid].legal_bases for kind in basis.kinds}
        new_kinds = {kind for basis in self.new.purpose[pid].legal_bases for kind in basis.kinds}
        added = [self._(BASIS_LABELS[kind]) for kind in BASIS_LABELS if kind in new_kinds - old_kinds]
        removed = [self._(BASIS_LABELS[kind]) for kind in BASIS_LABELS if kind in old_kinds - new_kinds]
        title = self.after.purpose(pid).title
        if added:
            yield self.item(N_("Legal basis added to %(purpose)s: %(names)s."), pid, purpose=title, names=self.names(added))
        if removed:
            yield self.item(N_("Legal basis removed from %(purpose)s: %(names)s."), pid, purpose=title, names=self.names(removed))
        if not added and not removed:
            yield self.item(N_("Wording of the legal basis changed for %(purpose)s."), pid, purpose=title)

    def _purpose_retention(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        before = [rule.rule.text for rule in self.before.purpose(pid).retention]
        after = [rule.rule.text for rule in self.after.purpose(pid).retention]
        title = self.after.purpose(pid).title
        if before != after:
            yield self.item(N_("Retention for %(purpose)s changed from %(old)s to %(new)s."), pid,
                            purpose=title, old=self._(LIST_SEPARATOR).join(before), new=self._(LIST_SEPARATOR).join(after))
        else:
            yield self.item(N_("Wording of the retention period changed for %(purpose)s."), pid, purpose=title)

    def _purpose_order(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        """Records of a purpose's list moved (an addition or a removal alone is told by its own change)."""
        if reordered(change):
            message = {"legal_bases": N_("The legal bases of %(purpose)s are in a new order."),
                       "retention": N_("The retention rules of %(purpose)s are in a new order."),
                       "activities": N_("The activities of %(purpose)s are in a new order.")}[str(change.path[-1])]
            yield self.item(message, pid, purpose=self.after.purpose(pid).title)

    def _purpose_wording(self, change: Change, pid: str) -> Iterator[SummaryItem]:
        yield self.item(N_("Wording changed in %(purpose)s."), pid, purpose=self.after.purpose(pid).title)

    def _sections_order(self, change: Change) -> Iterator[SummaryItem]:
        if reordered(change):
            yield self.item(N_("The sections are in a new order."), "notice-title")

    def _section(self, change: Change, sid: str) -> Iterator[SummaryItem]:
        if change.kind == "add":
            yield self.item(N_("New section: %(section)s."), sid, section=self.after.section(sid).heading)
        elif change.kind == "remove":
            yield self.item(N_("Section removed: %(section)s."), sid, removed=True, section=self.before.section(sid).heading)

    def _section_body(self, change: Change, sid: str) -> Iterator[SummaryItem]:
        """A prose block's wording, added or removed, or the blocks' order, is wording; a list of purposes, a move."""
        wording = self.item(N_("Wording changed in section %(section)s."), sid, section=self.after.section(sid).heading)
        if len(change.path) == 3:
            if reordered(change):
                yield wording
            return
        notice = self.new if change.kind != "remove" else self.old
        kind = next(block.kind for block in notice.section[sid].body if block.key == change.path[3])
        if kind == "prose":
            yield wording
        elif kind == "purposes":
            yield from self._moves(sid)

    def _moves(self, sid: str) -> Iterator[SummaryItem]:
        """Purposes that both versions have, now placed in this section but elsewhere before."""
        old_section = self.old.section.get(sid)
        before = {pid for block in (old_section.body if old_section else ()) if block.purposes for pid in block.purposes}
        for pid in (pid for block in self.new.section[sid].body if block.purposes for pid in block.purposes):
            if pid not in before and pid in self.old.purpose:
                yield self.item(N_("%(purpose)s moved to section %(section)s."), pid, purpose=self.after.purpose(pid).title,
                                section=self.after.section(sid).heading)

    def _section_wording(self, change: Change, sid: str) -> Iterator[SummaryItem]:
        yield self.item(N_("Wording changed in section %(section)s."), sid, section=self.after.section(sid).heading)

    def _order(self, change: Change) -> Iterator[SummaryItem]:
        collection = str(change.path[0])
        if reordered(change):
            yield self.item(REORDERED[collection], self._placement(self.new, collection, next(iter(change.new), "")))

    def _record(self, change: Change, key: str) -> Iterator[SummaryItem]:
        collection = str(change.path[0])
        lookup, added, removed, _ = _RECORDS[collection]
        if change.kind == "add":
            yield self.item(added, key, name=getattr(self.new, lookup)[key].name[self.language.code])
        elif change.kind == "remove":
            yield self.item(removed, key, removed=True, name=getattr(self.old, lookup)[key].name[self.language.code])

    def _record_wording(self, change: Change, key: str) -> Iterator[SummaryItem]:
        lookup, _, _, changed = _RECORDS[str(change.path[0])]
        yield self.item(changed, key, name=getattr(self.new, lookup)[key].name[self.language.code])

    def _cookie(self, change: Change, cid: str, name: str) -> Iterator[SummaryItem]:
        """One sentence for all the cookies added to a category (and one for those removed), whichever is told first."""
        old, new = self.old.cookie_category.get(cid), self.new.cookie_category.get(cid)
        old_names = [cookie.name for cookie in old.cookies] if old else []
        new_names = [cookie.name for cookie in new.cookies] if new else []
        category = (new or old).name[self.language.code]  # type: ignore[union-attr]
        if change.kind == "add":
            yield self.item(N_("Cookies added to %(name)s: %(cookies)s."), cid, name=category,
                            cookies=self.names([name for name in new_names if name not in old_names]))
        elif change.kind == "remove":
            yield self.item(N_("Cookies removed from %(name)s: %(cookies)s."), cid, name=category,
                            cookies=self.names([name for name in old_names if name not in new_names]))

    def _cookie_details(self, change: Change, cid: str, name: str) -> Iterator[SummaryItem]:
        yield self.item(N_("Cookie details changed in %(name)s."), cid, name=self.new.cookie_category[cid].name[self.language.code])

    def _controller(self, change: Change, key: str) -> Iterator[SummaryItem]:
        notice = self.new if change.kind != "remove" else self.old
        anchor = self._placement(notice, "controller", key)
        controller = (change.new or change.old)["name"]
        if change.kind == "add":
            yield self.item(N_("Controller added: %(name)s."), anchor, name=controller)
        elif change.kind == "remove":
            yield self.item(N_("Controller removed: %(name)s."), anchor, removed=True, name=controller)

    def _controller_contact(self, change: Change, key: str) -> Iterator[SummaryItem]:
        field = str(change.path[2])
        yield self.item(N_("Contact details of %(name)s changed: %(field)s %(old)s is now %(new)s."), self._placement(self.new, "controller", key),
                        name=self.new.controller[key].name, field=self._(CONTACT_FIELDS.get(field, field)),
                        old=change.old if change.old is not None else "—", new=change.new if change.new is not None else "—")

    def _authority(self, change: Change, key: str, *rest: str) -> Iterator[SummaryItem]:
        """Where to lodge a complaint about a controller (shown with the rights)."""
        anchor = self._placement(self.new, "rights", next((r.id for r in self.new.rights), ""))
        authority = self.new.controller[key].supervisory_authority
        name = self.new.controller[key].name
        if authority is None:
            yield self.item(N_("For %(name)s, no supervisory authority is named any more."), anchor, name=name)
        elif len(change.path) == 3 and change.old is None:
            yield self.item(N_("Supervisory authority named for %(name)s: %(authority)s."), anchor, name=name,
                            authority=authority.name[self.language.code])
        else:
            yield self.item(N_("The supervisory authority named for %(name)s changed: %(authority)s."), anchor, name=name,
                            authority=authority.name[self.language.code])

    def _transfer(self, change: Change, key: str) -> Iterator[SummaryItem]:
        if change.kind == "add":
            yield self.item(N_("New transfer outside the EEA: %(name)s."), key, name=self.new.transfer[key].destination[self.language.code])
        elif change.kind == "remove":
            yield self.item(N_("Transfer outside the EEA ended: %(name)s."), key, removed=True,
                            name=self.old.transfer[key].destination[self.language.code])

    def _transfer_details(self, change: Change, key: str) -> Iterator[SummaryItem]:
        yield self.item(N_("Transfer outside the EEA changed (recipients, safeguards or destination): %(name)s."), key,
                        name=self.new.transfer[key].destination[self.language.code])

    def _audience_sections(self, change: Change, key: str) -> Iterator[SummaryItem]:
        yield self.item(N_("The sections that apply to %(name)s changed."), key, name=self.new.audience[key].name[self.language.code])

    def _renamed(self, change: Change, key: str, language: str) -> Iterator[SummaryItem]:
        """A vocabulary entry is told when its wording changes in this language; its use is told with each purpose."""
        if language != self.language.code:
            return
        vocabulary = "data_category" if change.path[0] == "data_categories" else "recipient"
        message = N_("Data category renamed: %(old)s is now %(new)s.") if vocabulary == "data_category" else N_("Recipient renamed: %(old)s is now %(new)s.")
        used_by = [p.id for p in self.new.purposes if key in p.data_categories or key in p.recipients]
        yield self.item(message, used_by[0] if used_by else "notice-title", old=change.old, new=change.new)

    def _placement(self, notice: Notice, kind: str, key: str) -> str:
        """The section whose body places record `key` of `kind`."""
        return next((s.id for s in notice.sections for b in s.body if b.kind == kind and key in b.ids), "notice-title")


_FILES = {"controllers": "controllers.yml", "audiences": "audiences.yml", "sections": "notice.yml", "title": "notice.yml",
          "subtitle": "notice.yml", "purposes": "purposes.yml", "data_categories": "vocabulary.yml", "recipients": "vocabulary.yml",
          "rights": "rights.yml", "cookie_categories": "cookies.yml"}


def stale_translations(old: Notice, new: Notice, display: str, since: str, languages: Languages) -> tuple[Problem, ...]:
    """Texts whose source-language wording changed while a translation stayed as `old` had it, one problem per language.

    Every text is reached through record keys, so a text is compared with the same text of the version before.
    `display` names the new version's folder; `since` the old version.
    """
    changed: dict[tuple[Any, ...], set[str]] = {}
    for change in diff(old, new):
        if change.kind == "change" and change.path[-1] in languages:
            changed.setdefault(change.path[:-1], set()).add(str(change.path[-1]))
    source = languages.source
    problems = []
    for path, codes in changed.items():
        for language in languages.items[1:]:
            if source.code in codes and language.code not in codes:
                problems.append(Problem(
                    f"{display}/{_FILES.get(str(path[0]), 'version.yml')}", None, ".".join(map(str, path)) + f".{language.code}",
                    f"the {language.english_name} text updated with the {source.english_name}, which changed since {since}",
                    "the previous translation unchanged",
                ))
    return tuple(problems)
