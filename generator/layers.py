"""Stacked layers: what each one ships, what it overrides, what goes with each option, and the checks.

A layer is a folder holding a cookiecutter template (``{{cookiecutter.project_slug}}/``),
an optional ``templates/`` folder of its own Jinja macros, and a manifest,
``layer.json``. The common layer is the template's root; its manifest lists, in
order, the layers stacked on it and when each applies::

    {
      "stack": [
        {"layer": "template-django", "when": {"__framework": ["django"]}},
        {"layer": "template-flask", "when": {"__framework": ["flask"]}}
      ],
      "required": ["LICENSE"]
    }

Every layer's manifest may hold::

    {
      "overrides": ["README.md"],
      "copy_without_render": ["{project_slug}/templates/*"],
      "required": ["pyproject.toml"],
      "optional": [
        {"when": {"__jobs": ["celery"]}, "paths": ["{project_slug}/celery.py"]}
      ]
    }

Everything a layer's folder holds, it adds; ``overrides`` names the files of
earlier layers it replaces, and writing any other file an earlier layer wrote is
an error (so is declaring an override of a file nobody wrote before). Paths are
globs relative to the generated project, with one placeholder, ``{project_slug}``.
``optional`` paths are removed when their condition does not hold and must exist
when it does; ``required`` paths must always exist. Conditions use the coerced
answers (booleans are JSON ``true``/``false``) and ``__framework``.

Rendering is one pass in cookiecutter's own process: cookiecutter renders the
common layer, then, while it renders the post-generation hook, the hook's
``{{ startwise_layers(cookiecutter) }}`` renders every other chosen layer
(:func:`render`, with the Jinja environment cookiecutter made) into the hook as
data; the hook writes those files, prunes, locks, records and verifies. The
Jinja search path of a layer is its folder, its ``templates/``, then the root's
``templates/`` (the fragments every layer shares), as cookiecutter's is.

Apart from :func:`render` (which uses the Jinja environment it is given), this
module imports only the standard library: the post-generation hook runs it.
"""

from __future__ import annotations

import base64
import fnmatch
import json
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import rules

MANIFEST = "layer.json"
TEMPLATE = "{{cookiecutter.project_slug}}"
SHARED = "templates"  # each layer's own macros, and the root's shared fragments
PLACEHOLDER = "{project_slug}"
# A cookiecutter variable or tag left in the output: the generated projects' own
# templates use {{ }} and {% %} too, so only markers naming cookiecutter count.
UNRENDERED = re.compile(r"\{[{%][^}]*\bcookiecutter\b")
JINJA = ("{{", "{%", "{#")


@dataclass(frozen=True)
class Optional:
    """Paths that exist only when a condition on the answers holds."""

    when: rules.Condition
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Layer:
    """A layer's folder and its manifest."""

    root: Path
    copy_without_render: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[Optional, ...]
    name: str = ""
    when: rules.Condition | None = None
    overrides: tuple[str, ...] = ()


def layer_dir(repo_dir: str | Path, framework: str) -> Path:
    """The folder of ``framework``'s layer in a template checkout."""
    return Path(repo_dir) / f"template-{framework}"


def _condition(data: Mapping[str, Any] | None) -> rules.Condition:
    return {key: tuple(values) for key, values in (data or {}).items()}


def load(root: Path, name: str = "", when: Mapping[str, Any] | None = None) -> Layer:
    """Read a layer's manifest."""
    data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return Layer(
        root=root,
        copy_without_render=tuple(data.get("copy_without_render", ())),
        required=tuple(data.get("required", ())),
        optional=tuple(
            Optional(when=_condition(item["when"]), paths=tuple(item["paths"])) for item in data.get("optional", ())
        ),
        name=name or root.name,
        when=_condition(when),
        overrides=tuple(data.get("overrides", ())),
    )


def stack(repo_dir: str | Path) -> list[Layer]:
    """Every layer of the template, in order: the common layer (the root) first."""
    root = Path(repo_dir)
    common = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    layers = [load(root, name="common")]
    for item in common.get("stack", ()):
        layers.append(load(root / item["layer"], name=item["layer"], when=item.get("when")))
    return layers


def facts(context: Mapping[str, Any]) -> dict[str, Any]:
    """What manifest conditions test: the coerced answers and the framework rendered."""
    answers, _ = rules.from_context(context)
    return {**answers, "__framework": context.get("__framework")}


def chosen(repo_dir: str | Path, known: Mapping[str, Any]) -> list[Layer]:
    """The layers these answers stack, in order."""
    return [layer for layer in stack(repo_dir) if rules.matches(layer.when or {}, known)]


def lock_root(layers: Sequence[Layer]) -> Path:
    """The folder of the last layer with a ``lock/`` (the superset lock its pyproject.toml comes from)."""
    return next(layer.root for layer in reversed(layers) if (layer.root / "lock").is_dir())


def _fill(pattern: str, slug: str) -> str:
    return pattern.replace(PLACEHOLDER, slug)


# ------------------------------------------------------------------ render (in cookiecutter's process)


def render(environment: Any, context: Mapping[str, Any]) -> str:
    """Render every chosen layer above the common one, as JSON for the post-generation hook.

    ``{"refused": report}`` when the answers fail the rules (a replayed context skips
    the check cookiecutter.json's ``__framework`` makes); else ``{"repo": the
    template's absolute path, "layers": names, "files": {path: [text, mode, kind]},
    "problems": [...]}`` (``kind``: "binary" for base64 content, true when rendered,
    false when copied as it is). Never raises: cookiecutter removes the project only
    when the hook fails, so every error is a problem the hook reports, then fails on.
    """
    problems = rules.refusals(context)
    if problems:
        return json.dumps({"refused": rules.report(problems)})
    repo = Path(context["_repo_dir"]).resolve()  # cookiecutter renders this in the template's folder
    try:
        layers = chosen(repo, facts(context))
    except (OSError, ValueError, KeyError) as error:
        return json.dumps({"repo": str(repo), "layers": [], "files": {}, "problems": [f"{MANIFEST}: {error!r}"]})
    files: dict[str, list[Any]] = {}
    written: dict[str, str] = {}  # path -> the layer that wrote it
    for index, layer in enumerate(layers):
        try:
            problems += _render_layer(
                environment, context, repo, layer, written=written, files=files if index else None
            )
        except Exception as error:  # a template's error of any kind: the hook reports it
            problems.append(f"{layer.name}: {type(error).__name__}: {error}")
    return json.dumps(
        {"repo": str(repo), "layers": [layer.name for layer in layers], "files": files, "problems": problems}
    )


def _bytecode_cache() -> Any:
    """Jinja's compiled templates, kept per user in the temporary folder and checked against their source."""
    from jinja2 import FileSystemBytecodeCache  # noqa: PLC0415 - cookiecutter's process has Jinja

    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private folder to keep them in: compile every time
        return None


def _render_layer(
    environment: Any,
    context: Mapping[str, Any],
    repo: Path,
    layer: Layer,
    *,
    written: dict[str, str],
    files: dict[str, list[Any]] | None,
) -> list[str]:
    """Render ``layer`` into ``files`` (None: cookiecutter wrote it), noting who wrote what; its problems."""
    from jinja2 import FileSystemLoader  # noqa: PLC0415 - cookiecutter's process has Jinja

    env = environment.overlay(
        loader=FileSystemLoader([str(layer.root / TEMPLATE), str(layer.root / SHARED), str(repo / SHARED)]),
        bytecode_cache=_bytecode_cache(),
    )
    slug = str(context["project_slug"])
    copy_only = [_fill(pattern, slug) for pattern in layer.copy_without_render]
    overrides = {_fill(pattern, slug) for pattern in layer.overrides}
    problems: list[str] = []
    used: set[str] = set()
    for source, target in _walk(env, layer.root / TEMPLATE, context):
        if target in written:
            used.add(target)
            if target not in overrides:
                problems.append(
                    f"{layer.name} writes {target}, which {written[target]} wrote, without declaring "
                    f'it in "overrides" of {layer.name}/{MANIFEST}'
                )
        written[target] = layer.name
        if files is not None:
            files[target] = _render_file(
                env, layer.root / TEMPLATE, source, target, copy_only=copy_only, context=context
            )
    problems += [
        f'{layer.name}/{MANIFEST} declares "overrides": {path}, which no earlier layer writes'
        for path in sorted(overrides - used)
    ]
    return problems


def _walk(env: Any, root: Path, context: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(template path, project path) of every file under ``root``, names rendered."""
    names: dict[str, str] = {}  # each templated name is compiled once

    def name(part: str) -> str:
        if "{" not in part:
            return part
        if part not in names:
            names[part] = env.from_string(part).render(cookiecutter=context)
        return names[part]

    pairs = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for file in sorted(files):
            source = Path(folder, file).relative_to(root).as_posix()
            pairs.append((source, "/".join(name(part) for part in source.split("/"))))
    return pairs


def _render_file(
    env: Any, root: Path, source: str, target: str, *, copy_only: Sequence[str], context: Mapping[str, Any]
) -> list[Any]:
    path = root / source
    mode = path.stat().st_mode & 0o777
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [base64.b64encode(data).decode("ascii"), mode, "binary"]
    parents = [target.rsplit("/", depth)[0] for depth in range(target.count("/") + 1)]
    if any(fnmatch.fnmatch(part, pattern) for pattern in copy_only for part in parents):
        return [text, mode, False]
    if not any(marker in text for marker in JINJA):
        return [text, mode, False]  # Jinja would give it back unchanged
    return [env.get_template(source).render(cookiecutter=context), mode, True]


# ------------------------------------------------------------------ the hook's steps


def write(project_dir: Path, files: Mapping[str, Sequence[Any]]) -> None:
    """Write what :func:`render` rendered into the project, in order (overrides last)."""
    for relative, (content, mode, kind) in files.items():
        path = project_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "binary":
            path.write_bytes(base64.b64decode(content))
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        if mode & 0o111:
            path.chmod(mode)


def _as_list(layers: Layer | Sequence[Layer]) -> Sequence[Layer]:
    return [layers] if isinstance(layers, Layer) else layers


def _expand(project_dir: Path, pattern: str, answers: Mapping[str, Any]) -> list[Path]:
    return sorted(project_dir.glob(_fill(pattern, answers["project_slug"])))


def prune(project_dir: Path, layers: Layer | Sequence[Layer], answers: Mapping[str, Any]) -> list[Path]:
    """Remove the paths of every option not chosen; return what was removed."""
    removed: list[Path] = []
    for layer in _as_list(layers):
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


def verify(project_dir: Path, layers: Layer | Sequence[Layer], answers: Mapping[str, Any]) -> list[str]:
    """Everything wrong with a rendered project: missing parts, markers, bad Python."""
    problems = _missing(project_dir, layers, answers) + _unfinished(project_dir)
    return sorted(set(problems), key=problems.index)


def _missing(project_dir: Path, layers: Layer | Sequence[Layer], answers: Mapping[str, Any]) -> list[str]:
    slug = answers["project_slug"]
    problems: list[str] = []
    for layer in _as_list(layers):
        for pattern in layer.required:
            if not _expand(project_dir, pattern, answers):
                problems.append(f"missing {_fill(pattern, slug)} (every project has it)")
        for item in layer.optional:
            if rules.matches(item.when, answers):
                for pattern in item.paths:
                    if not _expand(project_dir, pattern, answers):
                        condition = ", ".join(f"{k}={'/'.join(map(str, v))}" for k, v in item.when.items())
                        problems.append(f"missing {_fill(pattern, slug)} (expected with {condition})")
    return problems


def _unfinished(project_dir: Path) -> list[str]:
    """Files with a cookiecutter marker left, and Python that does not compile."""
    problems: list[str] = []
    for folder, dirs, names in os.walk(project_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            relative = path.relative_to(project_dir)
            if "{{" in str(relative):
                problems.append(f"{relative}: unrendered template marker")
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            if UNRENDERED.search(text):
                problems.append(f"{relative}: unrendered template marker")
            if name.endswith(".py"):
                try:
                    compile(text, str(relative), "exec", dont_inherit=True)
                except SyntaxError as err:
                    problems.append(f"{relative}:{err.lineno}: does not compile: {err.msg}")
    return problems
