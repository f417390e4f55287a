"""Lighthouse on the notice page, with the consent banner shown: the four scores and the page weight.

Run: .venv/bin/python bench/lighthouse.py [--mobile | --desktop] [path]
Installs Lighthouse from npm into bench/node_modules (pinned by bench/package-lock.json) and runs it with
Debian's chromium on a local build of the site. Target: 100 in each category, no third-party request.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="")
    parser.add_argument("--desktop", action="store_true", help="desktop form factor (default: Lighthouse's mobile emulation)")
    args = parser.parse_args()
    if not (BENCH / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=BENCH, check=True)
    work = Path(tempfile.mkdtemp(prefix="notice-lighthouse-"))
    site = work / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_port}/"
    # The site is built for the address it is served at, so that its canonical links and sitemap are right there.
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report = work / "report.json"
    command = [str(BENCH / "node_modules" / ".bin" / "lighthouse"), url + args.path, "--quiet", "--output=json",
               f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"]
    if args.desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": os.environ.get("NOTICE_CHROMIUM", "/usr/bin/chromium")})
    server.shutdown()
    server.server_close()
    result = json.loads(report.read_text(encoding="utf-8"))
    print(f"Lighthouse {result['lighthouseVersion']} on {url + args.path} ({'desktop' if args.desktop else 'mobile'})")
    for name in CATEGORIES:
        category = result["categories"][name]
        failing = [ref["id"] for ref in category["auditRefs"]
                   if ref["weight"] and (result["audits"][ref["id"]].get("score") or 0) < 1]
        print(f"  {category['title']:<16}{round(category['score'] * 100):>4}" + (f"   below 1: {', '.join(failing)}" if failing else ""))
    weight = result["audits"]["total-byte-weight"]["numericValue"]
    third = [item["url"] for item in result["audits"]["network-requests"]["details"]["items"] if not item["url"].startswith((url, "data:"))]
    print(f"  page weight      {weight / 1024:.0f} KiB transferred (gzip), third-party requests: {len(third)} {third}")
    for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"):
        print(f"  {result['audits'][audit]['title']:<28}{result['audits'][audit]['displayValue']}")


if __name__ == "__main__":
    main()
