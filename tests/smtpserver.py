"""A real SMTP server (aiosmtpd) on 127.0.0.1 for notification tests.

    def test_x(smtp_server):                       # accepts everything
        url = smtp_server.apprise_url()            # mailto://127.0.0.1:PORT?from=…&to=…
        smtp_server.messages                       # [email.message.EmailMessage]

    def test_y(make_smtp_server):
        srv = make_smtp_server(refuse_first=2, stage="DATA", code="451 4.3.0 Try later")

A refusing server answers the first K transactions with the given code at RCPT
or DATA, then accepts; `attempts` counts every transaction it saw.
"""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Handler:
    def __init__(self, refuse_first: int, stage: str, code: str):
        self.refuse_first = refuse_first
        self.stage = stage
        self.code = code
        self.attempts = 0
        self.messages: list[EmailMessage] = []
        self.refused: list[str] = []
        self._lock = threading.Lock()

    def _refuse(self) -> bool:
        # Called once per transaction (at the refusing stage): decides its fate.
        with self._lock:
            self.attempts += 1
            return self.attempts <= self.refuse_first

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if self.stage == "RCPT" and self._refuse():
            self.refused.append(address)
            return self.code
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.stage == "DATA" and self._refuse():
            self.refused.append(",".join(envelope.rcpt_tos))
            return self.code
        if self.stage not in ("DATA", "RCPT"):
            with self._lock:
                self.attempts += 1
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(msg)  # type: ignore[arg-type]
        return "250 Message accepted"


class SMTPServer:
    def __init__(self, refuse_first: int = 0, stage: str = "DATA",
                 code: str = "451 4.3.0 Try again later"):
        self.handler = _Handler(refuse_first, stage, code)
        self.host = "127.0.0.1"
        for _ in range(5):  # a just-freed port can be taken by someone else: retry
            self.port = _free_port()
            self.controller = Controller(self.handler, hostname=self.host, port=self.port)
            try:
                self.controller.start()
                break
            except OSError:
                continue
        else:
            raise RuntimeError("could not start the SMTP test server")

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self.handler.messages)

    @property
    def attempts(self) -> int:
        return self.handler.attempts

    def apprise_url(self, sender: str = "alerts@example.com", to: str = "ops@example.com",
                    auth: str = "") -> str:
        return f"mailto://{auth}{self.host}:{self.port}?from={sender}&to={to}"

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def make_smtp_server() -> Iterator[Callable[..., SMTPServer]]:
    servers: list[SMTPServer] = []

    def make(**kwargs: Any) -> SMTPServer:
        srv = SMTPServer(**kwargs)
        servers.append(srv)
        return srv

    yield make
    for srv in servers:
        srv.stop()


@pytest.fixture
def smtp_server(make_smtp_server: Callable[..., SMTPServer]) -> SMTPServer:
    return make_smtp_server()


def parts(msg: EmailMessage) -> dict[str, str]:
    """content type → decoded text, for every leaf part of a message."""
    return {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}
