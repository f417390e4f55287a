"""Markdown-light prose from the data, rendered once into the two forms its readers need.

The legal team writes Markdown. One parse gives both forms: sanitised HTML for the pages (raw HTML is not
trusted: the HTML is cleaned against an allow-list, so `<script>`, event handlers and `javascript:` links never
reach a page), and the text a reader reads, paragraph by paragraph, for the redline, the feeds, search and the
terminal.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "strong", "em", "a", "ul", "ol", "li", "br", "code", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"https", "mailto", "tel"}
BLOCKS = {"p", "li", "ul", "ol"}

_SINGLE_PARAGRAPH = re.compile(r"^<p>((?:(?!</?p>).)*)</p>$", re.DOTALL)
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


@dataclass(frozen=True)
class Formatted:
    """A text of the notice in its two forms: HTML for pages, and the words a reader reads, block by block."""

    html: Markup
    blocks: tuple[str, ...]
    """Paragraphs and list items, as text (a list item is a block of its own)."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)

    def __html__(self) -> str:
        return str(self.html)


def plain(text: str) -> Formatted:
    """A text that is not Markdown (a name, a generated sentence): escaped for HTML, itself as text."""
    return Formatted(escape(text), (text,))


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    """One parser, reset for each text: setting one up costs more than most texts take to convert."""
    return markdown.Markdown(extensions=["sane_lists", _KeepTree()], output_format="html")


@lru_cache(maxsize=8192)
def format_prose(source: str) -> Formatted:
    """Paragraphs and lists."""
    parser = _parser().reset()
    rendered = parser.convert(source)
    tree: Element = parser.kept_tree  # type: ignore[attr-defined]
    blocks = tuple(_text(parser, element) for element in tree.iter() if element.tag in ("p", "li"))
    html = Markup(nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES))
    return Formatted(html, tuple(block for block in blocks if block) or (_text(parser, tree),))


def format_inline(source: str) -> Formatted:
    """A one-paragraph text without its `<p>`, for use inside a list item or after a lead-in."""
    formatted = format_prose(source)
    match = _SINGLE_PARAGRAPH.match(formatted.html.strip())
    return Formatted(Markup(match.group(1)), formatted.blocks) if match else formatted


def with_lead_in(lead_in: str, formatted: Formatted) -> Formatted:
    """A bold lead-in ("Invoice Management:") at the start of the first paragraph."""
    strong = Markup("<strong>%s</strong> ") % lead_in
    html = formatted.html
    if html.startswith("<p>"):
        html = Markup("<p>") + strong + Markup(html[len("<p>"):])
    elif not html.startswith("<"):
        html = strong + html
    else:
        html = Markup("<p>%s</p>\n") % strong.rstrip() + html
    first, *rest = formatted.blocks
    return Formatted(html, (f"{lead_in} {first}", *rest))


def _text(parser: markdown.Markdown, element: Element) -> str:
    """The words of a block, without those of the blocks inside it, as the reader sees them."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in BLOCKS:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    raw = "".join(parts).replace(markdown.util.AMP_SUBSTITUTE, "&")
    raw = _STASHED.sub(lambda match: str(parser.htmlStash.rawHtmlBlocks[int(match.group(1))]), raw)
    return html_module.unescape(raw).strip()


def _inline(element: Element) -> str:
    if element.tag == "br":
        return "\n"
    return (element.text or "") + "".join(_inline(child) + (child.tail or "") for child in element)


class _KeepTree(Extension):
    """Keeps the parsed tree on the parser, so that the text is read from the same parse as the HTML."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Keep(md), "notice-keep-tree", 0)


class _Keep(Treeprocessor):
    def run(self, root: Element) -> None:
        self.md.kept_tree = root  # type: ignore[attr-defined]
