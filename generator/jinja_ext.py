"""Jinja extension that gives the templates the recommendation from ``rules``.

cookiecutter loads it through ``_extensions`` in cookiecutter.json, with the
template checkout on ``sys.path``; it adds two globals:

- ``startwise_framework(cookiecutter)``: the framework that will be rendered
  (``framework``, or the recommendation when it is ``auto``);
- ``startwise_recommend(cookiecutter)``: the :class:`rules.Recommendation`.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.ext import Extension

from generator import rules


class StartwiseExtension(Extension):
    """Expose the rules module's recommendation to templates."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            startwise_framework=rules.resolve_framework,
            startwise_recommend=rules.recommend,
        )
