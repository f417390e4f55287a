"""The build's fingerprint changes with anything that renders every page: then nothing in the store is used again."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from notice_mkdocs import fingerprint as module
from notice_mkdocs.fingerprint import fingerprint


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (tmp_path / "overrides" / "partials" / "footer.html").write_text("<footer></footer>\n", encoding="utf-8")
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "render.py").write_text("X = 1\n", encoding="utf-8")
    return tmp_path


def of(project: Path) -> str:
    return fingerprint(project, project / "mkdocs.yml", project / "overrides", (project / "code",))


@pytest.mark.parametrize("change", ["mkdocs.yml", "overrides/partials/footer.html", "code/render.py"])
def test_a_change_to_the_configuration_the_theme_or_the_code_changes_it(project: Path, change: str) -> None:
    before = of(project)
    assert of(project) == before
    path = project / change
    path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert of(project) != before


def test_a_file_added_to_the_theme_changes_it(project: Path) -> None:
    before = of(project)
    (project / "overrides" / "partials" / "header.html").write_text("", encoding="utf-8")
    assert of(project) != before


@pytest.mark.parametrize("package", module.PACKAGES)
def test_another_version_of_a_package_that_renders_changes_it(project: Path, package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = of(project)
    real = metadata.version
    monkeypatch.setattr(module.metadata, "version", lambda name: real(name) + (".post1" if name == package else ""))
    assert of(project) != before
