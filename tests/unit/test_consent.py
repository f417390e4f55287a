"""The consent configuration comes from the data; only a change in what consent covers changes its revision."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError
from support import LANGUAGES, ROOT, build, edit, line_of, load_version

from notice.amendment import Publication, publish_draft, start_amendment
from notice.consent import NoticeVersion, config, consent_view, revision
from notice.formatted import format_notice
from notice.load import load_snapshot
from notice.locale import load_catalogs
from notice.model import Notice
from notice.settings import Settings, load_settings
from notice.site import load_site

EXAMPLE = "examples/versions/2027-01-01"

COOKIE = """    cookies:
      - name: _pk_id
        provider: Matomo (SipSim, first party)
        lifetime: 13 months
        purpose:
          en: Distinguishes visits.
          fr: Distingue les visites.
          pl: Rozróżnia wizyty.
"""


load = load_version


def test_the_configuration_lists_the_optional_categories_and_their_cookies(published: Notice) -> None:
    settings = config(published, 6, False)
    assert settings["categories"] == [{"id": "statistics", "cookies": []}, {"id": "marketing", "cookies": []}]
    assert settings["days"] == 183 and settings["cookie"] == "notice_consent" and settings["gpc"] == ["marketing"]


def test_a_wording_fix_keeps_the_revision(published: Notice, draft: Path) -> None:
    edit(draft / "cookies.yml", "Marketing cookies track your online activity", "Marketing cookies follow your online activity")
    assert revision(load(draft)) == revision(published)


@pytest.mark.parametrize("change", ["cookie", "consent purpose"])
def test_more_consent_based_processing_changes_the_revision(published: Notice, draft: Path, change: str) -> None:
    if change == "cookie":
        edit(draft / "cookies.yml", "  - id: statistics\n", "  - id: statistics\n" + COOKIE)
    else:
        edit(draft / "purposes.yml", "        kinds: [legitimate_interests]\n        text:\n          en: |\n            Our engagement in outbound",
             "        kinds: [consent]\n        text:\n          en: |\n            Our engagement in outbound")
    assert revision(load(draft)) != revision(published)


@pytest.mark.parametrize(("old", "new"), [
    ("provider: Matomo (SipSim, first party)", "provider: Matomo Cloud (InnoCraft)"),
    ("lifetime: 13 months", "lifetime: 25 months"),
    ("name: _pk_id", "name: _pk_ref"),
], ids=["provider", "lifetime", "name"])
def test_a_cookie_given_to_another_provider_or_kept_longer_changes_the_revision(draft: Path, old: str, new: str) -> None:
    edit(draft / "cookies.yml", "  - id: statistics\n", "  - id: statistics\n" + COOKIE)
    before = revision(load(draft))
    edit(draft / "cookies.yml", old, new)
    assert revision(load(draft)) != before


def test_a_cookie_purpose_reworded_keeps_the_revision(draft: Path) -> None:
    edit(draft / "cookies.yml", "  - id: statistics\n", "  - id: statistics\n" + COOKIE)
    before = revision(load(draft))
    edit(draft / "cookies.yml", "en: Distinguishes visits.", "en: Tells visits apart.")
    assert revision(load(draft)) == before


@pytest.mark.parametrize(("months", "days"), [(1, 30), (6, 183), (13, 396)])
def test_the_choice_is_kept_for_the_configured_months(published: Notice, months: int, days: int) -> None:
    assert config(published, months, False)["days"] == days


@pytest.mark.parametrize("months", [0, 14, 24, "6", True])
def test_a_choice_is_never_kept_longer_than_thirteen_months(months: object) -> None:
    with pytest.raises(ValidationError) as error:
        Settings.model_validate({"languages": {"en": "en_GB"}, "consent_months": months})
    assert error.value.errors()[0]["loc"] == ("consent_months",)


@pytest.mark.parametrize("url", ["https://log.example/consent", "//log.example/consent", "/\\log.example", "consent-log",
                                 "/consent log", "/consent\nlog", "", 42, True])
def test_the_consent_log_is_a_path_on_this_site_or_nothing(url: object) -> None:
    with pytest.raises(ValidationError) as error:
        Settings.model_validate({"languages": {"en": "en_GB"}, "consent_log_url": url})
    assert error.value.errors()[0]["loc"] == ("consent_log_url",)


@pytest.mark.parametrize("url", [None, "/consent-log", "/api/consent?source=notice"])
def test_the_consent_log_is_off_by_default_and_goes_to_the_configuration(published: Notice, url: str | None) -> None:
    assert Settings.model_validate({"languages": {"en": "en_GB"}, "consent_log_url": url}).consent_log_url == url
    assert config(published, 6, False, url)["logUrl"] == url
    assert Settings.model_validate({"languages": {"en": "en_GB"}}).consent_log_url is None and config(published, 6, False)["logUrl"] is None


def test_a_consent_log_elsewhere_stops_the_build_naming_the_setting(project: Path) -> None:
    edit(project / "mkdocs.yml", "    consent_log_url:\n", "    consent_log_url: https://log.example/consent\n")

    result = build(project)

    assert result.returncode != 0
    assert (f"mkdocs.yml:{line_of(project / 'mkdocs.yml', 'consent_log_url:')}: extra.notice.consent_log_url: expected a path on this site "
            'starting with "/" (such as /consent-log), got "https://log.example/consent"') in result.output


def island(html: str) -> dict[str, object]:
    """The configuration the widget reads, from its rendered markup."""
    return json.loads(html.split('id="notice-consent-config">')[1].split("</script>")[0])  # type: ignore[no-any-return]


def test_the_record_names_the_version_in_force_its_page_and_the_newest_version(project: Path) -> None:
    today = date(2026, 11, 26)
    draft = start_amendment(project / "data", date(2026, 12, 1), today, LANGUAGES)
    edit(draft / "purposes.yml", "Our speciallists conduct", "Our specialists conduct")
    edit(draft / "version.yml", "  en: TODO\n  fr: TODO\n  pl: TODO\n", "  en: A typo.\n  fr: Une coquille.\n  pl: Literówka.\n")
    publish_draft(project / "data", today, Publication(LANGUAGES, 30, translations_reviewed=True))

    site = load_site(project, today, "https://privacy.example/", False, load_settings(project / "mkdocs.yml", "mkdocs.yml"))

    for language, root in (("en", ""), ("fr", "fr/"), ("pl", "pl/")):
        record = island(site.consent_html(site.page("history", language)))["record"]
        assert record["language"] == language  # type: ignore[index]
        assert record["notice"] == {  # type: ignore[index]
            "version": "2024-02-01", "url": f"https://privacy.example/{root}versions/2024-02-01/", "latest": "2026-12-01",
        }


def example_record(language: str, directory: Path = ROOT / EXAMPLE) -> dict[str, object]:
    notice = load_snapshot(directory, EXAMPLE, directory.parent, LANGUAGES.codes)
    version = NoticeVersion("2027-01-01", "https://privacy.example/versions/2027-01-01/", "2027-01-01")
    formatted = format_notice(notice, LANGUAGES[language], load_catalogs(ROOT, LANGUAGES).gettext(language))
    settings = Settings.model_validate({"languages": {"en": "en_GB", "fr": "fr_FR", "pl": "pl_PL"}})
    return consent_view(notice, formatted, settings, version).config["record"]  # type: ignore[no-any-return]


def test_the_record_describes_each_category_in_the_page_language_with_its_dpv_purpose() -> None:
    purposes = example_record("fr")["purposes"]
    assert [(p["category"], p["purpose"]) for p in purposes] == [  # type: ignore[attr-defined]
        ("necessary", "https://w3id.org/dpv#ServiceProvision"),
        ("statistics", "https://w3id.org/dpv#ServiceUsageAnalytics"),
        ("marketing", "https://w3id.org/dpv#Advertising"),
    ]
    statistics = purposes[1]  # type: ignore[index]
    assert statistics["name"] == "Cookies statistiques"
    assert statistics["cookies"][0] == {
        "name": "_pk_id", "provider": "Matomo (SipSim, first party)", "lifetime": "13\u00a0mois",
        "purpose": "Permet de distinguer les visites effectuées depuis un même navigateur aux fins de la mesure d’audience.",
    }


def test_the_record_names_the_controller_of_the_people_the_cookie_section_speaks_to(tmp_path: Path) -> None:
    assert [c["name"] for c in example_record("en")["controllers"]] == ["PG TELECOM Spolka z o.o."]  # type: ignore[attr-defined]
    assert example_record("en")["controllers"][0] == {  # type: ignore[index]
        "name": "PG TELECOM Spolka z o.o.", "address": "ul. Stefana Batorego 18/108, 02-591 Warsaw", "email": "info@sipsim.com",
        "phone": "+33 6 44 55 55 55", "website": "https://sipsim.com/",
    }
    directory = tmp_path / "2027-01-01"
    shutil.copytree(ROOT / EXAMPLE, directory)
    audiences = directory / "audiences.yml"  # the site visitors' controller becomes SIPSIM LLC
    head, tail = audiences.read_text(encoding="utf-8").split("  - id: site-visitor\n", 1)
    audiences.write_text(head + "  - id: site-visitor\n" + tail.replace("controller: pg-telecom", "controller: sipsim-llc", 1), encoding="utf-8")
    assert example_record("en", directory)["controllers"] == [{"name": "SIPSIM Limited liability company (SIPSIM, LLC)"}]


def test_only_material_amendments_are_news_newest_first(project: Path) -> None:
    """A longer retention (material), then a typo fixed (editorial): the widget is told of the first only."""
    for effective, old, new in (("2026-12-15", "period: up to 3 years\n        after: request", "period: up to 5 years\n        after: request"),
                                ("2027-01-15", "Our speciallists conduct", "Our specialists conduct")):
        draft = start_amendment(project / "data", date.fromisoformat(effective), date(2026, 11, 26), LANGUAGES)
        edit(draft / "purposes.yml", old, new)
        edit(draft / "version.yml", "  en: TODO\n  fr: TODO\n  pl: TODO\n", "  en: A change.\n  fr: Un changement.\n  pl: Zmiana.\n")
        publish_draft(project / "data", date(2026, 11, 26), Publication(LANGUAGES, 30, translations_reviewed=True, urgent="A test."))
    site = load_site(project, date(2026, 12, 20), "https://privacy.example/", False, load_settings(project / "mkdocs.yml", "mkdocs.yml"))

    amendments = island(site.consent_html(site.page("history", "pl")))["amendments"]

    assert amendments == [{"version": "2026-12-15", "date": "15 grudnia 2026 r.", "upcoming": False, "href": "2026-12-15/changes/"}]
