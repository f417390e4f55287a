"""Size of the consent widget against vanilla-cookieconsent 3.1.0, both set up for the same three categories.

Run: .venv/bin/python bench/consent_size.py
vanilla-cookieconsent is installed from npm into a temporary folder for the comparison (never copied here).
The widget is measured as a real build of this site serves it (script and stylesheet minified by the build): its
one script (the entry with the modules it imports inside it), its stylesheet, and its HTML (banner, dialog,
configuration); the
cookieconsent side counts its script, its stylesheet and the `run()` call that configures the same three
categories with English texts (its markup is built by its script).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from notice_mkdocs.assets import minified

ROOT = Path(__file__).resolve().parents[1]

COOKIECONSENT_RUN = """
CookieConsent.run({
  categories: { necessary: { enabled: true, readOnly: true }, analytics: { autoClear: { cookies: [{ name: /^_pk_/ }] } },
                marketing: { autoClear: { cookies: [{ name: "_gcl_au" }] } } },
  language: { default: "en", translations: { en: {
    consentModal: { title: "Your choice about cookies", description: "We use strictly necessary cookies to run this site and, if you agree, statistics and marketing cookies. You can change your choice at any time.",
                    acceptAllBtn: "Accept all", acceptNecessaryBtn: "Reject all", showPreferencesBtn: "Customise" },
    preferencesModal: { title: "Cookie settings", acceptAllBtn: "Accept all", acceptNecessaryBtn: "Reject all", savePreferencesBtn: "Save my choices",
      sections: [
        { title: "Strictly Necessary (Technical) Cookies", description: "These cookies are essential for the proper operation of our website.", linkedCategory: "necessary" },
        { title: "Statistics Cookies", description: "These cookies gather information about your website usage.", linkedCategory: "analytics" },
        { title: "Marketing Cookies", description: "Marketing cookies track your online activity.", linkedCategory: "marketing" } ] } } } }
});
"""


def sizes(data: bytes | list[bytes]) -> tuple[int, int]:
    """Raw and gzipped bytes; several files are counted one by one, as each is its own request."""
    files = data if isinstance(data, list) else [data]
    return sum(len(file) for file in files), sum(len(gzip.compress(file, compresslevel=9)) for file in files)


def built_widget(site: Path) -> dict[str, bytes | list[bytes]]:
    """The script mkdocs.yml loads (its modules inside it) and the widget's part of the early script, the stylesheet and
    the markup of one page."""
    scripts = site / "assets" / "javascripts"
    page = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<div class="nt-consent".*?</script>\s*</div>', page, re.S)
    assert match, "the widget's markup was not found in the built page"
    return {"script": [(scripts / "consent.js").read_bytes(),
                       minified(ROOT / "overrides" / "assets" / "javascripts" / "consent" / "first-paint.js").encode()],  # inside early.js
            "stylesheet": minified(ROOT / "overrides" / "assets" / "stylesheets" / "consent.css").encode(),  # served inside notice.css
            "configuration": match.group(0).encode()}


def build() -> Path:
    site = Path(tempfile.mkdtemp()) / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return site


def cookieconsent() -> dict[str, bytes | list[bytes]]:
    folder = Path(tempfile.mkdtemp())
    subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder),
                    "vanilla-cookieconsent@3.1.0"], check=True)
    dist = folder / "node_modules" / "vanilla-cookieconsent" / "dist"
    return {"script": (dist / "cookieconsent.umd.js").read_bytes(), "stylesheet": (dist / "cookieconsent.css").read_bytes(),
            "configuration": COOKIECONSENT_RUN.encode()}


def main() -> None:
    ours = built_widget(build())
    theirs = cookieconsent()
    print(f"{'':28}{'this widget':>22}{'cookieconsent 3.1.0':>24}")
    print(f"{'bytes':28}{'raw':>11}{'gzip':>11}{'raw':>12}{'gzip':>12}")
    totals = [0, 0, 0, 0]
    for part in ("script", "stylesheet", "configuration"):
        row = [*sizes(ours[part]), *sizes(theirs[part])]
        totals = [a + b for a, b in zip(totals, row)]
        label = {"configuration": "markup + config (per page)", "script": f"script ({len(ours['script'])} file{'s' if len(ours['script']) > 1 else ''})"}.get(part, part)
        print(f"{label:28}{row[0]:>11,}{row[1]:>11,}{row[2]:>12,}{row[3]:>12,}")
    print(f"{'total':28}{totals[0]:>11,}{totals[1]:>11,}{totals[2]:>12,}{totals[3]:>12,}")
    code = sizes(ours["script"])[1] + sizes(ours["stylesheet"])[1]
    their_code = sizes(theirs["script"])[1] + sizes(theirs["stylesheet"])[1]
    print(f"\nscript + stylesheet, gzipped: {code:,} B against {their_code:,} B = {code / their_code:.1%} (target: at most a third)")
    print(f"everything a page loads for consent, gzipped: {totals[1]:,} B against {totals[3]:,} B = {totals[1] / totals[3]:.1%}")


if __name__ == "__main__":
    main()
