"""What to type after ``startwise new``: install, run, test.

Taken from the rendered project's README when it has fenced shell blocks under
headings that name these steps, so the two never disagree; otherwise (a README
without such blocks) the framework's usual commands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.frameworks import REGISTRY

STEPS = ("install", "run", "test")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_FENCE = re.compile(r"^(```|~~~)\s*(\w*)\s*$")
_SHELL = {"", "sh", "bash", "shell", "console", "zsh"}
_WORDS = {
    "install": ("install", "set up", "setup", "getting started"),
    "run": ("run", "start", "develop"),
    "test": ("test",),
}


def from_readme(text: str) -> dict[str, list[str]]:
    """The first shell block under a heading naming each step."""
    found: dict[str, list[str]] = {}
    step: str | None = None
    block: list[str] | None = None
    for line in text.splitlines():
        fence = _FENCE.match(line.strip())
        if block is not None:
            if fence:
                if step and step not in found and block:
                    found[step] = block
                block = None
            else:
                block.append(line.strip().removeprefix("$ "))
            continue
        if fence and fence.group(2).lower() in _SHELL:
            block = []
            continue
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(1).lower()
            step = next((name for name in STEPS if any(word in title for word in _WORDS[name])), None)
    return {name: [c for c in commands if c and not c.startswith("#")] for name, commands in found.items()}


def defaults(answers: Mapping[str, Any], framework: str) -> dict[str, list[str]]:
    """The framework's usual commands for these answers (its registry entry's)."""
    entry = REGISTRY[framework]
    slug = answers["project_slug"]
    install = ["python -m venv .venv", ". .venv/bin/activate", 'python -m pip install -e ".[dev]"']
    run = ([entry.migrate.format(slug=slug)] if answers["use_orm"] else []) + [entry.serve.format(slug=slug)]
    return {"install": install, "run": run, "test": ["python -m pytest"]}


def next_steps(project_dir: Path, answers: Mapping[str, Any], framework: str) -> dict[str, list[str]]:
    """Install, run and test commands, the README's where it has them."""
    readme = project_dir / "README.md"
    found = from_readme(readme.read_text(encoding="utf-8", errors="replace")) if readme.is_file() else {}
    # The README's blocks are written to be read together (its "run" block may install too).
    return {step: found[step] for step in STEPS if step in found} or defaults(answers, framework)
