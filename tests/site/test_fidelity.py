"""The English page is the legal record: every line of the 2024 notice appears in it, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import SEED, normalise, page_text


def seed_lines() -> list[tuple[int, str]]:
    """Non-empty lines of the seed, whitespace normalised, list bullets and numbers removed from list items."""
    lines = []
    for number, raw in enumerate(SEED.read_text(encoding="utf-8").splitlines(), start=1):
        line = normalise(raw)
        if raw.startswith("  "):
            line = re.sub(r"^(•|\d+\.)\s+", "", line)
        if line:
            lines.append((number, line))
    return lines


SEED_LINES = seed_lines()


def test_the_seed_is_read_whole() -> None:
    assert len(SEED_LINES) == 252
    assert SEED_LINES[0] == (1, "PRIVACY POLICY")
    assert SEED_LINES[-1][1].startswith("In cases where we introduce new consent-based processing")


@pytest.fixture(scope="module")
def english_text(site: Path) -> str:
    return page_text((site / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("number", "line"), SEED_LINES, ids=[f"line-{number}" for number, _ in SEED_LINES])
def test_seed_line_appears_word_for_word(english_text: str, number: int, line: str) -> None:
    assert line in english_text, f"seed line {number} is not on the English page: {line!r}"
