"""Versions: dated snapshots of the notice, the lock that freezes published ones, and which one is in force."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from notice.errors import DataError, LockError, Problem
from notice.load import load_snapshot
from notice.model import Notice, Status

LOCK_NAME = "notice.lock"
LOCK_HEADER = (
    "# Content hashes of every published version, file by file, written by `notice publish`.\n"
    "# A published version is frozen: the build fails if one of its files no longer matches.\n"
    "# Never edit by hand; a correction is a new version (`notice amend`).\n"
)


@dataclass(frozen=True)
class Version:
    """One snapshot: its notice, where it lives and the hash of each of its files."""

    notice: Notice
    directory: Path
    display: str
    digests: dict[str, str]

    @property
    def effective(self) -> date:
        return self.notice.effective

    @property
    def name(self) -> str:
        """The version's name and URL segment: its effective date."""
        return self.effective.isoformat()

    @property
    def is_draft(self) -> bool:
        return self.notice.status is Status.draft

    @property
    def content(self) -> tuple[tuple[str, str], ...]:
        """The version's content, as the hashes of its files: equal contents, equal pages."""
        return tuple(sorted(self.digests.items()))


@dataclass(frozen=True)
class History:
    """Every version, oldest first, seen from `today`."""

    versions: tuple[Version, ...]
    today: date

    @property
    def published(self) -> tuple[Version, ...]:
        return tuple(version for version in self.versions if not version.is_draft)

    @property
    def drafts(self) -> tuple[Version, ...]:
        return tuple(version for version in self.versions if version.is_draft)

    @property
    def current(self) -> Version:
        """The published version in force today."""
        return [version for version in self.published if version.effective <= self.today][-1]

    @property
    def upcoming(self) -> tuple[Version, ...]:
        """Published versions whose effective date is still ahead."""
        return tuple(version for version in self.published if version.effective > self.today)

    @property
    def in_force_or_past(self) -> tuple[Version, ...]:
        return tuple(version for version in self.published if version.effective <= self.today)

    def find_by_date(self, effective: date) -> Version:
        for version in self.versions:
            if version.effective == effective:
                return version
        raise KeyError(effective.isoformat())

    def predecessor(self, version: Version) -> Version | None:
        """The version `version` is compared with: the latest published one before it (for a draft, the latest published one)."""
        earlier = [other for other in self.published if other.effective < version.effective]
        return earlier[-1] if earlier else None

    def successor(self, version: Version) -> Version | None:
        """The published version that replaced `version`, if any."""
        later = [other for other in self.published if other.effective > version.effective]
        return later[0] if later else None

    def state(self, version: Version) -> str:
        """"draft", "upcoming", "current" or "past", seen from `today`."""
        if version.is_draft:
            return "draft"
        if version.effective > self.today:
            return "upcoming"
        return "current" if version == self.current else "past"


_CACHE: dict[tuple[Path, tuple[tuple[str, str], ...]], Notice] = {}
"""Parsed snapshots by content: a published version never changes, so a preview never parses it twice."""


def load_history(data_dir: Path, today: date, display_root: str = "data", examples: Path | None = None) -> History:
    """Load, validate and lock-check every version under `data_dir/versions`.

    `examples` is a folder of example draft versions (never published) to preview beside the real ones.
    """
    versions_dir = data_dir / "versions"
    directories = sorted(path for path in versions_dir.iterdir() if path.is_dir()) if versions_dir.is_dir() else []
    if not directories:
        raise DataError([Problem(f"{display_root}/versions", None, "", "at least one version folder, named YYYY-MM-DD", "none")])
    sources = [(directory, f"{display_root}/versions/{directory.name}") for directory in directories]
    if examples is not None:
        shown = os.path.relpath(examples, data_dir.parent)
        sources += [(directory, f"{shown}/{directory.name}") for directory in sorted(examples.iterdir()) if directory.is_dir()]
    versions: list[Version] = []
    problems: list[Problem] = []
    for directory, display in sources:
        digests = snapshot_digests(directory)
        key = (directory.resolve(), tuple(sorted(digests.items())))
        try:
            notice = _CACHE.get(key) or load_snapshot(directory, display)
        except DataError as error:
            problems.extend(error.problems)
            continue
        _CACHE[key] = notice
        if directory.parent != versions_dir and notice.status is not Status.draft:
            problems.append(Problem(f"{display}/version.yml", None, "status", "draft: an example is never published", notice.status.value))
        versions.append(Version(notice, directory, display, digests))
    if problems:
        raise DataError(problems)
    check_lock([version for version in versions if version.directory.parent == versions_dir], read_lock(data_dir, display_root),
               f"{display_root}/{LOCK_NAME}")
    history = History(tuple(sorted(versions, key=lambda version: version.effective)), today)
    if not history.in_force_or_past:
        raise DataError([Problem(
            f"{display_root}/versions", None, "", f"a published version in force on {today.isoformat()}",
            "none" if not history.published else f"only versions taking effect later ({history.published[0].name})",
        )])
    return history


def snapshot_digests(directory: Path) -> dict[str, str]:
    """The sha256 of each snapshot file, line endings normalised so a checkout on Windows does not unfreeze it."""
    return {
        path.name: "sha256:" + hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()
        for path in sorted(directory.glob("*.yml"))
    }


def read_lock(data_dir: Path, display_root: str = "data") -> dict[str, dict[str, str]]:
    path = data_dir / LOCK_NAME
    if not path.exists():
        return {}
    try:
        lock = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LockError("?", f"{display_root}/{LOCK_NAME}", f"the lock is not valid YAML ({error}); restore it from git") from None
    return {str(name): dict(files) for name, files in lock.items()}


def check_lock(versions: list[Version], lock: dict[str, dict[str, str]], lock_display: str) -> None:
    """Every published version matches its lock entry, file by file, and every locked version still exists."""
    names = {version.name: version for version in versions}
    for name in lock:
        if name not in names:
            raise LockError(name, lock_display, "this published version's folder is missing: a published version is never removed")
    for version in versions:
        locked = lock.get(version.name)
        if version.is_draft:
            if locked is not None:
                raise LockError(version.name, f"{version.display}/version.yml",
                                "is locked as published but its status says draft: a published version cannot return to draft")
            continue
        if locked is None:
            raise LockError(version.name, f"{version.display}/version.yml",
                            "has status published but is not in the lock: publish drafts with `notice publish`")
        for file in sorted(set(locked) | set(version.digests)):
            if locked.get(file) != version.digests.get(file):
                change = "was removed" if file not in version.digests else ("was added" if file not in locked else "was changed")
                raise LockError(version.name, f"{version.display}/{file}",
                                f"{change} after publication: a published version is frozen; make the change in a new version (`notice amend`)")


def write_lock(data_dir: Path, lock: dict[str, dict[str, str]]) -> None:
    body = yaml.safe_dump({name: dict(sorted(files.items())) for name, files in sorted(lock.items())}, sort_keys=False)
    (data_dir / LOCK_NAME).write_text(LOCK_HEADER + body, encoding="utf-8")

