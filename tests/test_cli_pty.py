"""The real `startwise new` in a pseudo-terminal of 80x24, as a person runs it.

The bytes the command writes go through a terminal emulator (pyte) of that size, so
what a test reads is what the person sees: a message cut at the right edge is cut here.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shlex
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte
import pytest
import yaml

from generator import rules
from generator.wizard import prompt  # the question's words, as the wizard has them today

pytestmark = pytest.mark.usefixtures("git_identity")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
ENTER, DOWN, CLEAR, CTRL_C = "\r", "\x1b[B", "\x15", "\x03"
COLUMNS, LINES = 80, 24


class Terminal:
    """A child process on a pty of 80x24: send keys, wait for text, read the screen as shown."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command, in a terminal of the usual size
            os.chdir(cwd)
            os.environ.update({"TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1", **(env or {})})
            for name in ("COLUMNS", "LINES"):  # the terminal says its size, as a real one does
                os.environ.pop(name, None)
            os.execv(sys.executable, [sys.executable, *args])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.screen = ""
        self.since = 0
        self.shown = pyte.HistoryScreen(COLUMNS, LINES, history=5000, ratio=0.5)
        self.stream = pyte.ByteStream(self.shown)

    def seen(self) -> str:
        """Every line the terminal showed (scrolled off, then on screen), as shown: cut where it was cut."""
        history = ["".join(line[x].data for x in range(COLUMNS)) for line in self.shown.history.top]
        return "\n".join(line.rstrip() for line in [*history, *self.shown.display])

    def seen_whole(self, text: str) -> bool:
        """True when ``text`` was shown whole, wrapped over lines as may be."""
        return " ".join(text.split()) in " ".join(self.seen().split())

    def mark(self) -> None:
        """From now on, expect looks at what comes next only."""
        self.since = len(self.screen)

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in ANSI.sub("", self.screen[self.since :]):
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
        self.stream.feed(chunk)
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
    term.send("y" + ENTER)
    term.expect(prompt("database"))
    term.send(DOWN + ENTER)  # postgresql
    for _ in range(4):  # admin, accounts, async, API
        term.send(ENTER)
    term.expect("Recommended: Django")
    term.expect("Which framework?")
    term.send(ENTER)
    term.expect(prompt("django_release"))
    term.send(ENTER)  # current
    term.expect(prompt("jobs"))
    term.send(ENTER * 5)  # jobs, docker, ci, frontend, deploy
    term.expect("Start a git repository")  # before the summary and the last question (issue 20)
    term.send(ENTER)
    term.expect("Summary")
    term.expect("Create the project?")
    term.send(ENTER)
    term.expect("Next steps")
    assert term.wait() == 0
    project = tmp_path / "out" / "pty_shop"
    log = subprocess.run(["git", "log", "--format=%s"], cwd=project, capture_output=True, text=True, check=True)
    assert log.stdout == "Generated by startwise\n"
    assert "Started a git repository with a first commit." in term.screen
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


def test_update_asks_before_writing(tmp_path: Path, template: Path) -> None:
    new = [sys.executable, "-m", "generator", "new", "--no-input", "--git", "--template", str(template), "-o", "."]
    subprocess.run(new, cwd=tmp_path, check=True, capture_output=True)
    update = ["-m", "generator", "update", "my_site", "--template", str(template), "--set", "use_api=yes"]

    term = Terminal(update, tmp_path)
    term.expect("use_api: no -> yes")
    term.expect("Apply these changes to the work tree?")
    term.send("n")  # waits for Enter: a y or n alone does not answer (nor write anything)
    time.sleep(0.5)
    assert subprocess.run(["git", "status", "--porcelain"], cwd=tmp_path / "my_site", capture_output=True, text=True,
                          check=True).stdout == ""  # fmt: skip
    term.send(ENTER)
    term.expect("Nothing was changed.")
    assert term.wait() == 1
    status = ["git", "status", "--porcelain"]
    assert subprocess.run(status, cwd=tmp_path / "my_site", capture_output=True, text=True, check=True).stdout == ""

    term = Terminal(update, tmp_path)
    term.expect("Apply these changes to the work tree?")
    term.send("y" + ENTER)
    term.expect("Review with git status / git diff, then commit.")
    assert term.wait() == 0
    assert subprocess.run(status, cwd=tmp_path / "my_site", capture_output=True, text=True, check=True).stdout


def test_a_yes_no_answer_waits_for_enter(tmp_path: Path, template: Path) -> None:
    """y or n, then Enter, answers one question; Enter alone takes the default (y alone used to submit)."""
    fixed = ["project_name=Keys", "project_slug=keys", "use_orm=yes", "database=sqlite", "framework=django", "ci=none"]
    args = ["-m", "generator", "new", "-o", "out", "--template", str(template)]
    term = Terminal([*args, *(option for value in fixed for option in ("--set", value))], tmp_path)
    term.expect(prompt("description"))
    term.send(ENTER * 4)  # description, author, email, license
    for key, keys in [("use_admin", "n"), ("use_auth", "y"), ("use_async", ""), ("use_api", "y"),
                      ("django_release", ""), ("jobs", ""), ("use_docker", "n"), ("frontend", "")]:  # fmt: skip
        term.expect(prompt(key))
        term.send(keys)
        term.send(ENTER)
    term.expect("Start a git repository")
    term.send("n")
    term.send(ENTER)
    term.expect("Create the project?")
    term.send("y")
    term.send(ENTER)
    assert term.wait() == 0
    project = tmp_path / "out" / "keys"
    recorded = yaml.safe_load((project / ".startwise.yml").read_text(encoding="utf-8"))
    expected = {"use_admin": False, "use_auth": True, "use_async": False, "use_api": True, "jobs": "none",
                "use_docker": False}  # fmt: skip
    assert {key: recorded[key] for key in expected} == expected
    assert not (project / ".git").exists()  # n, Enter: no git repository


def test_declining_prints_the_command_to_resume(tmp_path: Path, template: Path) -> None:
    """No to "Create the project?" writes nothing and prints the line that runs again with the answers given."""
    term = Terminal(["-m", "generator", "new", "-o", "out", "--template", str(template), "--set", "ci=none"], tmp_path)
    term.expect(prompt("project_name"))
    term.send(CLEAR + "Later Shop" + ENTER)
    term.expect(prompt("project_slug"))
    term.send(ENTER * 5)  # slug, description, author, email, license
    term.expect(prompt("use_orm"))
    term.send("n" + ENTER)
    term.expect(prompt("use_async"))
    term.send(ENTER + ENTER)  # async, api
    term.expect("Which framework?")
    term.send(ENTER)
    term.expect(prompt("jobs"))
    term.send(ENTER * 4)  # jobs, docker, frontend, deploy
    term.expect("Start a git repository")
    term.send(ENTER)
    term.expect("Create the project?")
    term.send("n" + ENTER)
    term.expect("Nothing was written.")
    term.expect("To start again from the answers given so far:")
    assert term.wait() == 1
    assert not (tmp_path / "out").exists()
    lines = ANSI.sub("", term.screen).splitlines()
    again = shlex.split(lines[lines.index("To start again from the answers given so far:") + 1])
    assert again[:6] == ["startwise", "new", "-o", "out", "--template", str(template)]
    assert again[6:8] == ["--set", "project_name=Later Shop"]
    assert again.count("ci=none") == 1  # the --set given is given again, once
    rerun = [sys.executable, "-m", "generator", *again[1:], "--no-input"]
    subprocess.run(rerun, cwd=tmp_path, check=True, capture_output=True)
    recorded = yaml.safe_load((tmp_path / "out" / "later_shop" / ".startwise.yml").read_text(encoding="utf-8"))
    assert (recorded["project_name"], recorded["use_orm"], recorded["ci"]) == ("Later Shop", False, "none")


def test_the_wizard_helps_at_80x24(tmp_path: Path, template: Path) -> None:
    """Issue 20 point 6: whole messages, suggestions that pass, help, labels, defaults, one answer changed."""
    term = Terminal(["-m", "generator", "new", "-o", "out", "--template", str(template)], tmp_path)
    term.expect(prompt("project_name"))
    term.send(CLEAR + ENTER)  # an empty name is refused
    term.expect("project_name is empty")
    term.send(CLEAR + "123 Shop" + ENTER)
    term.expect(prompt("project_slug"))
    term.send(ENTER)  # the slug proposed for "123 Shop" passes every rule (it was 123_shop, then refused)
    term.expect(prompt("description"))
    term.send(ENTER + ENTER)  # description, author
    term.expect(prompt("author_email"))
    term.send("nope" + ENTER)
    refusal = "author_email='nope' does not look like an email address. Use name@example.com, or leave it empty."
    term.expect("leave it empty.")
    assert len(refusal) > COLUMNS and term.seen_whole(refusal)  # wrapped, nothing cut at the right edge
    term.send(CLEAR + "ada@example.com" + ENTER)
    term.expect(prompt("license"))
    term.send(ENTER)
    term.expect(prompt("use_orm"))
    assert term.seen_whole(rules.BY_KEY["use_orm"].help)  # a line of help with each need
    term.send(ENTER * 6)  # use_orm, database, admin, accounts, async, API
    term.expect("Which framework?")
    for words in ("What Django brings for these needs:", "What Flask brings:", "Fewer moving parts"):
        assert term.seen_whole(words), words  # both sides are heard
    term.send(ENTER)
    term.expect(prompt("django_release"))
    term.send(ENTER * 4)  # release, jobs, docker, ci, frontend (deploy: SQLite implies compose)
    term.expect(prompt("frontend"))
    term.send(ENTER)
    term.expect("Start a git repository")
    term.send(ENTER)
    term.expect("Create the project?")
    rows = [line for line in term.seen().splitlines() if "│" in line]
    assert any("Database" in row and "SQLite" in row and "default" in row for row in rows), rows
    assert any("Package name" in row and "shop_123" in row for row in rows), rows
    assert not any("use_orm" in row for row in rows)  # people's words, not keys
    term.send("c" + ENTER)  # change an answer
    term.expect("Which answer?")
    term.send(DOWN * 7 + ENTER)  # name, slug, description, author, email, license, ORM, database
    term.expect(prompt("database"))
    term.mark()
    term.send(DOWN + ENTER)  # PostgreSQL
    term.expect(prompt("deploy"))  # it applies now: SQLite implied one machine
    term.send(ENTER)
    term.expect("Create the project?")
    rows = [line for line in term.seen().splitlines()[-LINES:] if "│" in line]
    assert any("Database" in row and "PostgreSQL" in row and "you" in row for row in rows), rows
    term.send(ENTER)
    assert term.wait() == 0
    recorded = yaml.safe_load((tmp_path / "out" / "shop_123" / ".startwise.yml").read_text(encoding="utf-8"))
    assert (recorded["project_name"], recorded["database"]) == ("123 Shop", "postgresql")
    assert (recorded["author_email"], recorded["framework"]) == ("ada@example.com", "auto")


def test_taking_flask_says_what_it_costs_and_rules_out_what_flask_cannot(tmp_path: Path, template: Path) -> None:
    args = ["-m", "generator", "new", "-o", "out", "--template", str(template), "--set", "project_name=Flasky",
            "--set", "ci=none", "--no-git"]  # fmt: skip
    term = Terminal(args, tmp_path)
    term.expect(prompt("project_slug"))
    term.send(ENTER * 5)  # slug, description, author, email, license
    term.expect(prompt("use_orm"))
    term.send(ENTER * 6)  # the needs, as by default: the recommendation is Django
    term.expect("Which framework?")
    term.send(DOWN + ENTER)  # Flask
    term.expect(prompt("jobs"))
    cost = rules.choice_cost(rules.complete({"framework": "flask"}))
    assert cost.startswith("Choosing Flask over Django costs: ")
    assert term.seen_whole(cost)
    term.expect("Flask)")
    assert term.seen_whole("Django's tasks framework (not with Framework: Flask)"), term.seen()
    term.send(ENTER * 3)  # jobs, docker, frontend (deploy: SQLite implies compose)
    term.expect("Create the project?")
    term.send(ENTER)
    assert term.wait() == 0
    record = (tmp_path / "out" / "flasky" / "docs/decisions/0001-framework.md").read_text(encoding="utf-8")
    assert cost in record  # kept in the project's decision record
