"""Site search in a real browser: each language searches its own pages, French with its stemmer."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browsing import Server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("prefix", "query", "expected"), [
    ("", "retained", "#customer-support"),
    ("fr/", "conserve", "#retention"),  # stemmed: « conserve » finds « conservons », « conservées »
    ("pl/", "przechowywane", "#customer-satisfaction"),
], ids=["en", "fr", "pl"])
def test_search_finds_this_language_pages_only(page: Page, server: Server, sites: dict[str, Path], prefix: str, query: str,
                                               expected: str) -> None:
    page.goto(server.serve(sites["2024"]) + prefix)
    page.wait_for_timeout(300)

    page.keyboard.press("s")
    page.keyboard.type(query, delay=20)

    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map((a) => new URL(a.href).pathname + new URL(a.href).hash)")
    other = tuple(f"/{language}/" for language in ("fr", "pl") if f"{language}/" != prefix)
    assert all(href.startswith(f"/{prefix}") and not href.startswith(other) for href in hrefs), hrefs
    assert any(href.endswith(expected) for href in hrefs), hrefs
