"""Write the layers stacked on the common files, prune, lock, record, verify.

cookiecutter has rendered the common layer (the root template) into the project
folder; rendering this script, it ran ``startwise_layers`` (generator.layers.render)
in its own process, which checked the answers and rendered every other chosen
layer: RENDERED holds the result, so this script needs neither cookiecutter nor
Jinja. It writes those files, removes the files of options not chosen (the
manifests say which), writes the lock files and the record, and checks the
result. A non-zero exit makes cookiecutter remove the half-made project.
"""

import json
import sys
from pathlib import Path

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
RENDERED = json.loads(r"""{{ startwise_layers(cookiecutter) }}""")
if "repo" in RENDERED:  # cookiecutter gives the folder as it was given (`cookiecutter .`): the record needs it whole
    CONTEXT["_repo_dir"] = RENDERED["repo"]
sys.path.insert(0, CONTEXT["_repo_dir"])

from generator import layers, locks, record, rules
from generator.nextsteps import next_steps


def main() -> int:
    """Run the hook; return the exit status."""
    if "refused" in RENDERED:  # a replayed context: cookiecutter did not check it
        print(RENDERED["refused"], file=sys.stderr)
        return 1
    project_dir = Path.cwd()
    answers, _ = rules.from_context(CONTEXT)
    for note in rules.check(answers):
        print(f"startwise {note.level}: {note}")
    print(rules.explain(answers))
    if RENDERED["problems"]:
        print("\nstartwise: the template's layers do not stack (the project was removed):", file=sys.stderr)
        for problem in RENDERED["problems"]:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    stack = [layer for layer in layers.stack(CONTEXT["_repo_dir"]) if layer.name in RENDERED["layers"]]
    layers.write(project_dir, RENDERED["files"])
    layers.prune(project_dir, stack, answers)
    try:
        locks.write_project_files(project_dir, layers.lock_root(stack))
    except locks.LockError as error:
        print(f"\nstartwise: no lock file for this project (it was removed): {error}", file=sys.stderr)
        return 1
    record.write(project_dir, answers, CONTEXT)
    problems = layers.verify(project_dir, stack, answers)
    if problems:
        print("\nstartwise: the rendered project is incomplete (it was removed):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"startwise: {answers['project_name']} ({CONTEXT['__framework']}) is ready in {project_dir}")
    # startwise's own commands print these themselves (they do not show what this hook prints).
    steps = next_steps(project_dir, answers, CONTEXT["__framework"])
    print(f"\nNext steps for this machine ({steps.machine.describe()}; README.md says more):\n  cd {project_dir}")
    for step, commands in steps.steps.items():
        print(f"  # {step}")
        print("\n".join(f"  {command}" for command in commands))
    if steps.other_paths:
        print(steps.other_paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
