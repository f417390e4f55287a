"""axe-core finds no violation on any kind of page, in any language, in the light and dark schemes, banner and dialog included."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Server, axe_violations
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGES = ["", "personal-data/", "versions/", "versions/2024-02-01/", "versions/2027-01-01/changes/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["", "fr/", "pl/"], ids=["en", "fr", "pl"])
@pytest.mark.parametrize("path", PAGES, ids=["notice", "explorer", "history", "old-version", "changes"])
def test_no_violation(browser: Browser, server: Server, sites: dict[str, Path], path: str, language: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(server.serve(sites["example"]) + language + path)
    page.wait_for_selector("[data-notice-consent-banner]:not([hidden])")

    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["", "fr/", "pl/"], ids=["en", "fr", "pl"])
def test_no_violation_with_the_consent_dialog_open_or_an_audience_chosen(browser: Browser, server: Server, sites: dict[str, Path],
                                                                         language: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(server.serve(sites["example"]) + language + "?for=lead")
    page.locator("[data-notice-consent-banner] [data-notice-consent-action=customise]").click()

    assert axe_violations(page) == []
    context.close()
