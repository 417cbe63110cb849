"""Answers from every source, layered in one place and checked before use.

Sources, highest precedence first: ``--set key=value`` on the command line, an
answers file (``--answers``), what the wizard asks, then the defaults. Every
value goes through :func:`rules.coerce` and the whole set through
:func:`rules.errors` before anything is rendered.
"""

from __future__ import annotations

import json
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import rules
from generator.errors import UsageError, UserError, require_free, unusable_answers

# The keys of a cookiecutter user-config file (~/.cookiecutterrc, --config-file).
COOKIECUTTER_CONFIG_KEYS = frozenset({"default_context", "cookiecutters_dir", "replay_dir", "abbreviations"})
# What marks an answers file as a generated project's record (.startwise.yml), not a team's file.
RECORD_KEYS = frozenset({"_template", "_commit"})


@dataclass(frozen=True)
class AnswersFile:
    """The answers a file fixes, and its metadata (keys starting with ``_``)."""

    path: Path
    answers: dict[str, Any]
    metadata: dict[str, Any] = field(default_factory=dict)


def coerce(raw: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Coerce contract answers; any unknown key or invalid value raises, all listed."""
    values, problems = rules.coerce_all(raw)
    if problems:
        raise unusable_answers(source, problems)
    return values


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise UserError(
                f"{path} is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}. "
                "Fix the file (or write it as YAML)."
            ) from err
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise UserError(
            f"{path} is not valid YAML: {problem}{where}. Fix the file: one 'key: value' a line, "
            "such as 'use_api: yes'."
        ) from err


def load_file(path: Path) -> AnswersFile:
    """Read a YAML or JSON answers file, or a cookiecutter config's ``default_context``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise UserError(f"Cannot read the answers file {path}: {err.strerror}. Check the path.") from err
    data = _parse(path, text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError(
            f"{path} must hold a mapping of answers (key: value), not a {type(data).__name__}. "
            "Write one 'key: value' a line, such as 'framework: django'."
        )
    if "default_context" in data:
        extra = sorted(set(data) - COOKIECUTTER_CONFIG_KEYS)
        if extra:
            raise UserError(
                f"{path} looks like a cookiecutter config file (it has default_context) but also has "
                f"{', '.join(map(repr, extra))}. Move the answers under default_context."
            )
        data = data["default_context"] or {}
        if not isinstance(data, dict):
            raise UserError(f"{path}: default_context must be a mapping of answers (key: value).")
    metadata = {str(key): value for key, value in data.items() if str(key).startswith("_")}
    answers = coerce({str(key): value for key, value in data.items()}, str(path))
    if RECORD_KEYS & set(metadata):
        # A project's record reproduces that project: questions it predates take the answer it was made with.
        answers = {**rules.earlier_answers(answers), **answers}
    return AnswersFile(path, answers, metadata)


def parse_sets(items: Iterable[str]) -> dict[str, Any]:
    """Read ``--set key=value`` options into coerced answers (the last of a key wins)."""
    raw: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set {item!r} is not key=value. Write it like --set use_api=yes.")
        raw[key.strip()] = value
    return coerce(raw, "--set")


def defaults_for(given: Mapping[str, Any]) -> dict[str, Any]:
    """The defaults of the keys not given, taking the given answers into account.

    The admin and user accounts need the ORM, and Flask's admin needs accounts:
    where the given answers rule them out, their default is ``no`` instead of a
    default that could only fail.
    """
    values = rules.defaults_given(given)
    values["project_slug"] = rules.slugify(str(given.get("project_name", values["project_name"])))
    return values


def layer(*sources: Mapping[str, Any]) -> ChainMap[str, Any]:
    """The sources in precedence order, the first wins, over the defaults they imply."""
    layers = [dict(source) for source in sources]
    return ChainMap(*layers, defaults_for(ChainMap(*layers)))


def sources(set_values: Mapping[str, Any], loaded: AnswersFile | None) -> dict[str, str]:
    """Where each fixed answer comes from: ``--set``, or the answers file's name."""
    found = {key: loaded.path.name for key in loaded.answers} if loaded else {}
    found.update(dict.fromkeys(set_values, "--set"))
    return found


def settled(set_values: Mapping[str, Any], file_values: Mapping[str, Any], output_dir: Path) -> dict[str, Any]:
    """``startwise new --no-input``: the layered answers, refused when the folder is taken or a rule fails."""
    given = layer(set_values, file_values)
    require_free(output_dir / str(given["project_slug"]))  # refused first, before anything is printed
    return require_valid(given)


def check_fixed(fixed: Mapping[str, Any], output_dir: Path) -> None:
    """Fail before asking when the fixed answers alone already break a rule, or their folder is taken."""
    values = rules.complete(dict(ChainMap(dict(fixed), defaults_for(fixed))))
    problems = [p for p in rules.errors(values) if set(p.keys) <= set(fixed)]
    if problems:
        raise UserError(rules.REFUSED, [p.message for p in problems])
    if "project_slug" in fixed:
        require_free(output_dir / str(fixed["project_slug"]))


def require_valid(answers: Mapping[str, Any]) -> dict[str, Any]:
    """A complete set of answers, or a UserError listing every error and its fix."""
    values = rules.complete(dict(answers))
    problems = rules.refusals(values)
    if problems:
        raise UserError(rules.REFUSED, problems)
    return values


def as_options(answers: Mapping[str, Any]) -> list[str]:
    """The answers as ``--set key=value`` arguments, one per key in contract order (for ``shlex.join``)."""
    options = []
    for key in rules.KEYS:
        if key in answers:
            options += ["--set", f"{key}={rules.say(answers[key])}"]
    return options
