"""The real `startwise new` in a pseudo-terminal, as a person runs it."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator import rules

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
ENTER, DOWN, CLEAR, CTRL_C = "\r", "\x1b[B", "\x15", "\x03"


def prompt(key: str) -> str:
    """The question's words, as the contract has them today."""
    return rules.BY_KEY[key].prompt


class Terminal:
    """A child process on a pty: send keys, wait for text on the screen."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command, with a terminal of a sensible size
            os.chdir(cwd)
            os.environ.update({"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"})
            os.execv(sys.executable, [sys.executable, *args])
        self.screen = ""

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in ANSI.sub("", self.screen):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                pytest.fail(f"{text!r} not seen; screen so far:\n{ANSI.sub('', self.screen)[-2000:]}")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child is gone
            return False
        self.screen += chunk.decode(errors="replace")
        return bool(chunk)

    def send(self, keys: str) -> None:
        time.sleep(0.05)  # let the prompt settle, as a person would
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.1):
                    pass
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        pytest.fail("the command did not finish")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "startwise"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(path)], check=True)
    return path


def test_wizard_end_to_end(tmp_path: Path, template: Path) -> None:
    term = Terminal(["-m", "generator", "new", "-o", "out", "--template", str(template)], tmp_path)
    term.expect(prompt("project_name"))
    term.send(CLEAR + "Pty Shop" + ENTER)
    term.expect(prompt("project_slug"))
    term.send(ENTER)  # pty_shop, derived from the name
    for key in ("description", "author_name"):
        term.expect(prompt(key))
        term.send(ENTER)
    term.expect(prompt("author_email"))
    term.send("nope" + ENTER)
    term.expect("does not look like an email address")  # checked as typed
    term.send(CLEAR + "pty@example.com" + ENTER)
    term.expect(prompt("license"))
    term.send(ENTER)
    term.expect(prompt("use_orm"))
    term.send("y")
    term.expect(prompt("database"))
    term.send(DOWN + ENTER)  # postgresql
    for _ in range(4):  # admin, accounts, async, API
        term.send(ENTER)
    term.expect("Recommended: Django")
    term.expect("Which framework?")
    term.send(ENTER)
    term.expect(prompt("use_celery"))
    term.send(ENTER + ENTER + ENTER)  # celery, docker, ci
    term.expect("Summary")
    term.expect("Create the project?")
    term.send(ENTER)
    term.expect("Next steps")
    assert term.wait() == 0
    project = tmp_path / "out" / "pty_shop"
    recorded = yaml.safe_load((project / ".startwise.yml").read_text(encoding="utf-8"))
    assert (recorded["project_name"], recorded["database"], recorded["framework"]) == ("Pty Shop", "postgresql", "auto")
    assert recorded["author_email"] == "pty@example.com"
    assert (project / "docs/decisions/0001-framework.md").is_file()


def test_ctrl_c_in_the_wizard(tmp_path: Path, template: Path) -> None:
    term = Terminal(["-m", "generator", "new", "-o", "out", "--template", str(template)], tmp_path)
    term.expect(prompt("project_name"))
    term.send(CLEAR + "Gone" + ENTER)
    term.expect(prompt("project_slug"))
    term.send(CTRL_C)
    term.expect("Interrupted: nothing was written.")
    term.expect(f"startwise new -o out --template {template} --set project_name=Gone")
    assert term.wait() == 130
    assert not (tmp_path / "out").exists()
