"""Lines of Python, HTML and configuration per generated project, beside cookiecutter-django.

The projects: startwise's default Django and Flask projects (``startwise new --no-input``,
and ``--set framework=flask``) and each framework's full-option project (every need,
jobs=celery, Docker, PostgreSQL: ``tests/matrix.py: full_option``); with
``--cookiecutter-django PATH`` (a checkout), cookiecutter-django rendered with the options
closest to startwise's default and to its full option (``benchmarks/cookiecutter_django.py``:
COMPARABLE, FULL_LIKE).

What is counted: the files the project would commit (``git ls-files --cached --others
--exclude-standard`` in it, so its .gitignore'd ``.env`` is not), by kind:

- Python: ``*.py``; HTML: ``*.html``;
- configuration: ``*.toml``, ``*.yaml``/``*.yml``, ``*.ini``, ``*.cfg``, Dockerfiles,
  ``.env.example``, and dependency lists written by hand (requirement files without
  hashes: cookiecutter-django's ``requirements/*.txt``, which its hook would have moved
  into ``pyproject.toml`` on a machine with Python 3.14);
- Markdown, and every other text file (CSS, JavaScript, shell, gettext, reStructuredText,
  ``.gitignore``...), each apart;
- left out: locks (``*.lock``, requirement files with hashes: exports of the lock), the
  license text (LICENSE, COPYING), binary files.

Lines are the non-blank ones (comments count: they are read). The total is Python + HTML +
configuration; the Python of the tests (``tests/`` folders, ``test_*.py``, ``conftest.py``)
is also shown apart. Goal (issue 19): the default Flask project no larger than the default Django one.

Run: python benchmarks/size.py [--cookiecutter-django PATH] [--files]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import cookiecutter_django  # noqa: E402
from benchmarks.serve import quiet  # noqa: E402
from generator import rules  # noqa: E402
from tests import matrix  # noqa: E402

KINDS = ("Python", "HTML", "config")
APART = ("Markdown", "other")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".ini", ".cfg")


def kind(path: Path, text: str) -> str | None:
    """The kind a file counts as; None for what is left out (locks, license texts)."""
    name = path.name
    if name in ("LICENSE", "COPYING") or path.suffix == ".lock" or (path.suffix == ".txt" and "--hash=" in text):
        return None
    if path.suffix == ".py":
        return "Python"
    if path.suffix == ".html":
        return "HTML"
    requirements = path.suffix == ".txt" and (name.startswith("requirements") or "requirements" in path.parts[:-1])
    if path.suffix in CONFIG_SUFFIXES or name.startswith("Dockerfile") or name == ".env.example" or requirements:
        return "config"
    return "Markdown" if path.suffix == ".md" else "other"


def committed(project: Path) -> list[Path]:
    """The files of ``project`` that git would commit (its .gitignore applied), relative to it."""
    git = ["git", "-C", str(project), "-c", "core.excludesFile=/dev/null"]
    subprocess.run([*git, "init", "-q"], check=True)
    out = subprocess.run(
        [*git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], capture_output=True, check=True
    ).stdout
    return sorted(Path(name) for name in out.decode().split("\0") if name)


def count(project: Path) -> tuple[Counter[str], Counter[str], list[tuple[str, int, Path]]]:
    """Lines and files by kind, and each counted file (kind, lines, path)."""
    lines: Counter[str] = Counter()
    files: Counter[str] = Counter()
    each: list[tuple[str, int, Path]] = []
    for path in committed(project):
        try:
            text = (project / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: images, icons
        found = kind(path, text)
        if found is None:
            continue
        n = sum(1 for line in text.splitlines() if line.strip())
        lines[found] += n
        files[found] += 1
        if found == "Python" and matrix.is_test_file(path):
            lines["tests"] += n
            files["tests"] += 1
        each.append((found, n, path))
    return lines, files, each


def projects(tmp: Path, checkout: Path | None) -> dict[str, Path]:
    """Render every project measured; name -> folder."""
    found: dict[str, Path] = {}
    answers = {
        "startwise django, default": rules.complete({"framework": "django"}),
        "startwise flask, default": rules.complete({"framework": "flask"}),
        "startwise django, full option": matrix.full_option("django", "postgresql"),
        "startwise flask, full option": matrix.full_option("flask", "postgresql"),
    }
    for i, (name, values) in enumerate(answers.items()):
        with quiet():
            found[name] = matrix.render(values, tmp / f"startwise-{i}")
    if checkout:
        for name, options in (
            ("comparable", cookiecutter_django.COMPARABLE),
            ("full-like", cookiecutter_django.FULL_LIKE),
        ):
            found[f"cookiecutter-django, {name}"] = cookiecutter_django.render(checkout, options, tmp / f"ccd-{name}")
    return found


def main() -> None:
    """Render, count, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cookiecutter-django", type=Path, help="a checkout of cookiecutter-django")
    parser.add_argument("--files", action="store_true", help="list every counted file with its lines")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as folder:
        counted = {name: count(path) for name, path in projects(Path(folder), args.cookiecutter_django).items()}
    print(f"startwise {commit}", end="")
    if args.cookiecutter_django:
        print(f"; cookiecutter-django {cookiecutter_django.release(args.cookiecutter_django)}")
        print(f"  comparable: {cookiecutter_django.describe(cookiecutter_django.COMPARABLE)}")
        extra = {k: v for k, v in cookiecutter_django.FULL_LIKE.items() if cookiecutter_django.COMPARABLE.get(k) != v}
        print(f"  full-like: comparable + {cookiecutter_django.describe(extra)}")
    print("\nnon-blank lines (files)\n")
    print("| project | Python | of which tests | HTML | config | **total** | " + " | ".join(APART) + " |")
    print("|---|" + "---:|" * (len(KINDS) + 2 + len(APART)))
    for name, (lines, files, _) in counted.items():
        cells = [f"{lines[k]:,} ({files[k]})" for k in ("Python", "tests", "HTML", "config")]
        total = f"**{sum(lines[k] for k in KINDS):,}** ({sum(files[k] for k in KINDS)})"
        print(
            f"| {name} | {' | '.join(cells)} | {total} | "
            + " | ".join(f"{lines[k]:,} ({files[k]})" for k in APART)
            + " |"
        )
    django, flask = (sum(counted[f"startwise {f}, default"][0][k] for k in KINDS) for f in ("django", "flask"))
    verdict = "met" if flask <= django else "missed"
    print(f"\ndefault flask / default django: {flask / django:.2f}x   goal <= 1.00 (issue 19): {verdict}")
    if args.files:
        for name, (_, _, each) in counted.items():
            print(f"\n{name}")
            for found, n, path in each:
                print(f"  {found:<8} {n:6}  {path}")


if __name__ == "__main__":
    main()
