"""What the legal team waits for in the preview: from saving a draft's file to `mkdocs serve` showing the edit.

Run: .venv/bin/python bench/preview.py [--runs 5] [--sizes 1 50 200]
For each history size, a project with that many published versions plus a draft, and its hand-written twin
(bench/twin.py, the draft's pages included), are served side by side by two real `mkdocs serve` processes.
Each run changes one word of the draft's English text (ours: its purposes.yml; the twin: its Markdown page)
and times the wall clock from the write until an HTTP GET of the draft's page shows it. Runs alternate
between the two, each once both servers are idle, so both see the same machine; MkDocs' file watching
(polled every 0.5 s) and its debounce are in both figures alike.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from history import make_project
from twin import write_twin

TODAY = "2045-01-01"
"""After the last published version of 200 (month(199) is 2040-09-01), so the draft can follow it."""
DRAFT = "2045-02-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTICE_TODAY": TODAY}
EDITED = re.compile(r"(promptly and\s+efficiently)(-r\d+)?")
"""The word each run changes: in the draft's purpose "Handling Customer Requests", in YAML and Markdown alike."""
POLL = 0.05
"""A GET during a rebuild waits for it, so the poll's period hardly shows in the figures."""
TIMEOUT = 120.0
STARTUP = 900.0
"""The first build of 200 versions on a busy machine can take minutes."""
QUIET = 1.5
"""Idle means the server's log unchanged this long: more than a watcher poll and a debounce."""
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the servers are local: never through a proxy


@dataclass(frozen=True)
class Server:
    url: str
    log: Path


@dataclass(frozen=True)
class Side:
    """One of the two sites: its server, the file a run edits, and the page that shows the edit."""

    server: Server
    edited: Path

    @property
    def page(self) -> str:
        return f"{self.server.url}/versions/{DRAFT}/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(config: Path, log: Path) -> Iterator[Server]:
    """A real `mkdocs serve` of `config`, in its own process group so that all of it is stopped, whatever happens."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                   cwd=config.parent, env=ENV, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield Server(f"http://127.0.0.1:{port}", log)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C first, so that `mkdocs serve` removes its temporary site; then kill what is left."""
    for sent, wait in ((signal.SIGINT, 10.0), (signal.SIGKILL, 5.0)):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sent)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def fetch(url: str, timeout: float) -> str | None:
    """The page, or None while the server is not up. A GET during a rebuild waits for it to finish."""
    try:
        with OPENER.open(url, timeout=timeout) as response:
            body: bytes = response.read()
        return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> bool:
    """Whether the page at `url` comes to contain `text` within `timeout` seconds."""
    deadline = time.perf_counter() + timeout
    while (left := deadline - time.perf_counter()) > 0:
        page = fetch(url, left)
        if page is not None and text in page:
            return True
        time.sleep(POLL)
    return False


def settle(server: Server) -> None:
    """Wait until the server is idle: nothing logged (no rebuild started or running) for QUIET seconds."""
    size, since = -1, time.perf_counter()
    while time.perf_counter() - since < QUIET:
        time.sleep(0.1)
        if (now := server.log.stat().st_size) != size:
            size, since = now, time.perf_counter()


def log_tail(server: Server) -> str:
    return "\n".join(server.log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])


def edit_seconds(side: Side, run: int) -> float | None:
    """One saved edit: a new marker word in the file, timed until the served page shows it (None: it never did)."""
    marker = f"efficiently-r{run:03d}"
    text, count = EDITED.subn(rf"\1-r{run:03d}", side.edited.read_text(encoding="utf-8"), count=1)
    if count != 1:
        raise SystemExit(f"{side.edited}: the word to edit is not there")
    content = text.encode()  # before the clock starts; the write is then one system call
    start = time.perf_counter()
    side.edited.write_bytes(content)
    shown = wait_for(side.page, marker, TIMEOUT)
    seconds = time.perf_counter() - start
    settle(side.server)
    if not shown:
        print(f"{side.page} did not show {marker} within {TIMEOUT:.0f} s; its server's log ends:\n{log_tail(side.server)}", file=sys.stderr)
        return None
    if marker not in (fetch(side.page, TIMEOUT) or ""):
        raise SystemExit(f"{side.page} showed {marker}, then lost it:\n{log_tail(side.server)}")
    return seconds


def prepare(size: int, work: Path) -> tuple[Path, Path]:
    """The project with `size` published versions and a draft started by the CLI, and its twin; their mkdocs.yml."""
    project = make_project(work / "project", size)
    subprocess.run([sys.executable, "-m", "notice", "--root", str(project), "amend", DRAFT], env=ENV, check=True, capture_output=True)
    twin = write_twin(project, work / "twin", date.fromisoformat(TODAY), drafts=True)
    return project / "mkdocs.yml", twin


def ready(server: Server) -> None:
    """Wait for the first build: the server answers with the draft's page."""
    if not wait_for(f"{server.url}/versions/{DRAFT}/", "efficiently", STARTUP):
        raise SystemExit(f"{server.url} never served the draft's page:\n{log_tail(server)}")
    settle(server)


def pages(server: Server) -> int:
    return (fetch(f"{server.url}/sitemap.xml", TIMEOUT) or "").count("<loc>")


def done(times: list[float | None]) -> list[float]:
    return [seconds for seconds in times if seconds is not None]


def summary(times: list[float | None]) -> str:
    """Median (min-max) of the runs that showed the edit, and how many never did."""
    shown = done(times)
    failed = f", {len(times) - len(shown)} failed" if len(shown) < len(times) else ""
    return (f"{statistics.median(shown):.2f} s ({min(shown):.2f}-{max(shown):.2f}){failed}" if shown else "all failed").rjust(24)


def row(size: int, counts: tuple[int, int], ours: list[float | None], twin: list[float | None]) -> str:
    pages_built = str(counts[0]) if counts[0] == counts[1] else f"{counts[0]}/{counts[1]}"
    ratio = f"{statistics.median(done(ours)) / statistics.median(done(twin)):.2f}" if done(ours) and done(twin) else "-"
    return f"{size:>8} {pages_built:>7} {summary(ours)} {summary(twin)} {ratio:>6}"


def compare(size: int, runs: int) -> str:
    """Serve both sites of one history size and alternate the timed edits; return the table's row."""
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="notice-preview-")))
        ours_config, twin_config = prepare(size, work)
        ours = Side(stack.enter_context(serving(ours_config, work / "ours.log")), ours_config.parent / "data" / "versions" / DRAFT / "purposes.yml")
        twin = Side(stack.enter_context(serving(twin_config, work / "twin.log")), twin_config.parent / "docs" / "versions" / DRAFT / "index.md")
        for side in (ours, twin):
            ready(side.server)
        counts = pages(ours.server), pages(twin.server)
        ours_times, twin_times = [], []
        for run in range(1, runs + 1):  # alternate, so that both see the same machine
            ours_times.append(edit_seconds(ours, run))
            twin_times.append(edit_seconds(twin, run))
    return row(size, counts, ours_times, twin_times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 200])
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the servers are stopped on `kill` too
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average {load}; each figure: from saving the draft's file to the served page showing the edit, "
          f"median of {args.runs} (min-max)")
    print(f"{'versions':>8} {'pages':>7} {'ours':>24} {'plain MkDocs':>24} {'ratio':>6}", flush=True)
    for size in args.sizes:
        print(compare(size, args.runs), flush=True)


if __name__ == "__main__":
    main()
