"""What the end-to-end tests share: the browser, a mail catcher, the services, a TLS certificate."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests import matrix
from tests.e2e import browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".artifacts" / "e2e"


def missing(reason: str) -> None:
    """A missing browser or service: a failure in CI, a skip elsewhere."""
    if browser.in_ci():
        pytest.fail(f"{reason} (CI=true: the end-to-end tests must run)")
    pytest.skip(reason)


@pytest.fixture
def requirements() -> None:
    """Chromium, Playwright, PostgreSQL and Redis, or a skip (a failure in CI) naming what is missing."""
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        missing('playwright is not installed: pip install -e ".[test]"')
    if not browser.executable():
        missing("chromium is not installed: python -m tests.e2e.browser install")
    for service in ("postgresql", "redis"):
        if not matrix.service_answers(service):
            missing(f"{service} does not answer on 127.0.0.1 (see shared/services.md to start it)")


@dataclass
class MailCatcher:
    """An SMTP server on loopback (aiosmtpd) that keeps every message it receives."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append(message)  # type: ignore[arg-type]
            self.arrived.notify_all()
        return "250 OK"

    def wait_for(self, to: str, after: int = 0, timeout: float = 60) -> EmailMessage:
        """The first message to ``to`` among those received after the first ``after``."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for message in self.messages[after:]:
                    if to in str(message["To"]):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(
                        f"no email to {to} within {timeout:.0f} s (received: {[m['To'] for m in self.messages]})"
                    )
                self.arrived.wait(left)

    def link(self, to: str, pattern: str, after: int = 0) -> str:
        """The first link matching ``pattern`` in the message to ``to``."""
        message = self.wait_for(to, after)
        body = message.get_body(preferencelist=("plain", "html"))
        assert body is not None, message
        found = re.search(r"https?://[^\s\"'<>]*" + pattern + r"[^\s\"'<>]*", body.get_content())
        assert found, f"no link matching {pattern!r} in:\n{body.get_content()}"
        return found.group(0)


@pytest.fixture
def mail() -> Iterator[MailCatcher]:
    """A mail catcher on a free port, for the project's SMTP settings."""
    from aiosmtpd.controller import Controller  # noqa: PLC0415

    catcher = MailCatcher(port=free_port())
    controller = Controller(catcher, hostname="127.0.0.1", port=catcher.port)
    controller.start()
    try:
        yield catcher
    finally:
        controller.stop()


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost: the production server speaks HTTPS itself.

    The production settings send Secure cookies and redirect plain HTTP; serving TLS
    directly stands in for the TLS-terminating proxy, and the browser ignores the
    certificate's issuer.
    """
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class Shots:
    """Screenshots of each step, kept under .artifacts/e2e/<framework>/NN-step.png."""

    def __init__(self, framework: str) -> None:
        self.folder = ARTIFACTS / framework
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def __call__(self, page: Any, step: str) -> None:
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{step}.png"), full_page=True)
