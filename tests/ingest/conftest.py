"""Fixtures for the ingest tests: fixture paths and a real HTTP server on the loopback interface."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
HTML_FIXTURES = FIXTURES / "html"

ARTICLE_HTML = (HTML_FIXTURES / "regional-news.html").read_bytes()
RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback News</title><link>http://127.0.0.1/</link>
<description>test feed</description>
<item><title>Local item</title><link>http://127.0.0.1/article</link><description>Short teaser.</description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    hits: list[str]

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        self.server.user_agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE_HTML)
        elif path == "/text":
            body = ("Plain text article.\n\n" + "The committee met on Monday and agreed the plan. " * 8).encode()
            self._send(200, body, "text/plain; charset=utf-8")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>")
        elif path == "/big-unannounced":
            self.close_connection = True
            self._send(200, b"<html><body>" + b"<p>word</p>" * 2000 + b"</body></html>", length=False)
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/redirect/{n - 1}" if n > 0 else "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/feed":
            host, port = self.server.server_address[:2]
            self._send(200, RSS.replace(b"http://127.0.0.1/", f"http://{host}:{port}/".encode()),
                       "application/rss+xml")
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[ThreadingHTTPServer]:
    """A real HTTP server on 127.0.0.1, in a thread; ``server.hits`` lists the paths requested."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.hits = []  # type: ignore[attr-defined]
    server.user_agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"
