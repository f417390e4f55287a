from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT, Build, build, copy_project


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once with `mkdocs build --strict`."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
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
