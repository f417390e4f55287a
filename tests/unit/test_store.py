"""The store keeps texts by what they depend on: what it gives back is exactly what was put, or nothing."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from notice.store import KEEP_DAYS, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "cache", salt="build-1")


def entries(store: Store) -> list[Path]:
    return sorted(path for path in store.folder.rglob("*") if path.is_file() and path.parent.name != "jinja")


def test_a_text_put_is_got_back_exactly(store: Store) -> None:
    text = "<p>Zażółć gęślą jaźń — « café »</p>\n\r\n"
    key = store.key("page", ("en", "2024-02-01"))
    assert store.get(key) is None
    store.put(key, text)
    assert store.get(key) == text
    assert store.problems == []


def test_keys_differ_with_any_input_and_with_the_salt(store: Store, tmp_path: Path) -> None:
    key = store.key("page", ("en", "2024-02-01"), 1)
    assert key == store.key("page", ("en", "2024-02-01"), 1)
    assert len({key, store.key("page", ("en", "2024-02-02"), 1), store.key("page", ("en", "2024-02-01"), 2),
                store.key("page", ("fr", "2024-02-01"), 1), Store(store.folder, "build-2").key("page", ("en", "2024-02-01"), 1)}) == 5


@pytest.mark.parametrize("damage", ["truncated", "one byte changed", "empty", "not UTF-8"])
def test_a_damaged_entry_is_a_miss(store: Store, damage: str) -> None:
    key = store.key("page")
    store.put(key, "<html>the page</html>")
    [path] = entries(store)
    data = path.read_bytes()
    damaged = {"truncated": data[:-3], "one byte changed": data[:-2] + b"X" + data[-1:], "empty": b"",
               "not UTF-8": hashlib.sha256(b"\xff\xfe").hexdigest().encode() + b"\n\xff\xfe"}[damage]
    path.write_bytes(damaged)
    assert store.get(key) is None


def test_a_failed_write_leaves_nothing_behind_and_is_reported(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    store.put(store.key("page"), "<html>the page</html>")
    assert list(store.folder.rglob("*.*")) == [] and not [path for path in store.folder.rglob("*") if path.is_file()]
    assert store.problems == [f"{store.folder}: No space left on device"]
    assert store.get(store.key("page")) is None


def test_an_unusable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = Store(tmp_path / "file" / "cache", "salt")
    store.put(store.key("page"), "text")
    assert store.get(store.key("page")) is None
    assert store.bytecode_cache() is None
    assert len(store.problems) == 2


def test_pruning_removes_only_entries_unused_for_the_keeping_period(store: Store) -> None:
    old, used, recent = store.key("old"), store.key("used"), store.key("recent")
    for key in (old, used, recent):
        store.put(key, key)
    month_ago = time.time() - (KEEP_DAYS + 1) * 86_400
    for key in (old, used):
        path = store.folder / key[:2] / key[2:]
        os.utime(path, (month_ago, month_ago))
    assert store.get(used) == used  # reading an entry marks it used
    store.prune()
    assert store.get(old) is None
    assert store.get(used) == used and store.get(recent) == recent
