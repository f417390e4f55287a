"""Minify the theme's own scripts and stylesheets as they are written, so that their sources can keep comments.

Files keep their names: the consent widget's ES modules import one another by name. jsmin only removes comments
and whitespace (it renames nothing), so what runs is the code that was reviewed and unit-tested.
"""

from __future__ import annotations

from pathlib import Path

import csscompressor  # type: ignore[import-untyped]
import jsmin  # type: ignore[import-untyped]


def minify_assets(custom_dir: Path, site_dir: Path) -> None:
    """Minify, in the built site, every .js and .css file that comes from the theme's custom folder."""
    for source in sorted(custom_dir.rglob("*")):
        if source.suffix not in (".js", ".css") or not source.is_file():
            continue
        built = site_dir / source.relative_to(custom_dir)
        if not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        minified = jsmin.jsmin(text, quote_chars="'\"`") if source.suffix == ".js" else csscompressor.compress(text)
        built.write_text(minified, encoding="utf-8")
