"""MkDocs adapter (named so it cannot shadow the `notice` package): hands each build event to `notice`.

Hooks are not reloaded by `mkdocs serve`, so all state lives in `_site` and `_navs`, replaced on every
`on_config`.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from notice.consent import DEFAULT_MONTHS
from notice.errors import NoticeError
from notice.locale import NATIVE_NAMES, SOURCE_LANGUAGE
from notice.render import TocEntry
from notice.site import ConsentSettings, Site, load_site

log = get_plugin_logger(__name__)

_site: Site | None = None
_navs: dict[str, Navigation] = {}
_material: dict[tuple[str, str], str] = {}
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` is the legal team's preview: it shows draft versions, which a publishing build leaves out."""
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all data before anything is built: a problem stops the build with its location."""
    global _site
    _site = None
    _navs.clear()
    _material.clear()
    try:
        root = Path(config.config_file_path).parent
        drafts = _serving or os.environ.get("NOTICE_DRAFTS") == "1"
        examples = root / os.environ["NOTICE_EXAMPLES"] if os.environ.get("NOTICE_EXAMPLES") else None
        settings = config.extra.get("notice") or {}
        consent = ConsentSettings(settings.get("consent_months", DEFAULT_MONTHS), settings.get("google_consent_mode", False),
                                  settings.get("consent_log_url"))
        _site = load_site(root, _today(), config.site_url or "/", drafts, examples, consent)
    except NoticeError as error:
        raise PluginError(str(error)) from None
    for warning in _site.warnings:
        log.warning(str(warning))
    # Material shows its language selector only when extra.alternate is set; our partial links each page to itself.
    config.extra["alternate"] = [{"name": NATIVE_NAMES[code], "lang": code, "link": "/"} for code in NATIVE_NAMES]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generate every page from the data; navigation is built afterwards, so it can point at them."""
    site = _current()
    for spec in site.pages:
        files.append(File.generated(config, spec.src_uri, content=site.stub(spec)))
    for asset in site.assets():
        files.append(File.generated(config, asset.path, content=asset.content))
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
    """Let the theme's templates translate with our catalogs, in the language of the page being rendered."""
    catalogs = _current().catalogs
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        pass_context(lambda context, message: catalogs.gettext(_language(context))(message)),
        pass_context(lambda context, singular, plural, n: catalogs.translations[_language(context)].ngettext(singular, plural, n)),
        newstyle=True,
    )
    site = _current()
    env.globals.update(
        notice_language=SOURCE_LANGUAGE,
        notice_alternates=(),
        notice_consent="",
        notice_cookies_href="",
        notice_alternates_of=lambda src_uri: site.alternates(spec) if (spec := site.page(src_uri)) else (),
    )
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
    """Per page: the interface language, the navigation and the switcher of that language.

    Material's search loads `search/search_index.json` relative to `base_url`, which no page-relative link
    uses; pointing it at the language's root gives each language its own index (see `on_post_build`).
    """
    site = _current()
    spec = site.page(page.file.src_uri)
    if spec is not None:
        context["notice_language"] = spec.language
        context["notice_alternates"] = site.alternates(spec)
        context["notice_consent"] = Markup(site.consent_html(spec))
        context["notice_cookies_href"] = site.cookies_href(spec)
        context["nav"] = _navs[spec.language]
        context["base_url"] = f"{context['base_url']}/{spec.language}/" if spec.language != SOURCE_LANGUAGE else context["base_url"]
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Mend Material's markup where no template block reaches it, so that every page passes axe and the Nu checker."""
    spec = _current().page(page.file.src_uri)
    return _mend_material(output, config, spec.language if spec else SOURCE_LANGUAGE)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: mend it too."""
    return _mend_material(output_content, config, SOURCE_LANGUAGE) if template_name.endswith(".html") else output_content


def _mend_material(output: str, config: MkDocsConfig, language: str) -> str:
    search = _material_text(config, language, "search")
    output = _mend(output, 'class="md-search" data-md-component="search" role="dialog"',
                   f'class="md-search" data-md-component="search" role="dialog" aria-label="{search}"')
    for toggle in ("drawer", "search"):  # autocomplete is not allowed on a checkbox
        output = _mend(output, f'type="checkbox" id="__{toggle}" autocomplete="off">', f'type="checkbox" id="__{toggle}">')
    if 'id="__toc"' not in output:  # a page outside the navigation has no table-of-contents toggle for its label
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output


def _mend(html: str, old: str, new: str) -> str:
    if old not in html:
        raise PluginError(f"Material's markup changed: {old!r} is no longer in the page; update hooks/mkdocs_notice.py")
    return html.replace(old, new, 1)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Split Material's search index by language, each with its language's stemmer and stop words.

    Runs after the search plugin has written the index.
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    languages = sorted({spec.language for spec in _current().pages})
    prefixes = {language: "" if language == SOURCE_LANGUAGE else f"{language}/" for language in languages}
    for language in languages:
        others = tuple(prefix for other, prefix in prefixes.items() if prefix and other != language)
        prefix = prefixes[language]
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in index["docs"]
            if doc["location"].startswith(prefix) and not doc["location"].startswith(others)
        ]
        target = Path(config.site_dir) / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": {**index["config"], **_search_config(config, language)}, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def _search_config(config: MkDocsConfig, language: str) -> dict[str, Any]:
    """Material's own search settings for `language` (Polish has no stemmer: plain matching)."""
    pipeline = _material_text(config, language, "search.config.pipeline").strip()
    return {
        "lang": [_material_text(config, language, "search.config.lang")],
        "separator": _material_text(config, language, "search.config.separator"),
        "pipeline": [name for name in re.split(r"\s*,\s*", pipeline) if name],
    }


def _material_text(config: MkDocsConfig, language: str, key: str) -> str:
    """A string from Material's own translations (partials/languages/<language>.html), read once per build."""
    if (language, key) not in _material:
        template = config.theme.get_env().get_template("partials/language.html", None, {"config": config, "notice_language": language})
        _material[(language, key)] = str(template.module.t(key))  # type: ignore[attr-defined]
    return _material[(language, key)]


def _current() -> Site:
    if _site is None:
        raise PluginError("the notice data was not loaded (on_config did not run)")
    return _site


def _language(context: Context) -> str:
    return str(context.get("notice_language", SOURCE_LANGUAGE))


def _today() -> date:
    """Today, unless NOTICE_TODAY fixes it (tests, and previews of a date to come)."""
    fixed = os.environ.get("NOTICE_TODAY")
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        raise PluginError(f"NOTICE_TODAY: expected a date written YYYY-MM-DD, got {fixed!r}") from None


def _toc_token(entry: TocEntry) -> dict[str, Any]:
    return {"level": entry.level, "id": entry.id, "name": entry.title, "children": [_toc_token(child) for child in entry.children]}
