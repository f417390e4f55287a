"""The colour-scheme toggle in the header, run by reading.js instead of Material's bundle.

Material's palette component restyles the whole page as it starts, though early.js has already applied the scheme;
the toggle is ours, so that nothing restyles the page at load, and it must do all the component did: show the label
that switches to the next scheme, switch on a click or Enter, keep the choice across pages, tell the browser the
scheme (`color-scheme`) and colour its bar as the header (`theme-color`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browsing import Server, visit_recorded
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

RECORDER = """
window.switching = [];
window.schemeAtHeader = undefined;
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "attributes") window.switching.push(record.target.getAttribute("data-md-color-switching"));
    for (const node of record.addedNodes || []) {
      if (node.nodeType === 1 && node.matches("header.md-header")) {
        window.schemeAtHeader = document.querySelector("meta[name=color-scheme]")?.content;
      }
    }
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-md-color-switching"] });
"""
TOGGLE = "form[data-notice-palette] label:not([hidden])"


def visit(browser: Browser, server: Server, site: Path, scheme: str) -> tuple[BrowserContext, Page]:
    return visit_recorded(browser, server.serve(site), scheme, [RECORDER],
                          "window.component$ !== undefined && document.querySelector('meta[name=theme-color]')")


def stored(page: Page) -> object:
    return json.loads(page.evaluate("localStorage.getItem('/.__palette')") or "null")


def header_colour(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.querySelector('header.md-header')).backgroundColor"))


@pytest.mark.parametrize(("scheme", "expected", "label", "colour_scheme"), [
    ("light", "default", "Switch to dark mode", "light"),
    ("dark", "slate", "Switch to light mode", "dark"),
])
def test_the_toggle_offers_the_other_scheme_and_nothing_restyles_the_page_at_load(
        browser: Browser, server: Server, sites: dict[str, Path], scheme: str, expected: str, label: str, colour_scheme: str) -> None:
    context, page = visit(browser, server, sites["2024"], scheme)

    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    expect(page.locator(TOGGLE)).to_have_count(1)
    expect(page.locator(TOGGLE)).to_have_attribute("title", label)
    assert page.evaluate("window.switching") == []  # Material's component would mark the body as switching, and unmark it
    assert page.evaluate("window.schemeAtHeader") == colour_scheme  # told before the page was parsed
    assert page.locator("meta[name=theme-color]").get_attribute("content") == header_colour(page)
    assert page.locator("meta[name=color-scheme]").count() == 1
    context.close()


def test_a_click_switches_the_scheme_keeps_it_for_the_next_page_and_tells_the_browser(
        browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    context, page = visit(browser, server, sites["2024"], "light")
    page.evaluate("document.querySelector('meta[name=theme-color]').content = 'stale'")  # both schemes' headers are indigo

    page.locator(TOGGLE).click()

    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to light mode")
    expect(page.locator("meta[name=color-scheme]")).to_have_attribute("content", "dark")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")  # transitions back once switched
    assert page.locator("meta[name=theme-color]").get_attribute("content") == header_colour(page)
    assert stored(page) == {"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo",
                                                  "accent": "indigo"}}

    page.goto(page.url + "versions/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to light mode")
    page.locator(TOGGLE).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert stored(page)["index"] == 0  # type: ignore[index]
    context.close()


def test_enter_on_the_toggle_switches_as_material_s_does(browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    context, page = visit(browser, server, sites["2024"], "light")
    page.locator("form[data-notice-palette] input").first.focus()

    page.keyboard.press("Enter")

    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate("document.activeElement.id") == "__palette_0"
    context.close()
