"""Check the answers before cookiecutter writes a file.

Every rule lives in generator/rules.py, imported from the template checkout.
A non-zero exit makes cookiecutter stop and remove the project folder.
"""

import json
import sys

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
sys.path.insert(0, CONTEXT["_repo_dir"])

from generator import rules


def main() -> int:
    """Run the hook; return the exit status."""
    answers, problems = rules.from_context(CONTEXT)
    if not problems:
        problems = [str(error) for error in rules.errors(answers)]
    if problems:
        print("\nstartwise: these answers cannot make a project (nothing was written):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    for note in rules.check(answers):
        print(f"startwise {note.level}: {note}")
    print(rules.explain(answers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
