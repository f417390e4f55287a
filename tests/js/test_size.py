"""The widget, as the build serves it, stays within a third of vanilla-cookieconsent 3.1.0 (script + stylesheet, gzipped).

cookieconsent's figure is what bench/consent_size.py measured on its npm package (not fetched here): 10,173 B of
script and 5,301 B of stylesheet, gzipped. The widget's script is one file, its modules inside it, and its stylesheet is
served inside ours (notice_mkdocs.assets): each is counted as the build serves it.
"""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path

import material as material_theme
import pytest
from mkdocs.exceptions import PluginError
from support import ROOT

from notice_mkdocs.assets import BUILT_INTO_STYLESHEET, EARLY_PARTS, EARLY_SCRIPT, STYLESHEET, WIDGET, bundled, minified, minify_assets, theme_script

COOKIECONSENT = 10_173 + 5_301
SOURCES = ROOT / "overrides" / "assets"


def widget_sources() -> list[Path]:
    """The widget's entry and the modules the build puts inside it (not its part of the early script)."""
    entry = SOURCES / "javascripts" / "consent.js"
    return [entry, *bundled(entry)[1]]


def gzipped(texts: list[bytes]) -> int:
    return sum(len(gzip.compress(text, compresslevel=9)) for text in texts)


def test_the_widget_is_within_a_third_of_cookieconsent(site: Path) -> None:
    stylesheet = minified(SOURCES / "stylesheets" / "consent.css")
    assert stylesheet in (site / STYLESHEET).read_text(encoding="utf-8")
    first_paint = minified(SOURCES / "javascripts" / "consent" / "first-paint.js")  # served inside the early script
    assert first_paint in (site / EARLY_SCRIPT).read_text(encoding="utf-8")
    size = gzipped([(site / WIDGET).read_bytes(), first_paint.encode(), stylesheet.encode()])
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
    widget = (site / WIDGET).read_text(encoding="utf-8")
    assert len(widget) < sum(len(source.read_text(encoding="utf-8")) for source in widget_sources())
    for source, served in ((WIDGET, widget), ("reading.js", (site / "assets/javascripts/reading.js").read_text(encoding="utf-8"))):
        assert "/*" not in served and "\n  " not in served and "\n//" not in served, source
    stylesheet = (site / STYLESHEET).read_text(encoding="utf-8")
    for source in (SOURCES / "stylesheets" / "notice.css", SOURCES / "stylesheets" / "consent.css"):
        served = minified(source)
        assert served in stylesheet and len(served) < len(source.read_text(encoding="utf-8")), source.name
        assert "/*" not in served and "\n  " not in served, source.name


def test_a_page_loads_four_scripts_and_the_parser_waits_for_one_small_one(site: Path) -> None:
    """Each script the parser meets holds the first paint on a phone until it has arrived: pages load one such script,
    the early one, small, after the widget's markup and before the header; then the widget's (its modules inside it)
    and the reading aids' as modules, which run once the page has been read, and Material's bundle `async`, which
    runs when it has arrived. Nothing is preloaded, and nothing is served that no page loads."""
    page = (site / "index.html").read_text(encoding="utf-8")
    bundle = theme_script([Path(material_theme.__file__).parent / "templates"])
    tags = re.findall(r'<script src="([^"]+)"([^>]*)>', page)
    assert [src for src, _ in tags] == [EARLY_SCRIPT, WIDGET, "assets/javascripts/reading.js", bundle]
    assert [attributes.split("data-md-palette")[0].strip() for _, attributes in tags] == ["", 'type="module"', 'type="module"', "async"]
    assert page.index("data-notice-consent-banner") < page.index(f'<script src="{EARLY_SCRIPT}"') < page.index('<header class="md-header')
    assert "modulepreload" not in page
    for part in (*EARLY_PARTS, "assets/javascripts/consent"):
        assert not (site / part).exists(), part
    widget = (site / WIDGET).read_text(encoding="utf-8")
    exported = {name for source in widget_sources()[1:]
                for name in re.findall(r"^export (?:function|const) (\w+)", source.read_text(encoding="utf-8"), re.M)}
    assert exported and all(re.search(rf"\b(?:function |const ){name}\b", widget) for name in exported)
    early = (site / EARLY_SCRIPT).read_text(encoding="utf-8")
    assert early == ";\n".join(minified(SOURCES.parent / part) for part in EARLY_PARTS) + "\n"
    assert len(gzip.compress(early.encode())) < 1500, "the one script the parser waits for stays small"


def test_the_widget_s_modules_run_as_one_module_in_node(site: Path, tmp_path: Path) -> None:
    """What the build puts together is still a module that exports the widget's API (and mounts nothing without a page)."""
    script = tmp_path / "consent.mjs"
    script.write_text((site / WIDGET).read_text(encoding="utf-8"), encoding="utf-8")
    probe = ("globalThis.document = { querySelector: () => null, querySelectorAll: () => [] };"
             f"const widget = await import({str(script)!r}); console.log(Object.keys(widget).sort().join(' '));")
    result = subprocess.run(["node", "--input-type=module", "-e", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "getConsent mount onChange openPreferences reset", result.stderr


@pytest.mark.parametrize(("files", "said"), [
    ({"entry.js": 'import { a } from "./a.js";\nimport { b } from "./b.js";\nexport { a, b };\n',
      "a.js": 'const optional = 1;\nexport const a = () => optional;\n', "b.js": 'const optional = 2;\nexport function b() { return optional; }\n'},
     None),
    ({"entry.js": 'import { a as c } from "./a.js";\n', "a.js": "export const a = 1;\n"}, "expected imports by their exported names"),
    ({"entry.js": 'import { a } from "./a.js";\n', "a.js": 'export default 1;\nexport const a = 1;\n'}, "expected named imports and exported declarations only"),
    ({"entry.js": 'import { a } from "./a.js";\n', "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
      "b.js": 'import { a } from "./a.js";\nexport const b = 1;\n'}, "expected modules that do not import one another in a circle"),
    ({"entry.js": 'export { a } from "./a.js";\n', "a.js": "export const a = 1;\n"}, "got another import or a re-export"),
], ids=["two-modules-with-one-name", "renamed", "default-export", "circle", "re-export"])
def test_the_module_bundler_understands_what_it_says_and_refuses_the_rest(tmp_path: Path, files: dict[str, str], said: str | None) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if said is None:
        text, modules = bundled(tmp_path / "entry.js")
        assert [module.name for module in modules] == ["a.js", "b.js"]
        (tmp_path / "bundle.mjs").write_text(text, encoding="utf-8")
        probe = f"const {{ a, b }} = await import({str(tmp_path / 'bundle.mjs')!r}); console.log(a(), b());"
        assert subprocess.run(["node", "--input-type=module", "-e", probe], capture_output=True, text=True, timeout=60).stdout.strip() == "1 2"
        return
    with pytest.raises(PluginError, match=said):
        bundled(tmp_path / "entry.js")


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
