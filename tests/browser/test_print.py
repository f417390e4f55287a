"""The notice on paper, read back from the PDF Chromium prints (pypdf): every sheet says which version it is and where it
lives, in its margins, over no line of the text; links to other sites are followed by their address, links within the
page by nothing."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import Server
from playwright.sync_api import Page
from pypdf import PageObject, PdfReader

pytestmark = pytest.mark.browser

MARGIN = 25 / 25.4 * 72
"""The page margin (Material's @page rule, 25 mm), in PDF points: the margin boxes are drawn in it."""


@dataclass(frozen=True)
class Line:
    y: float
    """The baseline, in points from the bottom of the sheet."""
    size: float
    text: str


def lines(sheet: PageObject) -> list[Line]:
    """The sheet's text, line by line from the top: runs on one baseline are one line."""
    runs: dict[float, list[tuple[float, float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.setdefault(round(y, 1), []).append((x, size * (tm[3] or 1) * (cm[3] or 1), text))

    sheet.extract_text(visitor_text=visit)
    return [Line(y, max(size for _, size, _ in parts), re.sub(r"\s+", " ", "".join(text for _, _, text in sorted(parts))).strip())
            for y, parts in sorted(runs.items(), reverse=True)]


def printed(page: Page, url: str) -> list[list[Line]]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sheets = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    return [lines(sheet) for sheet in sheets]


@pytest.mark.parametrize(("path", "header", "address"), [
    ("", "SipSim privacy policy, version of 1 February 2024 (In force)", "https://privacy.sipsim.com/versions/2024-02-01/"),
    ("fr/", "Politique de confidentialité de SipSim, version du 1er février 2024 (En vigueur)",
     "https://privacy.sipsim.com/fr/versions/2024-02-01/"),
    ("pl/versions/2024-02-01/", "Polityka prywatności SipSim, wersja z dnia 1 lutego 2024 r. (Obowiązuje)",
     "https://privacy.sipsim.com/pl/versions/2024-02-01/"),
], ids=["en", "fr", "pl-version"])
def test_every_sheet_names_the_version_and_its_permanent_address_over_no_line(page: Page, server: Server, sites: dict[str, Path],
                                                                               path: str, header: str, address: str) -> None:
    sheets = printed(page, server.serve(sites["2024"]) + path)
    height = 842.88  # A4

    assert len(sheets) > 10
    first = sheets[0]
    assert [line.text for line in first[:2]] == [header, address], "the first sheet starts with the version and its address"
    for number, sheet in enumerate(sheets, start=1):
        top = [line for line in sheet if line.y > height - MARGIN]
        bottom = [line for line in sheet if line.y < MARGIN]
        body = [line for line in sheet if MARGIN <= line.y <= height - MARGIN]
        assert [line.text for line in bottom] == [f"{address}{number} / {len(sheets)}"], f"sheet {number}: its address and number"
        if number == 1:
            assert top == [], "the first sheet's top margin is left empty: its text starts with the same lines"
            continue
        assert [line.text for line in top] == [header], f"sheet {number}: the version, alone on its line in the margin"
        assert body, f"sheet {number} has text"
        assert top[0].y - body[0].y >= top[0].size + body[0].size, f"sheet {number}: the header does not touch the first line"


def test_links_print_their_address_only_when_it_leads_elsewhere(page: Page, server: Server, sites: dict[str, Path]) -> None:
    text = " ".join(line.text for sheet in printed(page, server.serve(sites["example"])) for line in sheet)
    text = re.sub(r"<[^<>\s]+(?:\s[^<>\s]+)*>", lambda address: re.sub(r"\s", "", address.group(0)), text)  # an address cut at a line's end

    assert "<#" not in text, "nothing after a link within the page"
    assert "UODO), Poland <https://uodo.gov.pl/>" in text, "the address after a link to another site"
    assert text.count("<https://uodo.gov.pl/>") == 2
    assert "https://sipsim.com/" in text and "<https://sipsim.com/>" not in text, "a link that reads as its address is not repeated"
    assert "info@sipsim.com" in text and "<mailto:" not in text
    assert not re.search(r"<\.\.?/|<versions/|<personal-data/", text), "no relative address, meaningless on paper"
