"""Generation time beside the references, in the same run: print the figures and the ratios.

Each case is one ``cookiecutter --no-input`` command in a fresh interpreter (what a
user waits for), median of RUNS, run in turn so that machine load falls on all alike:

- floor: a one-file cookiecutter template made here (the least any template costs);
- startwise: this repository's template with its defaults (Django), and Flask;
- startwise new: the ``startwise new --no-input`` command;
- cookiecutter-flask and cookiecutter-django, rendered without their hooks
  (``--accept-hooks no``), from folders given on the command line. Neither is part
  of this repository: check them out anywhere and pass their paths.

Run: python benchmarks/generation.py [--runs N] [--cookiecutter-django PATH] [--cookiecutter-flask PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def floor_template(where: Path) -> Path:
    """A template of one file and one question: cookiecutter's own cost, nothing more."""
    template = where / "floor"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(json.dumps({"project_slug": "floor"}))
    (template / "{{cookiecutter.project_slug}}" / "README.md").write_text("# {{ cookiecutter.project_slug }}\n")
    return template


def cookiecutter_case(template: Path, *extra: str) -> Callable[[Path], list[str]]:
    """The command that renders ``template`` into a folder."""
    return lambda out: [str(BIN / "cookiecutter"), "--no-input", "-o", str(out), str(template), *extra]


def timed(command: Callable[[Path], list[str]]) -> float:
    """Seconds for one run into a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir()
        env = {"HOME": str(home), "PATH": f"{BIN}:/usr/bin:/bin"}
        start = time.perf_counter()
        subprocess.run(command(Path(folder) / "out"), check=True, capture_output=True, env=env)
        return time.perf_counter() - start


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cookiecutter-django", type=Path)
    parser.add_argument("--cookiecutter-flask", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        cases: dict[str, Callable[[Path], list[str]]] = {
            "floor (one-file template)": cookiecutter_case(floor_template(Path(scratch))),
            "startwise, defaults (django)": cookiecutter_case(ROOT),
            "startwise, flask": cookiecutter_case(ROOT, "framework=flask"),
            "startwise new --no-input": lambda out: [str(BIN / "startwise"), "new", "--no-input", "-o", str(out)],
        }
        if args.cookiecutter_flask:
            cases["cookiecutter-flask, no hooks"] = cookiecutter_case(
                args.cookiecutter_flask, "--accept-hooks", "no", "app_name=myapp", "project_name=My App"
            )
        if args.cookiecutter_django:
            cases["cookiecutter-django, no hooks"] = cookiecutter_case(args.cookiecutter_django, "--accept-hooks", "no")
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for command in cases.values():  # one warm-up each (file cache, byte-code)
            timed(command)
        for _ in range(args.runs):
            for name, command in cases.items():
                samples[name].append(timed(command))
    floor = statistics.median(samples["floor (one-file template)"])
    print(f"{args.runs} runs each, medians; ratio to the one-file floor")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<32} {median * 1000:7.0f} ms   min {min(times) * 1000:6.0f} ms   {median / floor:4.2f}x")


if __name__ == "__main__":
    main()
