"""A project with a long history, for the benchmarks: the real project plus N-1 published amendments.

Each amendment changes a few words of a purpose and of its translations, the way real amendments do, and is
published with the same lock the real tooling writes.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

from notice.load import snapshot_files
from notice.versions import LOCK_NAME, LockEntry, file_digests, lock_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import FIRST_VERSION, copy_project  # noqa: E402  (the test suite's copy of the project)


def month(index: int) -> date:
    """The first day of the index-th month after February 2024."""
    return date(2024 + (1 + index) // 12, (1 + index) % 12 + 1, 1)


def make_project(target: Path, versions: int) -> Path:
    """Copy the project to `target` with `versions` published versions in all (the first is the real 2024 notice)."""
    if target.exists():
        shutil.rmtree(target)
    copy_project(target)
    data = target / "data"
    previous = target / FIRST_VERSION
    for index in range(1, versions):
        folder = data / "versions" / month(index).isoformat()
        shutil.copytree(previous, folder)
        purposes = folder / "purposes.yml"
        text = purposes.read_text(encoding="utf-8")
        for language, old in (("en", "efficiently."), ("fr", "efficacement."), ("pl", "sprawnie.")):
            if old in text:
                text = text.replace(old, old[:-1] + f" ({index}).", 1)
        purposes.write_text(text, encoding="utf-8")
        version = folder / "version.yml"
        version.write_text(version.read_text(encoding="utf-8").split("summary:")[0]
                           + f"summary:\n  en: Amendment {index}.\n  fr: Modification {index}.\n  pl: Zmiana {index}.\n", encoding="utf-8")
        previous = folder
    folders = sorted((data / "versions").iterdir())
    lock = {folder.name: LockEntry(published=date.fromisoformat(folder.name), base=date.fromisoformat(before.name) if before else None,
                                   languages=("en", "fr", "pl"), files=file_digests(snapshot_files(folder, folder.name, target)[0]))
            for before, folder in zip([None, *folders], folders)}
    (data / LOCK_NAME).write_text(lock_text(lock), encoding="utf-8")
    return target
