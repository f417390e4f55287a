"""Markdown-light prose from the data, turned into HTML that can never carry a script.

The legal team writes Markdown; raw HTML in it is not trusted. The converted HTML is cleaned against an
allow-list, so `<script>`, event-handler attributes and `javascript:` links never reach a page.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "strong", "em", "a", "ul", "ol", "li", "br", "code", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"https", "mailto", "tel"}

_SINGLE_PARAGRAPH = re.compile(r"^<p>((?:(?!</?p>).)*)</p>$", re.DOTALL)


@lru_cache(maxsize=8192)
def render_prose(text: str) -> Markup:
    """Paragraphs and lists as sanitised HTML."""
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES))


def render_inline(text: str) -> Markup:
    """A one-paragraph text without its `<p>`, for use inside a list item or after a lead-in."""
    html = render_prose(text)
    match = _SINGLE_PARAGRAPH.match(html.strip())
    return Markup(match.group(1)) if match else html


def with_lead_in(lead_in: str, html: Markup) -> Markup:
    """Put a bold lead-in ("Invoice Management:") at the start of the first paragraph of `html`."""
    strong = Markup("<strong>%s</strong> ") % lead_in
    if html.startswith("<p>"):
        return Markup("<p>") + strong + Markup(html[len("<p>"):])
    if not html.startswith("<"):
        return strong + html
    return Markup("<p>%s</p>\n") % strong.rstrip() + html


def plain_text(html: str) -> str:
    """The text of sanitised HTML, for search descriptions and feeds."""
    return str(Markup(nh3.clean(html, tags=set())).unescape()).strip()

