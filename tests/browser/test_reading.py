"""Reading aids in a real browser: "What applies to me?", the personal-data explorer, their no-JavaScript form, print."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Server
from playwright.sync_api import Browser, Page, expect

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
    assert "data=billing+management" in page.url and "q=" not in page.url.replace("data=", "")


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
    page.goto(server.serve(sites["2024"]) + "personal-data/?data=billing")

    expect(page.locator("[data-notice-filter]")).to_be_hidden()
    expect(page.locator("[data-notice-entry]:visible")).to_have_count(page.locator("[data-notice-entry]").count())
    context.close()


def test_print_shows_everything_a_choice_folded(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.goto(server.serve(sites["2024"]) + "?for=lead")
    expect(page.locator("h2#personal-data-processing")).to_be_hidden()
    expect(page.locator(".nt-overview__controller", has_text="PG TELECOM")).to_be_hidden()

    page.emulate_media(media="print")

    expect(page.locator("h2#personal-data-processing")).to_be_visible()
    expect(page.locator(".nt-overview__controller", has_text="PG TELECOM")).to_be_visible()
    expect(page.locator(".nt-overview tr", has=page.locator('th a[href="#invoicing"]'))).to_be_visible()
    expect(page.locator("[data-notice-consent-banner]")).to_be_hidden()


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


OVERVIEW = ".nt-overview__facts"


@pytest.mark.parametrize(("audience", "shown", "hidden"), [
    ("lead", "SIPSIM Limited liability company (SIPSIM, LLC)", "PG TELECOM Spolka z o.o."),
    ("sipsim-user", "PG TELECOM Spolka z o.o.", "SIPSIM Limited liability company (SIPSIM, LLC)"),
])
def test_the_first_layer_names_the_controller_of_the_chosen_audience(page: Page, server: Server, sites: dict[str, Path], audience: str,
                                                                     shown: str, hidden: str) -> None:
    page.goto(server.serve(sites["2024"]))

    page.locator(f"{SELECTOR} [data-notice-audience={audience}]").click()

    for place in (OVERVIEW, "section[aria-labelledby=rights]"):
        text = page.locator(place).first.inner_text()
        assert shown in text and hidden not in text, place
    if audience == "sipsim-user":
        expect(page.locator(f"{OVERVIEW} .nt-exercise a[href='mailto:info@sipsim.com']")).to_be_visible()
    else:
        expect(page.locator(f"{OVERVIEW} .nt-exercise a[href^='mailto:']")).to_be_hidden()

    page.get_by_role("button", name="Show all sections").click()
    assert all(name in page.locator(OVERVIEW).inner_text() for name in (shown, hidden))


def test_without_javascript_the_first_layer_names_every_controller_with_its_audiences(browser: Browser, server: Server,
                                                                                     sites: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.serve(sites["2024"]) + "?for=lead")

    text = page.locator(OVERVIEW).inner_text()

    assert "PG TELECOM Spolka z o.o." in text and "Controller for: SipSim User, Site Visitor and SipSim Contact." in text
    assert "SIPSIM Limited liability company (SIPSIM, LLC)" in text and "Controller for: Lead." in text
    expect(page.locator(f"{OVERVIEW} .nt-exercise a[href='mailto:info@sipsim.com']")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["", "fr/", "pl/"], ids=["en", "fr", "pl"])
def test_each_audience_hint_is_shown_under_its_button(page: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    page.goto(server.serve(sites["2024"]) + path)

    for choice in page.locator(f"{SELECTOR} [data-notice-audience]").all():
        hint = page.locator(f"#{choice.get_attribute('aria-describedby')}")
        expect(hint).to_be_visible()
        button, under = choice.bounding_box(), hint.bounding_box()
        assert button and under and under["y"] >= button["y"] + button["height"] - 1, "under the button"
        assert under["x"] < button["x"] + button["width"] and button["x"] < under["x"] + under["width"], "in its column"


SEARCH_OPEN = "document.querySelector('#__search').checked"


def test_a_shared_explorer_link_filters_and_leaves_the_search_closed(page: Page, server: Server, sites: dict[str, Path]) -> None:
    """The filter's words are kept in ?data=, not in ?q=, which Material reads as a search to open over the page."""
    page.goto(server.serve(sites["2024"]) + "personal-data/?data=billing")

    expect(page.get_by_label("Filter by data, purpose, legal basis or recipient")).to_have_value("billing")
    expect(page.locator("[data-notice-entry]:visible")).to_have_count(3)
    expect(page.locator("[data-notice-filter-status]")).to_contain_text("3 of")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(SEARCH_OPEN) is False
    expect(page.locator(".md-search__output")).to_be_hidden()


def test_the_search_parameter_is_left_to_the_search(page: Page, server: Server, sites: dict[str, Path]) -> None:
    """?q= is Material's: it opens the search (so a filter kept there would hide the explorer), and the filter ignores it."""
    page.goto(server.serve(sites["2024"]) + "personal-data/?q=billing")

    page.wait_for_function(SEARCH_OPEN)
    expect(page.get_by_label("Filter by data, purpose, legal basis or recipient")).to_have_value("")
    expect(page.locator("[data-notice-entry]:visible")).to_have_count(page.locator("[data-notice-entry]").count())


LOOK = """(buttons) => buttons.map((button) => {
  const style = getComputedStyle(button);
  return ["backgroundColor", "color", "borderTopColor", "borderTopWidth", "borderRadius", "fontFamily", "fontSize", "fontWeight",
          "lineHeight", "paddingTop", "paddingLeft", "minHeight"].map((property) => style[property]).join(" | ");
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_button_looks_the_same(browser: Browser, server: Server, sites: dict[str, Path], scheme: str) -> None:
    """The consent banner's and dialog's buttons, the audiences, "Show all sections" and the redline's steps: one style."""
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    site = server.serve(sites["example"])
    page.goto(site)
    looks = page.locator("[data-notice-consent-banner] button").evaluate_all(LOOK)
    looks += page.locator(f"{SELECTOR} [data-notice-audience]").evaluate_all(LOOK)
    page.locator(f"{SELECTOR} [data-notice-audience=lead]").click()
    looks += page.locator("[data-notice-audience-all]").evaluate_all(LOOK)
    page.locator("[data-notice-consent-banner] [data-notice-consent-action=customise]").click()
    looks += page.locator("[data-notice-consent-dialog] button:visible").evaluate_all(LOOK)
    page.goto(site + "versions/2027-01-01/changes/")
    looks += page.locator("[data-notice-change-step]").evaluate_all(LOOK)

    assert len(looks) == 3 + 4 + 1 + 4 + 2
    assert len(set(looks)) == 1, "\n".join(sorted(set(looks)))
    context.close()
