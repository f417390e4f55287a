"""The consent configuration comes from the data; only a change in what consent covers changes its revision."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import edit

from notice.consent import config, revision
from notice.errors import UsageError
from notice.load import load_snapshot
from notice.model import Notice
from notice.site import ConsentSettings

COOKIE = """    cookies:
      - name: _pk_id
        provider: Matomo (SipSim, first party)
        lifetime: 13 months
        purpose:
          en: Distinguishes visits.
          fr: Distingue les visites.
          pl: Rozróżnia wizyty.
"""


def load(directory: Path) -> Notice:
    return load_snapshot(directory, f"data/versions/{directory.name}")


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
        edit(draft / "purposes.yml", "      - kinds: [legitimate_interests]\n        text:\n          en: |\n            Our engagement in outbound",
             "      - kinds: [consent]\n        text:\n          en: |\n            Our engagement in outbound")
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
    with pytest.raises(UsageError, match="extra.notice.consent_months: expected a whole number of months from 1 to 13"):
        ConsentSettings(months=months)  # type: ignore[arg-type]
