"""Quality gates on the built site, every page and language: valid HTML, no broken link or anchor, nothing fetched elsewhere."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from support import ROOT

VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_URL = "https://privacy.sipsim.com/"


@pytest.fixture(params=["published", "example_site"])
def built(request: pytest.FixtureRequest, site: Path, example_site: Path) -> Path:
    return site if request.param == "published" else example_site


def test_the_nu_html_checker_finds_no_error(built: Path) -> None:
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(built)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
    assert len(list(built.rglob("*.html"))) >= 15


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.material_alternates: list[str] = []
        """The links Material's bundle selects with `link[rel=alternate]`."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and not (tag == "link" and attributes.get("rel") == "canonical"):
                self.links.append((tag, value))
        if tag == "link" and (attributes.get("rel") or "").strip().lower() == "alternate":
            self.material_alternates.append(str(attributes.get("href")))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_internal_link_or_anchor_is_broken(built: Path) -> None:
    pages = {path: parse(path) for path in built.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        here = "https://site/" + path.relative_to(built).as_posix()
        for tag, link in page.links:
            target = urljoin(here, link.replace(SITE_URL, "https://site/"))
            parts = urlsplit(target)
            if parts.scheme != "https" or parts.netloc != "site":
                continue
            file = built / unquote(parts.path.lstrip("/"))
            file = file / "index.html" if parts.path.endswith("/") else file
            if not file.exists():
                broken.append(f"{path.relative_to(built)}: <{tag}> {link} (no such file)")
            elif parts.fragment and file.suffix == ".html" and parts.fragment not in pages[file].ids:
                broken.append(f"{path.relative_to(built)}: <{tag}> {link} (no such anchor)")
    assert broken == []
    assert sum(len(page.links) for page in pages.values()) > 1000


def test_material_finds_a_sitemap_beside_every_alternate_it_reads(built: Path) -> None:
    """Material's bundle fetches `sitemap.xml` beside the address of every `link[rel=alternate]` of a page (an exact match,
    hreflang or not): each must exist, or every visit logs a failed request. The linked data is linked with
    `rel="alternate describedby"`, which Material's selector leaves alone."""
    fetched = []
    for path in built.rglob("*.html"):
        here = "https://site/" + path.relative_to(built).as_posix()
        for href in parse(path).material_alternates:
            sitemap = urlsplit(urljoin(urljoin(here, href.replace(SITE_URL, "https://site/")), "sitemap.xml"))
            fetched.append(f"{path.relative_to(built)}: {sitemap.path}" if not (built / sitemap.path.lstrip("/")).is_file() else "")
    assert [missing for missing in fetched if missing] == []


def test_no_asset_comes_from_another_site(built: Path) -> None:
    """Nothing a page loads (style, script, font, image, frame) comes from a third party: no visitor's address leaves the site."""
    loaded = re.compile(r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)="(https?:)?//', re.I)
    offenders = [str(path.relative_to(built)) for path in built.rglob("*.html")
                 if any("rel=\"canonical\"" not in match.group(0) for match in loaded.finditer(path.read_text(encoding="utf-8")))]
    assert offenders == []
    assert not any("fonts.googleapis" in path.read_text(encoding="utf-8") for path in built.rglob("*.html"))
