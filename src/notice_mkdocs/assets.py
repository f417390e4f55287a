"""Minify the theme's own scripts and stylesheets as they are written, so that their sources can keep comments; serve
Material's stylesheets and ours as one file.

Files keep their names: the consent widget's ES modules import one another by name. jsmin only removes comments
and whitespace (it renames nothing), so what runs is the code that was reviewed and unit-tested.
"""

from __future__ import annotations

import functools
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
BUILT_INTO_STYLESHEET = ("assets/stylesheets/consent.css",)
"""Kept in files of their own in the sources (the widget's rules beside its scripts), appended to STYLESHEET in this
order by the build (the widget's rules come last, as they did in a file of their own) and not served apart."""


def widget_modules(custom_dir: Path) -> tuple[str, ...]:
    """The modules the consent widget's entry file imports, as site paths: the pages preload them, so that the banner
    (the largest paint of a first visit) waits for one round trip, not for each import in turn."""
    return tuple(path.relative_to(custom_dir).as_posix() for path in sorted((custom_dir / "assets" / "javascripts" / "consent").glob("*.js")))


def minified(source: Path) -> str:
    """What the build serves for one of the theme's scripts or stylesheets."""
    return _minify(source.suffix, source.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=256)
def _minify(suffix: str, text: str) -> str:
    """Once per text: a preview minifies the same files at every rebuild."""
    return jsmin.jsmin(text, quote_chars="'\"`") if suffix == ".js" else str(csscompressor.compress(text))


def minify_assets(custom_dir: Path, site_dir: Path, theme_dirs: list[Path]) -> None:
    """Minify, in the built site, every .js and .css file that comes from the theme's custom folder; build Material's
    stylesheets (found in `theme_dirs`, the theme's folders) and the parts of ours into our stylesheet."""
    for source in sorted(custom_dir.rglob("*")):
        built = site_dir / source.relative_to(custom_dir)
        if source.suffix in (".js", ".css") and source.is_file() and built.is_file():
            built.write_text(minified(source), encoding="utf-8")
    stylesheet = site_dir / STYLESHEET
    if not stylesheet.is_file():
        return
    parts = [site_dir / part for part in BUILT_INTO_STYLESHEET if (site_dir / part).is_file()]
    theme = "".join((site_dir / _theme_stylesheet(theme_dirs, pattern)).read_text(encoding="utf-8") for pattern in THEME_STYLESHEETS)
    stylesheet.write_text(theme + "".join(path.read_text(encoding="utf-8") for path in (stylesheet, *parts)), encoding="utf-8")
    for path in parts:
        path.unlink()


def _theme_stylesheet(theme_dirs: list[Path], pattern: str) -> str:
    """Where one of Material's stylesheets is in the site, as the installed Material names it (not whatever an earlier
    build left in the site's folder)."""
    found = sorted({path.relative_to(folder).as_posix() for folder in theme_dirs for path in folder.glob(pattern)})
    if len(found) != 1:
        raise PluginError(f"expected one of Material's stylesheets at {pattern} in the theme, found {len(found)}: "
                          "overrides/main.html names it no longer (a new version of Material?)")
    return found[0]
