"""The site on a phone (390×844, in each language): every table (the first layer, the explorer, the history, the cookies
of the notice and of the consent dialog) is one card per row, each cell under its column's label, none wider than the
screen; a screen reader still has the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import PHONE, Server
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LANGUAGES = ["", "fr/", "pl/"]
PAGES = ["", "personal-data/", "versions/", "versions/2024-02-01/"]

TABLES = """(root) => [...root.querySelectorAll("table")].filter((table) => table.checkVisibility()).map((table) => {
  const box = table.getBoundingClientRect();
  const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  const head = table.querySelector("thead").getBoundingClientRect();
  const cells = [...table.querySelectorAll("tbody tr")].filter((row) => row.checkVisibility()).flatMap((row) =>
    [...row.children].map((cell, column) => {
      const label = getComputedStyle(cell, "::before");
      return {heading: headings[column], label: cell.dataset.label, content: label.content, display: label.display,
              height: cell.getBoundingClientRect().height, left: cell.getBoundingClientRect().left,
              right: cell.getBoundingClientRect().right};
    }));
  return {left: box.left, right: box.right, scroll: table.scrollWidth, client: table.clientWidth, head: head.height, cells,
          text: (table.querySelector("caption") || table.closest("[id]") || table).textContent.trim().slice(0, 40)};
})"""


def check_cards(page: Page, root: str = "body") -> int:
    """Every visible table under `root` fits the screen and shows each cell under its label; the number of cells."""
    tables = page.locator(root).first.evaluate(TABLES)
    assert tables, "the page has tables"
    cells = 0
    for table in tables:
        where = table["text"]
        assert table["left"] >= 0 and table["right"] <= PHONE["width"], f"{where}: {table['left']}–{table['right']} px"
        assert table["scroll"] <= table["client"] + 1, f"{where}: scrolls sideways ({table['scroll']} px)"
        assert table["head"] <= 1, f"{where}: the column headings are read, not shown"
        for cell in table["cells"]:
            assert cell["label"] == cell["heading"], f"{where}: a cell labelled {cell['label']!r} in the column {cell['heading']!r}"
            assert cell["content"] == f'"{cell["heading"]}" / ""', f"{where}: {cell['heading']!r} is not drawn ({cell['content']})"
            assert cell["display"] == "block" and cell["height"] > 20, f"{where}: {cell['heading']!r} is not shown above its cell"
            assert 0 <= cell["left"] and cell["right"] <= PHONE["width"], f"{where}: {cell['heading']!r} leaves the screen"
            cells += 1
    return cells


@pytest.mark.parametrize("path", PAGES, ids=["notice", "explorer", "history", "version"])
@pytest.mark.parametrize("language", LANGUAGES, ids=["en", "fr", "pl"])
def test_every_table_is_a_card_per_row_with_its_labels(phone: Page, server: Server, sites: dict[str, Path], language: str, path: str) -> None:
    phone.goto(server.serve(sites["example"]) + language + path)

    assert check_cards(phone, ".md-content") >= 4
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "nothing scrolls the page sideways"


def test_the_consent_dialog_cookie_tables_are_cards(phone: Page, server: Server, sites: dict[str, Path]) -> None:
    phone.goto(server.serve(sites["example"]) + "pl/")
    phone.locator("[data-notice-consent-banner] [data-notice-consent-action=customise]").click()
    dialog = phone.locator("[data-notice-consent-dialog]")
    for details in dialog.locator("details").all():
        details.locator("summary").click()

    assert check_cards(phone, "[data-notice-consent-dialog]") >= 8


def test_a_screen_reader_still_reads_a_table_on_a_phone(phone: Page, server: Server, sites: dict[str, Path]) -> None:
    phone.goto(server.serve(sites["example"]) + "personal-data/")
    section = phone.locator("[data-notice-entry]", has=phone.locator("h2#lead-email"))

    table = section.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(["Purpose", "Legal basis", "Recipients", "Retention"])
    expect(table.get_by_role("rowheader").first).to_have_accessible_name("Conducting Email Marketing Campaigns for Brand Awareness")
    expect(table.get_by_role("cell").first).to_have_accessible_name("Legitimate interests, Art. 6(1)(f) GDPR Consent, Art. 6(1)(a) GDPR")


def test_on_a_wide_screen_tables_are_tables(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server.serve(sites["example"]) + "personal-data/")

    row = page.locator("[data-notice-entry] tbody tr").first
    assert row.evaluate("(row) => getComputedStyle(row).display") == "table-row"
    assert row.locator("td").first.evaluate("(cell) => getComputedStyle(cell, '::before').content") == "none"
    expect(page.locator("[data-notice-entry] thead").first).to_be_visible()
