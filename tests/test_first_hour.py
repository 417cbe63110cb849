"""A newcomer's first hour: every command `startwise new` prints is run, in order, as printed (issue 20 point 4).

On this machine as it is: no Docker engine (a docker client, no daemon), a fresh HOME
without a git identity, uv on PATH or not. The project is generated, then each printed
line is typed into one interactive bash in a pseudo-terminal, as a person would: prompts
(a superuser's name, email and password) are answered, the development server is reached
over HTTP and stopped with Ctrl-C, and every other command must succeed.

Slow (it installs each project's dependencies from the package index): marked ``matrix``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import pwd
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import python_at_least

pytestmark = pytest.mark.matrix

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
READY = "__ready__ "
STATUS = re.compile(r"__status=(\d+)")
SERVING = re.compile(r"https?://127\.0\.0\.1:(\d+)/?")
# What a prompt asks, and what a newcomer types.
ANSWERS = (
    (re.compile(r"(username|user name)[^:\n]*:\s*$", re.IGNORECASE), "admin"),
    (re.compile(r"e-?mail[^:\n]*:\s*$", re.IGNORECASE), "admin@example.com"),
    (re.compile(r"(password|again|repeat|confirm)[^:\n]*:\s*$", re.IGNORECASE), "Sturdy-Walrus-Ladder-42"),
    (re.compile(r"\[y/N\]:?\s*$", re.IGNORECASE), "y"),
)
PASSWORD_PROMPT_QUIET = 0.7  # seconds without output before a prompt is answered
SLOW = 900  # seconds for one command (installing the dependencies)


class Shell:
    """One interactive bash in a pseudo-terminal: type a line, read the screen, as a person does."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execve("/bin/bash", ["bash", "--noprofile", "--norc", "-i"], env)
        self.screen = ""
        self.type('PROMPT_COMMAND=\'echo "__status=$?"\'; PS1="__ready__ "')
        self.wait_ready(60)

    def type(self, line: str) -> int:
        start = len(self.screen)
        os.write(self.fd, (line + "\n").encode())
        return start

    def read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.screen += ANSI.sub("", chunk.decode(errors="replace"))
        return bool(chunk)

    def wait_ready(self, timeout: float, since: int = 0) -> int:
        """Wait for the prompt after ``since``; the exit status of the command before it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [match for match in STATUS.finditer(self.screen, since) if READY in self.screen[match.end() :]]
            if found:
                return int(found[-1].group(1))
            self.read(0.2)
        pytest.fail(f"no prompt after {timeout} s; screen:\n{self.screen[-3000:]}")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def run_as_printed(shell: Shell, command: str) -> str:
    """Type ``command``; answer its prompts; a server is fetched, then stopped. What it printed."""
    start = shell.type(command)
    deadline = time.monotonic() + SLOW
    answered = 0
    while time.monotonic() < deadline:
        quiet = not shell.read(PASSWORD_PROMPT_QUIET)
        output = shell.screen[start:]
        statuses = [match for match in STATUS.finditer(output) if READY in output[match.end() :]]
        if statuses:
            status = int(statuses[-1].group(1))
            assert status == 0, f"{command!r} failed ({status}):\n{output[-4000:]}"
            return output
        serving = SERVING.search(output)
        if serving and quiet:
            url = f"http://127.0.0.1:{serving.group(1)}/"
            assert fetch(url) == 200, f"{url} did not answer 200:\n{output[-3000:]}"
            os.write(shell.fd, b"\x03")  # Ctrl-C, as the server says
            shell.wait_ready(60, start)
            return shell.screen[start:]
        if quiet:
            tail = output.rsplit("\n", 1)[-1]
            for prompt, answer in ANSWERS:
                if prompt.search(tail) and answered < 12:
                    shell.type(answer)
                    answered += 1
                    break
    pytest.fail(f"{command!r} did not finish in {SLOW} s:\n{shell.screen[start:][-3000:]}")


def fetch(url: str, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return int(response.status)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def printed_steps(output: str) -> tuple[str, list[str], str]:
    """The folder to cd into, the commands (step comments aside), and the line naming the other paths."""
    lines = output.split("Next steps", 1)[1].splitlines()[1:]
    commands = [line[2:] for line in lines if line.startswith("  ")]
    assert commands[0].startswith("cd "), lines
    others = next((line for line in lines if line.startswith("On another machine:")), "")
    return commands[0][3:], [command for command in commands[1:] if not command.startswith("# ")], others


@contextmanager
def port_lock(port: int) -> Iterator[None]:
    """One first-hour test at a time per development port, across worktrees and xdist workers."""
    with open(f"/tmp/startwise-first-hour-{port}.lock", "w") as lock:  # noqa: PTH123
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def newcomer_env(home: Path, uv: bool) -> dict[str, str]:
    """This machine's environment with a fresh HOME: no git identity, uv on PATH or not (never Docker's engine)."""
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "VIRTUAL_ENV", "PYTEST", "COV_")) and key not in ("EMAIL", "PYTHONPATH")}  # fmt: skip
    paths = [p for p in env["PATH"].split(os.pathsep) if p and not (Path(p) / "uv").exists()]
    if uv:
        uv_dir = home / ".local" / "bin"
        uv_dir.mkdir(parents=True)
        (uv_dir / "uv").symlink_to(shutil.which("uv") or Path(sys.executable).with_name("uv"))
        paths.insert(0, str(uv_dir))
    env.update({
        "HOME": str(home),
        "PATH": os.pathsep.join(paths),
        "TERM": "xterm",
        "GIT_CONFIG_NOSYSTEM": "1",
        # The package caches of this machine: a newcomer downloads the same files, only slower.
        "PIP_CACHE_DIR": str(real_home / ".cache" / "pip"),
        "UV_CACHE_DIR": str(real_home / ".cache" / "uv"),
    })  # fmt: skip
    return env


CASES = [
    pytest.param("django", ["database=postgresql"], False, 8000, id="django-postgresql-pip"),
    pytest.param("django", ["database=postgresql"], True, 8000, id="django-postgresql-uv"),
    pytest.param("flask", ["database=postgresql", "jobs=celery"], True, 5000, id="flask-postgresql-celery-uv"),
    pytest.param("flask", ["database=postgresql", "jobs=celery"], False, 5000, id="flask-postgresql-celery-pip"),
]


@pytest.mark.parametrize(("framework", "sets", "uv", "port"), CASES)
def test_every_printed_command_runs_in_order(
    tmp_path: Path, framework: str, sets: list[str], uv: bool, port: int
) -> None:
    if subprocess.run(["psql", "-U", "postgres", "-c", "select 1"], capture_output=True, check=False).returncode:
        pytest.skip("PostgreSQL does not answer as postgres (this test creates a role and a database)")
    if uv and not (shutil.which("uv") or Path(sys.executable).with_name("uv").exists()):
        pytest.skip("no uv to put on PATH")
    slug = f"hour_{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home"
    home.mkdir()
    env = newcomer_env(home, uv)
    if framework == "django":
        # Django 6.1 (the default release) asks for a newer Python than this machine's default:
        # the newcomer has one first on PATH, for pip's venv and for uv to find.
        env["PATH"] = str(Path(python_at_least("3.13")).parent) + os.pathsep + env["PATH"]
    options = [f"project_slug={slug}", f"framework={framework}", "author_name=Ada Newcomer",
               "author_email=ada@example.com", *sets]  # fmt: skip
    new = [sys.executable, "-m", "generator", "new", "--no-input", "--git", "-o", "work"]
    new += [item for option in options for item in ("--set", option)]
    made = subprocess.run(new, cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Started a git repository with a first commit by Ada Newcomer" in made.stdout
    folder, commands, others = printed_steps(made.stdout)
    assert ("uv" in " ".join(commands).split()) is uv
    assert not any(command.startswith("docker ") for command in commands)  # no engine answers here
    assert "with Docker" in others
    shell = Shell(tmp_path, env)
    try:
        with port_lock(port):
            run_as_printed(shell, f"cd {folder}")
            for command in commands:
                run_as_printed(shell, command)
    finally:
        (tmp_path / "screen.txt").write_text(shell.screen, encoding="utf-8")  # the newcomer's terminal, to read
        shell.close()
        for database in (slug, f"test_{slug}"):
            subprocess.run(["psql", "-U", "postgres", "-c", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'],
                           capture_output=True, check=False)  # fmt: skip
        subprocess.run(["psql", "-U", "postgres", "-c", f'DROP ROLE IF EXISTS "{slug}"'], capture_output=True,
                       check=False)  # fmt: skip
