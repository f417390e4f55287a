"""The consent widget's configuration, generated from the notice's cookie categories so that the two agree.

The revision is a hash of what consent covers (the optional categories, their cookies, the purposes based on
consent): a new version that adds consent-based processing asks visitors again; a wording fix does not.

The configuration also carries what the widget's record of a decision (ISO/IEC TS 27560, as the W3C DPV's
guide maps it) takes from the data: the notice version in force, the controller, each category's purpose.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from notice.errors import UsageError
from notice.locale import Gettext
from notice.markup import render_inline
from notice.model import BasisKind, Controller, Notice
from notice.render import CookieView, NoticeViews

COOKIE_NAME = "notice_consent"
DEFAULT_MONTHS = 6
MAX_MONTHS = 13
GPC_REFUSES = ("marketing",)
"""Categories a Global Privacy Control signal refuses (GPC is a do-not-sell-or-share signal)."""
DPV_PURPOSES = {
    "necessary": "https://w3id.org/dpv#ServiceProvision",
    "statistics": "https://w3id.org/dpv#ServiceUsageAnalytics",
    "marketing": "https://w3id.org/dpv#Advertising",
}
"""Each cookie category's purpose as a concept of the W3C Data Privacy Vocabulary, for the consent record."""


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
class CategoryView:
    id: str
    name: str
    description: Markup
    required: bool
    gpc: bool
    """Whether a Global Privacy Control signal refuses this category."""
    cookies: tuple[CookieView, ...]


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
            for category in notice.cookie_categories if category.id.value != "necessary"
        ],
        "purposes": sorted(
            purpose.id for purpose in notice.purposes
            if any(BasisKind.consent in basis.kinds for basis in purpose.legal_bases)
        ),
    }
    return hashlib.sha256(json.dumps(covered, sort_keys=True).encode()).hexdigest()[:12]


def check_log_url(url: str | None) -> str | None:
    """Where the widget may send each decision's record (off by default): a path on this same site, nowhere else."""
    if url is not None and not (isinstance(url, str) and re.fullmatch(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*", url)):
        raise UsageError(f"mkdocs.yml: extra.notice.consent_log_url: expected a path on this site starting with \"/\" "
                         f"(such as /consent-log), or nothing, got {url!r}")
    return url


def check_months(months: int) -> int:
    """How long a choice is kept: 6 months unless configured, never more than 13 (the CNIL's ceiling)."""
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= MAX_MONTHS:
        raise UsageError(f"mkdocs.yml: extra.notice.consent_months: expected a whole number of months from 1 to {MAX_MONTHS}, got {months!r}")
    return months


def consent_view(notice: Notice, language: str, gettext: Gettext, months: int, google_consent_mode: bool,
                 version: NoticeVersion, log_url: str | None = None) -> ConsentView:
    """The widget for the version in force, in `language`."""
    views = NoticeViews(notice, language, gettext)
    categories = tuple(
        CategoryView(
            id=category.id.value,
            name=category.name[language],
            description=render_inline(category.description[language]),
            required=category.id.value == "necessary",
            gpc=category.id.value in GPC_REFUSES,
            cookies=views.cookies(category),
        )
        for category in notice.cookie_categories
    )
    settings = config(notice, months, google_consent_mode, log_url)
    return ConsentView(categories, settings | {"record": record(notice, views, version)})


def config(notice: Notice, months: int, google_consent_mode: bool, log_url: str | None = None) -> dict[str, Any]:
    """What the script needs and nothing more: it never decides what the data does not say."""
    return {
        "revision": revision(notice),
        "cookie": COOKIE_NAME,
        "days": round(check_months(months) * 365.25 / 12),
        "categories": [
            {"id": category.id.value, "cookies": [cookie.name for cookie in category.cookies]}
            for category in notice.cookie_categories if category.id.value != "necessary"
        ],
        "gpc": list(GPC_REFUSES),
        "googleConsentMode": google_consent_mode,
        "logUrl": check_log_url(log_url),
    }


def record(notice: Notice, views: NoticeViews, version: NoticeVersion) -> dict[str, Any]:
    """What the record of a decision takes from the data, in the page's language.

    The widget stores `language` and `notice` in every record; `controllers` and `purposes` are texts it adds
    to the record the visitor downloads (the stored record stays small, and they follow from its version).
    """
    return {
        "language": views.language,
        "notice": {"version": version.version, "url": version.url, "latest": version.latest},
        "controllers": [
            {key: value for key, value in controller.model_dump(mode="json").items() if key != "id" and value is not None}
            for controller in controllers(notice)
        ],
        "purposes": [
            {
                "category": category.id.value,
                "name": category.name[views.language],
                "purpose": DPV_PURPOSES[category.id.value],
                "cookies": [vars(cookie) for cookie in views.cookies(category)],
            }
            for category in notice.cookie_categories
        ],
    }


def controllers(notice: Notice) -> tuple[Controller, ...]:
    """The controllers towards the people the cookie section speaks to (all of them if it speaks to no audience)."""
    section = next((s.id for s in notice.sections for b in s.body if b.kind == "cookie_categories"), None)
    ids = dict.fromkeys(audience.controller for audience in notice.audiences if section in audience.sections)
    return tuple(c for c in notice.controllers if c.id in ids) or notice.controllers
