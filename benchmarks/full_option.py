"""Time to generate, install and test the full-option project of each framework.

For each framework: render the project with every need and extra on (SQLite),
make a fresh virtualenv, ``pip install -e ".[dev]"`` (pip's cache in
.cache/matrix/pip, as the test suite uses it: the first run downloads), apply
the migrations and run the project's own tests. Prints seconds per step and the
project's test count.

Run: python benchmarks/full_option.py [django|flask ...]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import matrix  # noqa: E402


def step(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run one command; its seconds and output (fails loudly)."""
    start = time.perf_counter()
    output = matrix.check_run(args, cwd, env)
    return time.perf_counter() - start, output


def measure(framework: str) -> None:
    """Print the figures for one framework."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        start = time.perf_counter()
        project = matrix.render(matrix.full_option(framework, "sqlite"), tmp / "out")
        generate = time.perf_counter() - start
        venv = tmp / "venv"
        env = matrix.project_environ(venv, tmp)
        venv_time, _ = step([sys.executable, "-m", "venv", str(venv)], tmp, env)
        install, _ = step(["python", "-m", "pip", "install", "-q", "-e", ".[dev]"], project, env)
        migrate_cmd = (
            ["python", "manage.py", "migrate", "--noinput"]
            if framework == "django"
            else ["flask", "--app", project.name, "db", "upgrade"]
        )
        migrate, _ = step(migrate_cmd, project, env)
        test, output = step(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], project, env)
        passed = re.search(r"(\d+) passed", output)
        total = generate + venv_time + install + migrate + test
        print(
            f"{framework:7} generate {generate:5.1f} s | venv {venv_time:4.1f} s | pip install -e .[dev] "
            f"{install:5.1f} s | migrate {migrate:4.1f} s | tests {test:5.1f} s "
            f"({passed.group(1) if passed else '?'} passed) | total {total:5.1f} s"
        )


if __name__ == "__main__":
    for name in sys.argv[1:] or ["django", "flask"]:
        measure(name)
