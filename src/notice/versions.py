"""Versions: dated snapshots of the notice, the lock that freezes published ones, and which one is in force."""

from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, RootModel, ValidationError

from notice.errors import DataError, LockError, Problem
from notice.load import load_snapshot, problems_from_validation, snapshot_files
from notice.language import Languages
from notice.model import OPTIONAL_FILES, SNAPSHOT_FILES, Line, Notice, Record, Status
from notice.source import escapes, is_hidden, parse_text, read_text

LOCK_NAME = "notice.lock"
LOCK_HEADER = (
    "# What `notice publish` recorded for every published version: the day it was published, the version it\n"
    "# amends, its languages and the hash of each of its files. A published version is frozen: the build fails\n"
    "# if one of its files no longer matches. Never edit by hand; a correction is a new version (`notice amend`).\n"
)

Digest = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]


class LockEntry(Record):
    """What publishing a version recorded, never changed afterwards."""

    published: date
    """The day `notice publish` recorded the version."""
    base: date | None
    """The version it amends, against which its changes page compares it (none for the first version)."""
    languages: tuple[str, ...] = Field(min_length=1)
    """The languages of its texts."""
    urgent: Line | None = None
    """Why a version with a material change was published with less than the advance notice (`notice publish --urgent`)."""
    files: dict[str, Digest]
    """The sha256 of each of its files."""


class Lock(RootModel[dict[str, LockEntry]]):
    """notice.lock: every published version by name."""


class VersionState(StrEnum):
    """Where a version stands, seen from a given day."""

    draft = "draft"
    upcoming = "upcoming"
    current = "current"
    past = "past"


@dataclass(frozen=True)
class Version:
    """One snapshot: its notice, where it lives, the hash of each of its files, and what publishing it recorded."""

    notice: Notice
    directory: Path
    display: str
    digests: dict[str, str]
    lock: LockEntry | None = None

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
    def published_on(self) -> date:
        """The day `notice publish` recorded the version; a draft has none."""
        if self.lock is None:
            raise ValueError(f"version {self.name} is not published")
        return self.lock.published

    @property
    def publication(self) -> tuple[date, str | None] | None:
        """What the lock recorded of its publication that readers are shown (the day, any urgent reason); a draft has none."""
        return (self.lock.published, self.lock.urgent) if self.lock else None

    @property
    def content(self) -> tuple[tuple[str, str], ...]:
        """The version's content, as the hashes of its files: equal contents, equal pages."""
        return tuple(sorted(self.digests.items()))


@dataclass(frozen=True)
class History:
    """Every version, oldest first, seen from `today`."""

    versions: tuple[Version, ...]
    today: date

    @cached_property
    def published(self) -> tuple[Version, ...]:
        return tuple(version for version in self.versions if not version.is_draft)

    @cached_property
    def drafts(self) -> tuple[Version, ...]:
        return tuple(version for version in self.versions if version.is_draft)

    @cached_property
    def current(self) -> Version:
        """The published version in force today."""
        return [version for version in self.published if version.effective <= self.today][-1]

    @cached_property
    def _by_date(self) -> dict[date, Version]:
        return {version.effective: version for version in self.versions}

    @cached_property
    def upcoming(self) -> tuple[Version, ...]:
        """Published versions whose effective date is still ahead."""
        return tuple(version for version in self.published if version.effective > self.today)

    @cached_property
    def in_force_or_past(self) -> tuple[Version, ...]:
        return tuple(version for version in self.published if version.effective <= self.today)

    def find_by_date(self, effective: date) -> Version:
        try:
            return self._by_date[effective]
        except KeyError:
            raise KeyError(effective.isoformat()) from None

    def predecessor(self, version: Version) -> Version | None:
        """The version `version` is compared with: for a published one, the base its lock records; for a draft,
        the latest published version before it."""
        if version.lock is not None:
            return self.find_by_date(version.lock.base) if version.lock.base else None
        index = bisect.bisect_left(self._published_dates, version.effective)
        return self.published[index - 1] if index else None

    def successor(self, version: Version) -> Version | None:
        """The published version that replaced `version`, if any."""
        index = bisect.bisect_right(self._published_dates, version.effective)
        return self.published[index] if index < len(self.published) else None

    @cached_property
    def _published_dates(self) -> tuple[date, ...]:
        return tuple(version.effective for version in self.published)

    def state(self, version: Version) -> VersionState:
        """Where `version` stands, seen from `today`."""
        if version.is_draft:
            return VersionState.draft
        if version.effective > self.today:
            return VersionState.upcoming
        return VersionState.current if version.name == self.current.name else VersionState.past


_CACHE: dict[tuple[object, ...], tuple[tuple[tuple[str, str], ...], Notice]] = {}
"""Parsed snapshots by folder (and languages), with the digests of the files they were parsed from: a published
version never changes, so a preview never parses it twice. One entry a folder: a draft edited all day keeps one."""


def load_history(data_dir: Path, today: date, languages: Languages, display_root: str = "data", examples: Path | None = None) -> History:
    """Load, validate and lock-check every version under `data_dir/versions`.

    A published version is checked in the languages it was published in (the lock says which); a draft, in
    the `languages` of the settings. `examples` is a folder of example draft versions (never published) to
    preview beside the real ones.
    """
    root = data_dir.parent
    problems: list[Problem] = []
    try:
        lock = read_lock(data_dir, display_root, required=False)
    except DataError as error:
        problems.extend(error.problems)
        lock = {}
    sources = [(path, shown, False) for path, shown in _version_folders(data_dir / "versions", f"{display_root}/versions", root, problems)]
    if examples is not None:
        shown = examples.relative_to(root).as_posix() if examples.is_relative_to(root) else examples.as_posix()
        sources += [(path, display, True) for path, display in _version_folders(examples, shown, root, problems)]
    if not sources and not problems:
        problems.append(Problem(f"{display_root}/versions", None, "", "at least one version folder, named YYYY-MM-DD", "none"))
    versions: list[Version] = []
    examples_found: set[str] = set()
    for directory, display, example in sources:
        files, listing = snapshot_files(directory, display, root)
        digests = file_digests(files)
        codes = lock[directory.name].languages if directory.name in lock and not example else languages.codes
        place, content = (directory.absolute(), codes), tuple(sorted(digests.items()))  # its own path: a version's date is its folder's name
        known = _CACHE.get(place)
        try:
            # A folder that holds what it must not is loaded again, which reports it: its digests do not show it.
            notice = known[1] if known and known[0] == content and not listing else load_snapshot(directory, display, root, codes)
        except DataError as error:
            problems.extend(error.problems)
            continue
        _CACHE[place] = (content, notice)
        if example:
            examples_found.add(display)
            if notice.status is not Status.draft:
                problems.append(Problem(f"{display}/version.yml", None, "status", "draft: an example is never published", notice.status.value))
        versions.append(Version(notice, directory, display, digests))
    if not lock and any(not version.is_draft for version in versions) and not problems:
        try:
            read_lock(data_dir, display_root, required=True)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    check_lock([version for version in versions if version.display not in examples_found], lock, f"{display_root}/{LOCK_NAME}")
    locked = [Version(v.notice, v.directory, v.display, v.digests, lock.get(v.name) if not v.is_draft else None) for v in versions]
    history = History(tuple(sorted(locked, key=lambda version: version.effective)), today)
    if not history.in_force_or_past:
        raise DataError([Problem(
            f"{display_root}/versions", None, "", f"a published version in force on {today.isoformat()}",
            "none" if not history.published else f"only versions taking effect later ({history.published[0].name})",
        )])
    return history


def _version_folders(folder: Path, display: str, root: Path, problems: list[Problem]) -> list[tuple[Path, str]]:
    """The version folders in `folder`, named for messages; anything else in it is a problem (hidden files are ignored)."""
    if escapes(folder, root):
        problems.append(Problem(display, None, "", "the folder of the versions inside the project", "a symbolic link to somewhere outside it (or to nothing)"))
        return []
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        shown = f"{display}/{path.name}"
        if is_hidden(path):
            continue
        if escapes(path, root):
            problems.append(Problem(shown, None, "", "a version folder inside the project", "a symbolic link to somewhere outside it (or to nothing)"))
        elif not path.is_dir():
            problems.append(Problem(shown, None, "", "only version folders named YYYY-MM-DD here", "a file"))
        else:
            found.append((path, shown))
    return found


def file_digests(files: dict[str, Path]) -> dict[str, str]:
    """The sha256 of each snapshot file, line endings normalised so a checkout on Windows does not unfreeze it."""
    digests = {}
    for name, path in files.items():
        try:
            state = path.stat()
            seen = (state.st_ino, state.st_size, state.st_mtime_ns, state.st_ctime_ns)
            known = _DIGESTS.get(str(path))
            if known is None or known[0] != seen:
                known = _DIGESTS[str(path)] = (seen, digest(path.read_bytes()))
            digests[name] = known[1]
        except OSError:
            continue  # loading the snapshot reports it
    return digests


_DIGESTS: dict[str, tuple[tuple[int, ...], str]] = {}
"""Files hashed, by path, with the state they were hashed in: a preview rebuild hashes only what was written since
(any write changes the change time, which nothing can set back)."""


def digest(content: bytes) -> str:
    return "sha256:" + hashlib.sha256(content.replace(b"\r\n", b"\n")).hexdigest()


def read_lock(data_dir: Path, display_root: str = "data", required: bool = True) -> dict[str, LockEntry]:
    """The lock's entries by version name; a lock that cannot be read is a `DataError` naming its line."""
    path = data_dir / LOCK_NAME
    display = f"{display_root}/{LOCK_NAME}"
    if not path.exists() and not path.is_symlink():
        if required:
            raise DataError([Problem(display, None, "", "the lock of the published versions (restore it: git checkout -- data/notice.lock)",
                                     "no such file")])
        return {}
    if escapes(path, data_dir.parent):
        raise DataError([Problem(display, None, "", "the lock inside the project", "a symbolic link to somewhere outside it (or to nothing)")])
    text = read_text(path, display)
    known = _LOCKS.get(str(path.absolute()))
    if known is not None and known[0] == text:
        return dict(known[1])
    source = parse_text(text, display)
    try:
        lock = Lock.model_validate(source.data or {})
    except ValidationError as error:
        raise DataError(problems_from_validation(error, source, Lock)) from None
    problems = [Problem(display, source.line((name,)), name, "a version name written YYYY-MM-DD", f'"{name}"')
                for name in lock.root if not _is_date(name)]
    needed: set[str] = set(SNAPSHOT_FILES) - OPTIONAL_FILES
    expected = f"the files {', '.join(sorted(needed))} (and {', '.join(sorted(OPTIONAL_FILES))} if the version has it)"
    for name, entry in lock.root.items():
        files = set(entry.files)
        if not (needed.issubset(files) and files.issubset(SNAPSHOT_FILES)):
            problems.append(Problem(display, source.line((name, "files")), f"{name}.files", expected, ", ".join(sorted(files))))
    if problems:
        raise DataError(problems)
    _LOCKS[str(path.absolute())] = (text, dict(lock.root))
    return dict(lock.root)


_LOCKS: dict[str, tuple[str, dict[str, LockEntry]]] = {}
"""Locks read, by their text: a preview reads the same lock at every rebuild, and it grows with the history."""


def check_lock(versions: list[Version], lock: dict[str, LockEntry], lock_display: str) -> None:
    """Every published version matches its lock entry, file by file, every locked version still exists, and the
    lock records the versions in the order they were published."""
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
                            "says published, but the lock has no entry for it: a version is published only by `notice publish` "
                            "(set its status back to draft, then run `notice publish`)")
        for file in sorted(set(locked.files) | set(version.digests)):
            if locked.files.get(file) != version.digests.get(file):
                raise LockError(version.name, f"{version.display}/{file}", _what_changed(version, file, locked.files.get(file)) +
                                " after publication: a published version is frozen; make the change in a new version (`notice amend`)")
    _check_order(lock, lock_display)


def _what_changed(version: Version, file: str, locked: str | None) -> str:
    if file not in version.digests:
        return "was removed"
    if locked is None:
        return "was added"
    content = (version.directory / file).read_bytes()
    if content.startswith(b"\xef\xbb\xbf") and digest(content[3:]) == locked:
        return "was changed (only a byte order mark was added at its start: save it as UTF-8 without BOM)"
    return "was changed"


def _check_order(lock: dict[str, LockEntry], display: str) -> None:
    """Each version amends the one published before it, published no earlier: what `notice publish` always writes."""
    previous: tuple[str, LockEntry] | None = None
    for name in sorted(lock):
        entry = lock[name]
        expected = date.fromisoformat(previous[0]) if previous else None
        if entry.base != expected:
            raise LockError(name, display, f"records {entry.base or 'no version'} as the version it amends, but the version published "
                                           f"before it is {expected or 'none'}: the lock was edited by hand; restore it from git")
        if previous and entry.published < previous[1].published:
            raise LockError(name, display, f"was published on {entry.published}, before {previous[0]} ({previous[1].published}): "
                                           "versions are published in the order of their dates; restore the lock from git")
        previous = (name, entry)


def lock_entry(version: Version, published: date, base: Version | None, languages: Languages, urgent: str | None = None) -> LockEntry:
    """What publishing `version` today records."""
    return LockEntry(published=published, base=base.effective if base else None, languages=languages.codes, urgent=urgent,
                     files=dict(sorted(version.digests.items())))


def lock_text(lock: dict[str, LockEntry]) -> str:
    """The lock as `notice publish` writes it (every value is a validated date, language code, file name or hash)."""
    lines = [LOCK_HEADER.rstrip("\n")]
    for name, entry in sorted(lock.items()):
        lines += [f"'{name}':", f"  published: {entry.published.isoformat()}", f"  base: {entry.base.isoformat() if entry.base else 'null'}",
                  f"  languages: [{', '.join(entry.languages)}]"]
        lines += [f"  urgent: {json.dumps(entry.urgent, ensure_ascii=False)}"] if entry.urgent else []
        lines += ["  files:"]
        lines += [f"    {file}: {value}" for file, value in sorted(entry.files.items())]
    return "\n".join(lines) + "\n"


def _is_date(name: str) -> bool:
    try:
        return len(name) == 10 and date.fromisoformat(name).isoformat() == name
    except ValueError:
        return False
