"""MkDocs adapter (named so it cannot shadow the `notice` package): hands each build event to `notice`.

Hooks are not reloaded by `mkdocs serve`, so all state lives in `_state`, replaced on every `on_config`; only
the cache of rendered pages outlives a rebuild (its keys say what each page depends on). Every page is also kept
whole in the store (`notice.store`), with its search entries: a page found there is not handed to MkDocs at all
(the navigation of the others still names it), but written as it was, and its entries added to the search index,
once the build is done. The preview writes neither those pages nor the generated files (feeds, JSON, linked data):
it serves them from memory (`on_serve`).
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import urllib.parse
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from notice.errors import NoticeError
from notice.formatted import TocEntry
from notice.pages import Page as NoticePage
from notice.settings import load_settings, today
from notice.site import Site, load_site
from notice.store import Store
import notice
import notice_mkdocs
from notice_mkdocs.assets import minify_assets, theme_script
from notice_mkdocs.material import mend_page, merge_entries, page_entries, palette_options, split_search_index
from notice_mkdocs.fingerprint import FOLDER, fingerprint
from notice_mkdocs.watching import watch_natively

log = get_plugin_logger(__name__)


@dataclass
class _State:
    site: Site
    store: Store
    navs: dict[str, Navigation] = field(default_factory=dict)
    material_env: Environment | None = None
    """The theme's environment that Material's translations are read from, made once per build."""
    material: dict[str, Any] = field(default_factory=dict)
    """Material's translations module (partials/language.html) of each language."""
    found: dict[str, str] = field(default_factory=dict)
    """Pages found in the store, by URL: written by `on_post_build`."""
    generated: dict[str, str] = field(default_factory=dict)
    """The generated files a preview serves from memory, by path (a build hands them to MkDocs instead)."""
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """The search entries of the searchable pages found in the store, by URL: added to the index by `on_post_build`."""
    keys: dict[str, str] = field(default_factory=dict)
    """Pages to render and then keep, by source URI: their key."""


_state: _State | None = None
_serving = False
_cache: dict[tuple[object, ...], object] = {}
"""Rendered pages by what they depend on, kept across the rebuilds of a preview."""
_keys: dict[tuple[str, tuple[object, ...]], str] = {}
"""Page keys by what they are made of, kept across the rebuilds of a preview."""
_pruned = False
_from_memory = True
"""Whether the preview serves the pages from the store and the generated files from memory (`on_serve`)."""
_served: dict[str, str] = {}
"""The files of the last preview build that it did not write, by path below the site's folder: served from memory
(`on_serve`)."""


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` is the legal team's preview: it shows draft versions, which a publishing build leaves out."""
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all data before anything is built: a problem stops the build with its location."""
    global _state
    _state = None
    if len(_cache) > 20_000:
        _cache.clear()
    if len(_keys) > 20_000:
        _keys.clear()
    try:
        config_file = Path(config.config_file_path)
        root = config_file.parent
        drafts = _serving or os.environ.get("NOTICE_DRAFTS") == "1"
        examples = root / os.environ["NOTICE_EXAMPLES"] if os.environ.get("NOTICE_EXAMPLES") else None
        settings = load_settings(config_file, config_file.name)
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        code = (Path(notice.__file__).parent, Path(notice_mkdocs.__file__).parent, Path(__file__).parent)
        store = Store(Path(os.environ.get("NOTICE_CACHE") or root / FOLDER), fingerprint(root, config_file, custom_dir, code))
        site = load_site(root, today(), config.site_url or "/", drafts, settings, examples, _cache, store)
    except NoticeError as error:
        raise PluginError(str(error)) from None
    _state = _State(site, store)
    for warning in site.warnings:
        log.warning(str(warning))
    # Material shows its language selector only when extra.alternate is set; our partial links each page to itself.
    config.extra["alternate"] = [{"name": language.native_name, "lang": language.code, "link": "/"} for language in site.languages]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generate every page from the data; navigation is built afterwards, so it can point at them."""
    site, state = _site(), _state_()
    navs = {language: tuple((site.title(page), page.url) for page in site.pages if page.kind.in_nav and page.language == language)
            for language in site.languages.codes}
    for page in site.pages:
        key = _page_key(page, navs[page.language])
        found = _kept("page", key)
        entries = _kept("search", key) if page.kind.searchable else "[]"
        if found is not None and entries is not None:
            state.found[page.url] = found
            if page.kind.searchable:
                state.entries[page.url] = json.loads(entries)
            continue
        state.keys[_src_uri(page)] = key
        files.append(File.generated(config, _src_uri(page), content=_front_matter(site, page)))
    for asset in site.assets():
        if _serving and _from_memory:  # hundreds of files as the history grows, most of them the same at every rebuild
            state.generated[asset.path] = asset.content
            continue
        # Included whatever exclude_docs says: its default excludes paths starting with a dot, such as .well-known/.
        files.append(File.generated(config, asset.path, content=asset.content, inclusion=InclusionLevel.INCLUDED))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Give each language its own navigation; the site-wide one would mix them (and list every version). Pages
    that are not the notice's, such as the 404 page, get the source language's. A page found in the store is not
    built, but stands in the navigation of those that are, under the title it has when it is built."""
    site = _site()
    for language in site.languages.codes:
        pages = []
        for page in site.pages:
            if page.kind.in_nav and page.language == language:
                file = files.get_file_from_path(_src_uri(page))
                pages.append(file.page if file is not None and file.page is not None
                             else Page(site.title(page), File.generated(config, _src_uri(page), content=""), config))
        _state_().navs[language] = Navigation(pages, pages)
        _state_().navs[language].homepage = pages[0]
    return _state_().navs[site.languages.source.code]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Let the theme's templates translate with our catalogs, in the language of the page being rendered."""
    site = _site()
    catalogs = site.catalogs
    env.add_extension("jinja2.ext.i18n")
    env.bytecode_cache = _state_().store.bytecode_cache()
    env.install_gettext_callables(  # type: ignore[attr-defined]
        pass_context(lambda context, message: catalogs.gettext(_language(context))(message)),
        pass_context(lambda context, singular, plural, n: catalogs.translations[_language(context)].ngettext(singular, plural, n)),
        newstyle=True,
    )
    env.globals.update(
        notice_language=site.languages.source.code,
        notice_alternates=(),
        notice_consent="",
        notice_footer="",
        notice_jsonld="",
        notice_palette=palette_options(config.theme.get("palette")),
        notice_material_script=theme_script([Path(folder) for folder in config.theme.dirs]),
        notice_sitemap=tuple((site.site_url + page.url, site.alternates(page)) for page in site.pages),
    )
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the stub's HTML with the page rendered from the data, and give MkDocs its table of contents."""
    notice_page = _page_of(page.file.src_uri)
    if notice_page is None:
        return html
    rendered = _site().render(notice_page)
    page.toc = get_toc([_toc_token(entry) for entry in rendered.toc])  # type: ignore[misc]
    return rendered.html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Per page: the interface language, the navigation and the switcher of that language.

    Material's search loads `search/search_index.json` relative to `base_url`, which no page-relative link
    uses; pointing it at the language's root gives each language its own index (see `on_post_build`).
    """
    site = _site()
    notice_page = _page_of(page.file.src_uri)
    if notice_page is not None:
        context["notice_language"] = notice_page.language
        context["notice_alternates"] = site.alternates(notice_page)
        context["notice_consent"] = site.consent_html(notice_page)
        context["notice_footer"] = site.footer_html(notice_page)
        context["notice_jsonld"] = site.jsonld_href(notice_page)
        context["nav"] = _state_().navs[notice_page.language]
        if notice_page.language != site.languages.source.code:
            context["base_url"] = f"{context['base_url']}/{notice_page.language}/"
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Mend Material's markup where no template block reaches it, so that every page passes axe and the Nu checker;
    keep the page if it is to be kept."""
    state = _state_()
    notice_page = _page_of(page.file.src_uri)
    language = notice_page.language if notice_page else _site().languages.source.code
    header = _site().print_header(notice_page) if notice_page else None
    output = mend_page(output, _material_text(config, language, "search"), (header.text, header.url) if header else None,
                       _material_text(config, language, "action.skip"))
    if page.file.src_uri in state.keys:
        _keep("page", state.keys[page.file.src_uri], output)
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: mend it too."""
    if not template_name.endswith(".html"):
        return output_content
    source = _site().languages.source.code
    return mend_page(output_content, _material_text(config, source, "search"), skip_label=_material_text(config, source, "action.skip"))


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Split Material's search index by language (after the search plugin has written it); minify our assets."""
    site, state = _site(), _state_()
    source = site.languages.source.code
    roots = {code: "" if code == source else f"{code}/" for code in site.languages.codes}
    index = json.loads((Path(config.site_dir) / "search" / "search_index.json").read_text(encoding="utf-8"))
    for page in site.pages:
        if page.kind.searchable and _src_uri(page) in state.keys:
            _keep("search", state.keys[_src_uri(page)], json.dumps(page_entries(index, page.url), ensure_ascii=False))
    index["docs"] = merge_entries(index["docs"], state.entries, [page.url for page in site.pages])
    split_search_index(Path(config.site_dir), index, roots, lambda language, key: _material_text(config, language, key))
    if config.theme.custom_dir:
        minify_assets(Path(config.theme.custom_dir), Path(config.site_dir), [Path(folder) for folder in config.theme.dirs])
    global _served, _pruned
    pages = {f"{url}index.html": html for url, html in state.found.items()}
    if _serving and _from_memory:
        _served = {**state.generated, **pages}
    else:
        _write_files(Path(config.site_dir), pages)
    _gzip_sitemap(Path(config.site_dir))
    log.info(f"Pages: {len(state.found)} from the page cache, {len(state.keys)} rendered and kept in {state.store.folder}")
    for problem in dict.fromkeys(state.store.problems):
        log.info(f"The page cache could not be written (the build is only slower): {problem}")
    if not _pruned:  # once per process: a preview's rebuilds would walk the whole store each time
        state.store.prune()
        _pruned = True
        if _serving:
            _settle_memory()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """The preview serves the pages that came from the store, and the generated files, from memory. Written out, they
    would be most of what a rebuild does as the history grows (MkDocs empties the site's folder before each one):
    200 MB at 200 versions. It also notices a saved file as it is written (`notice_mkdocs.watching`)."""
    global _from_memory
    watch_natively(server, config.watch, log)
    if not all(hasattr(server, name) for name in SERVER_INTERNALS):
        _from_memory = False  # a server this hook does not know: the files are written, as a build writes them
        log.info("This MkDocs' server is not one the preview knows: pages from the store and generated files are written at every rebuild")
        _write_files(Path(config.site_dir), _served)
        return server
    serve_file = server._serve_request

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        name = path.removeprefix(server.mount_path)
        name = f"{name}index.html" if name == "" or name.endswith("/") else name
        if not path.startswith(server.mount_path) or (name not in _served and f"{name}/index.html" not in _served):
            return serve_file(environ, start_response)
        with server._epoch_cond:  # as MkDocs does: never serve a file of a build under way
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            epoch = server._visible_epoch
        text = _served.get(name)
        if text is None:  # a folder: to its page, as MkDocs does
            start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
            return []
        content = _encoded(name, text)
        if name.endswith(".html"):
            content = server._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        start_response("200 OK", [("Content-Type", server._guess_type(name)), ("Content-Length", str(len(content)))])  # type: ignore[no-untyped-call]
        return [content]

    server._serve_request = serve  # type: ignore[method-assign]
    return server


SERVER_INTERNALS = ("_serve_request", "_epoch_cond", "_visible_epoch", "_wanted_epoch", "_inject_js_into_html", "_guess_type", "mount_path")
"""What `on_serve` uses of MkDocs' LiveReloadServer (1.6), which is not public: checked before use."""


def _settle_memory() -> None:
    """After a preview's first build, what it keeps (the pages, the loaded versions, the modules) is set aside from
    Python's garbage collector: otherwise each full collection, every few rebuilds, walks it all again (0.4 s at 200
    versions, longer than the rest of the rebuild). Only what the first build left unreachable in cycles stays in
    memory, once; everything made later is collected as usual."""
    gc.collect()
    gc.freeze()


def _write_files(site_dir: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        utils.write_file(_encoded(name, text), str(site_dir / name))


def _encoded(name: str, text: str) -> bytes:
    """A file's bytes as MkDocs writes them: a page's characters that UTF-8 cannot hold as character references."""
    return text.encode("utf-8", errors="xmlcharrefreplace" if name.endswith(".html") else "strict")


def _gzip_sitemap(site_dir: Path) -> None:
    """Compress the sitemap again, dated as MkDocs dates it when it builds pages (the build's day): when every page
    came from the store, MkDocs has none to date it by and writes the time of day, so the bytes would differ."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    day = datetime.fromisoformat(utils.get_build_date()).replace(tzinfo=timezone.utc)
    with open(f"{sitemap}.gz", "wb") as handle, gzip.GzipFile(fileobj=handle, filename=f"{sitemap}.gz", mode="wb", mtime=int(day.timestamp())) as packed:
        packed.write(sitemap.read_bytes())


def _kept(kind: str, key: str) -> str | None:
    """A kept page (`kind` "page") or its search entries ("search"): in memory during a preview, else in the store."""
    store = _state_().store
    found = _cache.get((kind, key)) or store.get(key if kind == "page" else store.key(kind, key))
    if isinstance(found, str) and _serving:
        _cache[(kind, key)] = found
    return found if isinstance(found, str) else None


def _keep(kind: str, key: str, text: str) -> None:
    store = _state_().store
    store.put(key if kind == "page" else store.key(kind, key), text)
    if _serving:
        _cache[(kind, key)] = text


def _src_uri(page: NoticePage) -> str:
    """Where MkDocs expects the page's Markdown source: `index.md` in its folder, for directory URLs."""
    return f"{page.url}index.md"


def _page_of(src_uri: str) -> NoticePage | None:
    return _site().page_at(src_uri.removesuffix("index.md")) if src_uri.endswith("index.md") else None


def _page_key(page: NoticePage, nav: tuple[tuple[str, str], ...]) -> str:
    """Everything the whole page depends on: its content's inputs, what frames it (`nav`: its language's navigation),
    and the build's fingerprint."""
    state, site = _state_(), _site()
    parts = ("page", site.fingerprint, page.key, page.kind.inputs(site, page), site.title(page), site.description(page),
             site.alternates(page), site.consent_inputs(page), nav)
    known = (state.store.salt, parts)  # a preview's rebuild hashes only what changed (equal parts, equal text to hash)
    if known not in _keys:
        _keys[known] = state.store.key(*parts)
    return _keys[known]


def _front_matter(site: Site, page: NoticePage) -> str:
    """The Markdown source MkDocs reads: front matter only, since the HTML comes from the site.

    Search covers the pages in force; a version and its changes are found from the history instead.
    """
    meta: dict[str, object] = {"title": site.title(page), "description": site.description(page)}
    if not page.kind.searchable:
        meta["search"] = {"exclude": True}
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"


def _material_text(config: MkDocsConfig, language: str, key: str) -> str:
    """A string from Material's own translations (partials/languages/<language>.html), read once per build."""
    state = _state_()
    if language not in state.material:
        if state.material_env is None:
            state.material_env = config.theme.get_env()  # a new environment at each call: one for all languages
            state.material_env.bytecode_cache = state.store.bytecode_cache()
        template = state.material_env.get_template("partials/language.html")
        state.material[language] = template.make_module({"config": config, "notice_language": language})
    return str(state.material[language].t(key))


def _state_() -> _State:
    if _state is None:
        raise PluginError("the notice data was not loaded (on_config did not run)")
    return _state


def _site() -> Site:
    return _state_().site


def _language(context: Context) -> str:
    return str(context.get("notice_language", _site().languages.source.code))


def _toc_token(entry: TocEntry) -> dict[str, Any]:
    return {"level": entry.level, "id": entry.id, "name": entry.title, "children": [_toc_token(child) for child in entry.children]}
