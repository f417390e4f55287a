"""MkDocs adapter (named so it cannot shadow the `notice` package): hands each build event to `notice`.

Hooks are not reloaded by `mkdocs serve`, so all state lives in `_site` and is replaced on every `on_config`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from notice.errors import NoticeError
from notice.locale import SOURCE_LANGUAGE
from notice.render import TocEntry
from notice.site import Site, load_site

log = get_plugin_logger(__name__)

_site: Site | None = None
_navs: dict[str, Navigation] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all data before anything is built: a problem stops the build with its location."""
    global _site
    _site = None
    _navs.clear()
    try:
        _site = load_site(Path(config.config_file_path).parent, _today())
    except NoticeError as error:
        raise PluginError(str(error)) from None
    for warning in _site.warnings:
        log.warning(str(warning))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generate every page from the data; navigation is built afterwards, so it can point at them."""
    for spec in _current().pages:
        files.append(File.generated(config, spec.src_uri, content=_current().stub(spec)))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Give each language its own navigation; the site-wide one would mix them."""
    site = _current()
    for language in {spec.language for spec in site.pages}:
        pages = [files.get_file_from_path(spec.src_uri).page for spec in site.pages if spec.in_nav and spec.language == language]
        _navs[language] = Navigation(pages, pages)  # type: ignore[arg-type]
        _navs[language].homepage = pages[0]
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Let the theme's own templates translate with our catalogs, in the language of the page being rendered."""
    site = _current()
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        pass_context(lambda context, message: site.catalogs.gettext(_language(context))(message)),
        pass_context(lambda context, singular, plural, n: site.catalogs.translations[_language(context)].ngettext(singular, plural, n)),
        newstyle=True,
    )
    env.globals["notice_language"] = SOURCE_LANGUAGE
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the stub's HTML with the page rendered from the data, and give MkDocs its table of contents."""
    spec = _current().page(page.file.src_uri)
    if spec is None:
        return html
    rendered = _current().render(spec)
    page.toc = get_toc([_toc_token(entry) for entry in rendered.toc])
    return rendered.html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Per-page language: the theme's interface language, the navigation and the language switcher."""
    spec = _current().page(page.file.src_uri)
    if spec is not None:
        context["notice_language"] = spec.language
        context["nav"] = _navs[spec.language]
    return context


def _current() -> Site:
    if _site is None:
        raise PluginError("the notice data was not loaded (on_config did not run)")
    return _site


def _language(context: Context) -> str:
    return str(context.get("notice_language", SOURCE_LANGUAGE))


def _today() -> date:
    """Today, unless NOTICE_TODAY fixes it (tests and previews of a future date)."""
    fixed = os.environ.get("NOTICE_TODAY")
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        raise PluginError(f"NOTICE_TODAY: expected a date written YYYY-MM-DD, got {fixed!r}") from None


def _toc_token(entry: TocEntry) -> dict[str, Any]:
    return {"level": entry.level, "id": entry.id, "name": entry.title, "children": [_toc_token(child) for child in entry.children]}
