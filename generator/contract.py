"""Write cookiecutter.json from the answers contract in :mod:`generator.rules`.

cookiecutter needs its questions in cookiecutter.json; the contract lives in
``rules.QUESTIONS``. This module turns the one into the other, so the two never
drift: ``python -m generator.contract`` rewrites the file, and the test suite
fails when the committed file differs from what this module produces.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from generator import rules

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_JSON = ROOT / "cookiecutter.json"


def cookiecutter_context() -> dict[str, Any]:
    """The content of cookiecutter.json, in the contract's order."""
    context: dict[str, Any] = {}
    prompts: dict[str, Any] = {}
    for question in rules.QUESTIONS:
        if question.kind == rules.CHOICE:
            # cookiecutter offers the first option as the default.
            context[question.key] = [question.default] + [c for c in question.choices if c != question.default]
            prompts[question.key] = {"__prompt__": question.cookiecutter_prompt, **question.labels}
        else:
            context[question.key] = question.default
            prompts[question.key] = question.cookiecutter_prompt
    # Rendered, never asked: the derived values (rules.DERIVED). ``__framework`` comes
    # first: rendering it checks the answers (jinja_ext.checked_framework).
    for derived in rules.DERIVED:
        call = (
            "startwise_framework(cookiecutter)"
            if derived.key == "framework"
            else f"startwise_derived(cookiecutter, {derived.key!r})"
        )
        context[f"__{derived.key}"] = "{{ " + call + " }}"
    context["__prompts__"] = prompts
    context["_extensions"] = ["generator.jinja_ext.StartwiseExtension"]
    return context


def render() -> str:
    """cookiecutter.json as text."""
    return json.dumps(cookiecutter_context(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Rewrite cookiecutter.json; with ``--check``, only report whether it is current."""
    text = render()
    if "--check" in sys.argv[1:]:
        current = TEMPLATE_JSON.read_text(encoding="utf-8") if TEMPLATE_JSON.exists() else ""
        if current != text:
            print("cookiecutter.json is out of date: run python -m generator.contract", file=sys.stderr)
            return 1
        return 0
    TEMPLATE_JSON.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
