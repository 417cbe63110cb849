"""Jinja extension that gives the templates the recommendation from ``rules``.

cookiecutter loads it through ``_extensions`` in cookiecutter.json, with the
template checkout on ``sys.path``, in its own process, while it builds the
context and before it creates a folder; it adds two globals:

- ``startwise_framework(cookiecutter)``: the framework that will be rendered
  (``framework``, or the recommendation when it is ``auto``), after checking the
  answers (:func:`checked_framework`: cookiecutter.json renders ``__framework``
  with it, once every answer is known);
- ``startwise_recommend(cookiecutter)``: the :class:`rules.Recommendation`;
- ``startwise_choice_cost(cookiecutter)``: what taking another framework than the recommended
  one costs, one line (:func:`rules.choice_cost`; empty when the recommendation was taken);
- ``startwise_derived(cookiecutter, key)``: one derived value (``rules.DERIVED``) as
  text; cookiecutter.json renders ``__database``, ``__db_server``, ``__services`` with it;
- ``startwise_layers(cookiecutter)``: every chosen layer above the common one,
  rendered (:func:`generator.layers.render`; the post-generation hook's data);
- ``startwise_slug(name)``: the package name proposed for a project name (:func:`rules.slugify`:
  cookiecutter.json's default, the same in every door);

and one helper per output format for putting free text (a project name, a description,
an author) into generated files, so that each reads back as the text typed, whatever it holds
(quotes, backslashes, ``{{``, ``<b>``, ``&``): globals that write a whole literal,

- ``pystr(text)``: a Python string literal, quoted the way ruff format quotes it;
- ``tomlstr(text)``: a TOML basic string;
- ``yamlstr(text)``: a YAML double-quoted scalar;

and filters for text inside a larger construct,

- ``text|pydoc``: inside a Python docstring;
- ``text|md``: Markdown inline text (a heading, a paragraph);
- ``text|html``: text of an HTML page that the project's own template engine (Django's,
  Jinja) renders again: HTML-escaped, and no ``{`` left to open a tag of that engine.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from cookiecutter.exceptions import FailedHookException
from jinja2 import Environment, pass_environment
from jinja2.ext import Extension
from markupsafe import escape

from generator import layers, rules


class AnswersRefused(FailedHookException):  # type: ignore[misc] # cookiecutter has no type hints
    """Answers startwise refuses, found while cookiecutter builds its context.

    A :class:`FailedHookException`: cookiecutter's command line prints those as
    they are, with no traceback, and exits 1. Raised before cookiecutter creates
    the project folder, so there is nothing to remove.
    """


def _command_line() -> list[str]:
    """What cookiecutter's own command line was given and drops before the template sees it.

    cookiecutter ignores extra context keys that cookiecutter.json does not have,
    and a config file's default_context value that does not fit (a warning, then
    the rest of default_context is skipped). When this runs inside cookiecutter's
    command (click's current context is its ``main``), its parameters still hold
    them. Only a config file given with ``--config-file`` is checked, and only for
    startwise's keys: a user's own config serves every template.
    """
    import click  # noqa: PLC0415 - cookiecutter's command line is a click command

    ctx = click.get_current_context(silent=True)
    if ctx is None or getattr(ctx.command.callback, "__module__", None) != "cookiecutter.cli":
        return []
    _, problems = rules.coerce_all(dict(ctx.params.get("extra_context") or {}))
    if not ctx.params.get("config_file"):  # the user's own config serves every template: cookiecutter's warning
        return problems
    try:
        from cookiecutter.config import get_user_config  # noqa: PLC0415

        config = get_user_config(config_file=ctx.params["config_file"], default_config=False)
    except Exception:  # cookiecutter reports a bad config file itself
        return problems
    default_context = config.get("default_context") or {}
    _, config_problems = rules.coerce_all({k: v for k, v in default_context.items() if k in rules.BY_KEY})
    return problems + [f"{problem} (default_context of the config file)" for problem in config_problems]


def checked_framework(context: Mapping[str, Any]) -> str:
    """The framework to render, once ``context``'s answers pass :func:`rules.refusals`.

    Raises :class:`AnswersRefused` with the report every door prints.
    """
    problems = _command_line() or rules.refusals(context)
    if problems:
        raise AnswersRefused(rules.report(problems))
    return rules.resolve_framework(rules.from_context(context)[0])


def derived(context: Mapping[str, Any], key: str) -> str:
    """The derived value ``key`` (``rules.DERIVED``) of ``context``'s answers, as a template sees it."""
    return str(rules.template_context(rules.from_context(context)[0])[f"__{key}"])


def _not_a_failed_hook(record: logging.LogRecord) -> bool:
    """Drop cookiecutter's log of a failed hook: the hook has said what failed, and why.

    cookiecutter logs it with the traceback of its own FailedHookException, which
    tells a user nothing more and reads like a crash under the hook's message.
    """
    error = record.exc_info[1] if record.exc_info else None
    return not isinstance(error, FailedHookException)


def pystr(text: str) -> str:
    """``text`` as a Python string literal: double quotes unless it holds more of them than single ones."""
    # str(): an HTML-escaped Markup would escape the quoting below too.
    text = str(text).replace("\\", "\\\\").replace("\n", "\\n")
    if text.count('"') > text.count("'"):
        return "'" + text.replace("'", "\\'") + "'"
    return '"' + text.replace('"', '\\"') + '"'


def pydoc(text: str) -> str:
    """``text`` inside a (non-raw) triple-quoted docstring: escaped, on one line, trimmed.

    Backslashes and double quotes are escaped; the ends are trimmed as ruff
    format trims a docstring's.
    """
    return " ".join(str(text).split("\n")).strip().replace("\\", "\\\\").replace('"', '\\"')


def tomlstr(text: str) -> str:
    """``text`` as a TOML basic string."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def yamlstr(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string escapes, which YAML reads alike)."""
    quoted = json.dumps(str(text), ensure_ascii=False)
    # YAML allows printable characters only: escape the rest (DEL, C1 controls, line separators).
    return "".join(char if char.isprintable() else _yaml_escape(char) for char in quoted)


def _yaml_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# Characters with a meaning in Markdown inline text (CommonMark and GitHub's extensions:
# emphasis, code, links, raw HTML and entities, headings' closing #, tables, strikethrough, math).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~&$])")
# What would open a block at the start of a line: a list item (``-``, ``+``, ``1.``), a setext underline.
_LIST_ITEM = re.compile(r"^(\d+)([.)])")
_LINE_START = re.compile(r"^([-+=])")


def md(text: str) -> str:
    """``text`` as Markdown inline text on one line: it renders as the text itself, not as markup."""
    line = _MARKDOWN.sub(r"\\\1", " ".join(str(text).splitlines()).strip())
    return _LINE_START.sub(r"\\\1", _LIST_ITEM.sub(r"\1\\\2", line))


def html(text: str) -> str:
    """``text`` in an HTML page that Django's or Flask's template engine renders again.

    HTML-escaped (``&``, ``<``, ``>``, quotes), and every ``{`` written ``&#123;`` so that
    ``{{``, ``{%`` and ``{#`` in a project's name open no variable, tag or comment.
    """
    return str(escape(str(text))).replace("{", "&#123;")


class StartwiseExtension(Extension):
    """Expose the rules module's recommendation to templates."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        logging.getLogger("cookiecutter.hooks").addFilter(_not_a_failed_hook)  # added once, however often
        environment.globals.update(
            startwise_framework=checked_framework,
            startwise_recommend=rules.recommend,
            startwise_choice_cost=lambda context: rules.choice_cost(rules.from_context(context)[0]),
            startwise_derived=derived,
            startwise_layers=pass_environment(layers.render),
            startwise_slug=rules.slugify,
            pystr=pystr,
            tomlstr=tomlstr,
            yamlstr=yamlstr,
        )
        environment.filters.update(pydoc=pydoc, md=md, html=html)
