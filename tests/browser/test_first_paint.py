"""What the first paint shows: the visitor's colour scheme, and the consent banner to a visitor who has not chosen.

Everything after the early script (the header, the notice) may be painted as soon as it is parsed; Material's bundle
and the widget's module run only once the page has been read. So whatever the first paint must show has to be set
before the header is in the page. A MutationObserver installed before the page records, in order, each change of the
body's colour scheme and of the banner's `hidden`, and the moment the header is inserted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browsing import Server, visit_recorded
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

RECORDER = """
window.recorded = [];
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "attributes") {
      const what = record.target === document.body ? "scheme" : "noticeConsentBanner" in record.target.dataset ? "banner" : null;
      if (what) window.recorded.push({ what, old: record.oldValue });
    } else {
      for (const node of record.addedNodes) if (node.nodeType === 1 && node.matches("header.md-header")) window.recorded.push({ what: "header" });
    }
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-md-color-scheme", "hidden"] });
"""
DARK = {"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo"}}


def visit(browser: Browser, server: Server, site: Path, scheme: str, stored: dict[str, Any] | None = None) -> tuple[BrowserContext, Page]:
    scripts = [RECORDER] if stored is None else [RECORDER, f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(stored))})"]
    return visit_recorded(browser, server.serve(site), scheme, scripts,
                          "document.querySelector('.md-search__output') !== null && window.component$ !== undefined")


def at_header(page: Page, what: str) -> Any:
    """The value of the scheme, or the banner's `hidden`, when the header was inserted: the old value of the first change
    after it, or the value now if nothing changed it after."""
    recorded = page.evaluate("window.recorded")
    header = next(index for index, entry in enumerate(recorded) if entry["what"] == "header")
    later = [entry for entry in recorded[header:] if entry["what"] == what]
    if later:
        return later[0]["old"]
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')" if what == "scheme"
                         else "document.querySelector('[data-notice-consent-banner]').getAttribute('hidden')")


@pytest.mark.parametrize(("scheme", "stored", "expected"), [
    ("dark", None, "slate"),
    ("light", None, "default"),
    ("light", DARK, "slate"),
], ids=["dark-device", "light-device", "dark-chosen-on-a-light-device"])
def test_the_page_is_in_the_visitor_s_scheme_before_the_header_is_parsed(browser: Browser, server: Server, sites: dict[str, Path],
                                                                          scheme: str, stored: dict[str, Any] | None, expected: str) -> None:
    context, page = visit(browser, server, sites["2024"], scheme, stored)

    assert at_header(page, "scheme") == expected
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)  # and Material's bundle agrees
    context.close()


def test_a_visitor_who_has_not_chosen_has_the_banner_before_the_header_is_parsed(browser: Browser, server: Server,
                                                                                   sites: dict[str, Path]) -> None:
    context, page = visit(browser, server, sites["example"], "light")

    assert at_header(page, "banner") is None  # no `hidden` left
    expect(page.locator("[data-notice-consent-banner]")).to_be_visible()
    context.close()


def test_a_visitor_who_has_chosen_never_has_the_banner(browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    context, page = visit(browser, server, sites["example"], "light")
    page.locator("[data-notice-consent-banner] [data-notice-consent-action=reject]").click()

    page.reload()
    page.wait_for_function("window.component$ !== undefined")

    assert all(entry["old"] is not None for entry in page.evaluate("window.recorded") if entry["what"] == "banner")  # never un-hidden
    expect(page.locator("[data-notice-consent-banner]")).to_be_hidden()
    context.close()


def test_the_banner_shown_first_is_the_one_the_widget_then_wires(browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    """The early script shows the banner; the module does not hide it again and its buttons work."""
    context, page = visit(browser, server, sites["example"], "light")

    assert [entry["old"] for entry in page.evaluate("window.recorded") if entry["what"] == "banner"] == [""]  # shown once
    page.locator("[data-notice-consent-banner] [data-notice-consent-action=accept]").click()
    expect(page.locator("[data-notice-consent-banner]")).to_be_hidden()
    context.close()
