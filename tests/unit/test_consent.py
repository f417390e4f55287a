"""The consent configuration comes from the data; only a change in what consent covers changes its revision."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from support import edit, load_version

from notice.consent import config, revision
from notice.model import Notice
from notice.settings import Settings

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


@pytest.mark.parametrize(("months", "days"), [(1, 30), (6, 183), (13, 396)])
def test_the_choice_is_kept_for_the_configured_months(published: Notice, months: int, days: int) -> None:
    assert config(published, months, False)["days"] == days


@pytest.mark.parametrize("months", [0, 14, 24, "6", True])
def test_a_choice_is_never_kept_longer_than_thirteen_months(months: object) -> None:
    with pytest.raises(ValidationError) as error:
        Settings.model_validate({"languages": {"en": "en_GB"}, "consent_months": months})
    assert error.value.errors()[0]["loc"] == ("consent_months",)
