"""Where the template is, and how to get a given version of it.

The wheel ships the template inside the package (``generator/_template``); a
source checkout or an editable install uses the repository root, which is the
template itself. ``--template`` takes any path or git URL cookiecutter takes.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.errors import UserError

PACKAGE_DIR = Path(__file__).resolve().parent
CONTEXT_FILE = "cookiecutter.json"

# The same forms cookiecutter's repository.is_repo_url accepts.
_URL = re.compile(r"^(((git|hg)\+)?(git|ssh|file|https?):(//)?|\w+@[\w.]+)")


def default_template() -> Path:
    """The template startwise was installed with."""
    for candidate in (PACKAGE_DIR / "_template", PACKAGE_DIR.parent):
        if (candidate / CONTEXT_FILE).is_file():
            return candidate
    raise UserError(
        f"startwise cannot find its template (no {CONTEXT_FILE} in {PACKAGE_DIR / '_template'} "
        f"or {PACKAGE_DIR.parent}). Reinstall startwise, or pass --template PATH_OR_GIT_URL."
    )


def is_url(spec: str) -> bool:
    """True when ``spec`` is a repository URL rather than a local path."""
    return bool(_URL.match(spec))


def git_url(spec: str) -> str:
    """The URL git understands (cookiecutter's ``git+`` prefix removed)."""
    return spec.removeprefix("git+")


def fetch(spec: str, destination: Path, commit: str | None = None) -> Path:
    """Clone the template ``spec`` (path or URL) into ``destination``, at ``commit``.

    The clone holds the committed history only: a local work tree's uncommitted
    changes are not part of any recorded version.
    """
    source = git_url(spec) if is_url(spec) else str(Path(spec).expanduser().resolve())
    steps = [["git", "clone", "--quiet", "--no-checkout", source, str(destination)]]
    steps.append(["git", "-C", str(destination), "checkout", "--quiet", commit or "HEAD"])
    for step in steps:
        try:
            subprocess.run(step, capture_output=True, text=True, check=True)
        except FileNotFoundError as err:
            raise UserError("git is not installed: startwise needs it to fetch a template. Install git.") from err
        except subprocess.CalledProcessError as err:
            what = f"commit {commit} of the template {spec}" if commit else f"the template {spec}"
            raise UserError(
                f"Cannot fetch {what}: {err.stderr.strip() or err}. "
                "Check the path or URL (--template), and that the commit exists there."
            ) from err
    if not (destination / CONTEXT_FILE).is_file():
        raise UserError(f"{spec} is not a startwise template: it has no {CONTEXT_FILE}.")
    return destination
