"""How long the legal team waits in the preview: what our hooks add to a rebuild after one data file changes.

Run: .venv/bin/python bench/rebuild.py [--versions 50]
It does what `mkdocs serve` does, in one process: start the hooks as `serve` does, build, then edit a draft's
data file, reload the configuration and build again. Our hook's events are timed on that second build; published versions are
neither parsed nor rendered again, since they cannot change.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from history import make_project, month  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def timed_build(project: Path, site: Path) -> tuple[float, dict[str, float]]:
    """One build as `mkdocs serve` runs it (drafts shown), with the time spent in each of our hook's events."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    spent: dict[str, float] = defaultdict(float)
    for event, methods in config.plugins.events.items():
        for index, method in enumerate(methods):
            if getattr(method, "__module__", "") == "hooks/mkdocs_notice.py":
                methods[index] = _timer(method, event, spent)
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` starts its hooks
    start = time.perf_counter()
    build(config, serve_url="http://127.0.0.1:8000/")
    return time.perf_counter() - start, dict(spent)


def _timer(method: Callable[..., Any], event: str, spent: dict[str, float]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[event] += time.perf_counter() - start
    return timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=50)
    args = parser.parse_args()
    project = make_project(Path(tempfile.mkdtemp(prefix="notice-rebuild-")) / "project", args.versions)
    draft = month(args.versions).isoformat()
    today = month(args.versions - 1).isoformat()
    os.environ.update(NO_MKDOCS_2_WARNING="1", NOTICE_TODAY=today, NOTICE_DRAFTS="1")
    subprocess.run([sys.executable, "-m", "notice", "amend", draft], cwd=project, check=True, capture_output=True)
    os.chdir(project)

    cold, cold_hooks = timed_build(project, project / "site")
    purposes = project / "data" / "versions" / draft / "purposes.yml"
    purposes.write_text(purposes.read_text(encoding="utf-8").replace("en: Invoicing\n", "en: Invoicing and payment\n", 1), encoding="utf-8")
    warm, warm_hooks = timed_build(project, project / "site")

    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    print(f"{args.versions} published versions and a draft, {pages} pages, drafts shown as in `mkdocs serve`")
    print(f"first build: {cold:.2f} s, of which our hooks {sum(cold_hooks.values()):.2f} s")
    print(f"rebuild after editing the draft's purposes.yml: {warm:.2f} s, of which our hooks {sum(warm_hooks.values()):.2f} s "
          "(target: under 1 s)")
    for event, seconds in sorted(warm_hooks.items(), key=lambda item: -item[1]):
        print(f"  {event:<16}{seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
