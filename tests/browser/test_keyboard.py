"""With a keyboard alone: every kind of page starts with a link that skips to its content, every focus stop shows a focus
ring, and nothing out of sight takes the focus, on a wide screen and on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import PHONE, Server
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PAGES = ["", "personal-data/", "versions/", "versions/2024-02-01/", "versions/2027-01-01/changes/"]
PAGE_IDS = ["notice", "explorer", "history", "version", "changes"]
SKIP = {"": "Skip to content", "fr/": "Aller au contenu", "pl/": "Przejdź do treści"}

FOCUSED = """() => {
  document.getAnimations().forEach((animation) => animation.finish());
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // A frame (the site owner's, gated by consent) has the focus in its own document, which draws the ring.
  if (element.tagName === "IFRAME") return {what: "iframe", ring: true, visible: true};
  // Material's colour-scheme switch is a visually hidden radio button: its ring is drawn on the label shown after it.
  const shown = element.matches("input.md-option") ? element.nextElementSibling : element;
  const style = getComputedStyle(shown);
  return {
    what: `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} ${(element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 40)}`,
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
    visible: shown.checkVisibility({opacityProperty: true, visibilityProperty: true}) && shown.getBoundingClientRect().width > 0,
  };
}"""


def tab_through(page: Page) -> list[dict[str, object]]:
    """Every focus stop of the page in Tab order, once round."""
    stops: list[dict[str, object]] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["what"] == stops[0]["what"]):
            return stops
        stops.append(stop)
    raise AssertionError("Tab never came round")


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize("language", list(SKIP), ids=["en", "fr", "pl"])
def test_every_page_starts_with_a_link_to_its_content(page: Page, server: Server, sites: dict[str, Path], language: str, path: str) -> None:
    page.goto(server.serve(sites["example"]) + language + path)

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_contain_class("md-skip")
    expect(skip).to_have_text(SKIP[language])
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("location.hash") == "#nt-main"
    assert page.evaluate("""() => document.activeElement === [...document.querySelectorAll(
        '#nt-main :is(a[href], button, input, summary)')].find((element) => element.checkVisibility())"""), \
        "Tab after the skip link goes to the first link or control of the content"
    if path == "":
        selector = page.locator("[data-notice-audiences]")
        assert selector.evaluate("(box) => Boolean(box.compareDocumentPosition(document.querySelector('#nt-main')) & Node.DOCUMENT_POSITION_PRECEDING)"), \
            "on the notice the content starts before the audience selector"


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize("width", [1280, PHONE["width"]], ids=["wide", "phone"])
def test_every_focus_stop_shows_a_focus_ring(browser: Browser, server: Server, sites: dict[str, Path], path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.serve(sites["example"]) + path)
    page.wait_for_load_state("networkidle")

    stops = tab_through(page)

    assert len(stops) >= 10 and str(stops[0]["what"]).startswith("a.md-skip")
    assert [stop["what"] for stop in stops if not stop["visible"]] == [], "nothing out of sight takes the focus"
    assert [stop["what"] for stop in stops if not stop["ring"]] == [], "every focus stop shows a ring"
    context.close()


def test_on_a_phone_the_keyboard_opens_the_navigation(browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(server.serve(sites["example"]) + "fr/")
    button = page.locator("label.md-header__button[for=__drawer]")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".md-sidebar--primary a[href='personal-data/']")).to_be_hidden()

    button.focus()
    page.keyboard.press("Enter")

    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_accessible_name("Navigation")
    explorer = page.locator(".md-sidebar--primary a[href='personal-data/']")
    expect(explorer).to_be_visible()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(explorer).to_be_hidden()
    context.close()
