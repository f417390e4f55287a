"""The legal team's preview: `mkdocs serve` shows drafts and rebuilds when a data file changes."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver
from notice_mkdocs.watching import watch_natively
from support import ROOT, edit, notice, page_text

NEW = "2026-12-01"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("the preview did not show the change in time")


@pytest.fixture
def preview(project: Path) -> Iterator[str]:
    """`mkdocs serve` on a copy of the project that has a draft amendment."""
    (project.parent / "tmp").mkdir()  # where `mkdocs serve` makes the folder it builds into (`served_folder`)
    env = {**os.environ, "NOTICE_TODAY": "2026-11-26", "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(project.parent / "tmp")}
    assert notice(project, "amend", NEW, today=env["NOTICE_TODAY"]).returncode == 0
    port = free_port()
    log = (project / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Draft, not in force" in fetch(f"{url}versions/{NEW}/"))
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_the_preview_shows_the_draft_and_reloads_on_a_data_edit(project: Path, preview: str) -> None:
    edit(project / f"data/versions/{NEW}/purposes.yml", "en: Invoicing\n", "en: Invoicing and payment terms\n")

    wait_for(lambda: "Invoicing and payment terms" in fetch(f"{preview}versions/{NEW}/"))
    assert "Wording changed in Invoicing and payment terms." in page_text(fetch(f"{preview}versions/{NEW}/changes/"))
    assert "Invoicing and payment terms" not in fetch(preview), "the notice in force does not change"


def test_pages_from_the_store_are_served_as_they_were_built(project: Path, preview: str) -> None:
    """After a rebuild the preview serves the pages it did not render again from memory (writing them out at every
    rebuild would cost more than the rebuild as the history grows): byte for byte the pages it first built and
    wrote, with the preview's reload script."""
    frozen = ("", "fr/", "pl/personal-data/", "versions/2024-02-01/", "pl/versions/2024-02-01/changes/")
    before = {path: without_reload_script(fetch(preview + path)) for path in frozen}
    edit(project / f"data/versions/{NEW}/purposes.yml", "en: Invoicing\n", "en: Invoicing and payment\n")
    wait_for(lambda: "Invoicing and payment" in fetch(f"{preview}versions/{NEW}/"))

    assert re.search(r"Pages: [1-9]\d* from the page cache", (project / "serve.log").read_text(encoding="utf-8"))
    assert (served_folder(project) / "versions" / NEW / "index.html").is_file(), "the draft's page is built and written"
    for path in frozen:
        assert not (served_folder(project) / path / "index.html").exists(), path
    for path in frozen:
        served = fetch(preview + path)
        assert "livereload(" in served, path
        assert without_reload_script(served) == before[path], path
    with urllib.request.urlopen(f"{preview}versions/2024-02-01", timeout=5) as response:  # to the page, as MkDocs does
        assert response.url.endswith("/versions/2024-02-01/")


def test_generated_files_are_served_from_memory_as_each_rebuild_made_them(project: Path, preview: str) -> None:
    """The feeds, JSON and linked data are not written by the preview but served from memory, with their types, as
    the last rebuild made them: the draft's JSON follows an edit, the files of the version in force stay as built."""
    frozen = ("versions/2024-02-01.json", "notice.jsonld", "fr/feed.xml", ".well-known/gpc.json")
    before = {path: fetch(preview + path) for path in frozen}
    edit(project / f"data/versions/{NEW}/purposes.yml", "en: Invoicing\n", "en: Invoicing and settlement\n")
    wait_for(lambda: "Invoicing and settlement" in fetch(f"{preview}versions/{NEW}/"))

    assert "Invoicing and settlement" in json.dumps(json.loads(fetch(f"{preview}versions/{NEW}.json")), ensure_ascii=False)
    for path in frozen:
        assert fetch(preview + path) == before[path], path
    assert [path for path in (*frozen, f"versions/{NEW}.json") if (served_folder(project) / path).exists()] == []
    with urllib.request.urlopen(f"{preview}versions/index.json", timeout=5) as response:
        assert response.headers["Content-Type"] == "application/json"
        assert NEW in [row["version"] for row in json.loads(response.read())["versions"]]
    with urllib.request.urlopen(f"{preview}feed.xml", timeout=5) as response:
        assert response.headers["Content-Type"] in ("application/xml", "text/xml")
        assert response.read().startswith(b"<?xml")


def served_folder(project: Path) -> Path:
    """The folder the preview builds into: MkDocs makes it in the temporary folder, which the fixture names."""
    [folder] = (project.parent / "tmp").glob("mkdocs_*")
    return folder


def without_reload_script(html: str) -> str:
    return re.sub(r"<script>[^<]*livereload\([^<]*</script>", "", html)


def test_a_server_the_preview_does_not_know_gets_the_pages_written(tmp_path: Path) -> None:
    """Serving from memory uses MkDocs' server from the inside: a server without those parts is left alone, and the
    pages from the store are written to the site as a build writes them (and at every rebuild after)."""
    spec = importlib.util.spec_from_file_location("notice_hook_under_test", ROOT / "hooks" / "mkdocs_notice.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = hook  # as MkDocs loads a hook: its dataclasses look their module up there
    try:
        spec.loader.exec_module(hook)
    finally:
        del sys.modules[spec.name]
    hook._served = {"versions/2024-02-01/index.html": "<html><body>Version of 1 February 2024</body></html>",
                    "versions/2024-02-01.json": '{"version": "2024-02-01"}'}
    server = object()

    assert hook.on_serve(server, SimpleNamespace(site_dir=str(tmp_path), watch=[]), lambda: None) is server

    for name, content in hook._served.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == content, name
    assert hook._from_memory is False


@pytest.fixture
def idle_server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    """MkDocs' own preview server, made as `mkdocs serve` makes it, before it serves."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    try:
        yield server
    finally:
        if server.observer.is_alive():
            server.observer.stop()
            server.observer.join()
        server.server_close()


def test_a_saved_file_reaches_the_preview_as_a_file_event_not_at_the_next_poll(tmp_path: Path, idle_server: LiveReloadServer) -> None:
    """MkDocs polls every half second; the preview takes the system's file events instead, for what MkDocs watched
    before the `on_serve` event and for the config's `watch:` paths it adds after it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "versions").mkdir(parents=True)
    idle_server.watch(str(tmp_path / "docs"))
    idle_server.watch(str(tmp_path / "docs"))
    assert isinstance(idle_server.observer, PollingObserver)

    assert watch_natively(idle_server, [str(tmp_path / "data")], logging.getLogger("test")) is True

    assert not isinstance(idle_server.observer, PollingObserver)
    assert idle_server._watched_paths == {str(tmp_path / "docs"): 2}
    idle_server.watch(str(tmp_path / "data"))  # as MkDocs adds the config's `watch:` paths
    idle_server.observer.start()
    for saved in (tmp_path / "data" / "versions" / "purposes.yml", tmp_path / "docs" / "index.md"):
        idle_server._want_rebuild = False
        saved.write_text("en: Invoicing\n", encoding="utf-8")
        wait_for(lambda: idle_server._want_rebuild)


def test_reading_a_watched_file_is_not_a_change(tmp_path: Path, idle_server: LiveReloadServer) -> None:
    """The system reports a file opened and closed too; a build reads every data file, so if reading were a change,
    each rebuild would start the next. What the watch reports is recorded, in order, until a later save."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "read.yml").write_text("en: Invoicing\n", encoding="utf-8")
    assert watch_natively(idle_server, [], logging.getLogger("test")) is True
    idle_server.watch(str(tmp_path / "data"))
    seen: list[tuple[str, str]] = []
    recorder = FileSystemEventHandler()
    recorder.on_any_event = lambda event: seen.append((event.event_type, Path(str(event.src_path)).name))  # type: ignore[method-assign]
    idle_server.observer.schedule(recorder, str(tmp_path / "data"), recursive=True)  # the same watch, so the same order
    idle_server.observer.start()

    (tmp_path / "data" / "read.yml").read_text(encoding="utf-8")
    (tmp_path / "data" / "saved.yml").write_text("en: Invoicing\n", encoding="utf-8")
    wait_for(lambda: ("modified", "saved.yml") in seen)

    assert [name for _, name in seen if name == "read.yml"] == []
    assert idle_server._want_rebuild


def test_where_file_events_cannot_watch_the_preview_keeps_polling_and_says_why(
        tmp_path: Path, idle_server: LiveReloadServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    idle_server.watch(str(tmp_path))
    polling = idle_server.observer

    assert watch_natively(idle_server, [str(tmp_path / "no-such-folder")], logging.getLogger("test")) is False

    assert idle_server.observer is polling and idle_server._watched_paths == {str(tmp_path): 1}
    assert f"cannot watch {tmp_path / 'no-such-folder'}" in caplog.text
    assert "polls for changes every half second" in caplog.text


def test_a_server_already_watching_is_left_as_it_is(tmp_path: Path, idle_server: LiveReloadServer) -> None:
    idle_server.watch(str(tmp_path))
    idle_server.observer.start()

    assert watch_natively(idle_server, [], logging.getLogger("test")) is False
    assert isinstance(idle_server.observer, PollingObserver)
