"""Commands that write are all-or-nothing: a failure at any step (a full disk, a rename refused) leaves every byte as it was."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from support import LANGUAGES, copy_project, edit

from notice import transaction
from notice.amendment import Publication, publish_draft, start_amendment
from notice.errors import NoticeError
from notice.schema import write_schemas
from notice.transaction import Changes, commit
from notice.versions import load_history

TODAY = date(2026, 11, 30)
NEW = date(2027, 3, 1)
SUMMARY = "summary:\n  en: Wording.\n  fr: Rédaction.\n  pl: Redakcja.\n"
PUBLICATION = Publication(LANGUAGES, advance_notice_days=30, translations_reviewed=True)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root`, hidden ones included: what "exactly as it was" means."""
    return {path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None) for path in sorted(root.rglob("*"))}


@pytest.fixture
def ready(tmp_path: Path) -> Path:
    """A project whose draft of 2027-03-01 is ready to publish."""
    project = copy_project(tmp_path / "project")
    start_amendment(project / "data", NEW, TODAY, LANGUAGES)
    draft = project / "data/versions/2027-03-01"
    edit(draft / "purposes.yml", "Our speciallists conduct", "Our specialists conduct")
    edit(draft / "version.yml", "summary:\n  en: TODO\n  fr: TODO\n  pl: TODO\n", SUMMARY)
    return project


def failing(after: int, original: Callable[..., object], error: int = errno.ENOSPC) -> Callable[..., object]:
    """`original`, which fails once, like a full disk, after it has been called `after` times."""
    calls = {"count": 0}

    def call(*args: object, **kwargs: object) -> object:
        calls["count"] += 1
        if calls["count"] == after + 1:
            raise OSError(error, os.strerror(error))
        return original(*args, **kwargs)
    return call


@pytest.mark.parametrize(("step", "after"), [("_write", 0), ("_write", 1), ("replace", 0), ("replace", 1), ("link", 0)],
                         ids=["first-write", "second-write", "first-rename", "second-rename", "backup"])
def test_publishing_that_fails_at_any_step_changes_nothing(ready: Path, monkeypatch: pytest.MonkeyPatch, step: str, after: int) -> None:
    before = snapshot(ready)
    target = transaction if step == "_write" else transaction.os
    monkeypatch.setattr(target, step, failing(after, getattr(target, step)))

    with pytest.raises(NoticeError) as error:
        publish_draft(ready / "data", TODAY, PUBLICATION)

    assert "No space left on device" in str(error.value) and "nothing was changed" in str(error.value)
    assert snapshot(ready) == before


def test_publishing_that_does_not_read_back_is_undone(ready: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last check reads the written repository again; if that fails, the writes are undone."""
    before = snapshot(ready)
    monkeypatch.setattr("notice.amendment.load_history", failing(1, load_history, errno.EIO))

    with pytest.raises(NoticeError) as error:
        publish_draft(ready / "data", TODAY, PUBLICATION)

    assert "did not read back" in str(error.value)
    assert snapshot(ready) == before


def test_publishing_writes_the_status_and_the_lock_together(ready: Path) -> None:
    published = publish_draft(ready / "data", TODAY, PUBLICATION)

    assert not published.is_draft and published.lock is not None
    assert published.lock.published == TODAY and published.lock.base == date(2024, 2, 1)
    assert not [path for path in (ready / "data").rglob(".*") if path.name.endswith((".tmp", ".bak"))], "no temporary file is left"


@pytest.mark.parametrize(("step", "after"), [("mkdir", 0), ("_write", 3), ("rename", 0)], ids=["folder", "a-file", "rename"])
def test_an_amendment_that_fails_at_any_step_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, after: int) -> None:
    project = copy_project(tmp_path / "project")
    before = snapshot(project)
    if step == "mkdir":
        monkeypatch.setattr(Path, "mkdir", failing(after, Path.mkdir))
    else:
        target = transaction if step == "_write" else transaction.os
        monkeypatch.setattr(target, step, failing(after, getattr(target, step)))

    with pytest.raises(NoticeError):
        start_amendment(project / "data", NEW, TODAY, LANGUAGES)

    assert snapshot(project) == before


def test_writing_the_schemas_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    (project / "schema").mkdir()
    (project / "schema/purposes.schema.json").write_text("{}", encoding="utf-8")
    before = snapshot(project)
    monkeypatch.setattr(transaction.os, "replace", failing(4, transaction.os.replace))

    with pytest.raises(NoticeError):
        write_schemas(project, LANGUAGES)

    assert snapshot(project) == before


def test_a_folder_is_never_written_over(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    before = snapshot(tmp_path)

    with pytest.raises(NoticeError) as error:
        commit(Changes(folders={tmp_path / "taken": {"a.yml": b"a: 1\n"}}, files={tmp_path / "b.yml": b"b: 2\n"}), tmp_path)

    assert str(error.value) == "taken: could not write (already exists); nothing was changed"
    assert snapshot(tmp_path) == before


def test_a_file_is_never_written_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "notice.lock").mkdir()
    before = snapshot(tmp_path)

    with pytest.raises(NoticeError) as error:
        commit(Changes(files={tmp_path / "version.yml": b"status: published\n", tmp_path / "notice.lock": b"{}\n"}), tmp_path)

    assert str(error.value) == "notice.lock: could not write (is a folder); nothing was changed"
    assert snapshot(tmp_path) == before


def test_an_undo_that_fails_says_what_to_restore_and_keeps_the_backup(ready: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second rename fails, then so does putting the first file back: the message names the backup to restore by hand."""
    version_file = ready / "data/versions/2027-03-01/version.yml"
    draft = version_file.read_bytes()
    real = transaction.os.replace
    calls = {"count": 0}

    def replace(source: object, target: object) -> None:
        calls["count"] += 1
        if calls["count"] >= 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(source, target)  # type: ignore[arg-type]
    monkeypatch.setattr(transaction.os, "replace", replace)

    with pytest.raises(NoticeError) as error:
        publish_draft(ready / "data", TODAY, PUBLICATION)

    message = str(error.value)
    assert message.startswith("data/versions/2027-03-01/version.yml: a write failed and could not be undone (Input/output error): "
                              "its previous content is in data/versions/2027-03-01/.version.yml.")
    backup = ready / message.split("its previous content is in ")[1].split(";")[0]
    assert backup.read_bytes() == draft
