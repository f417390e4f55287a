"""The consent widget's configuration, generated from the notice's cookie categories so that the two agree.

The revision is a hash of what consent covers (the optional categories, their cookies, the purposes based on
consent): a new version that adds consent-based processing asks visitors again; a wording fix does not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from notice.formatted import GPC_REFUSES, CategoryView, FormattedNotice
from notice.model import BasisKind, CookieCategoryId, Notice

COOKIE_NAME = "notice_consent"


@dataclass(frozen=True)
class ConsentView:
    """What the widget's template shows, in one language, and the configuration its script reads."""

    categories: tuple[CategoryView, ...]
    config: dict[str, Any]
    """What the script reads, from `<script type="application/json" id="notice-consent-config">`."""


def revision(notice: Notice) -> str:
    """A short hash of everything visitors consent to; its wording is left out on purpose."""
    covered = {
        "categories": [
            {
                "id": category.id.value,
                "cookies": sorted([cookie.name, cookie.provider, str(cookie.lifetime)] for cookie in category.cookies),
            }
            for category in notice.cookie_categories if category.id is not CookieCategoryId.necessary
        ],
        "purposes": sorted(
            purpose.id for purpose in notice.purposes
            if any(BasisKind.consent in basis.kinds for basis in purpose.legal_bases)
        ),
    }
    return hashlib.sha256(json.dumps(covered, sort_keys=True).encode()).hexdigest()[:12]


def consent_view(notice: Notice, formatted: FormattedNotice, months: int, google_consent_mode: bool) -> ConsentView:
    """The widget for the version in force, in the language it is formatted in."""
    return ConsentView(formatted.cookie_categories, config(notice, months, google_consent_mode))


def config(notice: Notice, months: int, google_consent_mode: bool) -> dict[str, Any]:
    """What the script needs and nothing more: it never decides what the data does not say."""
    return {
        "revision": revision(notice),
        "cookie": COOKIE_NAME,
        "days": round(months * 365.25 / 12),
        "categories": [
            {"id": category.id.value, "cookies": [cookie.name for cookie in category.cookies]}
            for category in notice.cookie_categories if category.id is not CookieCategoryId.necessary
        ],
        "gpc": [category.value for category in GPC_REFUSES],
        "googleConsentMode": google_consent_mode,
    }
