"""The kinds of page the site has, each one small class: its URL (DESIGN.md's stable-URL contract), its title,
exactly what its content depends on, and how it renders.

`Site` keeps the list of pages; a page kind asks the site for what it shows (a formatted notice, the history,
the templates), never the other way round.
"""

from __future__ import annotations

import posixpath
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from notice.changes import SummaryItem, summarise
from notice.formatted import FormattedNotice, TocEntry
from notice.locale import N_, format_day
from notice.markup import Formatted
from notice.model import ChangeClass
from notice.redline import RedlineGroup, redline
from notice.versions import Version, VersionState

if TYPE_CHECKING:
    from notice.site import Site


@dataclass(frozen=True)
class Page:
    """One page of the site: its kind, its language and the version it shows."""

    kind: PageKind
    language: str
    version: str | None = None

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, per the stable-URL contract."""
        return language_root(self.language, self.kind.source_language) + self.kind.path(self.version)

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.kind.name, self.language, self.version)


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: tuple[TocEntry, ...]


STATE_LABELS = {VersionState.current: N_("In force"), VersionState.past: N_("No longer in force"), VersionState.upcoming: N_("Upcoming"),
                VersionState.draft: N_("Draft, not in force")}
"""How a version's state is named to readers."""


@dataclass(frozen=True)
class PrintHeader:
    """What identifies a printed page, in the margin of every sheet: the document (for the notice, its version and where it
    stands) and its permanent address."""

    text: str
    url: str


@dataclass(frozen=True)
class VersionLink:
    name: str
    date: str
    href: str
    changes_href: str


@dataclass(frozen=True)
class Banner:
    """Where a version stands: in force, replaced, upcoming or a draft, with the links a reader needs."""

    state: VersionState
    effective: str
    until: str | None
    successor: VersionLink | None
    current: VersionLink | None
    upcoming: tuple[VersionLink, ...]
    changes_href: str
    history_href: str
    first: bool
    """The first version: it changed nothing, there is nothing to compare it with."""
    print_header: PrintHeader


@dataclass(frozen=True)
class HistoryRow:
    version: VersionLink
    state: VersionState
    state_label: str
    summary: Formatted | None
    first: bool
    change_class: ChangeClass | None
    """What its changes mean (none for the first version)."""
    data_href: str
    """The version as linked data (JSON-LD)."""


@dataclass(frozen=True)
class ChangesView:
    title: str
    draft: bool
    previous: VersionLink | None
    version_href: str
    editors_summary: Formatted | None = None
    change_class: ChangeClass = ChangeClass.editorial
    """The version's class: material if any change is."""
    material: tuple[SummaryItem, ...] = ()
    less_processing: tuple[SummaryItem, ...] = ()
    editorial: tuple[SummaryItem, ...] = ()
    redline: tuple[RedlineGroup, ...] = ()
    published: str | None = None
    """The day it was published, for a published version."""
    notice_days: int | None = None
    """How many days before it took effect it was published."""
    urgent: str | None = None
    """Why it was published with less than the advance notice, in the source language."""
    source_language: str = ""
    elsewhere: str | None = None
    """Where the changes are shown instead, when the version before was not published in this page's language."""


class PageKind(ABC):
    """A kind of page: where it lives, what it is called, what it depends on and how it renders."""

    name: ClassVar[str]
    title_message: ClassVar[str]
    description_message: ClassVar[str]
    in_nav: ClassVar[bool] = False
    searchable: ClassVar[bool] = True
    """Whether the site's search covers it (old versions are found from the history instead)."""
    source_language: str = ""

    def __init__(self, source_language: str) -> None:
        self.source_language = source_language

    @abstractmethod
    def path(self, version: str | None) -> str:
        """Its URL below its language's root."""

    @abstractmethod
    def pages(self, site: Site) -> Iterator[Page]:
        """The pages of this kind the site has."""

    @abstractmethod
    def inputs(self, site: Site, page: Page) -> tuple[object, ...]:
        """Everything the page's content depends on besides the templates, the catalogs and the settings: what a
        cached page is kept by, so it must be exact."""

    @abstractmethod
    def render(self, site: Site, page: Page) -> Rendered:
        """The page's HTML and its table of contents."""

    def title(self, site: Site, page: Page) -> str:
        return self._text(site, page, self.title_message)

    def print_header(self, site: Site, page: Page) -> PrintHeader:
        """The page's title and its own address; the notice's pages name their version instead."""
        return PrintHeader(self.title(site, page), site.site_url + page.url)

    def description(self, site: Site, page: Page) -> str:
        return self._text(site, page, self.description_message)

    def _text(self, site: Site, page: Page, message: str) -> str:
        text = site.gettext(page.language)(message)
        return text % {"date": format_day(date.fromisoformat(page.version), site.languages[page.language])} if page.version else text

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(self.name)


class NoticePage(PageKind):
    """The notice in force, with the reading aids."""

    name = "notice"
    title_message = N_("Privacy policy")
    description_message = N_("How SipSim processes personal data: purposes, legal bases, recipients, retention and your rights.")
    in_nav = True

    def path(self, version: str | None) -> str:
        return ""

    def pages(self, site: Site) -> Iterator[Page]:
        for language in site.languages_of(site.history.current):
            yield Page(self, language)

    def inputs(self, site: Site, page: Page) -> tuple[object, ...]:
        return VersionPage.inputs_of(site, site.history.current)

    def render(self, site: Site, page: Page) -> Rendered:
        return render_notice(site, page, site.history.current)

    def print_header(self, site: Site, page: Page) -> PrintHeader:
        return version_print_header(site, page.language, site.history.current)


class VersionPage(PageKind):
    """One version as published (or a draft in a preview)."""

    name = "version"
    title_message = N_("Privacy policy of %(date)s")
    description_message = N_("SipSim's privacy policy as published for %(date)s.")
    searchable = False

    def path(self, version: str | None) -> str:
        return f"versions/{version}/"

    def pages(self, site: Site) -> Iterator[Page]:
        for version in site.versions:
            for language in site.languages_of(version):
                yield Page(self, language, version.name)

    @staticmethod
    def inputs_of(site: Site, version: Version) -> tuple[object, ...]:
        history = site.history
        successor = history.successor(version)
        return (version.content, history.state(version), successor.name if successor else None, history.current.name,
                tuple(upcoming.name for upcoming in history.upcoming))

    def inputs(self, site: Site, page: Page) -> tuple[object, ...]:
        return self.inputs_of(site, site.version(page))

    def render(self, site: Site, page: Page) -> Rendered:
        return render_notice(site, page, site.version(page))

    def print_header(self, site: Site, page: Page) -> PrintHeader:
        return version_print_header(site, page.language, site.version(page))


def render_notice(site: Site, page: Page, version: Version) -> Rendered:
    formatted = site.formatted(version, page.language)
    gettext = site.gettext(page.language)
    html = site.render_template("notice.html", page.language, 
        notice=formatted, banner=banner(site, page, version), consent_months=site.settings.consent_months,
        audiences=formatted.audiences, overview=formatted.overview,
        explorer_href=site.link(page, site.page(EXPLORER, page.language)),
    )
    return Rendered(html, (TocEntry("at-a-glance", gettext("At a glance"), 2), *formatted.toc))


def version_print_header(site: Site, language: str, version: Version) -> PrintHeader:
    """"SipSim privacy policy, version of 1 February 2024 (In force)", and the version's permanent address."""
    gettext = site.gettext(language)
    text = gettext("SipSim privacy policy, version of %(date)s") % {"date": format_day(version.effective, site.languages[language])}
    state = gettext(STATE_LABELS[site.history.state(version)])
    return PrintHeader(f"{text} ({state})", site.site_url + site.page(VERSION, language, version.name).url)


def banner(site: Site, page: Page, version: Version) -> Banner:
    history, language = site.history, site.languages[page.language]
    state = history.state(version)
    successor = history.successor(version)
    until = format_day(successor.effective - timedelta(days=1), language) if successor and state is VersionState.past else None
    return Banner(
        state=state,
        effective=format_day(version.effective, language),
        until=until,
        successor=version_link(site, page, successor) if successor and state is VersionState.past else None,
        current=version_link(site, page, history.current) if state in (VersionState.upcoming, VersionState.draft) else None,
        upcoming=tuple(version_link(site, page, v) for v in history.upcoming) if state is VersionState.current else (),
        changes_href=site.link(page, site.page(CHANGES, page.language, version.name)),
        history_href=site.link(page, site.page(HISTORY, page.language)),
        first=history.predecessor(version) is None,
        print_header=version_print_header(site, page.language, version),
    )


def version_link(site: Site, page: Page, version: Version) -> VersionLink:
    """How `page` links to `version` and to its changes."""
    return VersionLink(version.name, format_day(version.effective, site.languages[page.language]),
                       site.link(page, site.page(VERSION, page.language, version.name)), site.link(page, site.page(CHANGES, page.language, version.name)))


class ChangesPage(PageKind):
    """What a version changed against the version it amends: the summary, then the full text with its edits."""

    name = "changes"
    title_message = N_("What changed on %(date)s")
    description_message = N_("What changed in SipSim's privacy policy on %(date)s, against the version before it.")
    searchable = False

    def path(self, version: str | None) -> str:
        return f"versions/{version}/changes/"

    def pages(self, site: Site) -> Iterator[Page]:
        for version in site.versions:
            for language in site.languages_of(version):
                yield Page(self, language, version.name)

    def inputs(self, site: Site, page: Page) -> tuple[object, ...]:
        version = site.version(page)
        previous = site.history.predecessor(version)
        return (version.content, version.publication, previous.name if previous else None, previous.content if previous else None)

    def render(self, site: Site, page: Page) -> Rendered:
        view = self.view(site, page)
        gettext = site.gettext(page.language)
        toc = (TocEntry("summary", gettext("Summary of changes"), 2), TocEntry("full-text", gettext("Full text with changes"), 2))
        return Rendered(site.render_template("changes.html", page.language, changes=view), toc if view.previous else ())

    def view(self, site: Site, page: Page) -> ChangesView:
        version = site.version(page)
        previous = site.history.predecessor(version)
        version_page = site.page(VERSION, page.language, version.name)

        title = self.title(site, page) if not version.is_draft else site.gettext(page.language)("What this draft changes")
        after = site.formatted(version, page.language)
        common = {"title": title, "draft": version.is_draft, "version_href": site.link(page, version_page), "editors_summary": after.summary}
        if previous is None:
            return ChangesView(previous=None, **common)  # type: ignore[arg-type]
        if page.language not in site.languages_of(previous):
            source = site.page(CHANGES, site.languages.source.code, version.name)
            return ChangesView(previous=version_link(site, page, previous), elsewhere=site.link(page, source), **common)  # type: ignore[arg-type]
        before = site.formatted(previous, page.language)
        items = summarise(previous.notice, version.notice, before, after, site.gettext(page.language), lambda anchor, removed: f"#redline-{anchor}",
                          site.classified(version))
        lock = version.lock
        return ChangesView(
            previous=version_link(site, page, previous),
            change_class=site.change_class(version) or ChangeClass.editorial,
            material=tuple(item for item in items if item.change_class is ChangeClass.material),
            less_processing=tuple(item for item in items if item.change_class is ChangeClass.less_processing),
            editorial=tuple(item for item in items if item.change_class is ChangeClass.editorial),
            redline=redline(before, after),
            published=format_day(lock.published, site.languages[page.language]) if lock else None,
            notice_days=(version.effective - lock.published).days if lock else None,
            urgent=lock.urgent if lock else None,
            source_language=site.languages.source.code,
            **common,  # type: ignore[arg-type]
        )


class HistoryPage(PageKind):
    """Every version with its state, summary and changes."""

    name = "history"
    title_message = N_("Version history")
    description_message = N_("Every version of SipSim's privacy policy, with its date, a summary and what changed.")
    in_nav = True

    def path(self, version: str | None) -> str:
        return "versions/"

    def pages(self, site: Site) -> Iterator[Page]:
        for language in site.languages:
            yield Page(self, language.code)

    def inputs(self, site: Site, page: Page) -> tuple[object, ...]:
        """What each row shows, not the whole text of each version: a draft's wording edited in a preview leaves the
        history as it was, its summary or the class of its changes do not."""
        return site.listed_versions

    def render(self, site: Site, page: Page) -> Rendered:
        rows = []
        gettext = site.gettext(page.language)
        for version in reversed(site.versions):
            summary = site.summary(version, page.language) if page.language in site.languages_of(version) else None
            previous = site.history.predecessor(version)
            state = site.history.state(version)
            rows.append(HistoryRow(version_link(site, page, version), state, gettext(STATE_LABELS[state]), summary, previous is None,
                                   site.change_class(version), site.jsonld_href(page, version.name)))
        feed_href = relative_url(f"{language_root(page.language, self.source_language)}feed.xml", page.url).rstrip("/")
        html = site.render_template("history.html", page.language, title=self.title(site, page), rows=rows, feed_href=feed_href,
                                    advance_notice_days=site.settings.advance_notice_days)
        return Rendered(html, ())


class ExplorerPage(PageKind):
    """Each category of personal data in the notice in force, with the purposes that use it."""

    name = "explorer"
    title_message = N_("Your personal data")
    description_message = N_("Each category of personal data SipSim processes: for which purposes, on which legal basis, shared with whom, "
                             "kept how long.")
    in_nav = True

    def path(self, version: str | None) -> str:
        return "personal-data/"

    def pages(self, site: Site) -> Iterator[Page]:
        for language in site.languages_of(site.history.current):
            yield Page(self, language)

    def inputs(self, site: Site, page: Page) -> tuple[object, ...]:
        return (site.history.current.content,)

    def render(self, site: Site, page: Page) -> Rendered:
        formatted: FormattedNotice = site.formatted(site.history.current, page.language)
        html = site.render_template("explorer.html", page.language, 
            title=self.title(site, page), entries=formatted.explorer, effective=formatted.effective,
            notice_href=site.link(page, site.page(NOTICE, page.language)),
        )
        return Rendered(html, tuple(TocEntry(entry.id, entry.name, 2) for entry in formatted.explorer))


NOTICE, EXPLORER, HISTORY, VERSION, CHANGES = "notice", "explorer", "history", "version", "changes"
KINDS: tuple[type[PageKind], ...] = (NoticePage, ExplorerPage, HistoryPage, VersionPage, ChangesPage)
"""Every kind of page, in the order the site lists them per language."""


def language_root(language: str, source_language: str) -> str:
    return "" if language == source_language else f"{language}/"


def relative_url(target: str, here: str) -> str:
    """A link from the page at `here` to `target` (both site-relative, directories ending with "/")."""
    target_dir, _, anchor = target.partition("#")
    path = posixpath.relpath(target_dir or ".", here or ".")
    path = "./" if path == "." else (path + "/" if target_dir.endswith("/") or not target_dir else path)
    return path + (f"#{anchor}" if anchor else "")
