"""Minify the theme's own scripts and stylesheets as they are written, so that their sources can keep comments; serve
Material's stylesheets and ours as one file, and what must run before the first paint as one small script.

jsmin only removes comments and whitespace (it renames nothing), and the widget's modules are put together without
changing a line of them, so what runs is the code that was reviewed and unit-tested.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import csscompressor  # type: ignore[import-untyped]
import jsmin  # type: ignore[import-untyped]

STYLESHEET = "assets/stylesheets/notice.css"
"""The one stylesheet that pages load (mkdocs.yml's extra_css; main.html links no other): a stylesheet holds the first
paint until it has arrived, so Material's rules and the widget's travel in it rather than in requests of their own."""
THEME_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
"""Material's stylesheets (their names carry a hash of their content), put before ours in STYLESHEET in this order, as
Material's template linked them before ours."""
WIDGET = "assets/javascripts/consent.js"
"""The consent widget's entry module, served with the modules it imports inside it (`bundled`); they are not served apart."""
EARLY_SCRIPT = "assets/javascripts/early.js"
"""The one script that the parser waits for (main.html loads it right after the consent widget's markup, before the
header): what must be done before the first paint, from EARLY_PARTS, which are not served apart."""
EARLY_PARTS = ("assets/javascripts/material-inline.js", "assets/javascripts/consent/first-paint.js")
"""Material's storage helpers and the visitor's colour scheme (Material's inline snippets, which a strict CSP refuses
inline), then the consent banner for a visitor who has not chosen: put into EARLY_SCRIPT in this order."""
THEME_SCRIPT = "assets/javascripts/bundle.*.min.js"
"""Material's bundle (its name carries a hash of its content): main.html loads it `async`, after our modules, so that
neither the first paint nor the banner waits for it."""
BUILT_INTO_STYLESHEET = ("assets/stylesheets/consent.css",)
"""Kept in files of their own in the sources (the widget's rules beside its scripts), appended to STYLESHEET in this
order by the build (the widget's rules come last, as they did in a file of their own) and not served apart."""


_IMPORT = re.compile(r'^import \{([^}]*)\} from "(\.[^"]+)";\n', re.M)
_EXPORTED = re.compile(r"^export ((?:async )?function |const |let |class )([A-Za-z_$][\w$]*)", re.M)
_ANY_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b", re.M)


def bundled(entry: Path) -> tuple[str, tuple[Path, ...]]:
    """The ES module `entry` with the modules it imports (and theirs) inside it, as one module, and those modules: a page
    fetches it in one request instead of one after another, or all at once from the head, where they held the first
    paint on a phone.

    Each imported module becomes a function scope returning what it exports, run once, before the modules that import
    it (so two modules may each have a `const optional`). Only the forms our modules use are understood: named imports
    from a relative path, exported declarations, and the entry's own `export { … }`; anything else stops the build.
    """
    texts: dict[Path, str] = {}
    """Each module's text, in the order they run: a module after those it imports."""

    def visit(path: Path, trail: tuple[Path, ...]) -> None:
        if path in trail:
            raise PluginError(f"{path.name}: expected modules that do not import one another in a circle, "
                              f"got {' → '.join(step.name for step in (*trail, path))}")
        if path in texts:
            return
        text = path.read_text(encoding="utf-8")
        for _names, relative in _IMPORT.findall(text):
            visit((path.parent / relative).resolve(), (*trail, path))
        texts[path] = text

    entry = entry.resolve()
    visit(entry, ())
    scopes = {path: f"__notice_module_{index}" for index, path in enumerate(texts)}

    def linked(path: Path) -> str:
        """The module with its imports taken from the scopes of the modules they name."""
        def taken(found: re.Match[str]) -> str:
            if " as " in found.group(1):
                raise PluginError(f"{path.name}: expected imports by their exported names, got '{found.group(0).strip()}'")
            return f"const {{{found.group(1)}}} = {scopes[(path.parent / found.group(2)).resolve()]};\n"
        return _IMPORT.sub(taken, texts[path])

    parts = []
    for path in texts:
        text = linked(path)
        if path == entry:
            if re.search(r"^\s*import\b|^\s*export\b.*\bfrom\b", text, re.M):
                raise PluginError(f"{path.name}: expected named imports from a relative path only, got another import or a re-export")
            parts.append(text)
            continue
        exported = [found.group(2) for found in _EXPORTED.finditer(text)]
        body = _EXPORTED.sub(lambda found: found.group(1) + found.group(2), text)
        if _ANY_MODULE_SYNTAX.search(body):
            raise PluginError(f"{path.name}: expected named imports and exported declarations only, got another import or export")
        parts.append(f"const {scopes[path]} = (() => {{\n{body}\nreturn {{ {', '.join(exported)} }};\n}})();\n")
    return "".join(parts), tuple(path for path in texts if path != entry)


def minified(source: Path) -> str:
    """What the build serves for one of the theme's scripts or stylesheets."""
    return _minify(source.suffix, source.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=256)
def _minify(suffix: str, text: str) -> str:
    """Once per text: a preview minifies the same files at every rebuild."""
    return jsmin.jsmin(text, quote_chars="'\"`") if suffix == ".js" else str(csscompressor.compress(text))


def minify_assets(custom_dir: Path, site_dir: Path, theme_dirs: list[Path]) -> None:
    """Minify, in the built site, every .js and .css file that comes from the theme's custom folder; build the early
    script from its parts, the widget from its modules, and Material's stylesheets (found in `theme_dirs`, the theme's
    folders) and the parts of ours into our stylesheet."""
    for source in sorted(custom_dir.rglob("*")):
        built = site_dir / source.relative_to(custom_dir)
        if source.suffix in (".js", ".css") and source.is_file() and built.is_file():
            built.write_text(minified(source), encoding="utf-8")
    parts = [site_dir / part for part in EARLY_PARTS]
    if all(part.is_file() for part in parts):
        (site_dir / EARLY_SCRIPT).write_text(";\n".join(part.read_text(encoding="utf-8") for part in parts) + "\n", encoding="utf-8")
        for part in parts:
            part.unlink()
    widget = site_dir / WIDGET
    if widget.is_file():
        text, modules = bundled(custom_dir / WIDGET)
        widget.write_text(_minify(".js", text), encoding="utf-8")
        for module in modules:
            (site_dir / module.relative_to(custom_dir.resolve())).unlink(missing_ok=True)
        for folder in {(site_dir / module.relative_to(custom_dir.resolve())).parent for module in modules}:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    stylesheet = site_dir / STYLESHEET
    if not stylesheet.is_file():
        return
    parts = [site_dir / part for part in BUILT_INTO_STYLESHEET if (site_dir / part).is_file()]
    theme = "".join((site_dir / _theme_file(theme_dirs, pattern)).read_text(encoding="utf-8") for pattern in THEME_STYLESHEETS)
    stylesheet.write_text(theme + "".join(path.read_text(encoding="utf-8") for path in (stylesheet, *parts)), encoding="utf-8")
    for path in parts:
        path.unlink()


def theme_script(theme_dirs: list[Path]) -> str:
    """Where Material's bundle is in the site (main.html loads it)."""
    return _theme_file(theme_dirs, THEME_SCRIPT)


def _theme_file(theme_dirs: list[Path], pattern: str) -> str:
    """Where one of Material's stylesheets or its script is in the site, as the installed Material names it (not
    whatever an earlier build left in the site's folder)."""
    found = sorted({path.relative_to(folder).as_posix() for folder in theme_dirs for path in folder.glob(pattern)})
    if len(found) != 1:
        raise PluginError(f"expected one of Material's files at {pattern} in the theme, found {len(found)}: "
                          "overrides/main.html names it no longer (a new version of Material?)")
    return found[0]
