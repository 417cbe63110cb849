"""Jinja extension that gives the templates the recommendation from ``rules``.

cookiecutter loads it through ``_extensions`` in cookiecutter.json, with the
template checkout on ``sys.path``; it adds two globals:

- ``startwise_framework(cookiecutter)``: the framework that will be rendered
  (``framework``, or the recommendation when it is ``auto``);
- ``startwise_recommend(cookiecutter)``: the :class:`rules.Recommendation`;

and two for putting free text (a project name, a description) into generated code:

- ``pystr(text)``: a Python string literal, quoted the way ruff format quotes it;
- ``tomlstr(text)``: a TOML basic string.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.ext import Extension

from generator import rules


def pystr(text: str) -> str:
    """``text`` as a Python string literal: double quotes unless it holds more of them than single ones."""
    # str(): an HTML-escaped Markup would escape the quoting below too.
    text = str(text).replace("\\", "\\\\").replace("\n", "\\n")
    if text.count('"') > text.count("'"):
        return "'" + text.replace("'", "\\'") + "'"
    return '"' + text.replace('"', '\\"') + '"'


def tomlstr(text: str) -> str:
    """``text`` as a TOML basic string."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class StartwiseExtension(Extension):
    """Expose the rules module's recommendation to templates."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            startwise_framework=rules.resolve_framework,
            startwise_recommend=rules.recommend,
            pystr=pystr,
            tomlstr=tomlstr,
        )
