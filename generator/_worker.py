"""Run one cookiecutter render in a fresh interpreter; used by :mod:`generator.render`.

A fresh interpreter gives the template's own ``generator`` package (its Jinja
extension and rules) precedence over the installed one, keeps the hooks' output
off the user's terminal, and lets Ctrl-C stop the render without leaving
anything half made. It imports only the standard library and cookiecutter, and
runs as a script (``python -P _worker.py``), reading a JSON request on stdin:
``template``, ``checkout``, ``extra_context``, ``output_dir``, ``replay_dir``,
``import_path`` and ``result`` (the file to write the JSON answer to).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

FAILED_HOOK = 3
FAILED = 4


def _framework(extra_context: dict[str, Any]) -> str | None:
    """The framework the template's own rules resolve these answers to."""
    try:
        from generator import rules  # noqa: PLC0415 - the template's copy, found through import_path

        return str(rules.resolve_framework(rules.from_context(extra_context)[0]))
    except Exception:
        return None


def main() -> int:
    """Render the request; exit 0, FAILED_HOOK or FAILED."""
    request = json.loads(sys.stdin.read())
    # cookiecutter logs a hook failure with a traceback; the hook's own message says it all.
    cookiecutter_log = logging.getLogger("cookiecutter")
    cookiecutter_log.addHandler(logging.NullHandler())
    cookiecutter_log.propagate = False

    from cookiecutter.config import get_user_config  # noqa: PLC0415
    from cookiecutter.exceptions import CookiecutterException, FailedHookException  # noqa: PLC0415
    from cookiecutter.main import cookiecutter  # noqa: PLC0415

    if request.get("import_path"):
        sys.path.insert(0, request["import_path"])
    try:
        # The user's cookiecutter config (abbreviations such as gh:, where clones go), but the
        # replay file stays in the staging folder: .startwise.yml is the project's record.
        config = dict(get_user_config(), replay_dir=request["replay_dir"])
        project_dir = cookiecutter(
            request["template"],
            checkout=request.get("checkout"),
            no_input=True,
            extra_context=request["extra_context"],
            output_dir=request["output_dir"],
            default_config=config,
        )
    except FailedHookException as err:
        if type(err).__name__ == "AnswersRefused":  # the template's own check, before any hook ran
            print(err, file=sys.stderr)
        return FAILED_HOOK
    except (CookiecutterException, ValueError, OSError) as err:
        print(f"cookiecutter: {err}", file=sys.stderr)
        return FAILED
    result = {"project_dir": project_dir, "framework": _framework(request["extra_context"])}
    with open(request["result"], "w", encoding="utf-8") as handle:  # noqa: PTH123
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
