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


# The widths every page is looked at: a laptop's, and a phone's (an iPhone 14's 390 CSS pixels).
WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
# axe-core's impacts that fail the tour (minor and moderate ones are reported, not failed).
FAILING_IMPACTS = {"serious", "critical"}


class Tour:
    """Each page of a run, looked at as users meet it, with screenshots kept as artifacts.

    ``tour(page, "step")`` looks at the page the browser shows: at 1280 and at 390 px wide,
    each in the light and the dark scheme, it runs axe-core (bundled by axe-playwright-python:
    no network) and, at 390 px, measures whether the page scrolls sideways; every view is kept
    in .artifacts/e2e/<framework>/NN-step[-390][-dark].png. The problems are gathered, so one
    run reports every page; ``check()`` fails with all of them. A listener on the browser
    context checks the Content-Security-Policy of every page the run loads.
    """

    def __init__(self, framework: str, context: Any) -> None:
        from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

        self.axe = Axe()
        self.folder = ARTIFACTS / framework
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0
        self.problems: list[str] = []
        self.pages: list[str] = []
        context.on("response", self.check_policy)

    def check_policy(self, response: Any) -> None:
        """Every HTML page carries a CSP whose scripts come from the site only (no 'unsafe-inline')."""
        if response.request.resource_type != "document" or response.status >= 300:
            return
        policy = response.headers.get("content-security-policy", "")
        scripts = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
        if not scripts or "unsafe-inline" in scripts or "unsafe-eval" in scripts:
            self.problems.append(f"{response.url}: script-src is {scripts.strip() or 'missing'!r}")

    def __call__(self, page: Any, step: str, outside: str = "", rules_off: tuple[str, ...] = ()) -> None:
        """Look at the page; ``outside``: a CSS selector axe leaves out, ``rules_off``: axe rules not run.

        Both are for markup a library draws that the project does not write (Swagger UI's widget,
        Flask-Admin's tables): each use says why.
        """
        self.count += 1
        name = f"{self.count:02d}-{step}"
        page.wait_for_load_state()  # the page and its style sheets, after a click's navigation
        self.pages.append(f"{name} {page.url}")
        for size, suffix in ((WIDE, ""), (NARROW, "-390")):
            page.set_viewport_size(size)
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                # Colours mid-transition (a style sheet's transition on the new scheme) are not the page's.
                page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
                view = f"{name}{suffix}{'-dark' if scheme == 'dark' else ''}"
                self.accessible(page, view, outside, rules_off)
                if size is NARROW:
                    self.fits(page, view)
                page.screenshot(path=str(self.folder / f"{view}.png"), full_page=True)
        page.set_viewport_size(WIDE)
        page.emulate_media(color_scheme="light")

    def accessible(self, page: Any, view: str, outside: str, rules_off: tuple[str, ...]) -> None:
        context = {"exclude": [[outside]]} if outside else None
        options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in rules_off}}
        results = self.axe.run(page, context=context, options=options)
        for violation in results.response["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
                self.problems.append(f"{view} ({page.url}): axe {violation['impact']} {violation['id']}: "
                                     f"{violation['help']} at {targets}")  # fmt: skip

    def fits(self, page: Any, view: str) -> None:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            self.problems.append(f"{view} ({page.url}): scrolls sideways by {overflow} px at 390 px wide")

    def check(self) -> None:
        """Fail with every problem the tour met."""
        assert not self.problems, "\n".join(self.problems)
