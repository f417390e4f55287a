"""The reading aids as a visitor without JavaScript gets them: plain lists and links, generated from the data."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from support import FIRST_VERSION, ROOT, build

AUDIENCES = yaml.safe_load((ROOT / FIRST_VERSION / "audiences.yml").read_text(encoding="utf-8"))["audiences"]


@pytest.mark.parametrize("audience", AUDIENCES, ids=[audience["id"] for audience in AUDIENCES])
def test_each_audience_lists_exactly_its_own_sections(site: Path, audience: dict[str, object]) -> None:
    """Without JavaScript, "What applies to me?" is a list per audience: its sections, in the data's order, and no other."""
    page = (site / "index.html").read_text(encoding="utf-8")
    paragraph = re.search(rf'<p id="for-{audience["id"]}">(.*?)</p>', page, re.S)

    assert paragraph is not None
    assert re.findall(r'href="#([^"]+)"', paragraph.group(1)) == audience["sections"]


CONTROLLERS = {"pg-telecom": "PG TELECOM Spolka z o.o.", "sipsim-llc": "SIPSIM Limited liability company (SIPSIM, LLC)"}


def applying(html: str, css_class: str) -> dict[str, str]:
    """Each element of that class marked with the audiences it applies to: {their ids: its HTML}."""
    return {match.group(2): match.group(3) for match in re.finditer(
        rf'<(p|div) class="{css_class}" data-notice-applies="([^"]+)">(.*?)</\1>', html, re.S)}


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("fr/", "fr"), ("pl/", "pl")], ids=["en", "fr", "pl"])
def test_each_audience_button_has_its_plain_language_hint(site: Path, prefix: str, language: str) -> None:
    page = (site / prefix / "index.html").read_text(encoding="utf-8")
    for audience in AUDIENCES:
        hint = html.escape(audience["hint"][language], quote=False)  # type: ignore[index]
        choice = re.search(rf'<li><a class="md-button" href="#for-{audience["id"]}" data-notice-audience="{audience["id"]}" '
                           rf'aria-describedby="nt-hint-{audience["id"]}">[^<]+</a>\s*'
                           rf'<span class="nt-audiences__hint" id="nt-hint-{audience["id"]}">([^<]+)</span></li>', page)
        assert choice is not None and choice.group(1) == hint, audience["id"]


def test_who_is_responsible_names_each_controller_with_the_audiences_it_is_responsible_for(site: Path) -> None:
    """Without JavaScript (and without an audience chosen), the first layer lists every controller the audiences name,
    each marked with its audiences, so that choosing one folds the others away."""
    page = (site / "index.html").read_text(encoding="utf-8")
    overview = page[page.index('id="at-a-glance"'):page.index("</section>", page.index('id="at-a-glance"'))]
    responsible = applying(overview, "nt-overview__controller")

    expected = {" ".join(a["id"] for a in AUDIENCES if a["controller"] == cid): name for cid, name in CONTROLLERS.items()}  # type: ignore[misc]
    assert {ids: re.search(r"<strong>([^<]+)</strong>", text).group(1) for ids, text in responsible.items()} == expected  # type: ignore[union-attr]
    assert "Controller for: SipSim User, Site Visitor and SipSim Contact." in responsible["sipsim-user site-visitor sipsim-contact"]
    assert "Controller for: Lead." in responsible["lead"]


def test_how_to_exercise_your_rights_is_in_the_first_layer_and_with_the_rights(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    rights = page[page.index('<h2 id="rights">'):page.index("</section>", page.index('<h2 id="rights">'))]
    overview = page[page.index('id="at-a-glance"'):page.index('<div class="nt-table', page.index('id="at-a-glance"'))]
    for place in (overview, rights):
        box = place[place.index('<div class="nt-exercise">'):]
        assert "<h3 class=\"nt-exercise__title\">How to exercise your rights</h3>" in box
        boxes = applying(box, "nt-exercise__controller")
        assert set(boxes) == {"sipsim-user site-visitor sipsim-contact", "lead"}
        assert ('Write to PG TELECOM Spolka z o.o. at <a class="nt-url" href="mailto:info@sipsim.com">info@sipsim.com</a>.'
                in boxes["sipsim-user site-visitor sipsim-contact"])
        assert "This policy gives no address, e-mail address or phone number for SIPSIM Limited liability company" in boxes["lead"]
        assert "must answer your request within one month of receiving it" in box and "(GDPR Art. 12(3))" in box
        assert "supervisory authority:" not in box, "the 2024 data names no supervisory authority"


def test_the_rights_box_names_the_supervisory_authority_the_data_names(tmp_path: Path) -> None:
    result = build(ROOT, tmp_path / "site", strict=False, env={"NOTICE_DRAFTS": "1", "NOTICE_EXAMPLES": "examples/versions"})
    assert result.returncode == 0, result.output
    for prefix, sentence in (("", "You may also lodge a complaint with the supervisory authority: "),
                             ("fr/", "Vous pouvez également introduire une réclamation auprès de l’autorité de contrôle\u00a0: "),
                             ("pl/", "Mogą Państwo również wnieść skargę do organu nadzorczego: ")):
        page = (result.site / prefix / "versions/2027-01-01/index.html").read_text(encoding="utf-8")
        boxes = applying(page, "nt-exercise__controller")
        assert f'{sentence}<a href="https://uodo.gov.pl/">' in boxes["sipsim-user site-visitor sipsim-contact"]
        assert "uodo.gov.pl" not in boxes["lead"], "SIPSIM LLC's authority is not named"
        assert page.count('<a href="https://uodo.gov.pl/">') == 2, "in the first layer and with the rights"


def test_the_search_index_reads_the_explorer_as_text(site: Path) -> None:
    """Material indexes a page's text: the explorer's column headings and its filter (hidden without JavaScript) stay out,
    and what is in a cell is a list, so that words of two cells never run together ("Hosting providerProviders")."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    explorer = [doc for doc in index["docs"] if doc["location"].startswith("personal-data/")]

    assert len(explorer) > 15
    text = " ".join(doc["text"] for doc in explorer)
    assert "Filter by data" not in text and "Legal basis" not in text and "PurposeLegal" not in text
    assert not re.search(r"[a-z][A-Z]", re.sub(r"<[^>]+>|SipSim|OurCompany|CRM|SMS|MMS|GDPR|IP", " ", text)), "words run together"
    account = next(doc for doc in explorer if doc["location"] == "personal-data/#customer-account")
    assert "<li>Hosting provider</li> <li>Providers of infrastructure services</li>" in account["text"]


PAGES = ["", "personal-data/", "versions/", "versions/2024-02-01/", "versions/2024-02-01/changes/"]


@pytest.mark.parametrize("prefix", ["", "fr/", "pl/"], ids=["en", "fr", "pl"])
@pytest.mark.parametrize("path", PAGES, ids=["notice", "explorer", "history", "version", "changes"])
def test_every_page_has_the_footer_of_the_policy_in_force(site: Path, prefix: str, path: str) -> None:
    """The controller and how to reach it, the version in force (its permanent page) and the cookie settings; nothing of
    the theme's ("Made with Material for MkDocs")."""
    page = (site / prefix / path / "index.html").read_text(encoding="utf-8")
    footer = page[page.index('<div class="md-copyright nt-footer">'):page.index("</footer>")]
    since = {"": "Privacy policy in force since 1 February 2024", "fr/": "Politique de confidentialité en vigueur depuis le 1er février 2024",
             "pl/": "Polityka prywatności obowiązująca od 1 lutego 2024 r."}[prefix]

    assert "<strong>PG TELECOM Spolka z o.o.</strong>, ul. Stefana Batorego 18/108, 02-591 Warsaw" in footer
    assert '<a class="nt-url" href="mailto:info@sipsim.com">info@sipsim.com</a>' in footer
    [version] = re.findall(rf'<a href="([^"]+)">{since}</a>', footer)
    assert urljoin(f"https://host/{prefix}{path}", version) == f"https://host/{prefix}versions/2024-02-01/"
    assert 'data-notice-consent-open>' in footer
    assert "Material for MkDocs" not in page and "squidfunk" not in page


def test_the_logo_and_the_favicon_are_sipsims_own(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    logo = page[page.index('class="md-header__button md-logo"'):page.index("</a>", page.index('class="md-header__button md-logo"'))]

    assert 'aria-label="SipSim"' in logo and '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" aria-hidden="true">' in logo, \
        "SipSim's initials, drawn in the page, named by the link"
    assert "<text" not in logo and " id=" not in logo, "drawn, not written (the link's name is its only text); no id, as it is drawn twice"
    assert '<link rel="icon" href="assets/images/logo.svg" type="image/svg+xml">' in page
    assert (site / "assets/images/logo.svg").read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "favicon.png" not in page
