"""Time from the last answer to the project on disk: print the figures.

What ``startwise new`` does once the summary is confirmed: check the answers,
render through cookiecutter (worker, hooks, framework layer, verify) and move
the project into place. Measured for a few answer sets, median of N runs each,
and for ``startwise new --no-input`` end to end (start-up included).

Run: python benchmarks/render.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator import rules
from generator.answers import layer, require_valid
from generator.render import render

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
CASES = {
    "django, defaults": {},
    "django, everything": {"use_api": True, "use_async": True, "use_celery": True, "database": "postgresql"},
    "flask, lean API": {"framework": "flask", "use_orm": False, "use_api": True},
    "flask, everything": {"framework": "flask", "use_api": True, "use_celery": True, "database": "mysql"},
}


def once(given: dict[str, object]) -> tuple[float, int]:
    """Render one answer set; seconds and the number of files."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        result = render(require_valid(layer(rules.coerce_all(given)[0])), Path(folder))
        elapsed = time.perf_counter() - start
        return elapsed, sum(1 for path in result.project_dir.rglob("*") if path.is_file())


def end_to_end() -> float:
    """Seconds for the whole command, interpreter start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "generator", "new", "--no-input", "-o", folder], check=True, capture_output=True
        )
        return time.perf_counter() - start


def main() -> None:
    """Print the figures."""
    print(f"{RUNS} runs each")
    for name, given in CASES.items():
        samples = [once(given) for _ in range(RUNS)]
        times = [elapsed for elapsed, _ in samples]
        print(
            f"{name:<22} {samples[0][1]:4d} files   median {statistics.median(times) * 1000:6.0f} ms"
            f"   min {min(times) * 1000:6.0f} ms"
        )
    times = [end_to_end() for _ in range(RUNS)]
    print(
        f"{'new --no-input (total)':<22}              median {statistics.median(times) * 1000:6.0f} ms"
        f"   min {min(times) * 1000:6.0f} ms"
    )


if __name__ == "__main__":
    main()
