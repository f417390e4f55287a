"""Build-time benchmarks: the real site, a 50-version site against its hand-written twin, and growth with history.

Run: .venv/bin/python bench/build.py [--runs 3] [--sizes 1 50 200]
Each figure is the median of several `mkdocs build` runs (wall clock, a fresh process each time, as CI
runs it). The twin (bench/twin.py) is plain MkDocs + Material on equivalent hand-written Markdown, built
in the same run so both see the same machine.
"""

from __future__ import annotations

import argparse
import os
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


def build_seconds(config: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTICE_TODAY": TODAY}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def median(config: Path, site: Path, runs: int) -> float:
    return statistics.median(build_seconds(config, site) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 200])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="notice-bench-"))

    real = median(ROOT / "mkdocs.yml", work / "real", args.runs)
    print(f"real site: {pages(work / 'real')} pages, {real:.2f} s")

    project = make_project(work / "fifty", 50)
    twin = write_twin(project, work / "twin", date.fromisoformat(TODAY))
    ours_times, twin_times = [], []
    for _ in range(args.runs):  # alternate, so that both see the same machine
        ours_times.append(build_seconds(project / "mkdocs.yml", work / "fifty-site"))
        twin_times.append(build_seconds(twin, work / "twin-site"))
    ours, theirs = statistics.median(ours_times), statistics.median(twin_times)
    print(f"50 versions x 3 languages: generated {pages(work / 'fifty-site')} pages in {ours:.2f} s; "
          f"hand-written twin {pages(work / 'twin-site')} pages in {theirs:.2f} s; ratio {ours / theirs:.2f} (target <= 1.2)")

    print("growth with history:")
    for size in args.sizes:
        project = make_project(work / f"size-{size}", size)
        seconds = median(project / "mkdocs.yml", work / f"size-{size}-site", args.runs)
        count = pages(work / f"size-{size}-site")
        print(f"  {size:>4} versions: {count:>5} pages, {seconds:6.2f} s, {1000 * seconds / count:5.1f} ms a page")


if __name__ == "__main__":
    main()
