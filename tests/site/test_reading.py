"""The reading aids as a visitor without JavaScript gets them: plain lists and links, generated from the data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import FIRST_VERSION, ROOT

AUDIENCES = yaml.safe_load((ROOT / FIRST_VERSION / "audiences.yml").read_text(encoding="utf-8"))["audiences"]


@pytest.mark.parametrize("audience", AUDIENCES, ids=[audience["id"] for audience in AUDIENCES])
def test_each_audience_lists_exactly_its_own_sections(site: Path, audience: dict[str, object]) -> None:
    """Without JavaScript, "What applies to me?" is a list per audience: its sections, in the data's order, and no other."""
    page = (site / "index.html").read_text(encoding="utf-8")
    paragraph = re.search(rf'<p id="for-{audience["id"]}">(.*?)</p>', page, re.S)

    assert paragraph is not None
    assert re.findall(r'href="#([^"]+)"', paragraph.group(1)) == audience["sections"]
