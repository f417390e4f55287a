"""Texts kept on disk by everything they depend on: what published versions alone decide (their pages, their JSON,
the class of their changes) is made once, not at every build nor at every keystroke of a preview.

A key is a hash of the store's salt (what every entry depends on: the code, the theme, the configuration) and of
the entry's own inputs. An entry is written once, atomically, and never changed: anything different is a
different key. An entry that does not read back whole is a miss. Entries unused for `KEEP_DAYS` are removed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache

KEEP_DAYS = 30


@dataclass
class Store:
    """A cache folder: texts by key."""

    folder: Path
    salt: str
    problems: list[str] = field(default_factory=list)
    """Why the cache could not be used (it is then only slower): reported once by the adapter."""

    def key(self, *parts: object) -> str:
        """The key of an entry from what it depends on: plain values (strings, dates, tuples, enums, frozen
        dataclasses) whose `repr` is the same from one run to the next."""
        return hashlib.sha256(f"{self.salt}|{parts!r}".encode()).hexdigest()

    def get(self, key: str) -> str | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # used: kept by `prune`
        except OSError:
            return None
        checksum, _, text = data.partition(b"\n")
        if checksum != hashlib.sha256(text).hexdigest().encode():
            return None
        try:
            return text.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, key: str, text: str) -> None:
        """Write the entry whole or not at all: a build that stops half-way leaves no partial entry behind."""
        data = text.encode("utf-8")
        path = self._path(key)
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as file:
                temporary = file.name
                file.write(hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
            os.replace(temporary, path)
        except OSError as error:
            self.problems.append(f"{self.folder}: {error.strerror or error}")
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)

    def bytecode_cache(self) -> BytecodeCache | None:
        """Where Jinja keeps compiled templates between builds (it checks each against its template's source)."""
        folder = self.folder / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.problems.append(f"{folder}: {error.strerror or error}")
            return None
        return FileSystemBytecodeCache(str(folder))

    def prune(self, now: float | None = None) -> None:
        """Remove the entries no build used for `KEEP_DAYS` (the versions and templates of long ago)."""
        limit = (time.time() if now is None else now) - KEEP_DAYS * 86_400
        for path in self.folder.glob("*/*"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]
