"""A real headless Chromium (Debian's `chromium`, driven by Playwright) against sites built for real."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import LOG_PATH, PHONE, Server
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from support import ROOT, build, copy_project, edit, notice

CHROMIUM = os.environ.get("NOTICE_CHROMIUM", "/usr/bin/chromium")
EXAMPLE = "2027-01-01"

GATED = """
<script type="text/plain" data-consent-category="statistics" src="/test-assets/statistics.js"></script>
<script type="text/plain" data-consent-category="marketing" src="/test-assets/marketing.js"></script>
<iframe data-src="/test-assets/frame.html" data-consent-category="marketing" title="Advertising test frame"></iframe>
"""
ASSETS = {
    # Each gated script records that it ran and sets the cookies its category lists in the data.
    "statistics.js": 'document.documentElement.dataset.ranStatistics = "yes";\n'
                     'document.cookie = "_pk_id.1.a1b2=visitor; Path=/; Max-Age=3600";\n'
                     'document.cookie = "_pk_ses.1.a1b2=1; Path=/; Max-Age=1800";\n',
    "marketing.js": 'document.documentElement.dataset.ranMarketing = "yes";\ndocument.cookie = "_gcl_au=1.1.123; Path=/; Max-Age=3600";\n',
    "frame.html": "<!doctype html><title>frame</title><p>advertising</p>\n",
}


def with_gated_page(site: Path) -> Path:
    """Add gated scripts and a gated frame to the notice pages, as a site owner would, and the assets they load."""
    for language in ("", "fr/", "pl/"):
        page = site / language / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", GATED + "</body>"), encoding="utf-8")
    assets = site / "test-assets"
    assets.mkdir(exist_ok=True)
    for name, content in ASSETS.items():
        (assets / name).write_text(content, encoding="utf-8")
    return site


def notice_command(project: Path, *args: str, today: str) -> None:
    result = notice(project, *args, today=today)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Published states of the site, each built for real:

    - "2024": the notice of 1 February 2024 (it lists no cookie);
    - "longer": 2024 plus an upcoming amendment that keeps support requests longer (material, consent unchanged);
    - "example": the example amendment published (it adds consent-based audience measurement and lists cookies);
    - "log": the example, with each decision's record sent to the test server (extra.notice.consent_log_url);
    - "wording": the example plus an amendment that only fixes wording.
    """
    base = tmp_path_factory.mktemp("sites")
    built = {}
    first = build(ROOT, base / "2024")
    assert first.returncode == 0, first.output
    built["2024"] = with_gated_page(first.site)

    longer = copy_project(base / "longer-project")
    notice_command(longer, "amend", "2026-12-15", today="2026-11-26")
    draft = longer / "data" / "versions" / "2026-12-15"
    edit(draft / "purposes.yml", "period: up to 3 years\n        after: request", "period: up to 5 years\n        after: request")
    edit(draft / "version.yml", "  en: TODO\n  fr: TODO\n  pl: TODO\n",
         "  en: Support requests kept longer.\n  fr: Demandes conservées plus longtemps.\n  pl: Dłuższe przechowywanie zgłoszeń.\n")
    notice_command(longer, "publish", "--translations-reviewed", "--urgent", "A test of an urgent amendment.", today="2026-11-26")
    upcoming = build(longer, base / "longer", env={"NOTICE_TODAY": "2026-11-27"})
    assert upcoming.returncode == 0, upcoming.output
    built["longer"] = with_gated_page(upcoming.site)

    project = copy_project(base / "project")
    shutil.copytree(ROOT / "examples" / "versions" / EXAMPLE, project / "data" / "versions" / EXAMPLE)
    notice_command(project, "publish", "--translations-reviewed", "--urgent", "Example publication for the tests.", today=EXAMPLE)
    example = build(project, base / "example", env={"NOTICE_TODAY": "2027-02-01"})
    assert example.returncode == 0, example.output
    built["example"] = with_gated_page(example.site)
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    edit(project / "mkdocs.yml", "    consent_log_url:\n", f"    consent_log_url: {LOG_PATH}\n")
    logged = build(project, base / "log", env={"NOTICE_TODAY": "2027-02-01"})
    assert logged.returncode == 0, logged.output
    built["log"] = with_gated_page(logged.site)
    (project / "mkdocs.yml").write_text(settings, encoding="utf-8")

    notice_command(project, "amend", "2027-06-01", today="2027-02-01")
    draft = project / "data" / "versions" / "2027-06-01"
    edit(draft / "purposes.yml", "analysis helps us identify areas", "analysis helps us to identify areas")
    edit(draft / "version.yml", "  en: TODO\n  fr: TODO\n  pl: TODO\n",
         "  en: Wording fix.\n  fr: Correction rédactionnelle.\n  pl: Poprawka redakcyjna.\n")
    notice_command(project, "publish", "--translations-reviewed", today="2027-02-01")
    wording = build(project, base / "wording", env={"NOTICE_TODAY": "2027-07-01"})
    assert wording.returncode == 0, wording.output
    built["wording"] = with_gated_page(wording.site)
    return built


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    server = Server()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh visitor: no cookies, no storage."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page



@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh visitor on a phone."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
