"""The site owner's settings for the notice: `extra.notice` in the project's configuration file, checked like the
data (file, line, field).

Both the MkDocs adapter and the `notice` command read them from the file, so that a mistake reads the same
in a build and on the command line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from typing import Annotated

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from notice.errors import DataError, UsageError
from notice.load import problems_from_validation
from notice.language import Languages
from notice.model import LanguageCode, Record
from notice.source import read_part

DEFAULT_MONTHS = 6
DEFAULT_ADVANCE_NOTICE = 30
MAX_MONTHS = 13


def _babel_locale(value: str) -> str:
    try:
        Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        raise PydanticCustomError("locale", "a locale Babel knows, like fr_FR or pl_PL") from None
    return value


BabelLocale = Annotated[str, AfterValidator(_babel_locale)]
def _same_site(value: str) -> str:
    if not re.fullmatch(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*", value):
        raise PydanticCustomError("same_site", 'a path on this site starting with "/" (such as /consent-log)')
    return value


LogUrl = Annotated[str, AfterValidator(_same_site)]
"""A path on this same site: starts with one "/" (never "//", which would be another site), no spaces."""


class Settings(Record):
    """extra.notice: the notice's languages, and how the site treats its visitors' consent."""

    languages: dict[LanguageCode, BabelLocale] = Field(min_length=1)
    """The notice's languages, each with the Babel locale that formats its dates and durations ("en: en_GB");
    the first is the source language, whose text is the legal record."""

    consent_months: int = Field(DEFAULT_MONTHS, ge=1, le=MAX_MONTHS, strict=True)
    """How long a visitor's cookie choice is kept before asking again: 1 to 13 months (the CNIL's ceiling)."""
    google_consent_mode: bool = Field(False, strict=True)
    """Map the widget's categories to Google Consent Mode v2 signals (only for sites that use Google tags)."""
    consent_log_url: LogUrl | None = None
    """Where the widget also sends each decision's record (navigator.sendBeacon), as proof of consent: a path on
    this same site ("/consent-log"); off when not given. Nothing else is ever sent."""
    advance_notice_days: int = Field(DEFAULT_ADVANCE_NOTICE, ge=0, strict=True)
    """How many days before it takes effect a version with a material change must be published (`notice publish`
    refuses less unless an urgent reason is given)."""

    @property
    def notice_languages(self) -> Languages:
        return Languages.from_mapping(self.languages)


class _Extra(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    notice: Settings


class _ConfigFile(BaseModel):
    """The configuration file as far as the notice reads it: the `notice` mapping under `extra`; everything else is the engine's."""

    model_config = ConfigDict(extra="allow", frozen=True)
    extra: _Extra


def load_settings(config_file: Path, display: str) -> Settings:
    """The settings in `config_file` (defaults for those not given); a mistake is a `DataError` naming its line."""
    source = read_part(config_file, display, ("extra", "notice"))
    try:
        return _ConfigFile.model_validate(source.data or {}).extra.notice
    except ValidationError as error:
        raise DataError(problems_from_validation(error, source, _ConfigFile)) from None


def today(environment: Mapping[str, str] = os.environ) -> date:
    """Today, unless NOTICE_TODAY fixes it (tests, and rehearsing a date to come)."""
    fixed = environment.get("NOTICE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed) if len(fixed) == 10 else date.fromisoformat("")
    except ValueError:
        raise UsageError(f"NOTICE_TODAY: expected a date written YYYY-MM-DD, got {fixed!r}") from None
