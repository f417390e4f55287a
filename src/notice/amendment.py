"""The life of an amendment: a draft copied from the latest version, edited, then published and locked."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from notice.changes import stale_translations
from notice.diff import diff
from notice.errors import DataError, Problem, UsageError
from notice.versions import (
    History,
    Version,
    load_history,
    read_lock,
    snapshot_digests,
    write_lock,
)

DRAFT_VERSION_FILE = """\
# The amendment this snapshot records. Write its summary in every language before `notice publish`;
# once published, the snapshot is frozen (data/notice.lock) and a correction is a new version.
status: draft
summary:
  en: TODO
  fr: TODO
  pl: TODO
"""

_STATUS = re.compile(r"^status:\s*draft\s*$", re.M)


def start_amendment(data_dir: Path, effective: date, today: date) -> Path:
    """Copy the latest version to a draft taking effect on `effective`; return the draft's folder."""
    history = load_history(data_dir, today)
    if history.drafts:
        raise UsageError(f"version {history.drafts[0].name} is already a draft: publish it (`notice publish`) or remove it first")
    latest = history.versions[-1]
    if effective <= latest.effective:
        raise UsageError(f"expected an effective date after the latest version ({latest.name}), got {effective.isoformat()}")
    if effective < today:
        raise UsageError(f"expected an effective date from today ({today.isoformat()}) on, got {effective.isoformat()}")
    target = data_dir / "versions" / effective.isoformat()
    shutil.copytree(latest.directory, target)
    (target / "version.yml").write_text(DRAFT_VERSION_FILE, encoding="utf-8")
    return target


def publish_draft(data_dir: Path, today: date, name: str | None = None, translations_reviewed: bool = False) -> Version:
    """Publish the draft (the only one, or `name`) and lock it, after checking it is ready to be law."""
    history = load_history(data_dir, today)
    draft = _draft(history, name)
    previous = history.predecessor(draft)
    problems = _readiness(draft, previous, today, translations_reviewed)
    if problems:
        raise DataError(problems)
    version_file = draft.directory / "version.yml"
    version_file.write_text(_STATUS.sub("status: published", version_file.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    lock = read_lock(data_dir)
    lock[draft.name] = snapshot_digests(draft.directory)
    write_lock(data_dir, lock)
    return load_history(data_dir, today).find_by_date(draft.effective)


def _draft(history: History, name: str | None) -> Version:
    drafts = {version.name: version for version in history.drafts}
    if name is None:
        if len(drafts) != 1:
            raise UsageError("expected exactly one draft to publish" + (f", got {', '.join(drafts)}: name one" if drafts else ", got none: start one with `notice amend`"))
        return next(iter(drafts.values()))
    if name not in drafts:
        raise UsageError(f"expected the name of a draft ({', '.join(drafts) or 'there is none'}), got {name}")
    return drafts[name]


def _readiness(draft: Version, previous: Version | None, today: date, translations_reviewed: bool) -> list[Problem]:
    file = f"{draft.display}/version.yml"
    problems = []
    if draft.effective < today:
        problems.append(Problem(draft.display, None, "", f"an effective date from today ({today.isoformat()}) on", draft.name))
    summary = draft.notice.summary
    if summary is None or any(summary[language].strip() == "TODO" for language in ("en", "fr", "pl")):
        problems.append(Problem(file, None, "summary", "a summary of the amendment in every language", "TODO or none"))
    if previous is not None and not diff(previous.notice, draft.notice):
        problems.append(Problem(draft.display, None, "", f"changes against {previous.name}", "none"))
    if previous is not None and not translations_reviewed:
        problems.extend(stale_translations(previous.notice, draft.notice, draft.display, previous.name))
    return problems
