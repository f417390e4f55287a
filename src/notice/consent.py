"""The consent widget's configuration, generated from the notice's cookie categories so that the two agree.

The revision is a hash of what consent covers (the optional categories, their cookies, the purposes based on
consent): a new version that adds consent-based processing asks visitors again; a wording fix does not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from notice.dpv import COOKIE_PURPOSES, expand
from notice.formatted import GPC_REFUSES, CategoryView, FormattedNotice
from notice.model import BasisKind, Controller, CookieCategoryId, Notice
from notice.settings import Settings

COOKIE_NAME = "notice_consent"
GPC_SUPPORT = ".well-known/gpc.json"
"""Where a site states that it honours Global Privacy Control (the GPC specification's well-known resource)."""


@dataclass(frozen=True)
class NoticeVersion:
    """The notice a decision is made under, as the consent record names it."""

    version: str
    """The version in force: its effective date, YYYY-MM-DD."""
    url: str
    """Its permanent address, in the page's language."""
    latest: str
    """The newest published version (an upcoming one, if one is announced)."""


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


@dataclass(frozen=True)
class Amendment:
    """A material amendment a returning visitor is told about, if it was published after their choice."""

    version: str
    date: str
    """Its effective date, as the page's language writes it."""
    upcoming: bool
    href: str
    """Its changes page, from the page the widget is on."""


def consent_view(notice: Notice, formatted: FormattedNotice, settings: Settings, version: NoticeVersion,
                 amendments: tuple[Amendment, ...] = ()) -> ConsentView:
    """The widget for the version in force, in the language it is formatted in.

    `amendments` are the material ones, newest first: the widget tells a visitor whose choice predates one of them.
    """
    script = config(notice, settings.consent_months, settings.google_consent_mode, settings.consent_log_url)
    return ConsentView(formatted.cookie_categories, script | {"record": record(notice, formatted, version),
                                                              "amendments": [asdict(amendment) for amendment in amendments]})


def config(notice: Notice, months: int, google_consent_mode: bool, log_url: str | None = None) -> dict[str, Any]:
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
        "logUrl": log_url,
    }


def record(notice: Notice, formatted: FormattedNotice, version: NoticeVersion) -> dict[str, Any]:
    """What the record of a decision takes from the data, in the page's language.

    The widget stores `language` and `notice` in every record; `controllers` and `purposes` are texts it adds
    to the record the visitor downloads (the stored record stays small, and they follow from its version).
    """
    return {
        "language": formatted.language.code,
        "notice": {"version": version.version, "url": version.url, "latest": version.latest},
        "controllers": [
            {key: value for key, value in controller.model_dump(mode="json").items() if key not in ("id", "supervisory_authority") and value is not None}
            for controller in controllers(notice)
        ],
        "purposes": [
            {"category": category.id, "name": category.name, "purpose": expand(COOKIE_PURPOSES[CookieCategoryId(category.id)]),
             "cookies": [asdict(cookie) for cookie in category.cookies]}
            for category in formatted.cookie_categories
        ],
    }


def controllers(notice: Notice) -> tuple[Controller, ...]:
    """The controllers towards the people the cookie section speaks to (all of them if it speaks to no audience)."""
    section = next((s.id for s in notice.sections for b in s.body if b.kind == "cookie_categories"), None)
    ids = dict.fromkeys(audience.controller for audience in notice.audiences if section in audience.sections)
    return tuple(c for c in notice.controllers if c.id in ids) or notice.controllers


def gpc_support(last_update: date) -> str:
    """The GPC support resource: this site honours the signal (the widget takes it as a refusal of marketing), as stated
    by the version in force, published on `last_update`."""
    return json.dumps({"gpc": True, "lastUpdate": last_update.isoformat()}, indent=2) + "\n"
