"""Build-time benchmarks: cold and warm builds of the real site and of a 50-version site against their hand-written
twins, and growth with history.

Run: .venv/bin/python bench/build.py [--runs 3] [--sizes 1 50 200]
Each figure is the median of several `mkdocs build` runs (wall clock, a fresh process each time, as CI runs it).
A cold build starts from an empty store (NOTICE_CACHE names a new folder each time); a warm one from the store a
previous build of the same sources left, as a CI run that restored its cache or a second local build does. The twin
(bench/twin.py) is plain MkDocs + Material on equivalent hand-written Markdown, built in the same run, alternating,
so both see the same machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from history import ROOT, make_project  # noqa: E402
from twin import write_twin  # noqa: E402

TODAY = "2045-01-01"


def build_seconds(config: Path, site: Path, store: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTICE_TODAY": TODAY, "NOTICE_CACHE": str(store)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def compare(config: Path, twin: Path, work: Path, runs: int) -> tuple[float, float, float]:
    """Median seconds of a cold build, a warm build and the twin's build, alternating."""
    cold, warm, plain = [], [], []
    store = work / "store"
    for _ in range(runs):
        shutil.rmtree(store, ignore_errors=True)
        cold.append(build_seconds(config, work / "site", store))
        warm.append(build_seconds(config, work / "site", store))
        plain.append(build_seconds(twin, work / "twin-site", work / "unused"))
    return statistics.median(cold), statistics.median(warm), statistics.median(plain)


def report(name: str, config: Path, twin: Path, work: Path, runs: int) -> None:
    cold, warm, plain = compare(config, twin, work, runs)
    print(f"{name}: {pages(work / 'site')} pages; cold {cold:.2f} s, warm {warm:.2f} s; plain Material on the twin "
          f"({pages(work / 'twin-site')} pages) {plain:.2f} s; ratio cold {cold / plain:.2f}, warm {warm / plain:.2f} (goal <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 200])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="notice-bench-"))
    today = date.fromisoformat(TODAY)

    report("the real site (1 version x 3 languages)", ROOT / "mkdocs.yml", write_twin(ROOT, work / "real-twin", today), work / "real",
           args.runs)
    project = make_project(work / "fifty", 50)
    report("50 versions x 3 languages", project / "mkdocs.yml", write_twin(project, work / "twin", today), work / "fifty-build", args.runs)

    print("growth with history (cold, warm):")
    for size in args.sizes:
        project = make_project(work / f"size-{size}", size)
        store, site = work / f"size-{size}-store", work / f"size-{size}-site"
        colds, warms = [], []
        for _ in range(args.runs):
            shutil.rmtree(store, ignore_errors=True)
            colds.append(build_seconds(project / "mkdocs.yml", site, store))
            warms.append(build_seconds(project / "mkdocs.yml", site, store))
        cold, warm = statistics.median(colds), statistics.median(warms)
        count = pages(site)
        print(f"  {size:>4} versions: {count:>5} pages, cold {cold:6.2f} s, warm {warm:6.2f} s, {1000 * warm / count:5.1f} ms a page warm")


if __name__ == "__main__":
    main()
