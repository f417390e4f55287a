"""`notice`: the legal team's command line, on the same core as the site build."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from notice.amendment import Publication, publish_draft, start_amendment
from notice.changes import summarise
from notice.check import as_json, as_text, check
from notice.errors import NoticeError, UsageError
from notice.formatted import format_notice
from notice.language import Languages
from notice.load import parse_day
from notice.model import ChangeClass
from notice.locale import load_catalogs
from notice.redline import redline
from notice.schema import write_schemas
from notice.source import forbidden_character
from notice.settings import Settings, load_settings, today
from notice.versions import History, Version, load_history

CLASS_HEADINGS = {ChangeClass.material: "Material changes", ChangeClass.less_processing: "Less processing",
                  ChangeClass.editorial: "Editorial changes"}
CONFIG_FILE = "mkdocs.yml"
"""The project's configuration: MkDocs' file, whose `extra.notice` holds the notice's settings."""

T = TypeVar("T")


class _Context:
    def __init__(self, root: Path | None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        """The project folder: --root, or the nearest folder holding mkdocs.yml from here up."""
        return self._root.resolve() if self._root is not None else _run(lambda: find_root(Path.cwd()))

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def settings(self) -> Settings:
        return _run(lambda: load_settings(self.root / CONFIG_FILE, CONFIG_FILE))

    @property
    def languages(self) -> Languages:
        return self.settings.notice_languages

    @property
    def today(self) -> date:
        return _run(today)


def find_root(start: Path) -> Path:
    """The project folder: the nearest folder, from `start` up, that holds mkdocs.yml (as git finds .git)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise UsageError(f"no {CONFIG_FILE} in {start} or any folder above it: run `notice` inside the project, or give --root")


pass_context = click.make_pass_decorator(_Context)


@click.group()
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The project folder (the one with mkdocs.yml and data/); found from the current folder up if not given.")
@click.pass_context
def main(context: click.Context, root: Path | None) -> None:
    """Amend, publish and compare versions of the privacy notice."""
    context.obj = _Context(root)


class _Day(click.ParamType[date, Any]):
    """A date written YYYY-MM-DD, refused with the reason it is not one."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value))
        except ValueError as error:
            self.fail(f"expected a real date written YYYY-MM-DD, got {value} ({error})", param, ctx)


@main.command()
@click.argument("effective", type=_Day(), metavar="YYYY-MM-DD")
@pass_context
def amend(context: _Context, effective: date) -> None:
    """Start an amendment: copy the latest version to a draft taking effect on EFFECTIVE (YYYY-MM-DD)."""
    target = _run(lambda: start_amendment(context.data, effective, context.today, context.languages))
    click.echo(f"Draft created in {target.relative_to(context.root)}: edit its files, preview with ./dev preview, then `notice publish`.")


@main.command()
@click.argument("version", required=False)
@click.option("--translations-reviewed", is_flag=True,
              help="Publish although some translations are unchanged where the source language changed (checked: no change needed).")
@click.option("--urgent", metavar="REASON",
              help="Publish a material change with less than the advance notice, for this reason (a legal obligation), which the lock "
                   "records and the changes page states.")
@pass_context
def publish(context: _Context, version: str | None, translations_reviewed: bool, urgent: str | None) -> None:
    """Publish the draft (or VERSION): check it is ready, mark it published and record it in the lock."""
    if urgent is not None and (not urgent.strip() or "\n" in urgent or forbidden_character(urgent) or re.search(r"<[a-zA-Z/!?]", urgent)):
        raise click.UsageError(f"--urgent: expected the reason as one line of plain text, got {urgent!r}")
    settings = context.settings
    publication = Publication(settings.notice_languages, settings.advance_notice_days, translations_reviewed, urgent.strip() if urgent else None)
    published = _run(lambda: publish_draft(context.data, context.today, publication, version))
    click.echo(f"Published {published.name}: data/notice.lock now freezes it. Commit data/ to publish the site.")


@main.command("check")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True, help="For people, or for machines.")
@pass_context
def check_command(context: _Context, output: str) -> None:
    """Validate all data and catalogs, check the lock, and report the notice's gaps against GDPR Articles 13 and 14."""
    report = check(context.root, context.today, CONFIG_FILE)
    click.echo(as_json(report) if output == "json" else as_text(report))
    if report.failed:
        raise SystemExit(1)


@main.command()
@pass_context
def schema(context: _Context) -> None:
    """Write the JSON Schema of each data file into schema/, from the model the build validates with."""
    for path in _run(lambda: write_schemas(context.root, context.languages)):
        click.echo(f"wrote {path.relative_to(context.root)}")


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--language", help="The language to show them in (one of the notice's; its source language if not given).")
@pass_context
def diff_command(context: _Context, old: str, new: str, language: str | None) -> None:
    """Show what changed between versions OLD and NEW (YYYY-MM-DD): a summary, then every changed paragraph."""
    def run() -> None:
        languages = context.languages
        code = language or languages.source.code
        if code not in languages:
            raise UsageError(f"expected one of the notice's languages ({', '.join(languages.codes)}), got {code}")
        history = load_history(context.data, context.today, languages)
        before, after = (_version(history, name) for name in (old, new))
        if before.effective > after.effective:
            click.echo(f"Note: {before.name} is later than {after.name}, so this shows the changes going back in time "
                       f"(`notice diff {after.name} {before.name}` shows them as they were made).", err=True)
        gettext = load_catalogs(context.root, languages).gettext(code)
        old_text, new_text = (format_notice(version.notice, languages[code], gettext) for version in (before, after))
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(click.style(f"{before.name} → {after.name}", bold=True))
        items = summarise(before.notice, after.notice, old_text, new_text, gettext, lambda anchor, removed: f"#{anchor}")
        for change_class, heading in CLASS_HEADINGS.items():
            told = [item for item in items if item.change_class is change_class]
            if told:
                click.echo(f"\n{heading} ({len(told)}):")
            for item in told:
                reason = f"  [{item.overrides[0].class_.value}: {item.overrides[0].reason[code]}]" if item.overrides else ""
                click.echo(f"  • {item.text.text}  ({item.href}){reason}")
        for group in redline(old_text, new_text):
            for block in group.blocks:
                if block.state != "same":
                    label = f"{block.label} " if block.label else ""
                    click.echo("\n" + label + "".join(_segment(operation, text, colour) for operation, text in block.segments))

    _run(run)


def _segment(operation: str, text: str, colour: bool) -> str:
    text = "".join(character if character in "\n\t" or character.isprintable() else "\ufffd" for character in text)
    if operation == "equal":
        return text
    if colour:
        return click.style(text, fg="green" if operation == "insert" else "red", underline=operation == "insert", strikethrough=operation == "delete")
    return f"[+{text}+]" if operation == "insert" else f"[-{text}-]"


def _version(history: History, name: str) -> Version:
    try:
        return history.find_by_date(date.fromisoformat(name))
    except (ValueError, KeyError):
        names = ", ".join(version.name for version in history.versions)
        raise UsageError(f"expected a version ({names}), got {name}") from None


def _run(action: Callable[[], T]) -> T:
    """Run `action`, reporting a user's mistake as a message (exit 1 for data, 2 for usage), never a traceback."""
    try:
        return action()
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except NoticeError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise click.ClickException(f"{where}{error.strerror or error}") from None
