"""What an amendment changes, in words: a summary in terms of the model, and translations left behind.

The diff itself is data (`notice.diff`); this module is its presentation in one language. The full text with
its edits is `notice.redline`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from markupsafe import Markup, escape

from notice.diff import Change, diff, reordered
from notice.errors import Problem
from notice.locale import BABEL_LOCALES, N_, Gettext
from notice.locale import ENGLISH_NAMES as LANGUAGE_NAMES
from notice.markup import plain_text
from notice.model import LANGUAGES, Notice, Purpose
from notice.render import BASIS_LABELS, NoticeViews

CONTACT_FIELDS = {"name": N_("name"), "address": N_("address"), "email": N_("e-mail address"), "phone": N_("phone number"),
                  "website": N_("website")}
REORDERED = {"rights": N_("The rights are listed in a new order."), "cookie_categories": N_("The cookie categories are listed in a new order."),
             "audiences": N_("The audiences are listed in a new order.")}

Link = Callable[[str, bool], str]
"""Builds the link to an anchor in the new version (False) or the old one (True)."""


@dataclass(frozen=True)
class SummaryItem:
    """One line of the change summary: what changed, and where to see it."""

    text: Markup
    href: str


def summarise(old: Notice, new: Notice, language: str, gettext: Gettext, link: Link) -> tuple[SummaryItem, ...]:
    """The changes from `old` to `new` as sentences, one per fact, in the order of the notice."""
    return tuple(dict.fromkeys(_Summary(old, new, language, gettext, link).items(diff(old, new))))


class _Summary:
    def __init__(self, old: Notice, new: Notice, language: str, gettext: Gettext, link: Link) -> None:
        self.old, self.new, self.language, self._, self.link = old, new, language, gettext, link
        self.old_views, self.new_views = NoticeViews(old, language, gettext), NoticeViews(new, language, gettext)

    def item(self, message: str, anchor: str, removed: bool = False, **values: Any) -> SummaryItem:
        escaped = {key: _emphasis(value) for key, value in values.items()}
        return SummaryItem(escape(self._(message)) % escaped, self.link(anchor, removed))

    def names(self, values: list[str]) -> str:
        return format_list(values, locale=BABEL_LOCALES[self.language]) if values else ""

    def items(self, changes: tuple[Change, ...]) -> Iterator[SummaryItem]:
        for change in changes:
            if change.path and change.path[-1] in LANGUAGES and change.path[-1] != self.language:
                continue  # a text changed in another language: that language's summary reports it
            handler = getattr(self, f"_{change.path[0]}", None) if change.path else None
            if handler is not None:
                yield from handler(change)

    def _title(self, change: Change) -> Iterator[SummaryItem]:
        yield self.item(N_("The title of the notice changed."), "notice-title")

    def _subtitle(self, change: Change) -> Iterator[SummaryItem]:
        yield self.item(N_("The subtitle of the notice changed."), "notice-title")

    def _purposes(self, change: Change) -> Iterator[SummaryItem]:
        path = change.path
        if len(path) == 1:
            return
        pid = path[1]
        if len(path) == 2 and change.kind == "add":
            yield self.item(N_("New purpose: %(purpose)s."), pid, purpose=self.new.purpose[pid].title[self.language])
            return
        if len(path) == 2 and change.kind == "remove":
            yield self.item(N_("Purpose removed: %(purpose)s."), pid, removed=True, purpose=self.old.purpose[pid].title[self.language])
            return
        old, new = self.old.purpose[pid], self.new.purpose[pid]
        title = new.title[self.language]
        field = path[2]
        if field == "data_categories":
            yield from self._added_removed(pid, title, old.data_categories, new.data_categories, self.new.data_category, self.old.data_category,
                                           N_("Data processed for %(purpose)s: %(names)s added."),
                                           N_("Data no longer processed for %(purpose)s: %(names)s."))
        elif field == "recipients":
            yield from self._added_removed(pid, title, old.recipients, new.recipients, self.new.recipient, self.old.recipient,
                                           N_("Recipients of %(purpose)s: %(names)s added."),
                                           N_("No longer recipients of %(purpose)s: %(names)s."))
        elif field == "legal_bases":
            yield from self._legal_bases(pid, title, old, new)
        elif field == "retention":
            yield from self._retention(pid, title, old, new)
        else:
            yield self.item(N_("Wording changed in %(purpose)s."), pid, purpose=title)

    def _added_removed(self, anchor: str, title: str, old: tuple[str, ...], new: tuple[str, ...], new_names: dict[str, Any],
                       old_names: dict[str, Any], added_message: str, removed_message: str) -> Iterator[SummaryItem]:
        added = [new_names[key].name[self.language] for key in new if key not in old]
        removed = [old_names[key].name[self.language] for key in old if key not in new]
        if added:
            yield self.item(added_message, anchor, purpose=title, names=self.names(added))
        if removed:
            yield self.item(removed_message, anchor, purpose=title, names=self.names(removed))

    def _legal_bases(self, pid: str, title: str, old: Purpose, new: Purpose) -> Iterator[SummaryItem]:
        old_kinds = {kind for basis in old.legal_bases for kind in basis.kinds}
        new_kinds = {kind for basis in new.legal_bases for kind in basis.kinds}
        added = [self._(BASIS_LABELS[kind]) for kind in BASIS_LABELS if kind in new_kinds - old_kinds]
        removed = [self._(BASIS_LABELS[kind]) for kind in BASIS_LABELS if kind in old_kinds - new_kinds]
        if added:
            yield self.item(N_("Legal basis added to %(purpose)s: %(names)s."), pid, purpose=title, names=self.names(added))
        if removed:
            yield self.item(N_("Legal basis removed from %(purpose)s: %(names)s."), pid, purpose=title, names=self.names(removed))
        if not added and not removed:
            yield self.item(N_("Wording of the legal basis changed for %(purpose)s."), pid, purpose=title)

    def _retention(self, pid: str, title: str, old: Purpose, new: Purpose) -> Iterator[SummaryItem]:
        before = [plain_text(self.old_views.retention_rule(rule)) for rule in old.retention]
        after = [plain_text(self.new_views.retention_rule(rule)) for rule in new.retention]
        if before != after:
            yield self.item(N_("Retention for %(purpose)s changed from %(old)s to %(new)s."), pid,
                            purpose=title, old="; ".join(before), new="; ".join(after))
        else:
            yield self.item(N_("Wording of the retention period changed for %(purpose)s."), pid, purpose=title)

    def _sections(self, change: Change) -> Iterator[SummaryItem]:
        path = change.path
        if len(path) == 1:
            if reordered(change):
                yield self.item(N_("The sections are in a new order."), "notice-title")
            return
        sid = path[1]
        if len(path) == 2 and change.kind == "add":
            yield self.item(N_("New section: %(section)s."), sid, section=self.new_views.section(self._section(self.new, sid)).heading)
        elif len(path) == 2 and change.kind == "remove":
            yield self.item(N_("Section removed: %(section)s."), sid, removed=True, section=self.old_views.section(self._section(self.old, sid)).heading)
        elif path[2:3] == ("body",):
            old, new = self._section(self.old, sid), self._section(self.new, sid)
            if self._prose(old) != self._prose(new):
                yield self.item(N_("Wording changed in section %(section)s."), sid, section=self.new_views.section(new).heading)
            yield from self._moves(old, new)
        elif path[2:3] != ("data_categories",):
            yield self.item(N_("Wording changed in section %(section)s."), sid, section=self.new_views.section(self._section(self.new, sid)).heading)

    def _prose(self, section: Any) -> list[str]:
        return [block.prose[self.language] for block in section.body if block.prose is not None]

    def _moves(self, old: Any, new: Any) -> Iterator[SummaryItem]:
        """Purposes that both versions have, now placed in this section but elsewhere before."""
        before = {pid for block in old.body if block.purposes for pid in block.purposes}
        for pid in (pid for block in new.body if block.purposes for pid in block.purposes):
            if pid not in before and pid in self.old.purpose:
                yield self.item(N_("%(purpose)s moved to section %(section)s."), pid, purpose=self.new.purpose[pid].title[self.language],
                                section=self.new_views.section(new).heading)

    def _rights(self, change: Change) -> Iterator[SummaryItem]:
        yield from self._record(change, "rights", self.old.right, self.new.right,
                                N_("Right added: %(name)s."), N_("Right removed: %(name)s."), N_("Wording of the right %(name)s changed."))

    def _cookie_categories(self, change: Change) -> Iterator[SummaryItem]:
        if change.path[2:3] == ("cookies",):
            cid = change.path[1]
            old = {cookie.name for cookie in self.old.cookie_category[cid].cookies}
            new = {cookie.name for cookie in self.new.cookie_category[cid].cookies}
            category = self.new.cookie_category[cid].name[self.language]
            added, removed = sorted(new - old), sorted(old - new)
            if added:
                yield self.item(N_("Cookies added to %(name)s: %(cookies)s."), cid, name=category, cookies=self.names(added))
            if removed:
                yield self.item(N_("Cookies removed from %(name)s: %(cookies)s."), cid, name=category, cookies=self.names(removed))
            if not added and not removed:
                yield self.item(N_("Cookie details changed in %(name)s."), cid, name=category)
            return
        yield from self._record(change, "cookie_categories", self.old.cookie_category, self.new.cookie_category,
                                N_("Cookie category added: %(name)s."), N_("Cookie category removed: %(name)s."),
                                N_("Wording of the cookie category %(name)s changed."))

    def _record(self, change: Change, collection: str, old: dict[str, Any], new: dict[str, Any],
                added: str, removed: str, changed: str) -> Iterator[SummaryItem]:
        if len(change.path) == 1:
            if reordered(change):
                yield self.item(REORDERED[collection], self._placement(self.new, collection, next(iter(new), "")))
            return
        key = change.path[1]
        if len(change.path) == 2 and change.kind == "add":
            yield self.item(added, key, name=new[key].name[self.language])
        elif len(change.path) == 2 and change.kind == "remove":
            yield self.item(removed, key, removed=True, name=old[key].name[self.language])
        else:
            yield self.item(changed, key, name=new[key].name[self.language])

    def _controllers(self, change: Change) -> Iterator[SummaryItem]:
        if len(change.path) < 2:
            return
        anchor = self._placement(self.new if change.kind != "remove" else self.old, "controller", change.path[1])
        if len(change.path) == 2:
            controller = (change.new or change.old)["name"]
            message = N_("Controller added: %(name)s.") if change.kind == "add" else N_("Controller removed: %(name)s.")
            yield self.item(message, anchor, removed=change.kind == "remove", name=controller)
            return
        name = self.new.controller[change.path[1]].name
        field = self._(CONTACT_FIELDS.get(str(change.path[2]), str(change.path[2])))
        yield self.item(N_("Contact details of %(name)s changed: %(field)s %(old)s is now %(new)s."), anchor, name=name,
                        field=field, old=change.old or "—", new=change.new or "—")

    def _audiences(self, change: Change) -> Iterator[SummaryItem]:
        if len(change.path) < 2:
            return
        key = change.path[1]
        notice = self.old if change.kind == "remove" else self.new
        name = notice.audience[key].name[self.language]
        if change.path[2:3] == ("sections",):
            yield self.item(N_("The sections that apply to %(name)s changed."), key, name=name)
        else:
            yield from self._record(change, "audiences", self.old.audience, self.new.audience,
                                    N_("Audience added: %(name)s."), N_("Audience removed: %(name)s."), N_("Wording changed for %(name)s."))

    def _data_categories(self, change: Change) -> Iterator[SummaryItem]:
        yield from self._renamed(change, self.old.data_category, self.new.data_category, N_("Data category renamed: %(old)s is now %(new)s."))

    def _recipients(self, change: Change) -> Iterator[SummaryItem]:
        yield from self._renamed(change, self.old.recipient, self.new.recipient, N_("Recipient renamed: %(old)s is now %(new)s."))

    def _renamed(self, change: Change, old: dict[str, Any], new: dict[str, Any], message: str) -> Iterator[SummaryItem]:
        """A vocabulary entry is reported when its wording changes; its use is reported with each purpose."""
        if len(change.path) >= 3 and change.path[2] == "name" and change.path[-1] == self.language:
            key = change.path[1]
            used_by = [p.id for p in self.new.purposes if key in p.data_categories or key in p.recipients]
            yield self.item(message, used_by[0] if used_by else "notice-title", old=old[key].name[self.language], new=new[key].name[self.language])

    def _section(self, notice: Notice, sid: str) -> Any:
        return next(section for section in notice.sections if section.id == sid)

    def _placement(self, notice: Notice, kind: str, key: str) -> str:
        """The section whose body places record `key` of `kind`."""
        return next((s.id for s in notice.sections for b in s.body if b.kind == kind and key in b.ids), "notice-title")


def _emphasis(value: Any) -> Markup:
    return Markup("<strong>%s</strong>") % value


_FILES = {"controllers": "controllers.yml", "audiences": "audiences.yml", "sections": "notice.yml", "title": "notice.yml",
          "subtitle": "notice.yml", "purposes": "purposes.yml", "data_categories": "vocabulary.yml", "recipients": "vocabulary.yml",
          "rights": "rights.yml", "cookie_categories": "cookies.yml"}


def stale_translations(old: Notice, new: Notice, display: str, since: str) -> tuple[Problem, ...]:
    """Texts whose English changed while a translation stayed as `old` had it, one problem per language.

    `display` names the new version's folder; `since` the old version.
    """
    changes = [change for change in diff(old, new) if change.kind == "change"]
    changed: dict[tuple[Any, ...], set[str]] = {}
    for change in changes:
        if change.path[-1] in LANGUAGES:  # one language of a text, reached through ids
            changed.setdefault(change.path[:-1], set()).add(str(change.path[-1]))
        else:  # a list without ids (legal bases, retention, a section's body): compare its texts item by item
            for path, before, after in _texts(change.path, change.old, change.new):
                changed[path] = {language for language in LANGUAGES if before.get(language) != after.get(language)}
    problems = []
    for path, languages in changed.items():
        for language in LANGUAGES[1:]:
            if LANGUAGES[0] in languages and language not in languages:
                problems.append(Problem(
                    f"{display}/{_FILES.get(str(path[0]), 'version.yml')}", None, ".".join(map(str, path)) + f".{language}",
                    f"the {LANGUAGE_NAMES[language]} text updated with the English, which changed since {since}",
                    "the previous translation unchanged",
                ))
    return tuple(problems)


def _texts(path: tuple[Any, ...], old: Any, new: Any) -> Iterator[tuple[tuple[Any, ...], dict[str, str], dict[str, str]]]:
    """The texts (mappings of languages) at the same place in `old` and `new`, lists walked item by item."""
    if isinstance(old, dict) and isinstance(new, dict):
        if LANGUAGES[0] in old and LANGUAGES[0] in new:
            yield path, old, new
            return
        for key in old.keys() & new.keys():
            yield from _texts((*path, key), old[key], new[key])
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (before, after) in enumerate(zip(old, new)):
            yield from _texts((*path, index), before, after)
