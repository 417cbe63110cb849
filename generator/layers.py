"""Framework layers: what each one ships, what goes with each option, and the checks.

A layer is a folder ``template-<framework>/`` holding a cookiecutter template
(``{{cookiecutter.project_slug}}/``) and a manifest, ``layer.json``::

    {
      "copy_without_render": ["*/templates/*"],
      "required": ["pyproject.toml", "README.md"],
      "optional": [
        {"when": {"use_celery": [true]}, "paths": ["{project_slug}/celery.py"]}
      ]
    }

``optional`` paths (globs, relative to the project, ``{project_slug}`` filled in)
are removed when their condition does not hold and must exist when it does;
``required`` paths must always exist. Like :mod:`generator.rules`, this module
imports only the standard library: the post-generation hook runs it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import rules

MANIFEST = "layer.json"
# A cookiecutter variable or tag left in the output: the generated projects' own
# templates use {{ }} and {% %} too, so only markers naming cookiecutter count.
UNRENDERED = re.compile(r"\{[{%][^}]*\bcookiecutter\b")


@dataclass(frozen=True)
class Optional:
    """Paths that exist only when a condition on the answers holds."""

    when: rules.Condition
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Layer:
    """A framework layer's template folder and its manifest."""

    root: Path
    copy_without_render: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[Optional, ...]


def layer_dir(repo_dir: str | Path, framework: str) -> Path:
    """The folder of ``framework``'s layer in a template checkout."""
    return Path(repo_dir) / f"template-{framework}"


def load(root: Path) -> Layer:
    """Read a layer's manifest."""
    data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return Layer(
        root=root,
        copy_without_render=tuple(data.get("copy_without_render", ())),
        required=tuple(data.get("required", ())),
        optional=tuple(
            Optional(
                when={key: tuple(values) for key, values in item["when"].items()},
                paths=tuple(item["paths"]),
            )
            for item in data.get("optional", ())
        ),
    )


def _expand(project_dir: Path, pattern: str, answers: Mapping[str, Any]) -> list[Path]:
    relative = pattern.format(project_slug=answers["project_slug"])
    return sorted(project_dir.glob(relative))


def prune(project_dir: Path, layer: Layer, answers: Mapping[str, Any]) -> list[Path]:
    """Remove the paths of every option not chosen; return what was removed."""
    removed: list[Path] = []
    for item in layer.optional:
        if rules.matches(item.when, answers):
            continue
        for pattern in item.paths:
            for path in _expand(project_dir, pattern, answers):
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
                removed.append(path)
    # pip byte-compiles the template it installs; the caches must not reach a project.
    for cache in sorted(project_dir.rglob("__pycache__"), reverse=True):
        shutil.rmtree(cache)
    _remove_empty_dirs(project_dir)
    return removed


def _remove_empty_dirs(project_dir: Path) -> None:
    for path in sorted(project_dir.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def verify(project_dir: Path, layer: Layer, answers: Mapping[str, Any]) -> list[str]:
    """Everything wrong with a rendered project: missing parts, markers, bad Python."""
    problems: list[str] = []
    for pattern in layer.required:
        if not _expand(project_dir, pattern, answers):
            problems.append(f"missing {pattern.format(**answers)} (every project has it)")
    for item in layer.optional:
        if rules.matches(item.when, answers):
            for pattern in item.paths:
                if not _expand(project_dir, pattern, answers):
                    condition = ", ".join(f"{k}={'/'.join(map(str, v))}" for k, v in item.when.items())
                    problems.append(f"missing {pattern.format(**answers)} (expected with {condition})")
    for path in sorted(project_dir.rglob("*")):
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        relative = path.relative_to(project_dir)
        if UNRENDERED.search(text) or "{{" in str(relative):
            problems.append(f"{relative}: unrendered template marker")
        if path.suffix == ".py":
            try:
                compile(text, str(relative), "exec")
            except SyntaxError as err:
                problems.append(f"{relative}:{err.lineno}: does not compile: {err.msg}")
    return problems
