"""What the legal team waits for in the preview: from saving a draft's file to `mkdocs serve` showing the edit.

Run: .venv/bin/python bench/preview.py [--runs 5] [--sizes 1 50 200]
For each history size, a project with that many published versions plus a draft, and its hand-written twin
(bench/twin.py, the draft's pages included), are served side by side by two real `mkdocs serve` processes.
Each run changes one word of the draft's English text (ours: its purposes.yml; the twin: its Markdown page)
and times the wall clock from the write until an HTTP GET of the draft's page shows it; a run that takes
over 120 s fails, and counts as slower than any in the median. Runs alternate between the two, each once
both servers are idle, so both see the same machine. Both wait for MkDocs' debounce (0.1 s without a further
change); plain MkDocs also waits for its next poll of the files (every 0.5 s), where ours gets the system's
file event (notice_mkdocs.watching).
"""

from __future__ import annotations

import argparse
import math
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
NOTEWORTHY = re.compile(r"^(?!INFO\b)\S|\[\d\d:\d\d:\d\d\]")
"""A server's warnings and errors, and its own timed events (changes detected, rebuilt, ...)."""
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


def quiet(log: Path) -> None:
    """Wait until nothing has been logged for QUIET seconds."""
    size, since = -1, time.perf_counter()
    while time.perf_counter() - since < QUIET:
        time.sleep(0.1)
        if (now := log.stat().st_size) != size:
            size, since = now, time.perf_counter()


def settle(side: Side) -> str:
    """Wait until the server is idle, and return its page then.

    A quiet log is not enough, since a rebuild logs little until it ends; but a GET waits for a rebuild in
    progress, which logs when it ends: idle is a quiet log that a GET leaves quiet.
    """
    while True:
        quiet(side.server.log)
        size = side.server.log.stat().st_size
        page = fetch(side.page, STARTUP) or ""
        if side.server.log.stat().st_size == size:
            return page


def log_tail(server: Server) -> str:
    """The server's last messages, without MkDocs' notes on each page (in the thousands for the twin)."""
    lines = server.log.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join([line for line in lines if NOTEWORTHY.search(line)][-10:])


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
    if not shown:  # failed; still wait for it, so that the next run finds the machine idle
        print(f"{side.page} did not show {marker} within {TIMEOUT:.0f} s: a failure; waiting for it", file=sys.stderr)
        if not wait_for(side.page, marker, STARTUP):
            raise SystemExit(f"{side.page} never showed {marker}; its server's log ends:\n{log_tail(side.server)}")
    if marker not in settle(side):
        raise SystemExit(f"{side.page} showed {marker}, then lost it; its server's log ends:\n{log_tail(side.server)}")
    return seconds if shown else None


def prepare(size: int, work: Path) -> tuple[Path, Path]:
    """The project with `size` published versions and a draft started by the CLI, and its twin; their mkdocs.yml."""
    project = make_project(work / "project", size)
    subprocess.run([sys.executable, "-m", "notice", "--root", str(project), "amend", DRAFT], env=ENV, check=True, capture_output=True)
    twin = write_twin(project, work / "twin", date.fromisoformat(TODAY), drafts=True)
    return project / "mkdocs.yml", twin


def ready(side: Side) -> None:
    """Wait for the first build: the server answers with the draft's page, then is idle."""
    if not wait_for(side.page, "efficiently", STARTUP):
        raise SystemExit(f"{side.page} was never served; its server's log ends:\n{log_tail(side.server)}")
    settle(side)


def pages(server: Server) -> int:
    return (fetch(f"{server.url}/sitemap.xml", TIMEOUT) or "").count("<loc>")


def median(times: list[float | None]) -> float:
    """The median, a failed run counting as slower than any (so that failures cannot flatter a figure)."""
    return statistics.median(math.inf if seconds is None else seconds for seconds in times)


def seconds_text(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < math.inf else f">{TIMEOUT:.0f}"


def summary(times: list[float | None]) -> str:
    """Median (min to max) in seconds, and how many runs failed."""
    spread = [math.inf if seconds is None else seconds for seconds in times]
    failed = f", {spread.count(math.inf)} failed" if math.inf in spread else ""
    return f"{seconds_text(median(times))} s ({seconds_text(min(spread))} to {seconds_text(max(spread))}){failed}".rjust(34)


def ratio(ours: float, twin: float) -> str:
    if ours == math.inf:
        return "-"
    return f"{ours / twin:.2f}" if twin < math.inf else f"<{ours / TIMEOUT:.2f}"


def row(size: int, counts: tuple[int, int], ours: list[float | None], twin: list[float | None]) -> str:
    pages_built = str(counts[0]) if counts[0] == counts[1] else f"{counts[0]}/{counts[1]}"
    return f"{size:>8} {pages_built:>7} {summary(ours)} {summary(twin)} {ratio(median(ours), median(twin)):>6}"


def compare(size: int, runs: int) -> str:
    """Serve both sites of one history size and alternate the timed edits; return the table's row."""
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="notice-preview-")))
        ours_config, twin_config = prepare(size, work)
        ours = Side(stack.enter_context(serving(ours_config, work / "ours.log")), ours_config.parent / "data" / "versions" / DRAFT / "purposes.yml")
        twin = Side(stack.enter_context(serving(twin_config, work / "twin.log")), twin_config.parent / "docs" / "versions" / DRAFT / "index.md")
        for side in (ours, twin):
            ready(side)
        counts = pages(ours.server), pages(twin.server)
        ours_times, twin_times = [], []
        for run in range(1, runs + 1):  # alternate, so that both see the same machine
            ours_times.append(edit_seconds(ours, run))
            twin_times.append(edit_seconds(twin, run))
    return row(size, counts, ours_times, twin_times)


def load_average() -> str:
    """The machine's load over 1, 5 and 15 minutes: with other work running, the figures are slower and noisier."""
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 200])
    args = parser.parse_args()
    # Stop the servers on `kill` too; and take Ctrl-C even where it is ignored (a background job), since the
    # servers inherit an ignored Ctrl-C, and they need it to remove their temporary sites.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print(f"{os.cpu_count()} CPUs, load average {load_average()}; each figure: from saving the draft's file to the served page showing the edit, "
          f"median of {args.runs} (min to max)")
    print(f"{'versions':>8} {'pages':>7} {'ours':>34} {'plain MkDocs':>34} {'ratio':>6}", flush=True)
    for size in args.sizes:
        print(compare(size, args.runs), flush=True)
    print(f"load average at the end {load_average()}")


if __name__ == "__main__":
    main()
