"""Material for MkDocs, mended where its templates cannot be overridden: so that every page passes axe and the
Nu checker, and each language searches only its own pages with its own stemmer.

Each mend names the markup it expects and stops the build if Material's markup changes under it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

MaterialText = Callable[[str, str], str]
"""A string of Material's own translations: (language, key) → text."""


SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
MAIN = '<article class="md-content__inner md-typeset">'
MAIN_ID = "nt-main"


def mend_page(output: str, search_label: str, print_header: tuple[str, str] | None = None, skip_label: str = "Skip to content") -> str:
    """A name for the search dialog, no `autocomplete` on checkboxes, no dangling table-of-contents label; a skip link on
    every page, to the start of its content (Material has one only where the page has a table of contents, and it leads
    to its first entry: on the notice, past the version's banner and "What applies to me?"); and what the margin of each
    printed sheet says (notice.css reads it in its @page rules: the page's header and permanent address)."""
    if SKIP.search(output) is None:
        raise PluginError("Material's markup changed: its skip link's container is no longer in the page; update src/notice_mkdocs/material.py")
    output = SKIP.sub(lambda _: f'<div data-md-component="skip"><a href="#{MAIN_ID}" class="md-skip">{html.escape(skip_label)}</a></div>',
                      output, count=1)
    output = _mend(output, MAIN, f'{MAIN[:-1]} id="{MAIN_ID}" tabindex="-1">')
    if print_header is not None:
        text, url = (html.escape(value, quote=True) for value in print_header)
        root = re.search(r"<html\b[^>]*>", output)
        if root is None:
            raise PluginError("Material's markup changed: the page has no <html> tag; update src/notice_mkdocs/material.py")
        output = f'{output[:root.end() - 1]} data-nt-print-header="{text}" data-nt-print-url="{url}"{output[root.end() - 1:]}'
    output = _mend(output, 'class="md-search" data-md-component="search" role="dialog"',
                   f'class="md-search" data-md-component="search" role="dialog" aria-label="{search_label}"')
    for toggle in ("drawer", "search"):  # autocomplete is not allowed on a checkbox
        output = _mend(output, f'type="checkbox" id="__{toggle}" autocomplete="off">', f'type="checkbox" id="__{toggle}">')
    if 'id="__toc"' not in output:  # a page outside the navigation has no table-of-contents toggle for its label
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output


def palette_options(palette: Any) -> list[dict[str, str]]:
    """The site's palettes (mkdocs.yml's theme.palette: one, a list, or none) as the toggle's inputs carry them
    (overrides/partials/palette.html), for the early script, which chooses the scheme before the toggle is in the page."""
    entries = palette if isinstance(palette, list) else [palette] if palette else []
    return [{key: str(entry[key]) for key in ("media", "scheme", "primary", "accent") if entry.get(key)} for entry in entries]


def _mend(html: str, old: str, new: str) -> str:
    if old not in html:
        raise PluginError(f"Material's markup changed: {old!r} is no longer in the page; update src/notice_mkdocs/material.py")
    return html.replace(old, new, 1)


def page_entries(index: dict[str, Any], url: str) -> list[dict[str, Any]]:
    """The entries of Material's search index (`{"config": ..., "docs": [...]}`) that are the page at `url` or one of
    its sections."""
    return [doc for doc in index["docs"] if doc["location"].partition("#")[0] == url]


def merge_entries(docs: list[dict[str, Any]], found: dict[str, list[dict[str, Any]]], order: list[str]) -> list[dict[str, Any]]:
    """The index's entries with those of the pages that were not built (`found`, by URL), in the order of the pages
    (`order`, their URLs), each page's entries as they were: the same index whichever pages were built."""
    rank = {url: position for position, url in enumerate(order)}
    merged = [*docs, *(doc for entries in found.values() for doc in entries)]
    return sorted(merged, key=lambda doc: rank.get(doc["location"].partition("#")[0], len(rank)))


def split_search_index(site_dir: Path, index: dict[str, Any], roots: dict[str, str], text: MaterialText) -> None:
    """Split Material's one search index into one per language, below each language's root, each with that
    language's stemmer and stop words (Polish has none: plain matching)."""
    for language, prefix in roots.items():
        others = tuple(other for code, other in roots.items() if other and code != language)
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in index["docs"]
            if doc["location"].startswith(prefix) and not doc["location"].startswith(others)
        ]
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        settings = {**index["config"], **_search_settings(language, text)}
        target.write_text(json.dumps({"config": settings, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def _search_settings(language: str, text: MaterialText) -> dict[str, Any]:
    pipeline = text(language, "search.config.pipeline").strip()
    return {
        "lang": [text(language, "search.config.lang")],
        "separator": text(language, "search.config.separator"),
        "pipeline": [name for name in re.split(r"\s*,\s*", pipeline) if name],
    }
