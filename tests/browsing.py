"""What the browser tests share: a local server for built sites, a page recorded from its first byte, and axe-core."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page
from support import ROOT


PHONE = {"width": 390, "height": 844}
"""A phone's screen, in CSS pixels (iPhone 12 to 15)."""

LOG_PATH = "/consent-log"
"""Where the test server accepts POST requests, as a site owner's consent log would (extra.notice.consent_log_url)."""


@dataclass(frozen=True)
class Received:
    """A POST request the test server received on LOG_PATH."""

    content_type: str
    body: bytes


class Server:
    """Serves one built site on localhost; the tests may switch the site and add response headers.

    It also records every POST to LOG_PATH in `received`, and refuses any other POST.
    """

    def __init__(self) -> None:
        self.root: Path = Path(".")
        self.headers: dict[str, str] = {}
        self.received: list[Received] = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(server.root), **kwargs)  # type: ignore[arg-type]

            def end_headers(self) -> None:
                self.send_header("Cache-Control", "no-store")  # the tests switch sites under one address
                for name, value in server.headers.items():
                    self.send_header(name, value)
                super().end_headers()

            def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
                if self.path != LOG_PATH:
                    self.send_error(405)
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.received.append(Received(self.headers.get("Content-Type", ""), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def serve(self, root: Path, headers: dict[str, str] | None = None) -> str:
        self.root, self.headers, self.received = root, headers or {}, []
        return self.url

    def wait_for_posts(self, count: int, timeout: float = 10) -> list[Received]:
        """The POSTs received so far, once there are `count` of them (a beacon is sent in the background)."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.received)


def visit_recorded(browser: Browser, url: str, scheme: str, scripts: list[str], ready: str) -> tuple[BrowserContext, Page]:
    """The page at `url` on a device in `scheme` (light or dark), with `scripts` run before any of the page's own (to
    record how it is parsed), once `ready` (a JavaScript condition) holds; the page raised no error."""
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    for script in scripts:
        context.add_init_script(script)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function(ready)
    assert errors == []
    return context, page


AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Page) -> list[str]:
    """Run axe-core (npm, pinned in tests/tools) on the page as it is now: its WCAG 2.x A/AA rules and best practices."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("""async () => {
        const results = await axe.run(document, { resultTypes: ["violations"] });
        return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }""")
    return list(results)
