"""What to type after ``startwise new``: run and test, for the machine it runs on.

The commands are the rendered README's, so the two never disagree: the fenced shell
blocks of the first section whose heading names a step ("Run it", "Test"), with its
subsections. The section's first block is the path with every tool; a subsection says
how another machine differs, in the words a reader follows too:

- ``### Or with pip``: a whole other block, for a machine without a tool the first one
  uses (its commands run ``uv``; these do not);
- ``### Without Docker``: commands that take the place of the lines that need the tool
  (``docker compose up ...``), for a machine where it is missing.

:func:`probe` looks at the machine (a Docker engine that answers ``docker info``, not
just a client on ``PATH``; ``uv`` on ``PATH``) without changing anything, and
:func:`for_machine` takes the path that works there, and names the others in one line.
A README without such blocks gives the framework's usual commands. Standard library
only: the post-generation hook prints the same steps for plain cookiecutter.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.frameworks import REGISTRY

STEPS = ("install", "run", "test")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^(```|~~~)\s*(\w*)\s*$")
_SHELL = {"", "sh", "bash", "shell", "console", "zsh"}
_WORDS = {
    "install": ("install", "set up", "setup", "getting started"),
    "run": ("run", "start", "develop"),
    "test": ("test",),
}
# The tools a path may need that a machine may lack, as the README's headings name them.
TOOLS = {"uv": "uv", "docker": "Docker"}
_WITHOUT = re.compile(r"\bwithout (\w+)", re.IGNORECASE)
PROBE_SECONDS = 10


@dataclass(frozen=True)
class Machine:
    """What the machine has of :data:`TOOLS`: tool -> usable."""

    tools: Mapping[str, bool]

    def has(self, tool: str) -> bool:
        """True when ``tool`` works here (a tool startwise does not probe counts as present)."""
        return self.tools.get(tool, True)

    def describe(self) -> str:
        """``uv, no Docker engine``: what the steps were chosen for."""
        words = {"uv": ("uv", "no uv"), "docker": ("a Docker engine", "no Docker engine")}
        return ", ".join(words[tool][0 if self.has(tool) else 1] for tool in TOOLS)


EVERYTHING = Machine(dict.fromkeys(TOOLS, True))


def probe() -> Machine:
    """This machine: ``uv`` on ``PATH``, and a Docker engine that answers (``docker info`` succeeds).

    A docker client without a running engine (or without the right to reach it) counts
    as no Docker. Nothing is installed or started.
    """
    docker = False
    if shutil.which("docker"):
        try:
            docker = (
                subprocess.run(["docker", "info"], capture_output=True, timeout=PROBE_SECONDS, check=False).returncode
                == 0
            )
        except (OSError, subprocess.TimeoutExpired):
            docker = False
    return Machine({"uv": shutil.which("uv") is not None, "docker": docker})


@dataclass(frozen=True)
class Block:
    """A shell block of the README and the heading it is under."""

    heading: str
    commands: tuple[str, ...]

    @property
    def replaces(self) -> str | None:
        """The tool whose lines this block replaces (``Without Docker``), or None: a whole path."""
        match = _WITHOUT.search(self.heading)
        tool = match.group(1).lower() if match else ""
        return tool if tool in TOOLS else None

    def needs(self) -> set[str]:
        """The probed tools its commands run."""
        return {tool for command in self.commands for tool in programs(command) if tool in TOOLS}


# Another machine's path: ("with" or "without", the tool, what to read or run instead).
Other = tuple[str, str, str]


@dataclass
class Steps:
    """The commands of each step for one machine, and the other machines' paths."""

    steps: dict[str, list[str]]
    machine: Machine = EVERYTHING
    others: list[Other] = field(default_factory=list)

    @property
    def other_paths(self) -> str:
        """One line naming the paths of other machines (empty when there are none)."""
        said: dict[tuple[str, str], list[str]] = {}
        for way, tool, instead in self.others:
            said.setdefault((way, tool), [])
            if instead not in said[way, tool]:
                said[way, tool].append(instead)
        clauses = [f"{way} {TOOLS[tool]}, {_and(insteads)}" for (way, tool), insteads in said.items()]
        return f"On another machine: {'; '.join(clauses)}." if clauses else ""


def _and(items: list[str]) -> str:
    """``README.md "Run it" and "Test"``: items joined, the README named once."""
    prefix = 'README.md "'
    if len(items) > 1 and all(item.startswith(prefix) for item in items):
        return prefix[:-1] + " and ".join(item.removeprefix(prefix[:-1]) for item in items)
    return " and ".join(items)


def programs(command: str) -> set[str]:
    """The programs a shell line runs: the first word of each command it chains (``&&``, ``;``, ``|``)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    found: set[str] = set()
    starts = True
    try:
        for token in lexer:
            if token and set(token) <= set("&|;()<>"):
                starts = True
            elif starts and not re.match(r"^\w+=", token):  # not a VAR=value prefix
                found.add(token)
                starts = False
    except ValueError:  # unbalanced quotes: the first word is all one can tell
        return set(command.split()[:1])
    return found


def sections(text: str) -> dict[str, list[Block]]:
    """Step -> the first shell block under the heading of the first section naming it, and under each subheading."""
    found: dict[str, list[Block]] = {}
    current: str | None = None
    level = 0
    heading = ""
    block: list[str] | None = None
    for line in text.splitlines():
        fence = _FENCE.match(line.strip())
        if block is not None:
            if fence:
                commands = tuple(c for c in block if c and not c.startswith("#"))
                if current and commands and all(known.heading != heading for known in found[current]):
                    found[current].append(Block(heading, commands))  # the first block under each heading
                block = None
            else:
                block.append(line.strip().removeprefix("$ "))
            continue
        if fence and fence.group(2).lower() in _SHELL:
            block = []
            continue
        match = _HEADING.match(line)
        if not match:
            continue
        depth, title = len(match.group(1)), match.group(2)
        if current and depth > level:  # a subsection of the step's section
            heading = title
            continue
        current = next((name for name in STEPS if any(word in title.lower() for word in _WORDS[name])), None)
        if current in found:  # only the first section of a step
            current = None
        if current:
            found[current] = []
            level, heading = depth, title
    return {step: blocks for step, blocks in found.items() if blocks}


def from_readme(text: str) -> dict[str, list[str]]:
    """The first shell block of each step: the path of a machine with every tool."""
    return {step: list(blocks[0].commands) for step, blocks in sections(text).items()}


def choose(blocks: list[Block], machine: Machine) -> tuple[list[str], list[Other]]:
    """The commands of a step for ``machine``, and what another machine would do instead.

    The first whole path whose tools the machine has, or can do without (a
    ``Without <tool>`` block replaces that tool's lines, in place of the first one).
    """
    replacements = {block.replaces: block for block in blocks if block.replaces}
    paths = [block for block in blocks if not block.replaces]
    if not paths:
        return [], []
    chosen = next(
        (path for path in paths if all(machine.has(tool) or tool in replacements for tool in path.needs())),
        paths[0],
    )
    others: list[Other] = [
        ("with" if tool in path.needs() else "without", tool, f'README.md "{path.heading}"')
        for path in paths
        if path is not chosen
        for tool in sorted(path.needs() ^ chosen.needs())
    ]
    commands = list(chosen.commands)
    for tool, block in replacements.items():
        if tool not in chosen.needs():
            continue
        if machine.has(tool):
            others.append(("without", tool, f'README.md "{block.heading}"'))
            continue
        replaced = [command for command in commands if tool in programs(command)]
        first = commands.index(replaced[0])
        commands = (
            [c for c in commands[:first] if c not in replaced]
            + list(block.commands)
            + [c for c in commands[first:] if c not in replaced]
        )
        lines = " and ".join(f"`{_code(command)}`" for command in replaced)
        names = " and ".join(dict.fromkeys(name for c in block.commands for name in sorted(programs(c))))
        others.append(("with", tool, f"{lines} instead of the {names} lines"))
    return commands, others


def _code(command: str) -> str:
    """A command without its trailing comment."""
    return command.split(" # ", 1)[0].strip()


def defaults(answers: Mapping[str, Any], framework: str) -> dict[str, list[str]]:
    """The framework's usual commands for these answers (its registry entry's)."""
    entry = REGISTRY[framework]
    slug = answers["project_slug"]
    install = ["python -m venv .venv", ". .venv/bin/activate", 'python -m pip install -e ".[dev]"']
    run = ([entry.migrate.format(slug=slug)] if answers["use_orm"] else []) + [entry.serve.format(slug=slug)]
    return {"install": install, "run": run, "test": ["python -m pytest"]}


def for_machine(text: str, machine: Machine) -> Steps:
    """The README's steps for ``machine``, and the other machines' paths."""
    result = Steps({}, machine)
    for step, blocks in sections(text).items():
        commands, others = choose(blocks, machine)
        if commands:
            result.steps[step] = commands
            result.others += others
    return result


def next_steps(project_dir: Path, answers: Mapping[str, Any], framework: str, machine: Machine | None = None) -> Steps:
    """Run and test commands for ``machine`` (default: this one, probed), the README's where it has them."""
    machine = machine or probe()
    readme = project_dir / "README.md"
    text = readme.read_text(encoding="utf-8", errors="replace") if readme.is_file() else ""
    found = for_machine(text, machine)
    if not found.steps:
        return Steps(defaults(answers, framework), machine)
    # The README's blocks are written to be read together (its "run" block may install too).
    found.steps = {step: found.steps[step] for step in STEPS if step in found.steps}
    return found
