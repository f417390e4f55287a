"""What the tests share: a copy of the project to change, a real MkDocs build, and the text a reader sees."""

from __future__ import annotations

import gettext
import logging
import os
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from notice.formatted import FormattedNotice
from notice.language import Languages
from notice.model import Notice

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "notice-2024-02-01.en.txt"
"""The published 2024 notice, word for word: the legal record the English pages must reproduce."""
def _languages() -> Languages:
    from notice.settings import load_settings

    return load_settings(ROOT / "mkdocs.yml", "mkdocs.yml").notice_languages


PROJECT_PARTS = ("mkdocs.yml", "babel.cfg", "data", "docs", "examples", "hooks", "overrides", "locales", "src")
FIRST_VERSION = "data/versions/2024-02-01"
LANGUAGES = _languages()
"""The project's languages, as mkdocs.yml declares them."""


def english(notice: Notice) -> FormattedNotice:
    """The notice formatted in English, the interface strings as the source writes them."""
    from notice.formatted import format_notice

    return format_notice(notice, LANGUAGES.source, gettext.NullTranslations().gettext)


def load_version(directory: Path) -> Notice:
    """A version's folder, loaded and checked as a draft of the project would be."""
    from notice.load import load_snapshot

    return load_snapshot(directory, f"data/versions/{directory.name}", directory.parent, LANGUAGES.codes)


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path


def copy_project(destination: Path) -> Path:
    """A private copy of everything a build reads, for tests that change it."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def build_command(project: Path, site: Path | None = None, *, strict: bool = True, env: dict[str, str] | None = None) -> Build:
    """Run the `mkdocs build` command on `project` in a process of its own, exactly as a user or CI would."""
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=300)
    return Build(result.returncode, result.stdout + result.stderr, site)


def build(project: Path, site: Path | None = None, *, strict: bool = True, env: dict[str, str] | None = None) -> Build:
    """The real `mkdocs build` of `project`, run in this process (MkDocs' own `load_config` and `build`, with our
    hook): no interpreter to start, so a corpus of builds runs in seconds. Its output is what the command prints:
    the log lines and the abort. `build_command` runs the command itself."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    site = site or project / "site"
    lines: list[str] = []
    handler = _Lines(lines)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)  # as the command: its INFO lines are printed too
    saved = dict(os.environ)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    code = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the command shows the theme's deprecation warnings; they are not ours to fail on
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build.build(config)
            finally:
                config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        lines.append(f"\n{error}")
        code = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        os.environ.clear()
        os.environ.update(saved)
    return Build(code, "\n".join(lines) + "\n", site)


class _Lines(logging.Handler):
    """Collects log records as MkDocs prints them: "WARNING -  message"."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.INFO)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file the way a person editing it would; the old text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    """The 1-based line on which `fragment` first appears in `path`."""
    for number, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


_BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd", "dl", "section",
           "article", "header", "br", "address", "table", "tr", "td", "th", "nav", "footer", "aside", "main"}


class _Text(HTMLParser):
    def __init__(self, root_selector: tuple[str, str] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.root, self.depth, self.skip = root_selector, 0 if root_selector else 1, 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.root and self.depth == 0:
            name, value = self.root
            if value in (attributes.get(name) or "").split():
                self.depth = 1
            return
        if self.depth:
            if tag not in ("br", "img", "input", "meta", "link", "hr"):
                self.depth += 1
            if self.skip or tag in ("script", "style", "template") or "headerlink" in (attributes.get("class") or ""):
                self.skip += 1 if tag not in ("br", "img", "input") else 0
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.skip:
                self.skip -= 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def page_text(html: str, root: tuple[str, str] | None = ("class", "md-content__inner")) -> str:
    """The text a reader sees in the page's content (or the whole page), whitespace collapsed."""
    parser = _Text(root)
    parser.feed(html)
    return normalise("".join(parser.parts))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


@dataclass(frozen=True)
class Command:
    returncode: int
    stdout: str
    stderr: str


def notice(cwd: Path, *args: str, today: str = "2026-11-26", env: dict[str, str] | None = None) -> Command:
    """The `notice` command as the legal team runs it in `cwd` (click's runner, in this process)."""
    from click.testing import CliRunner

    from notice.cli import main

    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), env={"NOTICE_TODAY": today, **(env or {})}, catch_exceptions=False)
    finally:
        os.chdir(here)
    return Command(result.exit_code, result.stdout, result.stderr)
