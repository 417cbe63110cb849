"""How long the startwise command takes to start: print the figures.

- ``startwise --help``: the command's start-up, end to end (median of N runs);
- ``import generator.cli``: the part of it that is startwise's own imports;
- the wizard: from launching ``startwise new`` in a pseudo-terminal to its first
  question on the screen, which is what a person waits for.

Run: python benchmarks/startup.py [RUNS]
"""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def timed(args: list[str]) -> float:
    """Seconds for one run of a command."""
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def first_question() -> float:
    """Seconds from exec to the first question of the wizard on a pty."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(folder)
            os.environ["PROMPT_TOOLKIT_NO_CPR"] = "1"
            os.execv(sys.executable, [sys.executable, "-m", "generator", "new"])
        screen = b""
        while b"Project name" not in screen:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise SystemExit("the wizard did not ask its first question within 30 s")
            screen += os.read(fd, 65536)
        elapsed = time.perf_counter() - start
        os.write(fd, b"\x03")  # Ctrl-C: nothing is written
        os.waitpid(pid, 0)
        os.close(fd)
        return elapsed


def report(name: str, samples: list[float]) -> None:
    """One line of figures."""
    print(f"{name:<34} median {statistics.median(samples) * 1000:7.0f} ms   min {min(samples) * 1000:7.0f} ms")


def main() -> None:
    """Print the figures."""
    python = sys.executable
    print(f"{RUNS} runs each, {python}")
    report("python -c pass (the floor)", [timed([python, "-c", "pass"]) for _ in range(RUNS)])
    report("import generator.cli", [timed([python, "-c", "import generator.cli"]) for _ in range(RUNS)])
    report("startwise --help", [timed([python, "-m", "generator", "--help"]) for _ in range(RUNS)])
    report("startwise new: first question", [first_question() for _ in range(RUNS)])


if __name__ == "__main__":
    main()
