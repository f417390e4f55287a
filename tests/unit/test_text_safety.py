"""Text from the data never carries HTML or a dangerous link to a page: refused where it is written."""

from __future__ import annotations

import pytest
from payloads import PAYLOADS  # the attacks the browser test also runs, in one list
from pydantic import ValidationError

from notice.markup import format_prose
from notice.model import Prose


def prose(english: str) -> Prose:
    return Prose(en=english, fr="Texte.", pl="Tekst.")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_build_refuses_it_where_it_is_written(payload: str) -> None:
    with pytest.raises(ValidationError) as error:
        prose(payload)
    assert error.value.errors()[0]["type"] in ("html", "scheme")


@pytest.mark.parametrize("text", [
    "[a page](http://example.com/)",  # not https: the README promises https, mailto and tel only
    "[x](ftp://example.com/file)",
    "[x](vbscript:msgbox)",
    "[x](data:text/plain,hello)",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",  # an autolink with a scheme that is not allowed
    "<http://example.com/>",
    "See [the page][p].\n\n[p]: javascript:alert(1)",  # a reference definition
    "[p]: <javascript:alert(1)>",
], ids=["http", "ftp", "vbscript", "data", "file", "autolink-javascript", "autolink-http", "reference", "reference-angle"])
def test_only_https_mailto_and_tel_links_are_allowed(text: str) -> None:
    """An allow-list: a scheme nobody thought of is refused too (a deny-list of javascript: would let these pass)."""
    with pytest.raises(ValidationError) as error:
        prose(text)
    assert error.value.errors()[0]["type"] == "scheme"


@pytest.mark.parametrize("text", [
    "[our site](https://sipsim.com/)",
    "<https://sipsim.com/privacy>",
    "[write to us](mailto:info@sipsim.com)",
    "[call us](tel:+48123456789)",
    "Write to <info@sipsim.com>.",
    "The fee is lower if a < b and c > d.",
    "Sections 5-12 apply.",
])
def test_ordinary_text_and_safe_links_are_accepted(text: str) -> None:
    assert prose(text)["en"] == text


@pytest.mark.parametrize("text", ["<b>bold</b>", "x <br/> y", "<!-- note -->", "<img src=x>", "</p>", "<!DOCTYPE html>"])
def test_html_of_any_kind_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        prose(text)
    assert error.value.errors()[0]["type"] == "html"


def test_comparisons_render_as_text_and_autolinks_as_links() -> None:
    assert str(format_prose("a < b and c > d").html) == "<p>a &lt; b and c &gt; d</p>"
    assert str(format_prose("<https://sipsim.com/>").html) == '<p><a href="https://sipsim.com/" rel="noopener noreferrer">https://sipsim.com/</a></p>'


@pytest.mark.parametrize(("source", "blocks"), [
    ("Terms &amp; conditions, **bold** and *emphasis* apply", ("Terms & conditions, bold and emphasis apply",)),
    ("a \\* b < c > d, x & y", ("a * b < c > d, x & y",)),
    ("See [our site](https://sipsim.com/) or <info@sipsim.com>.", ("See our site or info@sipsim.com.",)),
    ("`code & stuff`", ("code & stuff",)),
    ("First paragraph.\n\nSecond paragraph.", ("First paragraph.", "Second paragraph.")),
    ("Intro:\n\n1. one\n2. two", ("Intro:", "one", "two")),
], ids=["entities-and-emphasis", "escapes", "links", "code", "paragraphs", "list"])
def test_the_text_form_is_what_a_reader_reads(source: str, blocks: tuple[str, ...]) -> None:
    """Feeds, search, the redline and the terminal read text from the same parse as the HTML: the characters a reader
    sees (entities decoded, an obfuscated e-mail address readable), paragraph by paragraph, never markup."""
    assert format_prose(source).blocks == blocks
