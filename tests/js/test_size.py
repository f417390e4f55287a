"""The widget stays within a third of vanilla-cookieconsent 3.1.0 (script + stylesheet, gzipped), every module counted.

cookieconsent's figure is what bench/consent_size.py measured on its npm package (not fetched here): 10,173 B of
script and 5,301 B of stylesheet, gzipped. Each of our files is gzipped on its own, as each is a request of its own.
"""

from __future__ import annotations

import gzip

from support import ROOT

COOKIECONSENT = 10_173 + 5_301
ASSETS = ROOT / "overrides" / "assets"


def test_the_widget_is_within_a_third_of_cookieconsent() -> None:
    files = [ASSETS / "javascripts" / "consent.js", *sorted((ASSETS / "javascripts" / "consent").glob("*.js")),
             ASSETS / "stylesheets" / "consent.css"]
    assert len(files) >= 6
    size = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in files)
    assert size * 3 <= COOKIECONSENT, f"{size:,} B gzipped, more than a third of {COOKIECONSENT:,} B"
