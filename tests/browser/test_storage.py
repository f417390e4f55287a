"""Material's search and colour-scheme toggle when the browser's storage cannot be used or holds garbage.

With cookies blocked, reading `localStorage` throws; a value this site never wrote may sit under its keys.
Material's storage helpers (overrides/assets/javascripts/material-inline.js) must then read "no preference",
or Material's bundle stops half-way: search finds nothing and the scheme toggle does nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Server
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

BLOCKED = """for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
}"""
GARBAGE = 'localStorage.setItem("/.__palette", "{not json"); localStorage.setItem("/.__search", "undefined");'


@pytest.fixture(params=["blocked", "garbage"])
def storage_context(request: pytest.FixtureRequest, browser: Browser) -> BrowserContext:
    context = browser.new_context(color_scheme="light")
    context.add_init_script(BLOCKED if request.param == "blocked" else GARBAGE)
    request.addfinalizer(context.close)
    return context


def visit(context: BrowserContext, server: Server, site: Path, errors: list[str]) -> Page:
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.serve(site))
    return page


def test_the_storage_is_really_unusable_in_these_tests(storage_context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    """As the page's scripts find it when the header is parsed (early.js has read it; Material's bundle, which runs
    later, then stores a readable preference where it can)."""
    storage_context.add_init_script("""new MutationObserver((records, observer) => {
      if (!document.querySelector("header.md-header")) return;
      observer.disconnect();
      try { window.storageFound = JSON.parse(localStorage.getItem("/.__palette")) && "usable"; }
      catch (error) { window.storageFound = error.name; }
    }).observe(document, { subtree: true, childList: true });""")
    page = visit(storage_context, server, sites["2024"], [])
    assert page.evaluate("window.storageFound") in ("SecurityError", "SyntaxError")


def test_search_still_finds_a_word(storage_context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    errors: list[str] = []
    page = visit(storage_context, server, sites["2024"], errors)

    page.locator("input.md-search__input").click()
    page.keyboard.type("retained", delay=20)

    expect(page.locator(".md-search-result__link").first).to_be_visible()
    assert errors == []


def test_the_colour_scheme_toggle_still_switches(storage_context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    errors: list[str] = []
    page = visit(storage_context, server, sites["2024"], errors)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")

    page.locator("form[data-notice-palette] label:not([hidden])").click()

    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("form[data-notice-palette] label:not([hidden])").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert errors == []
