"""How long each default project's own test suite takes, beside pytest's own floor.

For Django and Flask, the default project (``startwise new --no-input``, with
``--set framework=flask``) is rendered, installed as its README says (``uv sync
--frozen --extra dev``: exactly its own lock, so pytest loads only the plugins the
project has; uv's cache in .cache/benchmarks/uv) and its tests run as
``.venv/bin/python -m pytest -q``. Beside it, in the same venv and the same run, the
floor: pytest collecting and running one empty test (the interpreter, pytest and the
project's plugins starting). The median of ``--runs`` is
printed, with the slowest tests and setups (``--durations``) of the last run.
Goal (issue 13): < 5 s.

Run: python benchmarks/project_tests.py [--runs 3] [--python PATH] [django|flask ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import rules  # noqa: E402
from tests import matrix  # noqa: E402

PYTEST = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run a command (fails loudly); its seconds and output."""
    start = time.perf_counter()
    out = matrix.check_run(args, cwd, env)
    return time.perf_counter() - start, out


def measure(framework: str, runs: int, tmp: Path, python: Path) -> None:
    """Print the figures for one framework."""
    project = matrix.render(rules.complete({"framework": framework}), tmp / "project")
    venv = project / ".venv"
    env = matrix.project_environ(venv, tmp, UV_CACHE_DIR=str(ROOT / ".cache" / "benchmarks" / "uv"))
    uv = str(Path(sys.executable).parent / "uv")
    matrix.check_run([uv, "sync", "--frozen", "--extra", "dev", "--python", str(python)], project, env)
    floor = tmp / "floor"
    floor.mkdir()
    (floor / "test_nothing.py").write_text("def test_nothing():\n    pass\n")
    # pytest-django wants settings even for an empty test: give it the project's.
    floor_env = env | {"PYTHONPATH": str(project)}
    if framework == "django":
        floor_env["DJANGO_SETTINGS_MODULE"] = f"{project.name}.settings.test"
    timed(PYTEST, project, env)  # warm: bytecode compiled, files cached
    mine, ref = [], []
    for _ in range(runs):
        seconds, _ = timed(PYTEST, floor, floor_env)
        ref.append(seconds)
        seconds, out = timed([*PYTEST, "--durations=6"], project, env)
        mine.append(seconds)
    passed = out.strip().splitlines()[-1]
    goal = "met" if statistics.median(mine) < 5 else "missed"
    print(
        f"{framework:6} project tests {statistics.median(mine):5.2f} s ({passed}) | "
        f"pytest floor {statistics.median(ref):4.2f} s | goal < 5 s: {goal}"
    )
    durations = out.split("slowest 6 durations", 1)[-1].split("\n\n", 1)[0]
    print("       slowest:" + durations.replace("\n", "\n         "))


def main() -> None:
    """Measure each framework named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("frameworks", nargs="*", default=["django", "flask"], metavar="django|flask")
    parser.add_argument("--runs", type=int, default=3)
    # Django 6.1 (the current track) needs Python >= 3.12: the suite's own 3.11 does not do for every project.
    parser.add_argument("--python", type=Path, default=Path(sys.executable), help="the Python to test with")
    args = parser.parse_args()
    for framework in args.frameworks:
        with tempfile.TemporaryDirectory() as folder:
            measure(framework, args.runs, Path(folder), args.python)


if __name__ == "__main__":
    main()
