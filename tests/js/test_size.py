"""The widget, as the build serves it, stays within a third of vanilla-cookieconsent 3.1.0 (script + stylesheet, gzipped).

cookieconsent's figure is what bench/consent_size.py measured on its npm package (not fetched here): 10,173 B of
script and 5,301 B of stylesheet, gzipped. Each of our scripts is gzipped on its own, as each is a request of its own;
the widget's stylesheet is served inside ours (notice_mkdocs.assets), and counted as the build minifies it.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from support import ROOT

from notice_mkdocs.assets import BUILT_INTO_STYLESHEET, STYLESHEET, minified, minify_assets

COOKIECONSENT = 10_173 + 5_301
SOURCES = ROOT / "overrides" / "assets"


def widget_scripts(assets: Path) -> list[Path]:
    return [assets / "javascripts" / "consent.js", *sorted((assets / "javascripts" / "consent").glob("*.js"))]


def gzipped(texts: list[bytes]) -> int:
    return sum(len(gzip.compress(text, compresslevel=9)) for text in texts)


def test_the_widget_is_within_a_third_of_cookieconsent(site: Path) -> None:
    served = widget_scripts(site / "assets")
    assert [path.relative_to(site) for path in served] == [path.relative_to(SOURCES.parent) for path in widget_scripts(SOURCES)]
    stylesheet = minified(SOURCES / "stylesheets" / "consent.css")
    assert stylesheet in (site / STYLESHEET).read_text(encoding="utf-8")
    size = gzipped([path.read_bytes() for path in served] + [stylesheet.encode()])
    assert size * 3 <= COOKIECONSENT, f"{size:,} B gzipped, more than a third of {COOKIECONSENT:,} B"


def test_pages_load_one_stylesheet_with_material_s_rules_first_and_the_widget_s_last(site: Path) -> None:
    """Every stylesheet holds the first paint until it has arrived: pages load one, in which Material's rules come
    first, in the order its template linked them, then the notice's, then the widget's (later rules win ties, as when
    they were files of their own); no part is served apart."""
    for page in ("index.html", "versions/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.findall(r'<link rel="stylesheet" href="(?:\.\./|/)*([^"]+)"', html) == [STYLESHEET], page
    served = (site / STYLESHEET).read_text(encoding="utf-8")
    material = [next((site / "assets" / "stylesheets").glob(pattern)).read_text(encoding="utf-8") for pattern in ("main.*.min.css", "palette.*.min.css")]
    notice, widget = minified(SOURCES.parent / STYLESHEET), minified(SOURCES / "stylesheets" / "consent.css")
    assert served == "".join(material) + notice + widget
    assert [part for part in BUILT_INTO_STYLESHEET if (site / part).exists()] == []


def test_the_build_serves_the_scripts_and_stylesheets_minified(site: Path) -> None:
    """Sources keep their comments; what is served has none of them and less whitespace (the stylesheets inside the
    one that pages load: see above)."""
    for source in [*widget_scripts(SOURCES), SOURCES / "javascripts" / "reading.js"]:
        served = (site / source.relative_to(SOURCES.parent)).read_text(encoding="utf-8")
        assert len(served) < len(source.read_text(encoding="utf-8")), source.name
        assert "/*" not in served and "\n  " not in served, source.name
    stylesheet = (site / STYLESHEET).read_text(encoding="utf-8")
    for source in (SOURCES / "stylesheets" / "notice.css", SOURCES / "stylesheets" / "consent.css"):
        served = minified(source)
        assert served in stylesheet and len(served) < len(source.read_text(encoding="utf-8")), source.name
        assert "/*" not in served and "\n  " not in served, source.name


def test_the_widget_s_modules_are_fetched_at_once(site: Path) -> None:
    """The banner is a first visit's largest paint: its modules are preloaded from the head, all of them, instead of
    being found one import after another."""
    page = (site / "index.html").read_text(encoding="utf-8")
    head = page[:page.index("</head>")]
    preloaded = re.findall(r'<link rel="modulepreload" href="([^"]+)">', head)
    imported = sorted(path.relative_to(site).as_posix() for path in (site / "assets" / "javascripts" / "consent").glob("*.js"))
    assert imported and preloaded == imported


def test_material_s_stylesheets_are_found_in_the_theme_not_in_what_a_build_left(tmp_path: Path) -> None:
    """Material names its stylesheets by a hash of their content: the one served is the installed Material's, and a
    Material that no longer has it stops the build with a message rather than serving a page without its styles."""
    custom, material, site = tmp_path / "overrides", tmp_path / "material", tmp_path / "site"
    for folder in (custom, material, site):
        (folder / "assets" / "stylesheets").mkdir(parents=True)
    (custom / STYLESHEET).write_text("/* ours */ .nt{color:red}", encoding="utf-8")
    for name, text in (("main.new.min.css", ".md{}"), ("palette.new.min.css", ".pal{}")):
        (material / "assets" / "stylesheets" / name).write_text(text, encoding="utf-8")
        (site / "assets" / "stylesheets" / name).write_text(text, encoding="utf-8")
    (site / "assets" / "stylesheets" / "main.old.min.css").write_text(".stale{}", encoding="utf-8")  # an earlier build's
    (site / STYLESHEET).write_text("/* ours */ .nt{color:red}", encoding="utf-8")

    minify_assets(custom, site, [custom, material])
    assert (site / STYLESHEET).read_text(encoding="utf-8") == ".md{}.pal{}.nt{color:red}"

    (material / "assets" / "stylesheets" / "main.new.min.css").unlink()
    with pytest.raises(PluginError, match=r"main\.\*\.min\.css in the theme, found 0"):
        minify_assets(custom, site, [custom, material])
