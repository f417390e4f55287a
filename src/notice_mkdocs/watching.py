"""How the preview notices a saved file: by the system's file events where it can, not by MkDocs' polling.

MkDocs' server (1.6) polls the folders it watches every half second: a save waits a quarter of a second on
average before the rebuild starts, and twice a second the whole of `data/` is walked, every version's files,
while the legal team reads. The system's file events (inotify, FSEvents, ReadDirectoryChangesW, through the
same watchdog package MkDocs uses) arrive as the file is written. Where they cannot watch a folder (a file system
without them, too many folders for the system's limit), the preview keeps MkDocs' polling and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

CHANGES: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
                                         DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
"""What MkDocs' polling sees. The system also reports a file opened, read and closed, and MkDocs rebuilds on any
event: as a build reads every data file, each build would start the next."""


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]  # the platform's observer, whichever it is
    """The system's file events, changes only, whoever schedules the watch (MkDocs' `watch` passes no filter)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False) -> ObservedWatch:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,  # type: ignore[no-any-return]
                                follow_symlink=follow_symlink)


WATCHING_INTERNALS = ("observer", "_watched_paths", "_watch_refs")
"""What `watch_natively` uses of MkDocs' LiveReloadServer (1.6), which is not public: checked before use."""


def watch_natively(server: LiveReloadServer, later: Iterable[str], log: logging.Logger | logging.LoggerAdapter[logging.Logger]) -> bool:
    """Give `server` an observer of the system's file events, watching what it watches now; `later` are the paths
    MkDocs will add after the `on_serve` event (the config's `watch:`), which must be watchable too. Before the
    server starts: it starts the observer it holds. Whether the switch was made."""
    if not all(hasattr(server, name) for name in WATCHING_INTERNALS) or server.observer.is_alive():
        return False
    watched: dict[str, int] = dict(server._watched_paths)
    paths = [*watched, *(str(Path(path).resolve()) for path in later)]
    problem = _unwatchable(paths)
    if problem:
        log.info(f"The preview polls for changes every half second, as MkDocs does: the system's file events cannot watch {problem}")
        return False
    server.observer = ChangeObserver()  # the polling one is dropped unstarted, with what it was to watch
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return True


def _unwatchable(paths: list[str]) -> str | None:
    """The first path the system's file events cannot watch, with why; None when they can watch them all."""
    probe = ChangeObserver()
    probe.start()
    try:
        for path in paths:
            try:
                probe.schedule(FileSystemEventHandler(), path, recursive=True)  # a running observer watches at once
            except OSError as error:
                return f"{path} ({error.strerror or error})"
    finally:
        probe.stop()
        probe.join()
    return None
