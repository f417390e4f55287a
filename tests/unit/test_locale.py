"""Dates and legal durations are formatted by Babel with each language's plural rules."""

from __future__ import annotations

from datetime import date

import pytest
from babel.messages.pofile import read_po
from support import LANGUAGES, ROOT, normalise

from notice.language import Language
from notice.locale import Catalogs, format_day, format_period, load_catalogs
from notice.model import parse_period


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return load_catalogs(ROOT, LANGUAGES)


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [("en", date(2024, 2, 1), "1 February 2024"), ("en", date(2024, 2, 2), "2 February 2024"),
     ("fr", date(2024, 2, 1), "1er février 2024"), ("fr", date(2024, 2, 2), "2 février 2024"),
     ("fr", date(2027, 1, 11), "11 janvier 2027"), ("fr", date(2027, 1, 21), "21 janvier 2027"),
     ("pl", date(2024, 2, 1), "1 lutego 2024 r."), ("pl", date(2024, 2, 2), "2 lutego 2024 r."),
     ("pl", date(2027, 1, 11), "11 stycznia 2027 r.")],
    ids=lambda value: str(value),
)
def test_dates_are_written_as_each_language_writes_them(language: str, day: date, expected: str) -> None:
    """French writes the first of a month as an ordinal ("1er", never "11er" or "21er"); Polish dates end with "r."."""
    assert format_day(day, LANGUAGES[language]) == expected


def test_a_locale_of_the_same_language_writes_dates_the_same_way() -> None:
    assert format_day(date(2024, 2, 1), Language("fr", "fr_BE")) == "1er février 2024"
    assert format_day(date(2024, 2, 1), Language("de", "de_DE")) == "1. Februar 2024", "a language without a convention: Babel's"


PERIODS = [
    ("1 year", {"en": "1 year", "fr": "1 an", "pl": "1 rok"}),
    ("3 years", {"en": "3 years", "fr": "3 ans", "pl": "3 lata"}),
    ("5 years", {"en": "5 years", "fr": "5 ans", "pl": "5 lat"}),
    ("6 months", {"en": "6 months", "fr": "6 mois", "pl": "6 miesięcy"}),
    ("3 months", {"en": "3 months", "fr": "3 mois", "pl": "3 miesiące"}),
    ("up to 3 years", {"en": "up to 3 years", "fr": "jusqu’à 3 ans", "pl": "maksymalnie 3 lata"}),
    ("1 to 6 years", {"en": "1 to 6 years", "fr": "1 à 6 ans", "pl": "1–6 lat"}),
    ("2 weeks", {"en": "2 weeks", "fr": "2 semaines", "pl": "2 tygodnie"}),
]


@pytest.mark.parametrize(("period", "expected"), PERIODS, ids=[period for period, _ in PERIODS])
@pytest.mark.parametrize("language", ["en", "fr", "pl"])
def test_periods_follow_the_language_plural_rules(catalogs: Catalogs, period: str, expected: dict[str, str], language: str) -> None:
    formatted = format_period(parse_period(period), LANGUAGES[language], catalogs.gettext(language))
    assert normalise(formatted) == expected[language]


@pytest.mark.parametrize("text", ["forever", "3", "0 years", "6 to 1 years", "three years", "3 decades"])
def test_a_period_that_is_not_a_duration_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="a duration like"):
        parse_period(text)


@pytest.mark.parametrize("text", ["3 years", "1 year", "up to 6 months", "1 to 6 years", "30 days", "2 weeks"])
def test_a_period_reads_back_as_written(text: str) -> None:
    assert str(parse_period(text)) == text


def test_no_polish_sentence_adds_a_period_after_a_date() -> None:
    """A Polish date already ends with "r.": a message ending with a date ends there, wherever it is rendered (the
    consent widget's news included, which the browser fills in)."""
    with (ROOT / "locales/pl/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="pl")
    endings = [message.id for message in catalog if message.id and isinstance(message.string, str)
               and message.string.endswith(("%(date)s.", "%(end)s.", "%(start)s."))]
    assert endings == []
