"""The published site as plain data: its pages (see `notice.pages` for each kind), its other files (feeds and
JSON), and what renders them. An engine adapter (hooks/mkdocs_notice.py for MkDocs) asks for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from notice.changes import stale_translations
from notice.consent import NoticeVersion, consent_view
from notice.errors import Problem
from notice.classification import CLASS_LABELS, version_class
from notice.feeds import FeedEntry, atom_feed, version_facts, version_json, versions_index_json
from notice.formatted import FormattedNotice, format_notice
from notice.language import Languages
from notice.locale import Catalogs, Gettext, load_catalogs
from notice.model import ChangeClass
from notice.pages import KINDS, NOTICE, VERSION, Page, PageKind, PrintHeader, Rendered, language_root, relative_url
from notice.settings import Settings
from notice.versions import History, Version, load_history

TEMPLATES = "overrides/fragments/notice"
AUTHOR = "SipSim"


@dataclass(frozen=True)
class Alternate:
    """A page in one language, as the language switcher and the `hreflang` links show it."""

    language: str
    name: str
    url: str
    absolute_url: str
    current: bool


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
    settings: Settings
    history: History
    catalogs: Catalogs
    drafts: bool
    cache: MutableMapping[tuple[object, ...], object] = field(default_factory=dict, compare=False)
    """Rendered pages and formatted notices by what they depend on: the adapter keeps it across a preview's rebuilds."""

    @cached_property
    def languages(self) -> Languages:
        return self.settings.notice_languages

    @cached_property
    def kinds(self) -> dict[str, PageKind]:
        return {kind.name: kind(self.languages.source.code) for kind in KINDS}

    @property
    def versions(self) -> tuple[Version, ...]:
        """The versions the site shows: all published ones, and drafts in a preview."""
        return self.history.versions if self.drafts else self.history.published

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        """Every page, language by language: the pages of the site, then each version's, oldest first."""
        pages = [page for kind in self.kinds.values() for page in kind.pages(self)]
        languages = {code: index for index, code in enumerate(self.languages.codes)}
        kinds = {name: index for index, name in enumerate(self.kinds)}
        return tuple(sorted(pages, key=lambda page: (languages[page.language], page.version or "", kinds[page.kind.name])))

    def languages_of(self, version: Version) -> tuple[str, ...]:
        """The site's languages the version is written in (a version published before a language was added lacks it)."""
        return tuple(code for code in self.languages.codes if code in version.notice.languages)

    def page(self, kind: str, language: str, version: str | None = None) -> Page:
        return Page(self.kinds[kind], language, version)

    @cached_property
    def _by_url(self) -> dict[str, Page]:
        return {page.url: page for page in self.pages}

    def page_at(self, url: str) -> Page | None:
        return self._by_url.get(url)

    def version(self, page: Page) -> Version:
        assert page.version is not None
        return self.history.find_by_date(date.fromisoformat(page.version))

    def link(self, page: Page, target: Page, anchor: str = "") -> str:
        """How `page` links to `target` (and an anchor in it)."""
        return relative_url(target.url + (f"#{anchor}" if anchor else ""), page.url)

    @cached_property
    def warnings(self) -> tuple[Problem, ...]:
        """Catalog entries to review, and in a preview, drafts' stale translations."""
        return self.catalogs.warnings + (self.stale_translations() if self.drafts else ())

    def alternates(self, page: Page) -> tuple[Alternate, ...]:
        """The same page in every language it exists in, this one included, in the site's language order."""
        return tuple(
            Alternate(language.code, language.native_name, other.url, self.site_url + other.url, other == page)
            for language in self.languages
            if (other := Page(page.kind, language.code, page.version)).url in self._by_url
        )

    def gettext(self, language: str) -> Gettext:
        return self.catalogs.gettext(language)

    def title(self, page: Page) -> str:
        return page.kind.title(self, page)

    def description(self, page: Page) -> str:
        return page.kind.description(self, page)

    def print_header(self, page: Page) -> PrintHeader:
        return page.kind.print_header(self, page)

    @cached_property
    def environment(self) -> Environment:
        """The fragments' own environment: autoescaped and strict, unlike the theme's; one for every language, so that
        each template is compiled once a build, translated in the language it is rendered in."""
        env = Environment(loader=FileSystemLoader(self.root / TEMPLATES), autoescape=True, undefined=StrictUndefined,
                          extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
        translations = self.catalogs.translations
        env.install_gettext_callables(  # type: ignore[attr-defined]
            pass_context(lambda context, message: translations[context["language"]].gettext(message)),
            pass_context(lambda context, singular, plural, n: translations[context["language"]].ngettext(singular, plural, n)),
            newstyle=True,
        )
        return env

    def render_template(self, name: str, language: str, **context: object) -> str:
        return self.environment.get_template(name).render(language=language, **context)

    def formatted(self, version: Version, language: str) -> FormattedNotice:
        """The version in `language`, formatted once for as long as neither it nor the catalogs change."""
        key = ("formatted", version.content, language, self.fingerprint)
        if key not in self.cache:
            self.cache[key] = format_notice(version.notice, self.languages[language], self.gettext(language))
        return self.cache[key]  # type: ignore[return-value]

    def render(self, page: Page) -> Rendered:
        """The page's HTML, rendered once for as long as what it shows does not change.

        A preview rebuilds after every edit; a published version's pages stay the same, so they are kept.
        """
        key = ("page", page.key, page.kind.inputs(self, page), self.fingerprint)
        if key not in self.cache:
            self.cache[key] = page.kind.render(self, page)
        return self.cache[key]  # type: ignore[return-value]

    def consent_html(self, page: Page) -> Markup:
        """The consent widget, for the version in force, in the page's language."""
        current = self.history.current
        language = page.language if page.language in self.languages_of(current) else self.languages.source.code
        latest = self.history.published[-1].name
        key = ("consent", page.url, language, current.content, latest, self.fingerprint)
        if key not in self.cache:
            version = NoticeVersion(current.name, self.site_url + self.page(VERSION, language, current.name).url, latest)
            view = consent_view(current.notice, self.formatted(current, language), self.settings, version)
            self.cache[key] = Markup(self.render_template("consent.html", language, consent=view, months=self.settings.consent_months,
                                                          cookies_href=self.cookies_href(page)))
        return self.cache[key]  # type: ignore[return-value]

    def footer_html(self, page: Page) -> Markup:
        """The footer: the controller and its contact details, the version in force and the cookie settings, in the page's
        language (the source language's where the version in force has none)."""
        current = self.history.current
        language = page.language if page.language in self.languages_of(current) else self.languages.source.code
        key = ("footer", page.url, language, current.content, self.fingerprint)
        if key not in self.cache:
            formatted = self.formatted(current, language)
            self.cache[key] = Markup(self.render_template(
                "footer.html", language, contact=formatted.contact, effective=formatted.effective, cookies_href=self.cookies_href(page),
                version_href=self.link(page, self.page(VERSION, language, current.name))))
        return self.cache[key]  # type: ignore[return-value]

    def cookies_href(self, page: Page) -> str:
        """The notice's cookie section, in force, in the page's language."""
        current = self.history.current
        language = page.language if page.language in self.languages_of(current) else self.languages.source.code
        return self.link(page, self.page(NOTICE, language), self.formatted(current, language).cookies_section)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the templates, the catalogs and the settings: what every page depends on."""
        digest = hashlib.sha256(f"{self.site_url}|{self.drafts}|{self.settings.model_dump_json()}".encode())
        for path in sorted([*(self.root / TEMPLATES).rglob("*.html"), *(self.root / "locales").rglob("*.po")]):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def assets(self) -> tuple[Asset, ...]:
        """The Atom feed of each language, each published version as JSON, and the JSON index of versions."""
        source = self.languages.source.code
        assets = [Asset(f"{language_root(language.code, source)}feed.xml", self.feed(language.code)) for language in self.languages]
        rows = []
        for version in self.versions:
            urls = {code: self.site_url + self.page(VERSION, code, version.name).url for code in self.languages_of(version)}
            urls["json"] = f"{self.site_url}versions/{version.name}.json"
            state = self.history.state(version).value
            change_class = self.change_class(version)
            assets.append(Asset(f"versions/{version.name}.json", version_json(version, state, urls, change_class)))
            summary = version.notice.summary
            rows.append({"version": version.name, "state": state, **version_facts(version, change_class),
                         "summary": summary.model_dump() if summary else None, "urls": urls})
        assets.append(Asset("versions/index.json", versions_index_json(rows)))
        return tuple(assets)

    def change_class(self, version: Version) -> ChangeClass | None:
        """What `version`'s changes mean, against the version it amends (none for the first)."""
        previous = self.history.predecessor(version)
        return version_class(previous.notice, version.notice) if previous else None

    def feed(self, language: str) -> str:
        gettext = self.gettext(language)
        entries = []
        for version in self.history.published:
            if language not in self.languages_of(version):
                continue
            summary = self.formatted(version, language).summary
            page = self.page(VERSION, language, version.name)
            entries.append(FeedEntry(
                id=self.site_url + page.url,
                title=self.title(page),
                effective=version.effective,
                published=version.published_on,
                summary=summary.text if summary else gettext("An amendment of the privacy policy."),
                changes_url=self.site_url + self.page("changes", language, version.name).url,
                change_class=(change_class := self.change_class(version)),
                class_label=gettext(CLASS_LABELS[change_class]) if change_class else "",
            ))
        root = self.site_url + language_root(language, self.languages.source.code)
        return atom_feed(id=f"{root}feed.xml", title=gettext("Amendments to SipSim's privacy policy"), language=language,
                         author=AUTHOR, self_url=f"{root}feed.xml", home_url=f"{root}versions/", entries=entries)

    def stale_translations(self) -> tuple[Problem, ...]:
        """Drafts whose source-language wording changed a text but left a translation as the version before had it."""
        problems: tuple[Problem, ...] = ()
        for version in self.history.drafts:
            previous = self.history.predecessor(version)
            if previous is not None:
                problems += stale_translations(previous.notice, version.notice, version.display, previous.name,
                                               self.languages.only(version.notice.languages))
        return problems


def load_site(root: Path, today: date, site_url: str, drafts: bool, settings: Settings, examples: Path | None = None,
              cache: MutableMapping[tuple[object, ...], object] | None = None) -> Site:
    """Load and check the data and the catalogs under `root`; raise `NoticeError` on any problem.

    `site_url` is the published address of the site root, ending with "/"; `drafts` shows draft versions
    (a local preview), which a publishing build leaves out; `examples` adds example drafts to a preview; `cache`
    keeps rendered pages between builds (a preview's rebuilds).
    """
    languages = settings.notice_languages
    history = load_history(root / "data", today, languages, examples=examples if drafts else None)
    catalogs = load_catalogs(root, languages)
    return Site(root, site_url, settings, history, catalogs, drafts, cache if cache is not None else {})
