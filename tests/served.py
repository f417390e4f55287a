"""A local web server for the browser tests: one built site at a time, with the headers a test asks for."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path


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
