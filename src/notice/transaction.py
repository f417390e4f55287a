"""All-or-nothing writes: the commands that change the repository (`amend`, `publish`, `schema`) either make every
change or none.

Everything is written to temporary files beside its target first (a full disk or a read-only folder fails
there, before anything is touched); then each is renamed into place. Should a rename fail, the ones already
made are undone from hard-linked backups, which need no disk space.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from notice.errors import NoticeError


@dataclass
class Changes:
    """What a command writes: files (new or replaced) and new folders with their files."""

    files: dict[Path, bytes] = field(default_factory=dict)
    folders: dict[Path, dict[str, bytes]] = field(default_factory=dict)


def commit(changes: Changes, root: Path, verify: Callable[[], None] | None = None) -> None:
    """Make every change, or none; a failure is a `NoticeError` naming the path (relative to `root`) and the reason.

    `verify` runs once everything is in place; if it raises, every change is undone and its error passes on.
    """
    staged: list[tuple[Path, Path]] = []  # (temporary, target)
    backups: dict[Path, Path | None] = {}  # target: a hard link to what it replaced
    done: list[Path] = []
    target = root
    try:
        for folder, files in changes.folders.items():
            target = folder
            if os.path.lexists(folder):
                raise FileExistsError(errno.EEXIST, "already exists", str(folder))
            temporary = _temporary(folder)
            temporary.mkdir()
            staged.append((temporary, folder))
            for name, content in files.items():
                _write(temporary / name, content)
            _sync(temporary)
        for path, content in changes.files.items():
            target = path
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
            temporary = _temporary(path)
            staged.append((temporary, path))
            _write(temporary, content)
        for path in changes.files:
            target = path
            backups[path] = _backup(path)
        for temporary, path in staged:
            target = path
            os.replace(temporary, path) if path in changes.files else os.rename(temporary, path)
            done.append(path)
            _sync(path.parent)
        if verify is not None:
            verify()
    except NoticeError:
        _undo(done, changes, backups, root)
        raise
    except OSError as error:
        _undo(done, changes, backups, root)
        raise NoticeError(f"{_shown(target, root)}: could not write ({error.strerror or error}); nothing was changed") from None
    finally:
        for temporary, _ in staged:
            _remove(temporary)
    for backup in backups.values():
        if backup is not None:
            _remove(backup)


def _undo(done: list[Path], changes: Changes, backups: dict[Path, Path | None], root: Path) -> None:
    """Put back what was replaced. Should even that fail, the backup stays and the error says what to restore by hand."""
    for path in reversed(done):
        backup = backups.get(path)
        try:
            if path in changes.folders:
                shutil.rmtree(path)
            elif backup is not None:
                os.replace(backup, path)
            else:
                path.unlink()
        except OSError as error:
            kept = f"its previous content is in {_shown(backup, root)}" if backup is not None else "remove it"
            raise NoticeError(f"{_shown(path, root)}: a write failed and could not be undone ({error.strerror or error}): {kept}; "
                              "`git status` shows what changed") from None
    for backup in backups.values():
        if backup is not None:
            _remove(backup)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def _backup(path: Path) -> Path | None:
    if not path.exists():
        return None
    backup = path.with_name(f".{path.name}.{secrets.token_hex(4)}.bak")
    os.link(path, backup)
    return backup


def _write(path: Path, content: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _sync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
