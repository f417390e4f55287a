"""The consent banner on a phone (390×844, in each language): it leaves most of the screen to the page, and the page
can still be read to its end above it while the visitor has not chosen yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import PHONE, Server
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = PHONE["width"], PHONE["height"]
BANNER = "[data-notice-consent-banner]"
LANGUAGES = pytest.mark.parametrize("path", ["", "fr/", "pl/"], ids=["en", "fr", "pl"])


def open_page(page: Page, server: Server, site: Path, path: str) -> None:
    page.goto(server.serve(site) + path)
    expect(page.locator(BANNER)).to_be_visible()


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found, f"{selector} is not laid out"
    return found


def uncovered(page: Page, selector: str, within: str) -> bool:
    """Whether the bottom line of `selector` is on screen, above the banner, and what a tap there reaches is `within`."""
    target, banner = box(page, selector), box(page, BANNER)
    bottom = target["y"] + target["height"]
    if not (0 <= bottom - 4 and bottom <= banner["y"] <= HEIGHT):
        return False
    return bool(page.evaluate("([x, y, within]) => Boolean(document.elementFromPoint(x, y)?.closest(within))",
                              [target["x"] + 4, bottom - 4, within]))


@LANGUAGES
def test_the_banner_covers_at_most_30_percent_of_a_phone_screen(phone: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    open_page(phone, server, sites["example"], path)

    banner = box(phone, BANNER)
    share = banner["width"] * min(banner["height"], HEIGHT - banner["y"]) / (WIDTH * HEIGHT)
    assert banner["y"] + banner["height"] <= HEIGHT + 1, "the whole banner is on screen"
    assert share <= 0.30, f"the banner covers {share:.0%} of the screen"
    buttons = [box(phone, f"{BANNER} [data-notice-consent-action={action}]") for action in ("accept", "reject", "customise")]
    assert len({(round(button["y"]), round(button["width"]), round(button["height"])) for button in buttons}) == 1, \
        "three equal buttons in one row"


@LANGUAGES
def test_the_end_of_the_page_scrolls_into_view_above_the_banner(phone: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    open_page(phone, server, sites["example"], path)

    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")

    expect(phone.locator(BANNER)).to_be_visible()
    assert uncovered(phone, ".md-copyright", ".md-footer"), "the footer's last line can be read above the banner"
    assert uncovered(phone, ".md-content p >> nth=-1", ".md-content p"), "so can the last line of the page's last paragraph"


@LANGUAGES
def test_how_we_use_cookies_leads_to_a_heading_left_above_the_banner(phone: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    open_page(phone, server, sites["example"], path)

    phone.locator(f"{BANNER} a").click()
    phone.wait_for_function("location.hash.length > 1")
    target = phone.evaluate("location.hash")

    expect(phone.locator(BANNER)).to_be_visible()
    header = box(phone, ".md-header")
    heading = box(phone, target)
    assert heading["y"] >= header["y"] + header["height"] - 1, "not under the header"
    assert uncovered(phone, target, target), f"{target} is left above the banner"


@LANGUAGES
def test_a_section_at_the_end_of_the_page_is_reached_above_the_banner(phone: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    open_page(phone, server, sites["example"], path)
    last = phone.evaluate("[...document.querySelectorAll('.md-content h2[id]')].pop().id")

    phone.goto(phone.url.split("#")[0] + f"#{last}")

    expect(phone.locator(BANNER)).to_be_visible()
    assert uncovered(phone, f"#{last}", f"#{last}"), f"#{last} is left above the banner"
