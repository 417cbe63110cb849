"""Check the answers before cookiecutter writes a file.

Every rule lives in generator/rules.py, imported from the template checkout;
``rules.refusals`` is the check ``startwise new`` makes too, and the Jinja
extension makes it earlier, while cookiecutter builds its context (this hook is
what still checks a replayed context). A non-zero exit makes cookiecutter stop
and remove the project folder.
"""

import json
import sys

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
sys.path.insert(0, CONTEXT["_repo_dir"])

from generator import rules


def main() -> int:
    """Run the hook; return the exit status."""
    problems = rules.refusals(CONTEXT)
    if problems:
        print(rules.report(problems), file=sys.stderr)
        return 1
    answers, _ = rules.from_context(CONTEXT)
    for note in rules.check(answers):
        print(f"startwise {note.level}: {note}")
    print(rules.explain(answers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
