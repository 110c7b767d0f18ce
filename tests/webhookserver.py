"""A real threaded HTTP server on 127.0.0.1 that records JSON webhook bodies.

    def test_x(webhook_server):
        webhook_server.script("/hook", [500, 429, "hang", 200])   # then 200 forever
        url = webhook_server.apprise_url("/hook")                # json://127.0.0.1:PORT/hook
        webhook_server.requests   # every request: path, json, answer (int or "hang")
        webhook_server.delivered  # bodies answered 200

429 carries `Retry-After`. "hang" never answers: the handler waits on an Event
(bounded by `hang_seconds`, released at shutdown) and then drops the
connection, so a hanging request can never outlive its test.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Answer = int | str  # HTTP status, or "hang"


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw text when it is not JSON
    answer: Answer


class WebhookServer:
    def __init__(self, hang_seconds: float = 5.0, retry_after: int = 1):
        self.hang_seconds = hang_seconds
        self.retry_after = retry_after
        self.requests: list[Request] = []
        self._scripts: dict[str, list[Answer]] = {}
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.host, self.port = self._httpd.server_address[:2]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def script(self, path: str, answers: list[Answer]) -> None:
        with self._lock:
            self._scripts[path] = list(answers)

    def apprise_url(self, path: str = "/hook") -> str:
        return f"json://{self.host}:{self.port}{path}"

    @property
    def delivered(self) -> list[Any]:
        return [r.body for r in self.requests if r.answer == 200]

    def _next_answer(self, path: str) -> Answer:
        with self._lock:
            queue = self._scripts.get(path)
            return queue.pop(0) if queue else 200

    def stop(self) -> None:
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body: Any = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                answer = server._next_answer(self.path)
                with server._lock:
                    server.requests.append(Request(self.path, dict(self.headers), body, answer))
                if answer == "hang":
                    server._release.wait(server.hang_seconds)
                    self.close_connection = True
                    return
                self.send_response(int(answer))
                if answer == 429:
                    self.send_header("Retry-After", str(server.retry_after))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass  # keep test output clean

        return Handler


@pytest.fixture
def webhook_server() -> Iterator[WebhookServer]:
    srv = WebhookServer()
    yield srv
    srv.stop()
