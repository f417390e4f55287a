"""The changes page, as a reader meets it: the editors' summary, then what matters most, then the rest, and the full
text with every change findable and everything unchanged folded away. Built from the example amendment, which
makes a material change, a change that means less processing, editorial fixes and an override."""

from __future__ import annotations

import html as html_module
import re
from itertools import groupby
from pathlib import Path

import pytest
from support import normalise

from notice.redline import FOLD_AT


def text(fragment: str) -> str:
    """The words of a piece of a page (which may start or end inside an element)."""
    fragment = fragment[fragment.index(">") + 1:] if not fragment.startswith("<") else fragment
    inline = re.sub(r"</?(?:strong|em|a|span|ins|del|code|q)\b[^>]*>", "", fragment)
    return normalise(html_module.unescape(re.sub(r"<[^>]*>", " ", inline)))

EXAMPLE = "2027-01-01"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def section(html: str, heading_id: str) -> str:
    """The list that follows the heading with `heading_id`."""
    start = html.index(f'id="{heading_id}"')
    return html[start:html.index("</ul>", start)]


def test_the_page_leads_with_the_editors_summary_then_material_then_less_processing_then_editorial(example_site: Path) -> None:
    html = page(example_site, f"versions/{EXAMPLE}/changes")

    positions = [html.index(marker) for marker in ('id="summary"', 'id="material"', 'id="less-processing"', 'class="nt-changes__editorial"',
                                                   'id="full-text"')]
    assert positions == sorted(positions)
    assert text(html[positions[0]:positions[1]]).startswith("Summary of changes Example amendment (not real): corrects typing errors")


def test_material_changes_are_those_the_rules_find(example_site: Path) -> None:
    material = text(section(page(example_site, f"versions/{EXAMPLE}/changes"), "material"))

    assert "New purpose: Measuring Website Audience." in material
    assert "Cookies added to Statistics Cookies: _pk_id and _pk_ses." in material
    assert "Cookies added to Marketing Cookies: _gcl_au." in material
    assert "Wording" not in material and "Right added" not in material, "wording fixes and a right added are not material"


def test_less_processing_is_told_apart(example_site: Path) -> None:
    less = text(section(page(example_site, f"versions/{EXAMPLE}/changes"), "less-processing"))

    assert less.startswith("Less processing Retention for Enhancing Our Product and Performance changed from up to 1 year after the "
                           "communication to up to 6 months after the communication.")


def test_editorial_changes_are_folded_into_one_line_with_their_count(example_site: Path) -> None:
    html = page(example_site, f"versions/{EXAMPLE}/changes")
    editorial = html[html.index('<details class="nt-changes__editorial">'):html.index("</details>", html.index('class="nt-changes__editorial"'))]

    count = int(re.search(r"<summary>(\d+) editorial changes", editorial).group(1))
    assert count == editorial.count("<li>") and count > 10
    assert "Right added: Complaint to a Supervisory Authority." in text(editorial)


def test_the_override_is_applied_and_its_reason_shown(example_site: Path) -> None:
    html = page(example_site, f"versions/{EXAMPLE}/changes")
    editorial = text(html[html.index('class="nt-changes__editorial"'):html.index('id="full-text"')])

    assert ("Contact details of PG TELECOM Spolka z o.o. changed: phone number +336 44 55 55 55 is now +33 6 44 55 55 55. See it in the full "
            "text Classified by SipSim, for this reason: The phone number is the same; it is now written in the international format.") in editorial
    assert "phone number" not in text(section(html, "material"))


def test_every_item_links_to_its_place_in_the_full_text(example_site: Path) -> None:
    html = page(example_site, f"versions/{EXAMPLE}/changes")
    summary = html[html.index('id="material"'):html.index('id="full-text"')]

    targets = re.findall(r'href="#(redline-[\w-]+)"', summary)
    assert len(targets) > 20
    for target in targets:
        assert f'id="{target}"' in html, f"{target} is not in the full text"


def test_unchanged_parts_are_folded_and_changed_ones_keep_their_field_labels(example_site: Path) -> None:
    html = page(example_site, f"versions/{EXAMPLE}/changes")

    unchanged = re.search(r'<details class="nt-redline__group nt-redline__group--same" id="redline-customer-support">', html)
    assert unchanged is not None, "a purpose without any change is folded (closed: no open attribute)"
    changed = html[html.index('id="redline-product-improvement"'):]
    changed = changed[:changed.index("</div>")]
    assert "<details" not in changed[:40]
    retention = re.search(r'<p class="nt-redline__block nt-redline__block--changed"[^>]*><strong class="nt-redline__label">Retention Period:</strong>'
                          r'(.*?)</p>', changed, re.S)
    assert retention is not None and "<del>" in retention.group(1) and "<ins>" in retention.group(1)
    assert html.count("data-notice-change>") >= 20, "every changed block can be stepped to"


@pytest.mark.parametrize("prefix", ["", "fr/", "pl/"])
def test_the_first_version_says_it_is_the_first_instead_of_an_empty_comparison(example_site: Path, prefix: str) -> None:
    history = page(example_site, f"{prefix}versions")
    first_row = history[history.index('<a href="2024-02-01/">'):]
    first_row = first_row[:first_row.index("</tr>")]

    assert "2024-02-01/changes/" not in first_row
    assert {"": "First version", "fr/": "Première version", "pl/": "Pierwsza wersja"}[prefix] in text(first_row)
    assert "2024-02-01/changes/" not in page(example_site, f"{prefix}versions/2024-02-01")[:10]  # the banner below
    banner = text(page(example_site, f"{prefix}versions/2024-02-01").split('class="admonition', 1)[1].split("</div>", 1)[0])
    assert {"": "First version", "fr/": "Première version", "pl/": "Pierwsza wersja"}[prefix] in banner


@pytest.mark.parametrize(("prefix", "heading", "less"), [("fr/", "Modifications substantielles", "Traitements réduits"),
                                                         ("pl/", "Istotne zmiany", "Ograniczenie przetwarzania")])
def test_the_page_reads_the_same_way_in_every_language(example_site: Path, prefix: str, heading: str, less: str) -> None:
    html = page(example_site, f"{prefix}versions/{EXAMPLE}/changes")

    assert text(section(html, "material")).startswith(heading)
    assert text(section(html, "less-processing")).startswith(less)


@pytest.mark.parametrize(("prefix", "words"), [("", "unchanged paragraph"), ("fr/", "inchangé"), ("pl/", "niezmienion")])
def test_within_a_changed_part_only_its_heading_and_its_changes_are_open(example_site: Path, prefix: str, words: str) -> None:
    """The reader sees a changed section's heading and its changes; its unchanged paragraphs are folded, counted."""
    html = page(example_site, f"{prefix}versions/{EXAMPLE}/changes")
    groups = re.findall(r'<div class="nt-redline__group" id="redline-[\w-]+">(.*?)\n  </div>', html, re.S)
    assert len(groups) > 5

    folded = 0
    for group in groups:
        for count, inside in re.findall(r'<details class="nt-redline__same">\s*<summary>(\d+) [^<]*' + words + r'[^<]*</summary>(.*?)</details>',
                                        group, re.S):
            assert int(count) == inside.count("nt-redline__block--same") == inside.count("nt-redline__block ") > 0
            folded += int(count)
        shown = re.sub(r'<details class="nt-redline__same">.*?</details>', "", group, flags=re.S)
        blocks = re.findall(r'<(?:h\d|p) class="nt-redline__block nt-redline__block--(\w+)"[^>]*>(.*?)</(?:h\d|p)>', shown, re.S)
        runs = [[html_module.unescape(re.sub(r"<[^>]*>", "", body)) for _, body in run] for same, run in groupby(blocks[1:], key=lambda block: block[0] == "same") if same]
        assert all(sum(map(len, run)) < FOLD_AT for run in runs), "nothing unchanged is shown but the heading and short runs"
    assert folded > 10
