"""The consent widget in a real browser: what a visitor clicks, which scripts ran, which cookies exist."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from browsing import LOG_PATH, Server, axe_violations
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support import ROOT

pytestmark = pytest.mark.browser

BANNER = "[data-notice-consent-banner]"
DIALOG = "[data-notice-consent-dialog]"


def open_site(page: Page, server: Server, site: Path, path: str = "", headers: dict[str, str] | None = None) -> None:
    page.goto(server.serve(site, headers) + path)
    page.wait_for_function("document.querySelector('[data-notice-consent]') && !document.querySelector('[data-notice-consent]').hidden")


def ran(page: Page, category: str) -> bool:
    """Whether the category's gated script has run; an activated script loads asynchronously, so wait for it a little."""
    try:
        page.wait_for_function(f"document.documentElement.dataset.ran{category.title()} === 'yes'", timeout=1500)
    except PlaywrightTimeout:
        return False
    return True


def cookie_names(context: BrowserContext) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def stored(context: BrowserContext) -> dict[str, object]:
    cookie = next(cookie for cookie in context.cookies() if cookie["name"] == "notice_consent")
    return json.loads(unquote(cookie["value"]))


def click(page: Page, action: str, within: str = BANNER) -> None:
    page.locator(f"{within} [data-notice-consent-action={action}]").click()


def test_before_any_choice_no_gated_script_runs_and_no_cookie_exists(page: Page, context: BrowserContext, server: Server,
                                                                       sites: dict[str, Path]) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_visible()
    assert not ran(page, "statistics") and not ran(page, "marketing")
    assert page.locator("iframe[data-consent-category]").get_attribute("src") is None
    assert cookie_names(context) == set()
    assert all(url.startswith(server.url) for url in requests), "nothing may leave the site before consent"
    assert not any("/test-assets/" in url for url in requests)


def test_reject_all_runs_nothing_even_after_a_reload(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])

    click(page, "reject")
    page.reload()
    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_hidden()
    assert not ran(page, "statistics") and not ran(page, "marketing")
    assert cookie_names(context) == {"notice_consent"}
    assert stored(context)["categories"] == ["necessary"]


def test_accept_all_runs_every_category_now_and_on_later_pages(page: Page, context: BrowserContext, server: Server,
                                                                sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])

    click(page, "accept")

    assert ran(page, "statistics") and ran(page, "marketing")
    assert page.locator("iframe[data-consent-category]").get_attribute("src") == "/test-assets/frame.html"
    page.goto(server.url + "fr/")
    page.wait_for_function("document.documentElement.dataset.ranMarketing === 'yes'")
    assert stored(context)["categories"] == ["necessary", "statistics", "marketing"]


def test_statistics_only_runs_only_statistics(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])

    click(page, "customise")
    page.locator(f"{DIALOG} input[name=statistics]").check()
    click(page, "save", DIALOG)

    assert ran(page, "statistics") and not ran(page, "marketing")
    assert {"_pk_id.1.a1b2", "_pk_ses.1.a1b2"} <= cookie_names(context)
    assert "_gcl_au" not in cookie_names(context)
    assert page.locator("iframe[data-consent-category]").get_attribute("src") is None


def test_withdrawing_a_category_deletes_the_cookies_the_data_lists_for_it(page: Page, context: BrowserContext, server: Server,
                                                                          sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "accept")
    assert ran(page, "statistics") and ran(page, "marketing")
    assert {"_pk_id.1.a1b2", "_pk_ses.1.a1b2", "_gcl_au"} <= cookie_names(context)

    page.locator("footer [data-notice-consent-open]").click()
    page.locator(f"{DIALOG} input[name=statistics]").uncheck()
    with page.expect_navigation():
        click(page, "save", DIALOG)
    open_site(page, server, sites["example"])

    assert not {"_pk_id.1.a1b2", "_pk_ses.1.a1b2"} & cookie_names(context)
    assert "_gcl_au" in cookie_names(context)
    assert not ran(page, "statistics") and ran(page, "marketing")


def test_the_whole_choice_can_be_made_with_the_keyboard(page: Page, context: BrowserContext, server: Server,
                                                         sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.noticeConsentAction") == "customise":
            break
    else:
        pytest.fail("Tab never reached the Customise button")
    page.keyboard.press("Enter")
    expect(page.locator(DIALOG)).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "nt-consent-dialog-title"
    for _ in range(3):  # past the necessary category's list of cookies
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "statistics":
            break
    assert page.evaluate("document.activeElement.name") == "statistics"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "switch"
    page.keyboard.press("Space")
    while page.evaluate("document.activeElement.dataset.noticeConsentAction") != "save":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.locator(DIALOG)).to_be_hidden()
    assert stored(context)["categories"] == ["necessary", "statistics"]
    assert page.evaluate("document.activeElement.hasAttribute('data-notice-consent-open')"), "focus goes back to the page"
    expect(page.locator("[data-notice-consent-status]")).to_have_text("Your cookie choices are saved.")


def test_escape_closes_the_dialog_without_consent_and_returns_focus(page: Page, context: BrowserContext, server: Server,
                                                                     sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    customise = page.locator(f"{BANNER} [data-notice-consent-action=customise]")
    customise.focus()
    page.keyboard.press("Enter")
    expect(page.locator(DIALOG)).to_be_visible()

    page.keyboard.press("Escape")

    expect(page.locator(DIALOG)).to_be_hidden()
    expect(page.locator(BANNER)).to_be_visible()
    assert cookie_names(context) == set()
    assert page.evaluate("document.activeElement.dataset.noticeConsentAction") == "customise"


def test_close_without_saving_accepts_nothing(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "customise")
    page.locator(f"{DIALOG} input[name=statistics]").check()
    page.locator(f"{DIALOG} input[name=marketing]").check()

    click(page, "close", DIALOG)

    expect(page.locator(DIALOG)).to_be_hidden()
    expect(page.locator(BANNER)).to_be_visible()
    assert cookie_names(context) == set()
    assert not ran(page, "statistics") and not ran(page, "marketing")
    page.reload()
    open_site(page, server, sites["example"])
    expect(page.locator(BANNER)).to_be_visible()


def test_the_dialog_is_labelled_and_its_switches_have_roles_and_states(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "customise")

    dialog = page.get_by_role("dialog", name="Cookie settings")
    expect(dialog).to_be_visible()
    necessary = dialog.get_by_role("switch", name="Strictly Necessary (Technical) Cookies")
    expect(necessary).to_be_checked()
    expect(necessary).to_be_disabled()
    expect(dialog.get_by_text("Always on", exact=True)).to_be_visible()
    for name in ("Statistics Cookies", "Marketing Cookies"):
        expect(dialog.get_by_role("switch", name=name)).not_to_be_checked()
    assert page.evaluate("getComputedStyle(document.querySelector('[data-notice-consent-action=accept]')).cssText") == \
        page.evaluate("getComputedStyle(document.querySelector('[data-notice-consent-action=reject]')).cssText"), \
        "Accept all and Reject all look exactly alike"


def test_a_global_privacy_control_signal_refuses_marketing(page: Page, context: BrowserContext, server: Server,
                                                            sites: dict[str, Path]) -> None:
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })")
    open_site(page, server, sites["example"])

    click(page, "customise")
    expect(page.locator("p[data-notice-consent-gpc]")).to_be_visible()
    expect(page.locator(f"{DIALOG} .nt-consent__gpc-note")).to_be_visible()
    expect(page.locator(f"{DIALOG} input[name=marketing]")).to_be_disabled()
    click(page, "accept", DIALOG)

    assert ran(page, "statistics") and not ran(page, "marketing")
    assert stored(context)["categories"] == ["necessary", "statistics"]


def site_config(site: Path, path: str = "") -> dict[str, Any]:
    """The widget's configuration as the build wrote it into a page."""
    return json.loads((site / path / "index.html").read_text().split('id="notice-consent-config">')[1].split("</script>")[0])


def days_ago(days: float) -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=days)

ALL = ["necessary", "statistics", "marketing"]


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def record(config: dict[str, Any], chosen: datetime, accepted: list[str], **changes: object) -> dict[str, object]:
    """A decision's record exactly as the widget writes it, made at `chosen`."""
    optional = [category["id"] for category in config["categories"]]
    return {
        "schema": "notice-consent-record/1", "id": str(uuid.uuid4()),
        "time": stamp(chosen), "expires": stamp(chosen + timedelta(days=183)), "event": "given", "method": "save",
        "categories": accepted, "refused": [category for category in optional if category not in accepted],
        "revision": config["revision"], "language": config["record"]["language"], "notice": config["record"]["notice"],
    } | changes


def consent_cookie(server: Server, value: dict[str, object]) -> Any:
    return {"name": "notice_consent", "value": quote(json.dumps(value)), "url": server.url, "expires": time.time() + 400 * 86400}


@pytest.mark.parametrize("changes", [
    {"categories": "nostatisticsnomarketing"},  # a string: read by substring, it matched both categories
    {"categories": ["necessary", "statistics", "marketing", "statistics"]},
    {"time": "2999-01-01T00:00:00.000Z", "expires": "2999-07-02T00:00:00.000Z"},  # a choice that would never expire
    {"expires": "2999-01-01T00:00:00.000Z"},
    {"time": timedelta(minutes=5)},  # from now, when the test runs
    {"refused": ["marketing"]},
    {"id": "visitor-42"},
], ids=["categories-string", "category-twice", "time-2999", "expiry-2999", "time-in-future", "accepted-and-refused", "id"])
def test_a_stored_value_the_widget_would_not_write_is_no_decision(page: Page, context: BrowserContext, server: Server,
                                                                  sites: dict[str, Path], changes: dict[str, object]) -> None:
    server.serve(sites["example"])
    now = datetime.now(timezone.utc)
    changes = {key: stamp(now + value) if isinstance(value, timedelta) else value for key, value in changes.items()}
    context.add_cookies([consent_cookie(server, record(site_config(sites["example"]), now - timedelta(days=1), ALL, **changes))])

    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_visible()
    assert not ran(page, "statistics") and not ran(page, "marketing")
    assert page.evaluate("(async () => (await import('/assets/javascripts/consent.js')).getConsent())()") is None


def test_the_forged_record_of_these_tests_is_one_the_widget_accepts(page: Page, context: BrowserContext, server: Server,
                                                                     sites: dict[str, Path]) -> None:
    server.serve(sites["example"])
    context.add_cookies([consent_cookie(server, record(site_config(sites["example"]), days_ago(1), ALL))])

    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_hidden()
    assert ran(page, "statistics") and ran(page, "marketing")


def test_a_global_privacy_control_signal_refuses_marketing_in_a_choice_stored_before(page: Page, context: BrowserContext, server: Server,
                                                                                    sites: dict[str, Path]) -> None:
    """Accept all was chosen on a visit without the signal; the browser sends it now: a withdrawal, recorded."""
    server.serve(sites["example"])
    before = record(site_config(sites["example"]), days_ago(1), ALL, method="accept-all")
    context.add_cookies([consent_cookie(server, before),
                         {"name": "_gcl_au", "value": "1.1.123", "url": server.url, "expires": time.time() + 3600}])
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })")

    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_hidden()
    assert ran(page, "statistics") and not ran(page, "marketing")
    assert page.locator("iframe[data-consent-category]").get_attribute("src") is None
    assert "_gcl_au" not in cookie_names(context)
    after = stored(context)
    assert (after["event"], after["method"], after["categories"], after["refused"]) == ("withdrawn", "gpc", ["necessary", "statistics"], ["marketing"])
    assert after["expires"] == before["expires"] and after["id"] != before["id"]


@pytest.mark.parametrize(("months_ago", "asked_again"), [(5, False), (7, True)])
def test_a_choice_expires_after_six_months(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path],
                                           months_ago: int, asked_again: bool) -> None:
    chosen = datetime.now(timezone.utc) - timedelta(days=months_ago * 30.5)
    server.serve(sites["example"])
    context.add_cookies([consent_cookie(server, record(site_config(sites["example"]), chosen, ["necessary", "statistics"]))])

    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_visible() if asked_again else expect(page.locator(BANNER)).to_be_hidden()
    assert ran(page, "statistics") is not asked_again


def test_the_choice_is_stored_first_party_with_its_expiry(page: Page, context: BrowserContext, server: Server,
                                                          sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "reject")

    cookie = next(cookie for cookie in context.cookies() if cookie["name"] == "notice_consent")
    assert cookie["domain"] == "127.0.0.1" and cookie["path"] == "/" and cookie["sameSite"] == "Lax"
    assert 182 * 86400 - 60 < cookie["expires"] - time.time() < 183 * 86400
    value = stored(context)
    chosen = datetime.fromisoformat(str(value["time"]).replace("Z", "+00:00"))
    assert abs(chosen - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert datetime.fromisoformat(str(value["expires"]).replace("Z", "+00:00")) - chosen == timedelta(days=183)
    assert len(cookie["name"]) + len(cookie["value"]) < 1500, "far below the 4 KB a browser keeps for a cookie"


@pytest.mark.parametrize("path", ["", "fr/", "pl/"], ids=["en", "fr", "pl"])
def test_the_stored_choice_is_the_record_of_the_decision(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path],
                                                         path: str) -> None:
    open_site(page, server, sites["example"], path)
    click(page, "reject")

    value = stored(context)
    config = site_config(sites["example"], path)
    assert set(value) == {"schema", "id", "time", "expires", "event", "method", "categories", "refused", "revision", "language", "notice"}
    assert value["schema"] == "notice-consent-record/1"
    assert str(uuid.UUID(str(value["id"]))) == value["id"] and uuid.UUID(str(value["id"])).version == 4
    assert (value["event"], value["method"]) == ("refused", "reject-all")
    assert (value["categories"], value["refused"]) == (["necessary"], ["statistics", "marketing"])
    assert value["revision"] == config["revision"]
    assert value["language"] == (path.strip("/") or "en")
    assert value["notice"] == {"version": "2027-01-01", "url": f"https://privacy.sipsim.com/{path}versions/2027-01-01/", "latest": "2027-01-01"}


def decide_in_dialog(page: Page, categories: list[str]) -> None:
    page.locator("footer [data-notice-consent-open]").click()
    for name in ("statistics", "marketing"):
        page.locator(f"{DIALOG} input[name={name}]").set_checked(name in categories)
    click(page, "save", DIALOG)


def test_each_record_says_whether_consent_was_given_refused_withdrawn_or_renewed(page: Page, context: BrowserContext, server: Server,
                                                                                 sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    events = []

    click(page, "customise")
    click(page, "reject", DIALOG)
    events.append((stored(context)["event"], stored(context)["method"]))
    decide_in_dialog(page, ["statistics"])
    events.append((stored(context)["event"], stored(context)["method"]))
    decide_in_dialog(page, ["statistics"])
    events.append((stored(context)["event"], stored(context)["method"]))
    page.locator("footer [data-notice-consent-open]").click()
    click(page, "accept", DIALOG)
    events.append((stored(context)["event"], stored(context)["method"]))
    with page.expect_navigation():  # statistics' script ran: the page reloads so that it no longer runs
        decide_in_dialog(page, ["marketing"])
    events.append((stored(context)["event"], stored(context)["method"]))

    assert events == [("refused", "reject-all"), ("given", "save"), ("renewed", "save"), ("given", "accept-all"), ("withdrawn", "save")]


def test_the_same_choice_after_an_expiry_is_a_renewal(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    server.serve(sites["example"])
    chosen = days_ago(200)
    context.add_cookies([consent_cookie(server, record(site_config(sites["example"]), chosen, ALL, method="accept-all"))])
    open_site(page, server, sites["example"])
    expect(page.locator(BANNER)).to_be_visible()

    click(page, "accept")

    assert (stored(context)["event"], stored(context)["method"]) == ("renewed", "accept-all")


@pytest.mark.parametrize("path", ["", "pl/"], ids=["en", "pl"])
def test_the_visitor_downloads_exactly_the_stored_record_with_its_texts(page: Page, context: BrowserContext, server: Server,
                                                                        sites: dict[str, Path], path: str) -> None:
    open_site(page, server, sites["example"], path)
    click(page, "customise")
    expect(page.locator("[data-notice-consent-download]")).to_be_hidden()  # no decision, no record
    page.locator(f"{DIALOG} input[name=statistics]").check()
    click(page, "save", DIALOG)

    page.locator("footer [data-notice-consent-open]").click()
    with page.expect_download() as info:
        page.locator("[data-notice-consent-download]").click()

    download = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    value = stored(context)
    config = site_config(sites["example"], path)
    assert info.value.suggested_filename == f"consent-record-{value['id']}.json"
    assert {key: download[key] for key in value} == value
    assert set(download) - set(value) == {"controllers", "purposes"}
    assert download["controllers"] == [{"name": "PG TELECOM Spolka z o.o.", "address": "ul. Stefana Batorego 18/108, 02-591 Warsaw",
                                        "email": "info@sipsim.com", "phone": "+33 6 44 55 55 55", "website": "https://sipsim.com/"}]
    assert download["purposes"] == config["record"]["purposes"]
    statistics = next(purpose for purpose in download["purposes"] if purpose["category"] == "statistics")
    assert statistics["purpose"] == "https://w3id.org/dpv#ServiceUsageAnalytics"
    assert statistics["name"] == {"": "Statistics Cookies", "pl/": "Statystyczne pliki cookie"}[path]
    assert [cookie["name"] for cookie in statistics["cookies"]] == ["_pk_id", "_pk_ses"]
    assert statistics["cookies"][0]["lifetime"] == {"": "13 months", "pl/": "13 miesięcy"}[path]
    assert statistics["cookies"][1]["purpose"].startswith({"": "Groups the pages", "pl/": "Grupuje podstrony"}[path])


def test_asked_again_after_a_version_adds_consent_based_processing(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["2024"])
    click(page, "accept")

    open_site(page, server, sites["example"])

    expect(page.locator(BANNER)).to_be_visible()


def test_not_asked_again_after_a_wording_fix(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "accept")

    open_site(page, server, sites["wording"])

    expect(page.locator(BANNER)).to_be_hidden()
    assert ran(page, "statistics")


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'")


def test_it_works_under_a_strict_content_security_policy(page: Page, context: BrowserContext, server: Server,
                                                         sites: dict[str, Path]) -> None:
    context.add_init_script("window.violations = []; document.addEventListener('securitypolicyviolation', "
                            "(event) => window.violations.push(event.violatedDirective + ' ' + event.blockedURI))")
    open_site(page, server, sites["example"], headers={"Content-Security-Policy": CSP})

    click(page, "customise")
    click(page, "accept", DIALOG)
    page.locator("footer [data-notice-consent-open]").click()
    with page.expect_download() as info:
        page.locator("[data-notice-consent-download]").click()

    assert ran(page, "statistics") and ran(page, "marketing")
    assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["categories"] == ALL
    assert page.evaluate("window.violations") == []


def test_the_readme_states_the_policy_that_is_tested() -> None:
    """Whoever copies the README's policy gets the one this suite runs the site under, in full."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"under exactly this policy: `{CSP}`" in readme


@pytest.mark.parametrize(("path", "texts"), [
    ("", ["Accept all", "Reject all", "Customise", "Cookie settings"]),
    ("fr/", ["Tout accepter", "Tout refuser", "Personnaliser", "Paramètres des cookies"]),
    ("pl/", ["Zaakceptuj wszystkie", "Odrzuć wszystkie", "Dostosuj", "Ustawienia plików cookie"]),
], ids=["en", "fr", "pl"])
def test_each_language_has_its_texts(page: Page, server: Server, sites: dict[str, Path], path: str, texts: list[str]) -> None:
    open_site(page, server, sites["example"], path)
    accept, reject, customise, title = texts

    banner = page.locator(BANNER)
    for label in (accept, reject, customise):
        expect(banner.get_by_role("button", name=label)).to_be_visible()
    banner.get_by_role("button", name=customise).click()
    expect(page.get_by_role("dialog", name=title)).to_be_visible()


def test_showing_the_banner_does_not_shift_the_layout(page: Page, server: Server, sites: dict[str, Path]) -> None:
    page.add_init_script("window.shifts = []; new PerformanceObserver((list) => { for (const entry of list.getEntries()) "
                         "if (!entry.hadRecentInput) window.shifts.push([entry.value, entry.sources.map((source) => "
                         "source.node && (source.node.className || source.node.nodeName))]); }).observe({ type: 'layout-shift', buffered: true })")
    open_site(page, server, sites["example"])
    expect(page.locator(BANNER)).to_be_visible()
    page.wait_for_timeout(300)

    assert page.evaluate("window.shifts") == []


def test_the_javascript_api_reads_opens_and_tells(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    page.evaluate("""async () => {
        window.consent = await import('/assets/javascripts/consent.js');
        window.changes = [];
        consent.onChange((event) => window.changes.push(event.detail.categories));
    }""")
    assert page.evaluate("consent.getConsent()") is None

    page.evaluate("consent.openPreferences()")
    expect(page.locator(DIALOG)).to_be_visible()
    click(page, "accept", DIALOG)

    assert page.evaluate("consent.getConsent().categories") == ["necessary", "statistics", "marketing"]
    assert page.evaluate("window.changes") == [["necessary", "statistics", "marketing"]]


def test_reset_forgets_the_page_state_and_mount_reads_the_stored_choice_again(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "accept")
    result = page.evaluate("""async () => {
        const widget = await import('/assets/javascripts/consent.js');  // the page's own instance
        widget.reset();
        const forgotten = widget.getConsent();
        widget.openPreferences();
        const opened = document.querySelector('[data-notice-consent-dialog]').open;
        widget.mount();
        return [forgotten, opened, widget.getConsent().categories];
    }""")
    assert result == [None, False, ["necessary", "statistics", "marketing"]]
    page.locator("footer [data-notice-consent-open]").click()
    expect(page.locator(DIALOG)).to_be_visible()


def test_without_javascript_the_page_reads_fully_with_no_banner_and_no_cookie(browser, server: Server, sites: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.serve(sites["example"]))

    expect(page.locator(BANNER)).to_be_hidden()
    expect(page.get_by_text("Without JavaScript, no optional cookie is ever set")).to_be_visible()
    expect(page.locator("h3#product-improvement")).to_be_visible()
    assert not ran(page, "statistics")
    assert context.cookies() == []
    context.close()


def test_google_consent_mode_is_denied_by_default_and_updated_on_a_choice(page: Page, server: Server, sites: dict[str, Path],
                                                                         tmp_path: Path) -> None:
    """With extra.notice.google_consent_mode, the categories map to Consent Mode v2 signals."""
    site = tmp_path / "site"
    shutil.copytree(sites["example"], site)
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace('"googleConsentMode": false', '"googleConsentMode": true'), encoding="utf-8")
    open_site(page, server, site)

    click(page, "customise")
    page.locator(f"{DIALOG} input[name=statistics]").check()
    click(page, "save", DIALOG)

    layer = page.evaluate("window.dataLayer.map((entry) => Array.from(entry))")
    assert layer[0] == ["consent", "default", {"analytics_storage": "denied", "ad_storage": "denied", "ad_user_data": "denied",
                                               "ad_personalization": "denied"}]
    assert layer[1] == ["consent", "update", {"analytics_storage": "granted", "ad_storage": "denied", "ad_user_data": "denied",
                                              "ad_personalization": "denied"}]


def test_without_google_consent_mode_no_data_layer_is_created(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "accept")
    assert page.evaluate("typeof window.dataLayer") == "undefined"


def test_focus_is_visible_and_motion_is_reduced_on_request(browser, server: Server, sites: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    open_site(page, server, sites["example"])

    page.locator(f"{BANNER} [data-notice-consent-action=reject]").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so that :focus-visible applies
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px")
    click(page, "customise")
    switch = page.locator(f"{DIALOG} input[name=statistics]")
    assert switch.evaluate("(input) => getComputedStyle(input, '::before').transitionDuration") == "0s"
    context.close()


def test_without_a_reduced_motion_request_the_switch_moves(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["example"])
    click(page, "customise")
    switch = page.locator(f"{DIALOG} input[name=statistics]")
    assert switch.evaluate("(input) => getComputedStyle(input, '::before').transitionDuration") == "0.15s"


SPY = """window.beacons = [];
const sendBeacon = Navigator.prototype.sendBeacon;
Navigator.prototype.sendBeacon = function (url, data) { window.beacons.push(String(url)); return sendBeacon.call(this, url, data); };"""


def stored_text(context: BrowserContext) -> str:
    return unquote(next(cookie for cookie in context.cookies() if cookie["name"] == "notice_consent")["value"])


def test_with_a_consent_log_each_decision_sends_exactly_its_stored_record(page: Page, context: BrowserContext, server: Server,
                                                                         sites: dict[str, Path]) -> None:
    context.add_init_script(SPY)
    open_site(page, server, sites["log"])
    assert site_config(sites["log"])["logUrl"] == LOG_PATH

    click(page, "accept")
    first = server.wait_for_posts(1)
    decide_in_dialog(page, ["statistics", "marketing"])
    second = server.wait_for_posts(2)

    assert page.evaluate("window.beacons") == [LOG_PATH, LOG_PATH]
    assert len(second) == 2 and second[0] == first[0]
    assert all(post.content_type == "application/json" for post in second)
    assert first[0].body.decode() != second[1].body.decode()
    assert second[1].body.decode() == stored_text(context), "the beacon carries exactly the stored record"
    assert json.loads(first[0].body)["method"] == "accept-all" and json.loads(second[1].body)["event"] == "renewed"


def test_with_a_consent_log_nothing_is_sent_before_a_decision_nor_for_one_already_made(page: Page, context: BrowserContext, server: Server,
                                                                                       sites: dict[str, Path]) -> None:
    context.add_init_script(SPY)
    open_site(page, server, sites["log"])
    expect(page.locator(BANNER)).to_be_visible()
    assert page.evaluate("window.beacons") == []

    server.serve(sites["log"])
    context.add_cookies([consent_cookie(server, record(site_config(sites["log"]), days_ago(1), ALL))])
    page.reload()
    open_site(page, server, sites["log"])
    assert ran(page, "statistics")
    assert page.evaluate("window.beacons") == []
    page.reload()  # a beacon queued by the page would be sent before it unloads
    open_site(page, server, sites["log"])
    assert page.evaluate("window.beacons") == [] and server.received == []


def test_a_gpc_withdrawal_is_a_decision_the_consent_log_receives(page: Page, context: BrowserContext, server: Server,
                                                                 sites: dict[str, Path]) -> None:
    server.serve(sites["log"])
    context.add_cookies([consent_cookie(server, record(site_config(sites["log"]), days_ago(1), ALL))])
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })")

    open_site(page, server, sites["log"])

    posts = server.wait_for_posts(1)
    assert len(posts) == 1 and posts[0].body.decode() == stored_text(context)
    assert json.loads(posts[0].body)["method"] == "gpc"


def test_without_a_consent_log_no_decision_sends_anything(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    context.add_init_script(SPY)
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method != "GET" else None)
    open_site(page, server, sites["example"])
    assert site_config(sites["example"])["logUrl"] is None

    click(page, "accept")
    decide_in_dialog(page, ["statistics", "marketing"])
    assert page.evaluate("window.beacons") == []
    page.reload()  # a beacon queued by the page would be sent before it unloads
    open_site(page, server, sites["example"])

    assert page.evaluate("window.beacons") == [] and posts == [] and server.received == []


NEWS = "[data-notice-consent-news]"


def test_a_returning_visitor_is_told_of_a_material_amendment_published_since_their_choice(page: Page, context: BrowserContext,
                                                                                        server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["2024"])
    click(page, "accept")
    open_site(page, server, sites["longer"], "fr/")

    news = page.locator(NEWS)
    assert news.is_visible() and not page.locator(BANNER).is_visible(), "the choice stands: told, not asked again"
    assert news.inner_text().startswith("Cette politique de confidentialité a changé depuis votre choix")
    assert "Une version comportant des modifications substantielles entre en vigueur le 15 décembre 2026." in news.inner_text()
    news.get_by_role("link").click()
    assert page.url.endswith("/fr/versions/2026-12-15/changes/")


def test_dismissing_the_news_is_remembered(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["2024"])
    click(page, "accept")
    open_site(page, server, sites["longer"])
    page.locator(NEWS).get_by_role("button").press("Enter")

    assert not page.locator(NEWS).is_visible()
    open_site(page, server, sites["longer"], "versions/")
    assert not page.locator(NEWS).is_visible()


def test_a_first_visit_gets_the_banner_and_no_news(page: Page, server: Server, sites: dict[str, Path]) -> None:
    open_site(page, server, sites["longer"])

    assert page.locator(BANNER).is_visible() and not page.locator(NEWS).is_visible()


def test_an_editorial_amendment_is_never_news(page: Page, server: Server, sites: dict[str, Path]) -> None:
    """The wording site adds, to the example, an amendment that only fixes wording: nothing to tell."""
    open_site(page, server, sites["example"])
    click(page, "accept")
    open_site(page, server, sites["wording"])

    assert not page.locator(BANNER).is_visible() and not page.locator(NEWS).is_visible()


def test_the_news_works_under_the_strict_policy(page: Page, context: BrowserContext, server: Server, sites: dict[str, Path]) -> None:
    context.add_init_script("window.violations = []; document.addEventListener('securitypolicyviolation', "
                            "(event) => window.violations.push(event.violatedDirective + ' ' + event.blockedURI))")
    open_site(page, server, sites["2024"])
    click(page, "accept")
    open_site(page, server, sites["longer"], headers={"Content-Security-Policy": CSP})

    assert page.locator(NEWS).is_visible()
    assert page.evaluate("window.violations") == []


@pytest.mark.parametrize("path", ["", "pl/versions/"])
def test_the_news_is_accessible(page: Page, server: Server, sites: dict[str, Path], path: str) -> None:
    open_site(page, server, sites["2024"])
    click(page, "accept")
    open_site(page, server, sites["longer"], path)

    assert page.locator(NEWS).is_visible()
    assert axe_violations(page) == []
