"""Lighthouse on the notice page (consent banner shown) against plain Material serving the hand-written twin.

Run: .venv/bin/python bench/lighthouse.py [--runs 3] [--desktop] [path]
Installs Lighthouse from npm into bench/node_modules (pinned by bench/package-lock.json) and runs it with
Debian's chromium on local builds of the real site and of its twin (bench/twin.py: plain MkDocs + Material on
equivalent hand-written Markdown), served compressed as a static host does, alternating, in one run so both
see the same machine. Prints the median of each figure side by side, and what Lighthouse calls render-blocking.
Goal: at least the twin's performance score and first contentful paint; 100 elsewhere, no third-party request.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from twin import write_twin  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class Host(http.server.SimpleHTTPRequestHandler):
    """Serves the built site compressed, as a static host (GitHub Pages) does."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml"):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")


def serve(site: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/"


def build(config: Path, site: Path, url: str) -> None:
    """Built for the address it is served at, so that its canonical links and sitemap are right there."""
    settings = config.parent / "lighthouse.yml"
    text = config.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^site_url:.*$", f"site_url: {url}", text) if "site_url:" in text else f"site_url: {url}\n{text}",
                        encoding="utf-8")
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(settings), "-d", str(site)], cwd=config.parent,
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        settings.unlink()


def lighthouse(url: str, report: Path, desktop: bool) -> dict[str, Any]:
    command = [str(BENCH / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
               f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": os.environ.get("NOTICE_CHROMIUM", "/usr/bin/chromium")})
    return json.loads(report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def figures(result: dict[str, Any], url: str) -> dict[str, Any]:
    audits = result["audits"]
    blocking = audits.get("render-blocking-insight", audits.get("render-blocking-resources", {})).get("details", {}).get("items", [])
    return {
        **{name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES},
        **{name: audits[name]["numericValue"] for name in METRICS},
        "weight": audits["total-byte-weight"]["numericValue"] / 1024,
        "third-party": [item["url"] for item in audits["network-requests"]["details"]["items"] if not item["url"].startswith((url, "data:"))],
        "blocking": [item["url"].removeprefix(url) for item in blocking if "url" in item],
        "failing": sorted({ref["id"] for name in CATEGORIES for ref in result["categories"][name]["auditRefs"]
                           if ref["weight"] and (audits[ref["id"]].get("score") or 0) < 1}),
        "version": result["lighthouseVersion"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs of each site, alternating (the median is shown)")
    parser.add_argument("--desktop", action="store_true", help="desktop form factor (default: Lighthouse's mobile emulation)")
    args = parser.parse_args()
    if not (BENCH / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=BENCH, check=True)
    work = Path(tempfile.mkdtemp(prefix="notice-lighthouse-"))
    sites = {"ours": (ROOT / "mkdocs.yml", work / "ours"),
             "plain Material": (write_twin(ROOT, work / "twin", date.today()), work / "plain")}
    urls = {name: serve(site) for name, (_, site) in sites.items()}
    for name, (config, site) in sites.items():
        build(config, site, urls[name])
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sites}
    for run in range(args.runs):
        for name in sites:
            runs[name].append(figures(lighthouse(urls[name] + args.path, work / f"{name.split()[0]}-{run}.json", args.desktop), urls[name]))
    first = runs["ours"][0]
    print(f"Lighthouse {first['version']}, {'desktop' if args.desktop else 'mobile'} preset, /{args.path}, median of {args.runs} alternated runs")
    print(f"  {'':<28}{'ours':>10}{'plain Material':>16}")
    for key in (*CATEGORIES, *METRICS, "weight"):
        values = [statistics.median(run[key] for run in runs[name]) for name in sites]
        unit = {"cumulative-layout-shift": "", "weight": " KiB"}.get(key, " ms" if key in METRICS else "")
        print(f"  {key:<28}" + "".join(f"{value:>{10 if i == 0 else 16}.{3 if key == 'cumulative-layout-shift' else 0}f}{unit}"
                                         for i, value in enumerate(values)))
    for name in sites:
        last = runs[name][-1]
        print(f"  {name}: render-blocking {last['blocking'] or 'none'}; third-party requests {last['third-party'] or 'none'};"
              f" audits below 1: {', '.join(last['failing']) or 'none'}")


if __name__ == "__main__":
    main()
