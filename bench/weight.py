"""What a visitor downloads for the notice page, gzipped, by kind: measured in a real Chromium.

Run: .venv/bin/python bench/weight.py
Builds the site, serves it locally, loads the English notice in Debian's chromium and records every
response. Sizes are each body gzipped at level 9 (what a static host such as GitHub Pages serves).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    site = Path(tempfile.mkdtemp(prefix="notice-weight-")) / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("NOTICE_CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="networkidle")
        for response in responses:
            body = response.body()
            kind = KINDS.get(response.request.resource_type, "search (worker, index) and other")
            if "search" in response.url:
                kind = "search (worker, index) and other"
            sizes[kind].append((response.url.split("/", 3)[3] or "index.html", len(body), len(gzip.compress(body, compresslevel=9))))
        browser.close()
    server.shutdown()
    server.server_close()
    total_raw = total_gzip = 0
    print(f"{'notice page (/)':34}{'raw':>10}{'gzip':>10}")
    for kind in ("HTML", "CSS", "JS", "search (worker, index) and other"):
        raw, packed = sum(item[1] for item in sizes[kind]), sum(item[2] for item in sizes[kind])
        total_raw, total_gzip = total_raw + raw, total_gzip + packed
        print(f"{kind:34}{raw:>10,}{packed:>10,}   ({len(sizes[kind])} file{'s' if len(sizes[kind]) != 1 else ''})")
    print(f"{'total':34}{total_raw:>10,}{total_gzip:>10,}")


if __name__ == "__main__":
    main()
