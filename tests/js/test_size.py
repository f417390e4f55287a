"""The widget, as the build serves it, stays within a third of vanilla-cookieconsent 3.1.0 (script + stylesheet, gzipped).

cookieconsent's figure is what bench/consent_size.py measured on its npm package (not fetched here): 10,173 B of
script and 5,301 B of stylesheet, gzipped. Each of our files is gzipped on its own, as each is a request of its own.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from support import ROOT

COOKIECONSENT = 10_173 + 5_301
SOURCES = ROOT / "overrides" / "assets"


def widget_files(assets: Path) -> list[Path]:
    return [assets / "javascripts" / "consent.js", *sorted((assets / "javascripts" / "consent").glob("*.js")),
            assets / "stylesheets" / "consent.css"]


def gzipped(files: list[Path]) -> int:
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in files)


def test_the_widget_is_within_a_third_of_cookieconsent(site: Path) -> None:
    served = widget_files(site / "assets")
    assert [path.relative_to(site) for path in served] == [path.relative_to(SOURCES.parent) for path in widget_files(SOURCES)]
    size = gzipped(served)
    assert size * 3 <= COOKIECONSENT, f"{size:,} B gzipped, more than a third of {COOKIECONSENT:,} B"


def test_the_build_serves_the_scripts_and_stylesheets_minified(site: Path) -> None:
    """Sources keep their comments; what is served has none of them and less whitespace."""
    for source in [*widget_files(SOURCES), SOURCES / "javascripts" / "reading.js", SOURCES / "stylesheets" / "notice.css"]:
        served = (site / source.relative_to(SOURCES.parent)).read_text(encoding="utf-8")
        assert len(served) < len(source.read_text(encoding="utf-8")), source.name
        assert "/*" not in served and "\n  " not in served, source.name
