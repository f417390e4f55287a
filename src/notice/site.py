"""The published site as plain data: which pages and files exist at which URLs (DESIGN.md's contract), and
their content. An engine adapter (hooks/mkdocs_notice.py for MkDocs) asks for them and renders each page
through here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from notice.changes import SummaryItem, stale_translations, summarise
from notice.consent import DEFAULT_MONTHS, NoticeVersion, check_log_url, check_months, consent_view
from notice.errors import Problem, UsageError
from notice.feeds import FeedEntry, atom_feed, version_json, versions_index_json
from notice.locale import N_, NATIVE_NAMES, Catalogs, Gettext, format_day, load_catalogs
from notice.markup import plain_text, render_prose
from notice.model import LANGUAGES
from notice.pages import PageSpec, language_root, relative_url
from notice.reading import audience_choices, explorer, overview
from notice.redline import RedlineBlock, redline
from notice.render import TocEntry, environment, notice_toc, notice_view
from notice.versions import History, Version, load_history

TEMPLATES = "overrides/fragments/notice"
AUTHOR = "SipSim"

PAGE_TITLES = {
    "notice": N_("Privacy notice"),
    "explorer": N_("Your personal data"),
    "history": N_("Version history"),
    "version": N_("Privacy notice of %(date)s"),
    "changes": N_("What changed on %(date)s"),
}
PAGE_DESCRIPTIONS = {
    "notice": N_("How SipSim processes personal data: purposes, legal bases, recipients, retention and your rights."),
    "explorer": N_("Each category of personal data SipSim processes: for which purposes, on which legal basis, shared with whom, kept how long."),
    "history": N_("Every version of SipSim's privacy notice, with its date, a summary and what changed."),
    "version": N_("SipSim's privacy notice as published for %(date)s."),
    "changes": N_("What changed in SipSim's privacy notice on %(date)s, against the version before it."),
}


@dataclass(frozen=True)
class Alternate:
    """A page in one language, as the language switcher and the `hreflang` links show it."""

    language: str
    name: str
    url: str
    absolute_url: str
    current: bool


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: tuple[TocEntry, ...]


@dataclass(frozen=True)
class VersionLink:
    name: str
    date: str
    href: str
    changes_href: str


@dataclass(frozen=True)
class Banner:
    """Where a version stands: in force, replaced, upcoming or a draft, with the links a reader needs."""

    state: str
    effective: str
    until: str | None
    successor: VersionLink | None
    current: VersionLink | None
    upcoming: tuple[VersionLink, ...]
    changes_href: str
    history_href: str


@dataclass(frozen=True)
class HistoryRow:
    version: VersionLink
    state: str
    summary: Markup | None


@dataclass(frozen=True)
class ChangesView:
    title: str
    draft: bool
    previous: VersionLink | None
    version_href: str
    summary: tuple[SummaryItem, ...]
    redline: tuple[RedlineBlock, ...]


@dataclass(frozen=True)
class ConsentSettings:
    """The site owner's settings for the widget (mkdocs.yml, extra.notice)."""

    months: int = DEFAULT_MONTHS
    google_consent_mode: bool = False
    log_url: str | None = None
    """Where each decision's record is also sent (extra.notice.consent_log_url): a path on this site, or None."""

    def __post_init__(self) -> None:
        check_months(self.months)
        check_log_url(self.log_url)
        if not isinstance(self.google_consent_mode, bool):
            raise UsageError(f"mkdocs.yml: extra.notice.google_consent_mode: expected true or false, got {self.google_consent_mode!r}")


@dataclass(frozen=True)
class Asset:
    """A file that is not a page: a feed or a JSON document."""

    path: str
    content: str


@dataclass(frozen=True)
class Site:
    """Everything a build needs, loaded and validated before any page is written."""

    root: Path
    site_url: str
    history: History
    catalogs: Catalogs
    drafts: bool
    consent: ConsentSettings
    fingerprint: str
    """A hash of the templates, the catalogs and the settings: what every page depends on."""

    @property
    def versions(self) -> tuple[Version, ...]:
        """The versions the site shows: all published ones, and drafts in a preview."""
        return self.history.versions if self.drafts else self.history.published

    @cached_property
    def pages(self) -> tuple[PageSpec, ...]:
        """Every page, in every language: the notice, the explorer, the history, each version and its changes."""
        pages: list[PageSpec] = []
        for language in LANGUAGES:
            pages += [PageSpec("notice", language), PageSpec("explorer", language), PageSpec("history", language)]
            for version in self.versions:
                pages += [PageSpec("version", language, version.name), PageSpec("changes", language, version.name)]
        return tuple(pages)

    @cached_property
    def warnings(self) -> tuple[Problem, ...]:
        """Catalog entries to review, and in a preview, drafts' stale translations."""
        return self.catalogs.warnings + (self.stale_translations() if self.drafts else ())

    @cached_property
    def _by_uri(self) -> dict[str, PageSpec]:
        return {spec.src_uri: spec for spec in self.pages}

    @cached_property
    def _by_content(self) -> dict[tuple[str, str | None], tuple[PageSpec, ...]]:
        """The same page in each language, found by its kind and version."""
        found: dict[tuple[str, str | None], tuple[PageSpec, ...]] = {}
        for spec in self.pages:
            found[(spec.kind, spec.version)] = found.get((spec.kind, spec.version), ()) + (spec,)
        return found

    def page(self, src_uri: str) -> PageSpec | None:
        return self._by_uri.get(src_uri)

    def alternates(self, spec: PageSpec) -> tuple[Alternate, ...]:
        """The same page in every language, this one included, in the site's language order."""
        return tuple(
            Alternate(other.language, NATIVE_NAMES[other.language], other.url, self.site_url + other.url, other == spec)
            for other in self._by_content[(spec.kind, spec.version)]
        )

    def gettext(self, language: str) -> Gettext:
        return self.catalogs.gettext(language)

    def title(self, spec: PageSpec) -> str:
        return self._page_text(PAGE_TITLES, spec)

    def description(self, spec: PageSpec) -> str:
        return self._page_text(PAGE_DESCRIPTIONS, spec)

    def _page_text(self, texts: dict[str, str], spec: PageSpec) -> str:
        message = self.gettext(spec.language)(texts[spec.kind])
        return message % {"date": format_day(date.fromisoformat(spec.version), spec.language)} if spec.version else message

    def stub(self, spec: PageSpec) -> str:
        """The Markdown source MkDocs reads: front matter only, since the HTML comes from `render`.

        Search covers the pages in force; a version and its changes are found from the history instead.
        """
        meta: dict[str, object] = {"title": self.title(spec), "description": self.description(spec)}
        if spec.version:
            meta["search"] = {"exclude": True}
        return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"

    def render(self, spec: PageSpec) -> Rendered:
        """The page's HTML, rendered once for as long as what it shows does not change.

        A preview rebuilds after every edit; a published version's pages stay the same, so they are kept.
        """
        key = (spec, self.inputs(spec), self.fingerprint)
        if key not in _RENDERED:
            if len(_RENDERED) > 20_000:
                _RENDERED.clear()
            _RENDERED[key] = self._render(spec)
        return _RENDERED[key]

    def inputs(self, spec: PageSpec) -> tuple[object, ...]:
        """What a page's content depends on, besides the templates and catalogs."""
        if spec.kind == "history":
            return tuple((version.name, self.history.state(version), version.content) for version in self.versions)
        version = self.version_of(spec)
        if spec.kind == "explorer":
            return (version.content,)
        previous = self.history.predecessor(version)
        if spec.kind == "changes":
            return (version.content, previous.content if previous else None)
        successor = self.history.successor(version)
        return (version.content, self.history.state(version), successor.name if successor else None, self.history.current.name,
                tuple(upcoming.name for upcoming in self.history.upcoming))

    def _render(self, spec: PageSpec) -> Rendered:
        env = environment(self.root / TEMPLATES, spec.language, self.catalogs.translations[spec.language])
        gettext = self.gettext(spec.language)
        if spec.kind == "history":
            feed_href = relative_url(f"{language_root(spec.language)}feed.xml", spec.url).rstrip("/")
            html = env.get_template("history.html").render(title=self.title(spec), rows=self.history_rows(spec), feed_href=feed_href)
            return Rendered(html, ())
        version = self.version_of(spec)
        if spec.kind == "explorer":
            notice_href = relative_url(PageSpec("notice", spec.language).url, spec.url)
            entries = explorer(version.notice, spec.language, gettext, notice_href)
            html = env.get_template("explorer.html").render(title=self.title(spec), entries=entries, effective=format_day(version.effective, spec.language))
            return Rendered(html, tuple(TocEntry(entry.id, entry.name, 2) for entry in entries))
        if spec.kind == "changes":
            view = self.changes_view(spec, version)
            toc = (TocEntry("summary", gettext("Summary of changes"), 2), TocEntry("full-text", gettext("Full text with changes"), 2))
            return Rendered(env.get_template("changes.html").render(changes=view), toc if view.previous else ())
        notice = notice_view(version.notice, spec.language, gettext)
        html = env.get_template("notice.html").render(
            notice=notice, banner=self.banner(spec, version), consent_months=self.consent.months,
            audiences=audience_choices(version.notice, notice, spec.language), overview=overview(version.notice, spec.language, gettext),
            explorer_href=relative_url(PageSpec("explorer", spec.language).url, spec.url),
        )
        toc = (TocEntry("at-a-glance", gettext("At a glance"), 2), *notice_toc(notice))
        return Rendered(html, toc)

    def consent_html(self, spec: PageSpec) -> str:
        """The consent widget, for the version in force, in the page's language."""
        key = (spec.url, spec.language, self.history.current.content, self.history.published[-1].name, self.fingerprint)
        if key not in _RENDERED:
            _RENDERED[key] = self._consent_html(spec)
        return _RENDERED[key]  # type: ignore[return-value]

    def _consent_html(self, spec: PageSpec) -> str:
        current = self.history.current
        env = environment(self.root / TEMPLATES, spec.language, self.catalogs.translations[spec.language])
        version = NoticeVersion(current.name, self.site_url + PageSpec("version", spec.language, current.name).url,
                                self.history.published[-1].name)
        view = consent_view(current.notice, spec.language, self.gettext(spec.language), self.consent.months,
                            self.consent.google_consent_mode, version, self.consent.log_url)
        return env.get_template("consent.html").render(consent=view, months=self.consent.months, cookies_href=self.cookies_href(spec))

    def cookies_href(self, spec: PageSpec) -> str:
        """The notice's cookie section, in force, in the page's language."""
        notice = self.history.current.notice
        section = next(s.id for s in notice.sections for b in s.body if b.kind == "cookie_categories")
        return relative_url(f"{PageSpec('notice', spec.language).url}#{section}", spec.url)

    def version_of(self, spec: PageSpec) -> Version:
        return self.history.find_by_date(date.fromisoformat(spec.version)) if spec.version else self.history.current

    def link(self, version: Version, language: str, here: str) -> VersionLink:
        """How the page at `here` links to `version` and to its changes."""
        return VersionLink(
            version.name, format_day(version.effective, language),
            relative_url(PageSpec("version", language, version.name).url, here),
            relative_url(PageSpec("changes", language, version.name).url, here),
        )

    def banner(self, spec: PageSpec, version: Version) -> Banner:
        language, here = spec.language, spec.url
        state = self.history.state(version)
        successor = self.history.successor(version)
        until = format_day(successor.effective - timedelta(days=1), language) if successor and state == "past" else None
        upcoming = tuple(self.link(v, language, here) for v in self.history.upcoming) if state == "current" else ()
        return Banner(
            state=state,
            effective=format_day(version.effective, language),
            until=until,
            successor=self.link(successor, language, here) if successor and state == "past" else None,
            current=self.link(self.history.current, language, here) if state in ("upcoming", "draft") else None,
            upcoming=upcoming,
            changes_href=relative_url(PageSpec("changes", language, version.name).url, here),
            history_href=relative_url(PageSpec("history", language).url, here),
        )

    def history_rows(self, spec: PageSpec) -> tuple[HistoryRow, ...]:
        rows = []
        for version in reversed(self.versions):
            summary = version.notice.summary
            rows.append(HistoryRow(self.link(version, spec.language, spec.url), self.history.state(version),
                                   render_prose(summary[spec.language]) if summary else None))
        return tuple(rows)

    def changes_view(self, spec: PageSpec, version: Version) -> ChangesView:
        language, here = spec.language, spec.url
        gettext = self.gettext(language)
        previous = self.history.predecessor(version)
        version_url = PageSpec("version", language, version.name).url

        def link(anchor: str, removed: bool) -> str:
            target = PageSpec("version", language, previous.name).url if removed and previous else version_url
            return relative_url(f"{target}#{anchor}", here)

        return ChangesView(
            title=self.title(spec) if not version.is_draft else gettext("What this draft changes"),
            draft=version.is_draft,
            previous=self.link(previous, language, here) if previous else None,
            version_href=relative_url(version_url, here),
            summary=summarise(previous.notice, version.notice, language, gettext, link) if previous else (),
            redline=redline(previous.notice, version.notice, language, gettext) if previous else (),
        )

    def assets(self) -> tuple[Asset, ...]:
        """The Atom feed of each language, each published version as JSON, and the JSON index of versions."""
        assets = [Asset(f"{language_root(language)}feed.xml", self.feed(language)) for language in LANGUAGES]
        rows = []
        for version in self.versions:
            urls = {
                language: self.site_url + PageSpec("version", language, version.name).url for language in LANGUAGES
            } | {"json": f"{self.site_url}versions/{version.name}.json"}
            state = self.history.state(version)
            assets.append(Asset(f"versions/{version.name}.json", version_json(version, state, urls)))
            summary = version.notice.summary
            rows.append({"version": version.name, "state": state, "summary": summary.model_dump() if summary else None, "urls": urls})
        assets.append(Asset("versions/index.json", versions_index_json(rows)))
        return tuple(assets)

    def feed(self, language: str) -> str:
        gettext = self.gettext(language)
        entries = []
        for version in self.history.published:
            summary = version.notice.summary
            page = PageSpec("version", language, version.name)
            entries.append(FeedEntry(
                id=self.site_url + page.url,
                title=self.title(page),
                effective=version.effective,
                summary=plain_text(render_prose(summary[language])) if summary else gettext("An amendment of the privacy notice."),
                changes_url=self.site_url + PageSpec("changes", language, version.name).url,
            ))
        root = self.site_url + language_root(language)
        return atom_feed(id=f"{root}feed.xml", title=gettext("Amendments to SipSim's privacy notice"), language=language,
                         author=AUTHOR, self_url=f"{root}feed.xml", home_url=f"{root}versions/", entries=entries)

    def stale_translations(self) -> tuple[Problem, ...]:
        """Drafts whose English changed a text but left a translation as the version before had it."""
        problems: tuple[Problem, ...] = ()
        for version in self.history.drafts:
            previous = self.history.predecessor(version)
            if previous is not None:
                problems += stale_translations(previous.notice, version.notice, version.display, previous.name)
        return problems


def load_site(root: Path, today: date, site_url: str, drafts: bool, examples: Path | None = None,
              consent: ConsentSettings = ConsentSettings()) -> Site:
    """Load and check the data and the catalogs under `root`; raise `NoticeError` on any problem.

    `site_url` is the published address of the site root, ending with "/"; `drafts` shows draft versions
    (a local preview), which a publishing build leaves out; `examples` adds example drafts to a preview.
    """
    history = load_history(root / "data", today, examples=examples if drafts else None)
    catalogs = load_catalogs(root)
    return Site(root, site_url, history, catalogs, drafts, consent, _fingerprint(root, site_url, drafts, consent))


_RENDERED: dict[tuple[object, ...], object] = {}
"""Rendered pages by everything they depend on: kept across the rebuilds of a preview."""


def _fingerprint(root: Path, site_url: str, drafts: bool, consent: ConsentSettings) -> str:
    digest = hashlib.sha256(f"{site_url}|{drafts}|{consent}".encode())
    for path in sorted([*(root / TEMPLATES).rglob("*.html"), *(root / "locales").rglob("*.po")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()

