from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIRST_VERSION, LANGUAGES, ROOT

from notice.load import load_snapshot
from notice.model import Notice


@pytest.fixture(scope="module")
def published() -> Notice:
    """The notice of 1 February 2024, as published."""
    return load_snapshot(ROOT / FIRST_VERSION, FIRST_VERSION, ROOT, LANGUAGES.codes)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A copy of the first version under a later date, to edit."""
    target = tmp_path / "2025-01-01"
    shutil.copytree(ROOT / FIRST_VERSION, target)
    return target
