"""The link to the notice as linked data, in a real browser: found by any selector that reads rel as a set of keywords,
and never taken by Material's bundle for a language alternate (it would fetch a sitemap.xml beside it, a 404)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Response

from browsing import Server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["", "fr/versions/", "versions/2024-02-01/", "pl/versions/2024-02-01/changes/"],
                         ids=["notice", "history", "version", "changes"])
def test_a_page_links_its_linked_data_and_requests_nothing_that_fails(page: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    failures: list[str] = []

    def response(answer: Response) -> None:
        if answer.status >= 400:
            failures.append(f"{answer.status} {answer.url}")

    def failed(request: Request) -> None:
        failures.append(f"failed {request.url}")

    page.on("response", response)
    page.on("requestfailed", failed)
    base = server.serve(sites["2024"])
    page.goto(base + path, wait_until="networkidle")

    link = page.locator('head link[rel~="alternate"][type="application/ld+json"]')
    href = link.evaluate("element => element.href")
    expected = "versions/2024-02-01/notice.jsonld" if "2024-02-01" in path else "notice.jsonld"
    assert href == base + expected
    assert page.request.get(href).ok
    assert failures == []
