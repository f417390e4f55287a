"""The published site as plain data: its pages (see `notice.pages` for each kind), its other files (feeds and
JSON), and what renders them. An engine adapter (hooks/mkdocs_notice.py for MkDocs) asks for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from notice.changes import stale_translations
from notice.consent import GPC_SUPPORT, Amendment, NoticeVersion, consent_view, gpc_support
from notice.dpv import Addresses, notice_jsonld
from notice.errors import Problem
from notice.classification import CLASS_LABELS, Classified, classify, highest
from notice.feeds import FeedEntry, atom_feed, version_facts, version_json, versions_index_json
from notice.formatted import FormattedNotice, format_notice
from notice.markup import Formatted, format_prose
from notice.language import Languages
from notice.locale import Catalogs, Gettext, format_day, load_catalogs
from notice.model import ChangeClass
from notice.pages import CHANGES, KINDS, NOTICE, VERSION, Page, PageKind, PrintHeader, Rendered, language_root, relative_url
from notice.settings import MAX_MONTHS, Settings
from notice.store import Store
from notice.versions import History, Version, load_history

TEMPLATES = "overrides/fragments/notice"
CURRENT_JSONLD = "notice.jsonld"
"""The version in force as linked data; each version's is at `jsonld_path`."""
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
    store: Store | None = field(default=None, compare=False)
    """Where what published versions alone decide is kept between builds (JSON documents, classes of changes)."""

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

    @cached_property
    def listed_versions(self) -> tuple[tuple[object, ...], ...]:
        """What the history shows of each version (its date, state, summary, languages, the class of its changes and
        whether it is the first), the same in every language: found once a build."""
        history = self.history
        return tuple((version.name, history.state(version), version.notice.summary, self.languages_of(version), self.change_class(version),
                      history.predecessor(version) is None) for version in self.versions)

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
        return self._alternates[(page.kind.name, page.version, page.language)]

    @cached_property
    def _alternates(self) -> dict[tuple[str, str | None, str], tuple[Alternate, ...]]:
        """Every page's alternates, found once a build (the page keys and the sitemap ask for each page's)."""
        found: dict[tuple[str, str | None], list[Page]] = {}
        for page in self.pages:
            found.setdefault((page.kind.name, page.version), []).append(page)
        order = {code: index for index, code in enumerate(self.languages.codes)}
        names = {language.code: language.native_name for language in self.languages}
        alternates = {}
        for (kind, version), pages in found.items():
            pages.sort(key=lambda page: order[page.language])
            for page in pages:
                alternates[(kind, version, page.language)] = tuple(
                    Alternate(other.language, names[other.language], other.url, self.site_url + other.url, other == page) for other in pages)
        return alternates

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
                          extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                          bytecode_cache=self.store.bytecode_cache() if self.store else None)
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

    def summary(self, version: Version, language: str) -> Formatted | None:
        """The editors' summary of `version` (the history and the feeds show it for every version: formatting each
        whole notice for it would cost as much as rendering each version)."""
        summary = version.notice.summary
        return format_prose(summary[language]) if summary else None

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
        key = self.consent_inputs(page)
        if key not in self.cache:
            current = self.history.current
            language = self._in_force_language(page)
            version = NoticeVersion(current.name, self.site_url + self.page(VERSION, language, current.name).url, self.history.published[-1].name)
            view = consent_view(current.notice, self.formatted(current, language), self.settings, version, self.material_amendments(page))
            self.cache[key] = Markup(self.render_template("consent.html", language, consent=view, months=self.settings.consent_months,
                                                          cookies_href=self.cookies_href(page)))
        return self.cache[key]  # type: ignore[return-value]

    def consent_inputs(self, page: Page) -> tuple[object, ...]:
        """What the consent widget on `page` depends on: it changes when a version takes effect or an amendment is
        published, not every day."""
        current = self.history.current
        return ("consent", page.url, self._in_force_language(page), current.content, self.history.published[-1].name, self.material_amendments(page), self.fingerprint)

    def _in_force_language(self, page: Page) -> str:
        """The page's language, if the version in force has it."""
        return self._language_in(page, self.history.current)

    def _language_in(self, page: Page, version: Version) -> str:
        """The page's language, if `version` has it; else the source language."""
        return page.language if page.language in self.languages_of(version) else self.languages.source.code

    def material_amendments(self, page: Page) -> tuple[Amendment, ...]:
        """The material amendments published recently enough to postdate a choice still kept (at most 13 months), newest
        first, as `page` links to their changes (in its language where the version has it)."""
        amendments = []
        for version in self._recent_material:
            amendments.append(Amendment(version.name, format_day(version.effective, self.languages[page.language]), version.effective > self.history.today,
                                        self.link(page, self.page(CHANGES, self._language_in(page, version), version.name))))
        return tuple(amendments)

    @cached_property
    def _recent_material(self) -> tuple[Version, ...]:
        """The versions of `material_amendments`, found once for all pages."""
        since = self.history.today - timedelta(days=round(MAX_MONTHS * 365.25 / 12))
        found = []
        for version in reversed(self.history.published):
            if self.history.predecessor(version) is None or version.published_on < since:
                break
            if self.change_class(version) is ChangeClass.material:
                found.append(version)
        return tuple(found)

    def footer_html(self, page: Page) -> Markup:
        """The footer: the controller and its contact details, the version in force and the cookie settings, in the page's
        language (the source language's where the version in force has none)."""
        current = self.history.current
        language = self._in_force_language(page)
        key = ("footer", page.url, language, current.content, self.fingerprint)
        if key not in self.cache:
            formatted = self.formatted(current, language)
            self.cache[key] = Markup(self.render_template(
                "footer.html", language, contact=formatted.contact, effective=formatted.effective, cookies_href=self.cookies_href(page),
                version_href=self.link(page, self.page(VERSION, language, current.name))))
        return self.cache[key]  # type: ignore[return-value]

    def cookies_href(self, page: Page) -> str:
        """The notice's cookie section, in force, in the page's language."""
        language = self._in_force_language(page)
        return self.link(page, self.page(NOTICE, language), self.formatted(self.history.current, language).cookies_section)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the templates, the catalogs and the settings: what every page depends on."""
        digest = hashlib.sha256(f"{self.site_url}|{self.drafts}|{self.settings.model_dump_json()}".encode())
        for path in sorted([*(self.root / TEMPLATES).rglob("*.html"), *(self.root / "locales").rglob("*.po")]):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def assets(self) -> tuple[Asset, ...]:
        """The Atom feed of each language; each version as JSON and as linked data (JSON-LD), the version in force's
        linked data also at the root; the JSON index of versions; and the statement that the site honours Global
        Privacy Control."""
        source = self.languages.source.code
        assets = [Asset(f"{language_root(language.code, source)}feed.xml", self.feed(language.code)) for language in self.languages]
        rows = []
        for version in self.versions:
            linked_data = self.jsonld(version)
            assets.append(Asset(jsonld_path(version.name), linked_data))
            if version.name == self.history.current.name:
                assets.append(Asset(CURRENT_JSONLD, linked_data))
            urls = {code: self.site_url + self.page(VERSION, code, version.name).url for code in self.languages_of(version)}
            urls["json"] = f"{self.site_url}versions/{version.name}.json"
            urls["jsonld"] = self.site_url + jsonld_path(version.name)
            state = self.history.state(version).value
            change_class = self.change_class(version)
            document = self._kept(("json", version.content, state, tuple(urls.items()), change_class, version.publication),
                                  lambda: version_json(version, state, urls, change_class))
            assets.append(Asset(f"versions/{version.name}.json", document))
            summary = version.notice.summary
            rows.append({"version": version.name, "state": state, **version_facts(version, change_class),
                         "summary": summary.model_dump() if summary else None, "urls": urls})
        assets.append(Asset("versions/index.json", versions_index_json(rows)))
        assets.append(Asset(GPC_SUPPORT, gpc_support(self.history.current.published_on)))
        return tuple(assets)

    def classified(self, version: Version) -> tuple[Classified, ...]:
        """Every change `version` makes to the version it amends, classified once for the whole site (pages, feeds, JSON)."""
        previous = self.history.predecessor(version)
        if previous is None:
            return ()
        key = ("classified", previous.content, version.content)
        if key not in self.cache:
            self.cache[key] = classify(previous.notice, version.notice)
        return self.cache[key]  # type: ignore[return-value]

    def jsonld(self, version: Version) -> str:
        """The version as linked data, in all its languages (see `notice.dpv`)."""
        previous = self.history.predecessor(version)
        addresses = Addresses(
            document=self.site_url + jsonld_path(version.name),
            pages=tuple((code, self.site_url + self.page(VERSION, code, version.name).url) for code in self.languages_of(version)),
            previous=self.site_url + jsonld_path(previous.name) if previous else None,
        )
        lock = (version.lock.published, version.lock.base) if version.lock else None
        return self._kept(("jsonld", version.content, lock, addresses),
                          lambda: notice_jsonld(version, {code: self.formatted(version, code) for code in self.languages_of(version)}, addresses))

    def jsonld_href(self, page: Page, version: str | None = None) -> str:
        """How `page` links to linked data: `version`'s, else that of the version the page shows, else the version in force's."""
        target = version or page.version
        return relative_url(jsonld_path(target) if target else CURRENT_JSONLD, page.url)

    def change_class(self, version: Version) -> ChangeClass | None:
        """What `version`'s changes mean, against the version it amends (none for the first)."""
        previous = self.history.predecessor(version)
        if previous is None:
            return None
        return ChangeClass(self._kept(("class", previous.content, version.content),
                                      lambda: highest([classified.change_class for classified in self.classified(version)]).value))

    def _kept(self, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
        """`make()` once for these inputs: kept in memory for a preview's rebuilds, and in the store for later builds."""
        key = (*inputs, self.fingerprint)
        if key not in self.cache:
            stored = self.store.key(*key) if self.store else ""
            text = self.store.get(stored) if self.store else None
            if text is None:
                text = make()
                if self.store:
                    self.store.put(stored, text)
            self.cache[key] = text
        return self.cache[key]  # type: ignore[return-value]

    def feed(self, language: str) -> str:
        """The Atom feed of the published amendments in `language`: made again only when one is published."""
        history = self.history
        inputs = tuple((version.name, version.content, version.published_on, previous.content if (previous := history.predecessor(version)) else None)
                       for version in history.published)
        return self._kept(("feed", language, inputs), lambda: self._feed(language))

    def _feed(self, language: str) -> str:
        gettext = self.gettext(language)
        entries = []
        for version in self.history.published:
            if language not in self.languages_of(version):
                continue
            summary = self.summary(version, language)
            page = self.page(VERSION, language, version.name)
            entries.append(FeedEntry(
                id=self.site_url + page.url,
                title=self.title(page),
                effective=version.effective,
                published=version.published_on,
                summary=summary.text if summary else gettext("An amendment of the privacy policy."),
                changes_url=self.site_url + self.page(CHANGES, language, version.name).url,
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


def jsonld_path(version: str) -> str:
    """Where a version's linked data is published, one file for all its languages."""
    return f"versions/{version}/notice.jsonld"


def load_site(root: Path, today: date, site_url: str, drafts: bool, settings: Settings, examples: Path | None = None,
              cache: MutableMapping[tuple[object, ...], object] | None = None, store: Store | None = None) -> Site:
    """Load and check the data and the catalogs under `root`; raise `NoticeError` on any problem.

    `site_url` is the published address of the site root, ending with "/"; `drafts` shows draft versions
    (a local preview), which a publishing build leaves out; `examples` adds example drafts to a preview; `cache`
    keeps rendered pages between builds (a preview's rebuilds), `store` what published versions alone decide.
    """
    languages = settings.notice_languages
    history = load_history(root / "data", today, languages, examples=examples if drafts else None)
    catalogs = load_catalogs(root, languages, store=store)
    return Site(root, site_url, settings, history, catalogs, drafts, cache if cache is not None else {}, store)
