"""The published site as plain data: which pages exist at which URLs (DESIGN.md's contract), and their HTML.

An engine adapter (hooks/mkdocs_notice.py for MkDocs) asks for the pages and renders each one through here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from notice.errors import Problem
from notice.locale import N_, NATIVE_NAMES, Catalogs, load_catalogs
from notice.model import LANGUAGES
from notice.render import TocEntry, environment, notice_toc, notice_view
from notice.versions import History, Version, load_history

TEMPLATES = "overrides/fragments/notice"

PAGE_TITLES = {
    "notice": N_("Privacy notice"),
}
PAGE_DESCRIPTIONS = {
    "notice": N_("How SipSim processes personal data: purposes, legal bases, recipients, retention and your rights."),
}


@dataclass(frozen=True)
class PageSpec:
    """One page of the site: its kind, its language and the version it shows."""

    kind: str
    language: str
    version: str | None = None

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, per the stable-URL contract."""
        prefix = "" if self.language == LANGUAGES[0] else f"{self.language}/"
        return prefix + {"notice": ""}[self.kind]

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    @property
    def in_nav(self) -> bool:
        return self.kind == "notice"


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
class Site:
    """Everything a build needs, loaded and validated before any page is written."""

    root: Path
    site_url: str
    history: History
    catalogs: Catalogs
    pages: tuple[PageSpec, ...]
    warnings: tuple[Problem, ...] = ()
    _by_uri: dict[str, PageSpec] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_uri.update({spec.src_uri: spec for spec in self.pages})

    def page(self, src_uri: str) -> PageSpec | None:
        return self._by_uri.get(src_uri)

    def alternates(self, spec: PageSpec) -> tuple[Alternate, ...]:
        """The same page in every language, this one included, in the site's language order."""
        return tuple(
            Alternate(other.language, NATIVE_NAMES[other.language], other.url, self.site_url + other.url, other == spec)
            for other in self.pages if other.kind == spec.kind and other.version == spec.version
        )

    def title(self, spec: PageSpec) -> str:
        return self.catalogs.gettext(spec.language)(PAGE_TITLES[spec.kind])

    def description(self, spec: PageSpec) -> str:
        return self.catalogs.gettext(spec.language)(PAGE_DESCRIPTIONS[spec.kind])

    def stub(self, spec: PageSpec) -> str:
        """The Markdown source MkDocs reads: front matter only, since the HTML comes from `render`."""
        meta = {"title": self.title(spec), "description": self.description(spec)}
        return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"

    def render(self, spec: PageSpec) -> Rendered:
        version = self.version_of(spec)
        gettext = self.catalogs.gettext(spec.language)
        view = notice_view(version.notice, spec.language, gettext)
        env = environment(self.root / TEMPLATES, spec.language, self.catalogs.translations[spec.language])
        return Rendered(env.get_template("notice.html").render(notice=view), notice_toc(view))

    def version_of(self, spec: PageSpec) -> Version:
        return self.history.find_by_date(date.fromisoformat(spec.version)) if spec.version else self.history.current


def load_site(root: Path, today: date, site_url: str) -> Site:
    """Load and check the data and the catalogs under `root`; raise `NoticeError` on any problem.

    `site_url` is the published address of the site root, ending with "/".
    """
    history = load_history(root / "data", today)
    catalogs = load_catalogs(root)
    pages = tuple(PageSpec("notice", language) for language in LANGUAGES)
    return Site(root, site_url, history, catalogs, pages, warnings=catalogs.warnings)
