"""The site owner's settings for the notice: `extra.notice` in mkdocs.yml, checked like the data (file, line, field).

Both the MkDocs adapter and the `notice` command read them from the file, so that a mistake reads the same
in a build and on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from notice.errors import DataError, UsageError
from notice.load import problems_from_validation
from notice.model import Record
from notice.source import read_source

CONFIG_FILE = "mkdocs.yml"
DEFAULT_MONTHS = 6
MAX_MONTHS = 13


class Settings(Record):
    """extra.notice: how the site treats its visitors' consent."""

    consent_months: int = Field(DEFAULT_MONTHS, ge=1, le=MAX_MONTHS, strict=True)
    """How long a visitor's cookie choice is kept before asking again: 1 to 13 months (the CNIL's ceiling)."""
    google_consent_mode: bool = Field(False, strict=True)
    """Map the widget's categories to Google Consent Mode v2 signals (only for sites that use Google tags)."""


class _Extra(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    notice: Settings = Settings()


class _ConfigFile(BaseModel):
    """mkdocs.yml as far as the notice reads it; everything else is MkDocs' own."""

    model_config = ConfigDict(extra="allow", frozen=True)
    extra: _Extra = _Extra()


def load_settings(config_file: Path, display: str = CONFIG_FILE) -> Settings:
    """The settings in `config_file` (defaults for those not given); a mistake is a `DataError` naming its line."""
    source = read_source(config_file, display)
    try:
        return _ConfigFile.model_validate(source.data or {}).extra.notice
    except ValidationError as error:
        raise DataError(problems_from_validation(error, source, _ConfigFile)) from None  # type: ignore[arg-type]


def find_root(start: Path) -> Path:
    """The project folder: the nearest folder, from `start` up, that holds mkdocs.yml (as git finds .git)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise UsageError(f"no {CONFIG_FILE} in {start} or any folder above it: run `notice` inside the project, or give --root")


def today(environment: Mapping[str, str] = os.environ) -> date:
    """Today, unless NOTICE_TODAY fixes it (tests, and rehearsing a date to come)."""
    fixed = environment.get("NOTICE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed) if len(fixed) == 10 else date.fromisoformat("")
    except ValueError:
        raise UsageError(f"NOTICE_TODAY: expected a date written YYYY-MM-DD, got {fixed!r}") from None
