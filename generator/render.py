"""The one rendering path: cookiecutter on the template, with checked answers.

Every render -- ``startwise new``, both sides of ``startwise update``, the
tests -- calls ``cookiecutter.main.cookiecutter(template, no_input=True,
extra_context=<answers>)``, in a fresh interpreter (:mod:`generator._worker`),
into a staging folder beside the destination. Only a complete project is moved
into place, in one rename: a failure or Ctrl-C leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import rules
from generator._worker import FAILED_HOOK
from generator.errors import RenderError, existing_folder, headline, require_free, unwritable
from generator.template import default_template, from_package, is_package, is_url

WORKER = Path(__file__).resolve().parent / "_worker.py"
SEED_VARIABLE = "STARTWISE_RANDOM_SEED"
# Imported at start-up by the worker and by the hooks cookiecutter runs from it
# (they render the framework layer in their own interpreter). cookiecutter's
# random_ascii_string draws from secrets.choice; with the seed set, the draws come
# from HMAC-SHA256(seed, n) instead: the same in every render with that seed, and
# as unpredictable as the seed, which update makes with secrets.token_hex.
SITECUSTOMIZE = f"""import hashlib
import hmac
import os
import secrets

_SEED = os.environ.get("{SEED_VARIABLE}", "").encode()
_DRAWS = [0]


def _choice(sequence):
    _DRAWS[0] += 1
    digest = hmac.new(_SEED, str(_DRAWS[0]).encode(), hashlib.sha256).digest()
    return sequence[int.from_bytes(digest, "big") % len(sequence)]


if _SEED:
    secrets.choice = _choice
"""
TAIL = 25  # lines of a failed render's output worth showing: the end says what broke


@dataclass(frozen=True)
class Rendered:
    """A project on disk, the framework it was rendered with, and what the hooks printed."""

    project_dir: Path
    framework: str
    output: str


def jinja_literal(text: str) -> str:
    """A Jinja template that renders to ``text`` exactly.

    cookiecutter renders every extra-context value as a template (``{{ 7*7 }}``
    would become 49, and a lone ``{%`` a TemplateSyntaxError): free text that
    could hold a Jinja marker goes in as one string expression. Jinja reads a
    string literal's escapes like Python's ``unicode-escape``.
    """
    if "{" not in text:
        return text
    return '{{ "' + text.encode("unicode-escape").decode("ascii").replace('"', '\\"') + '" }}'


def extra_context(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every contract answer, in contract order, as cookiecutter's extra context (text kept as text).

    Answers to questions of another template version (``startwise update``) follow;
    cookiecutter ignores those its template does not ask.
    """
    context = {
        key: jinja_literal(answers[key]) if rules.BY_KEY[key].kind == rules.TEXT else answers[key] for key in rules.KEYS
    }
    # A superseded key carries its meaning too, for a template that only knows it (update's base render).
    for question in rules.QUESTIONS:
        if question.superseded_by:
            target, meaning = question.superseded_by
            context[question.key] = context[question.key] is True or answers.get(target) == meaning
    context.update({key: value for key, value in answers.items() if key not in context and not key.startswith("_")})
    return context


def render(
    answers: Mapping[str, Any],
    output_dir: Path,
    template: str | Path | None = None,
    *,
    checkout: str | None = None,
    seed: str | None = None,
    finish: Callable[[Path], None] | None = None,
) -> Rendered:
    """Render ``answers`` (complete and valid) into ``output_dir/<project_slug>``.

    With ``seed``, the template's random values (``random_ascii_string``: the
    development secret keys) come out the same in every render with that seed,
    in the hooks too: the two sides of an update then differ only where the
    template or the answers do. ``finish`` runs on the complete project before it
    is moved into place (``git init`` and a first commit, for example), so that
    Ctrl-C during it leaves nothing behind either.
    """
    values = rules.complete(dict(answers))
    spec = str(template if template is not None else default_template())
    if is_package(spec):  # startwise==0.2.0 or a wheel file: its template, unpacked in the cache
        spec = str(from_package(spec))
    output_dir = output_dir.resolve()
    target = output_dir / str(values["project_slug"])
    require_free(target)
    created = missing_folders(output_dir)
    done = False
    try:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".startwise-", dir=output_dir))
        except OSError as err:
            raise unwritable(output_dir, err.strerror or str(err)) from err
        try:
            result, output = _run_worker(spec, values, staging, checkout, seed)
            project = Path(result["project_dir"])
            if finish:
                finish(project)
            _move(project, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        done = True
    finally:
        if not done:
            remove_empty(created)
    framework = result.get("framework") or rules.resolve_framework(values)
    return Rendered(target, str(framework), output)


def require_writable(output_dir: Path) -> None:
    """Refuse, before asking anything, an output folder that cannot be made or written to."""
    existing = output_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise unwritable(output_dir, f"{existing} is not a folder")
    try:  # a probe where the first folder would be made: permissions alone do not tell (root, read-only mounts)
        Path(tempfile.mkdtemp(prefix=".startwise-probe-", dir=existing)).rmdir()
    except OSError as err:
        raise unwritable(output_dir, err.strerror or str(err)) from err


def missing_folders(path: Path) -> list[Path]:
    """The folders of ``path`` that do not exist yet, the outermost first: what a render would create."""
    missing: list[Path] = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing[::-1]


def remove_empty(created: list[Path]) -> None:
    """Remove the folders a failed render created, innermost first, as long as they are empty."""
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:  # gone already, or something else wrote there meanwhile: leave it
            return


def _move(project: Path, target: Path) -> None:
    """Move the complete project into place, never over a folder that appeared meanwhile."""
    require_free(target)
    try:
        project.rename(target)
    except OSError as err:
        if target.exists():
            raise existing_folder(target) from err
        raise unwritable(target.parent, err.strerror or str(err)) from err


def _seeded_env(staging: Path, seed: str) -> dict[str, str]:
    """An environment whose Python processes seed ``random`` with ``seed`` at start-up."""
    site = staging / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "PYTHONPATH": path, SEED_VARIABLE: seed}


def _run_worker(
    spec: str, answers: Mapping[str, Any], staging: Path, checkout: str | None, seed: str | None
) -> tuple[dict[str, Any], str]:
    local = not is_url(spec)
    result_file = staging / "result.json"
    request = {
        "template": str(Path(spec).expanduser().resolve()) if local else spec,
        "checkout": checkout,
        "extra_context": extra_context(answers),
        "output_dir": str(staging / "out"),
        "replay_dir": str(staging / "replay"),
        "import_path": str(Path(spec).expanduser().resolve()) if local else None,
        "result": str(result_file),
    }
    process = subprocess.Popen(
        [sys.executable, "-P", str(WORKER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=staging,
        text=True,
        env=_seeded_env(staging, seed) if seed else None,
    )
    try:
        output, _ = process.communicate(json.dumps(request))
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        lines = [line.rstrip() for line in output.splitlines() if line.strip()]
        if len(lines) > TAIL:
            lines = ["...", *lines[-TAIL:]]
        if process.returncode == FAILED_HOOK:
            raise RenderError(headline(f"The template's hooks stopped the render of {spec}"), lines)
        raise RenderError(headline(f"cookiecutter could not render {spec}"), lines)
    data: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    return data, output
