from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from support import ROOT, Build, build, copy_project

# How hard Hypothesis tries: a quick pass by default, a thorough one in CI (`./dev test --all`).
settings.register_profile("quick", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=400, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once with `mkdocs build --strict`."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A preview build of the real project with the example amendment as a draft: its banners, its changes page and
    redline, built once."""
    project = copy_project(tmp_path_factory.mktemp("example") / "project")
    result = build(project, strict=False, env={"NOTICE_TODAY": "2026-11-30", "NOTICE_DRAFTS": "1", "NOTICE_EXAMPLES": "examples/versions"})
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def build_project(project: Path):  # type: ignore[no-untyped-def]
    def run(**kwargs: object) -> Build:
        return build(project, **kwargs)  # type: ignore[arg-type]
    return run
