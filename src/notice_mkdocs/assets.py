"""Minify the theme's own scripts and stylesheets as they are written, so that their sources can keep comments; serve
our stylesheets as one file.

Files keep their names: the consent widget's ES modules import one another by name. jsmin only removes comments
and whitespace (it renames nothing), so what runs is the code that was reviewed and unit-tested.
"""

from __future__ import annotations

import functools
from pathlib import Path

import csscompressor  # type: ignore[import-untyped]
import jsmin  # type: ignore[import-untyped]

STYLESHEET = "assets/stylesheets/notice.css"
"""The one stylesheet of ours that pages load (mkdocs.yml's extra_css): a stylesheet holds the first paint until it has
arrived, so the widget's rules travel in it rather than in a request of their own."""
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


def minify_assets(custom_dir: Path, site_dir: Path) -> None:
    """Minify, in the built site, every .js and .css file that comes from the theme's custom folder; build the parts of
    our stylesheet into it."""
    for source in sorted(custom_dir.rglob("*")):
        built = site_dir / source.relative_to(custom_dir)
        if source.suffix in (".js", ".css") and source.is_file() and built.is_file():
            built.write_text(minified(source), encoding="utf-8")
    stylesheet = site_dir / STYLESHEET
    parts = [site_dir / part for part in BUILT_INTO_STYLESHEET if (site_dir / part).is_file()]
    if stylesheet.is_file() and parts:
        stylesheet.write_text("".join(path.read_text(encoding="utf-8") for path in (stylesheet, *parts)), encoding="utf-8")
        for path in parts:
            path.unlink()
