"""Render the chosen framework's layer over the common files, prune, verify.

The root template holds the files common to both frameworks; this hook renders
``template-<framework>/`` into the same folder with the same context, removes
the files of options not chosen (the layer's manifest says which), records the
answers, and checks the result. A non-zero exit makes cookiecutter remove the
half-made project.
"""

import json
import sys
from pathlib import Path

CONTEXT = json.loads(r"""{{ cookiecutter | jsonify }}""")
sys.path.insert(0, CONTEXT["_repo_dir"])

from cookiecutter.generate import generate_files

from generator import layers, locks, record, rules


def main() -> int:
    """Run the hook; return the exit status."""
    project_dir = Path.cwd()
    answers, _ = rules.from_context(CONTEXT)
    framework = CONTEXT["__framework"]
    layer = layers.load(layers.layer_dir(CONTEXT["_repo_dir"], framework))
    context = dict(CONTEXT, _copy_without_render=list(layer.copy_without_render))
    generate_files(
        repo_dir=str(layer.root),
        context={"cookiecutter": context},
        output_dir=str(project_dir.parent),
        overwrite_if_exists=True,
        accept_hooks=False,
    )
    layers.prune(project_dir, layer, answers)
    try:
        locks.write_project_files(project_dir, layer.root)
    except locks.LockError as error:
        print(f"\nstartwise: no lock file for this project (it was removed): {error}", file=sys.stderr)
        return 1
    record.write(project_dir, answers, CONTEXT)
    problems = layers.verify(project_dir, layer, answers)
    if problems:
        print("\nstartwise: the rendered project is incomplete (it was removed):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"startwise: {answers['project_name']} ({framework}) is ready in {project_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
