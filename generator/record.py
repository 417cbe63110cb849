"""The answers file every generated project carries: ``.startwise.yml``.

It holds the contract's answers (yes/no spelled out) and where the template
came from, so that ``startwise new --answers .startwise.yml`` reproduces the
project and ``startwise update`` can re-render the template it was made from.
Written as YAML by hand (strings JSON-quoted, which YAML reads too) so that the
post-generation hook needs only the standard library.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator import __version__, rules

FILENAME = ".startwise.yml"


def template_commit(repo_dir: str) -> str | None:
    """The git commit of the template checkout, when it is the top of a git work tree.

    A template folder inside some other repository (a virtualenv in a project)
    has no commit of its own: None then, as for a template without git.
    """
    try:
        result = subprocess.run(
            ["git", "-C", repo_dir, "rev-parse", "--show-toplevel", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    lines = result.stdout.split()
    if len(lines) != 2 or Path(lines[0]).resolve() != Path(repo_dir).resolve():
        return None
    return lines[1]


def dumps(answers: Mapping[str, Any], template: Mapping[str, Any]) -> str:
    """The file's text: a header, the template's origin, then every answer in order."""
    lines = [
        "# The answers this project was generated from, by startwise.",
        f"# Reproduce it: startwise new --answers {FILENAME}",
        "# Bring in a newer template or changed answers: startwise update",
    ]
    for key, value in template.items():
        lines.append(f"{key}: {json.dumps(value)}")
    for question in rules.QUESTIONS:
        value = answers[question.key]
        text = rules.yes_no(value) if question.kind == rules.BOOLEAN else json.dumps(value, ensure_ascii=False)
        lines.append(f"{question.key}: {text}")
    return "\n".join(lines) + "\n"


def installed_origin(repo_dir: str) -> tuple[str, str] | None:
    """The git URL and commit pip installed this package from, when ``repo_dir`` is its template.

    pip records both for a ``pip install git+URL`` in the distribution's
    direct_url.json (PEP 610): a project made with the installed template can then
    be updated against the very commit it came from.
    """
    if Path(repo_dir).resolve() != (Path(__file__).resolve().parent / "_template"):
        return None
    try:
        text = importlib.metadata.distribution("startwise").read_text("direct_url.json")
        data = json.loads(text or "{}")
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None
    vcs = data.get("vcs_info") or {}
    if vcs.get("vcs") != "git" or not vcs.get("commit_id") or not data.get("url"):
        return None
    return f"git+{data['url']}", str(vcs["commit_id"])


def origin(repo_dir: str, template: str | None) -> tuple[str | None, str | None]:
    """Where the template in ``repo_dir`` came from, and its commit.

    Its own git work tree gives the commit; a template pip installed from git gives
    that URL and commit; otherwise ``template`` as given, with no commit.
    """
    commit = template_commit(repo_dir)
    if commit is None and (installed := installed_origin(repo_dir)):
        return installed
    return template, commit


def commit_of(path: Path) -> str | None:
    """The commit of the template in ``path``, when one is known (see :func:`origin`)."""
    return origin(str(path), None)[1]


def write(project_dir: Path, answers: Mapping[str, Any], context: Mapping[str, Any]) -> Path:
    """Record the answers and the template's origin in the project."""
    source, commit = origin(str(context["_repo_dir"]), context.get("_template"))
    template = {"_template": source, "_commit": commit, "_version": __version__}
    path = project_dir / FILENAME
    path.write_text(dumps(answers, template), encoding="utf-8")
    return path
