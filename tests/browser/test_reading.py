"""Reading aids in a real browser: "What applies to me?", the personal-data explorer, their no-JavaScript form, print."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from browsing import Server
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

SELECTOR = "[data-notice-audiences]"


def test_choosing_an_audience_folds_the_sections_that_do_not_apply(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]))

    page.locator(SELECTOR).get_by_role("link", name="Lead", exact=True).click()

    for visible in ("introduction", "general-info", "leads", "other-recipients", "rights"):
        expect(page.locator(f"h2#{visible}")).to_be_visible()
    for folded in ("personal-data-processing", "site-visitors", "sipsim-contacts"):
        expect(page.locator(f"h2#{folded}")).to_be_hidden()
    assert page.locator('.md-nav--secondary a[href="#personal-data-processing"]').evaluate_all("links => links.every((a) => !a.checkVisibility())")
    expect(page.locator(".nt-overview tr", has=page.locator('th a[href="#invoicing"]'))).to_be_hidden()
    expect(page.locator(".nt-overview tr", has=page.locator('th a[href="#email-marketing"]'))).to_be_visible()
    expect(page.locator(SELECTOR).get_by_role("link", name="Lead", exact=True)).to_have_attribute("aria-current", "true")
    expect(page.locator("[data-notice-audience-status]")).to_have_text(
        "Showing the sections that apply to: Lead. The other sections are folded.")
    assert page.url.endswith("/?for=lead")


def test_show_all_sections_unfolds_everything(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "?for=sipsim-user")
    expect(page.locator("h2#leads")).to_be_hidden()

    page.get_by_role("button", name="Show all sections").click()

    expect(page.locator("h2#leads")).to_be_visible()
    expect(page.locator("h2#personal-data-processing")).to_be_visible()
    assert "for=" not in page.url
    expect(page.locator(SELECTOR).get_by_role("link", name="SipSim User")).to_be_focused()


def test_the_choice_is_in_the_address_so_it_can_be_shared(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "fr/?for=sipsim-contact")

    expect(page.locator("h2#sipsim-contacts")).to_be_visible()
    expect(page.locator("h2#leads")).to_be_hidden()
    expect(page.locator(SELECTOR).get_by_role("link", name="Contact SipSim")).to_have_attribute("aria-current", "true")


def test_the_selector_works_with_the_keyboard(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "pl/")
    choice = page.locator(SELECTOR).locator("[data-notice-audience=site-visitor]")
    choice.focus()

    page.keyboard.press("Enter")

    expect(page.locator("h2#site-visitors")).to_be_visible()
    expect(page.locator("h2#leads")).to_be_hidden()
    expect(page.locator("[data-notice-audience-status]")).to_contain_text("Wyświetlono sekcje")


def test_without_javascript_each_audience_links_to_its_sections(browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.serve(sites["2024"]))

    page.locator(SELECTOR).get_by_role("link", name="Lead", exact=True).click()

    assert page.url.endswith("#for-lead")
    listing = page.locator("#for-lead")
    expect(listing).to_be_visible()
    expect(listing.get_by_role("link", name="3. Processing of Lead's Personal Data For Sales and Marketing Purposes")).to_have_attribute("href", "#leads")
    expect(page.locator("h2#personal-data-processing")).to_be_visible()
    context.close()


def test_the_explorer_filters_categories_of_personal_data(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "personal-data/")
    entries = page.locator("[data-notice-entry]")
    total = entries.count()

    page.get_by_label("Filter by data, purpose, legal basis or recipient").fill("billing management")

    shown = page.locator("[data-notice-entry]:visible")
    expect(shown).to_have_count(3)
    expect(page.locator("h2#customer-payment")).to_be_visible()
    expect(page.locator("h2#user-information")).to_be_hidden()
    expect(page.locator("[data-notice-filter-status]")).to_have_text(f"3 of {total} categories of personal data shown.")
    assert "q=billing+management" in page.url


def test_the_explorer_links_each_use_to_the_purpose_in_the_notice(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "personal-data/#lead-email")

    section = page.locator("[data-notice-entry]", has=page.locator("h2#lead-email"))
    link = section.get_by_role("link", name="Outbound Sales").first
    expect(link).to_have_attribute("href", "../#outbound-sales")
    for href in section.locator("td a, th a").evaluate_all("links => links.map((a) => a.getAttribute('href'))"):
        assert href.startswith("../#"), "every link leads into the notice"
    expect(section).to_contain_text("Consent, Art. 6(1)(a) GDPR")
    link.click()
    expect(page.locator("h3#outbound-sales")).to_be_in_viewport()


def test_without_javascript_the_explorer_is_complete(browser: Browser, server: Server, sites: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.serve(sites["2024"]) + "personal-data/?q=billing")

    expect(page.locator("[data-notice-filter]")).to_be_hidden()
    expect(page.locator("[data-notice-entry]:visible")).to_have_count(page.locator("[data-notice-entry]").count())
    context.close()


def test_print_shows_everything_with_link_targets_and_the_version(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "?for=lead")
    expect(page.locator("h2#personal-data-processing")).to_be_hidden()

    page.emulate_media(media="print")

    expect(page.locator("h2#personal-data-processing")).to_be_visible()
    expect(page.locator("[data-notice-consent-banner]")).to_be_hidden()
    after = page.evaluate("getComputedStyle(document.querySelector('.nt-controller a[href^=mailto]'), '::after').content")
    assert after == '" <mailto:info@sipsim.com>"'
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) > 10
    for number, sheet in enumerate(pdf.pages, start=1):
        assert "SipSim privacy notice, version of 1 February 2024 (In force)" in sheet.extract_text(), f"page {number}"


@pytest.mark.parametrize("anchor", ["invoicing", "rights", "access", "necessary"])
def test_every_section_purpose_right_and_cookie_category_has_a_visible_link_on_focus(page: Page, server: Server,
                                                                                   sites: dict[str, Path], anchor: str) -> None:
    page.goto(server.serve(sites["2024"]) + "fr/")
    link = page.locator(f'a.headerlink[href="#{anchor}"]')

    link.focus()

    expect(link).to_be_visible()
    expect(link).to_have_css("opacity", "1")
    expect(link).to_have_attribute("aria-label", "Lien vers cette partie de la politique")


def test_the_keyboard_steps_through_the_changes_and_back(page: Page, server: Server, sites: dict[str, Path]) -> None:
    """Enter on "Next change" again and again: the focus stays on the button, each change in turn is shown and read out."""
    page.goto(server.serve(sites["example"]) + "versions/2027-01-01/changes/")
    marks = page.locator("[data-notice-change]")
    current = page.locator("[data-notice-change-current]")
    status = page.locator("[data-notice-change-status]")
    total = marks.count()
    assert total > 3
    next_button = page.get_by_role("button", name="Next change")
    next_button.focus()
    for number in (1, 2, 3):
        page.keyboard.press("Enter")
        expect(next_button).to_be_focused()
        expect(current).to_have_count(1)
        assert current.evaluate("(mark) => [...document.querySelectorAll('[data-notice-change]')].indexOf(mark)") == number - 1
        expect(current).to_be_in_viewport()
        expect(status).to_contain_text(f"Change {number} of {total}")
        words = " ".join(marks.nth(number - 1).text_content().split())
        assert words and words in " ".join(status.text_content().split())
    page.keyboard.press("Shift+Tab")
    previous = page.get_by_role("button", name="Previous change")
    expect(previous).to_be_focused()
    for number in (2, 1, total):  # before the first comes the last
        page.keyboard.press("Enter")
        expect(status).to_contain_text(f"Change {number} of {total}")
    expect(marks.nth(total - 1)).to_be_in_viewport()
    assert page.locator("details:not([open]) [data-notice-change]").count() == 0, "a change must never be folded away"


def test_without_javascript_the_change_buttons_are_hidden_and_every_change_is_reachable(browser: Browser, server: Server,
                                                                                         sites: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.serve(sites["example"]) + "versions/2027-01-01/changes/")
    expect(page.get_by_role("button", name="Next change")).to_be_hidden()
    anchors = page.locator("main a[href^='#redline-']")
    assert anchors.count() > 3
    for href in anchors.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href
    context.close()
