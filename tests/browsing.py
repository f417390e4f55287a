"""What the browser tests share: a local server for built sites, and axe-core."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from playwright.sync_api import Page
from support import ROOT


class Server:
    """Serves one built site on localhost; the tests may switch the site and add response headers."""

    def __init__(self) -> None:
        self.root: Path = Path(".")
        self.headers: dict[str, str] = {}
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(server.root), **kwargs)  # type: ignore[arg-type]

            def end_headers(self) -> None:
                self.send_header("Cache-Control", "no-store")  # the tests switch sites under one address
                for name, value in server.headers.items():
                    self.send_header(name, value)
                super().end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def serve(self, root: Path, headers: dict[str, str] | None = None) -> str:
        self.root, self.headers = root, headers or {}
        return self.url


AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Page) -> list[str]:
    """Run axe-core (npm, pinned in tests/tools) on the page as it is now: its WCAG 2.x A/AA rules and best practices."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("""async () => {
        const results = await axe.run(document, { resultTypes: ["violations"] });
        return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }""")
    return list(results)
