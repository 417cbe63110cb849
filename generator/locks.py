"""Lock files for generated projects: one superset lock per framework (or release track), pruned per project.

Each framework layer keeps ``lock/pyproject.toml`` (the union of every requirement
any project of that framework can declare, written by :func:`write_superset`) and
``lock/uv.lock`` (uv's universal lock of that union). A framework with release
tracks (:data:`TRACKS`: Django's ``django_release``) keeps one such pair per track,
in ``lock/<track>/``: one lock cannot hold Django 6.1 and 5.2 at once. Both are made
by a maintainer, with the network::

    python -m generator.locks            # after changing a template's dependencies
    python -m generator.locks --upgrade  # move every pin to the newest allowed release

At render time the post-generation hook calls :func:`write_project_files`, which
needs only the standard library and no network: the project's ``uv.lock`` is the
superset lock (of its track: the one that holds its requirements) kept to the
packages reachable from the project's own requirements (package entries copied
verbatim, extras the project does not activate dropped), with the root entry
rewritten from the project's ``pyproject.toml`` the way uv writes it,
so ``uv sync --locked`` and ``uv lock --check`` accept it as is.
``requirements.txt`` (runtime) and ``requirements-dev.txt`` (runtime and the
``dev`` extra) export the same pins with their hashes, for pip.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.frameworks import FRAMEWORKS

LOCK_DIR = "lock"
# The question whose every value has a superset lock of its own, per framework.
TRACKS: dict[str, str] = {"django": "django_release"}
LOCK = "uv.lock"
REQUIREMENTS = "requirements.txt"
REQUIREMENTS_DEV = "requirements-dev.txt"
DEV = "dev"
REPO = Path(__file__).resolve().parent.parent
_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[(?P<extras>[^\]]*)\])?\s*(?P<spec>[^;@]*?)\s*(?:;\s*(?P<marker>.+?))?\s*$"
)
_EXTRA_CLAUSE = re.compile(r"^(?:(?P<rest>.+) and )?extra == '(?P<group>[^']+)'$")


class LockError(Exception):
    """The superset lock cannot give this project a lock (it is stale, or a requirement is unsupported)."""


def normalize(name: str) -> str:
    """A distribution name as the lock spells it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


# ------------------------------------------------------------- requirements


@dataclass(frozen=True)
class Key:
    """What identifies a requirement across its spellings: name, extras, specifier, group, marker or not."""

    name: str
    extras: tuple[str, ...]
    specifier: str
    group: str | None
    has_marker: bool


def _specifier_key(specifier: str) -> str:
    return ",".join(sorted(part for part in re.sub(r"\s+", "", specifier).split(",") if part))


def requirement_key(text: str, group: str | None) -> Key:
    """The key of a PEP 508 requirement string from a pyproject (direct URLs are refused)."""
    match = _REQUIREMENT.match(text)
    if not match or "@" in text.split(";", maxsplit=1)[0]:
        raise LockError(f"unsupported requirement {text!r} (only name[extras] specifier ; marker)")
    extras = tuple(sorted(normalize(e) for e in (match["extras"] or "").split(",") if e.strip()))
    return Key(normalize(match["name"]), extras, _specifier_key(match["spec"]), group, bool(match["marker"]))


@dataclass(frozen=True)
class Entry:
    """One ``requires-dist`` entry of a lock's root package: its key, its marker (group clause removed), its text."""

    key: Key
    marker: str | None
    line: str


def _metadata_entry(item: Mapping[str, Any], line: str) -> Entry:
    marker = item.get("marker")
    group = None
    if marker:
        clause = _EXTRA_CLAUSE.match(marker)
        if clause:
            group, marker = clause["group"], clause["rest"]
    extras = tuple(sorted(item.get("extras", ())))
    key = Key(item["name"], extras, _specifier_key(item.get("specifier", "")), group, bool(marker))
    return Entry(key, marker, line)


# ------------------------------------------------------------------- the lock


@dataclass
class Package:
    """One ``[[package]]`` block of a lock: its parsed table and its text."""

    data: dict[str, Any]
    text: str

    @property
    def name(self) -> str:
        """The package's normalised name."""
        return str(self.data["name"])

    @property
    def ident(self) -> tuple[str, str]:
        """Name and version: what tells two packages of one lock apart."""
        return self.name, str(self.data.get("version", ""))


@dataclass
class Lock:
    """A uv.lock split into its header and its package blocks, kept as uv wrote them."""

    header: str
    packages: list[Package]

    @classmethod
    def parse(cls, text: str) -> Lock:
        """Split ``text`` (a uv.lock) into blocks."""
        header, *blocks = re.split(r"(?m)^(?=\[\[package\]\]\n)", text)
        packages = [Package(tomllib.loads(block)["package"][0], block) for block in blocks]
        return cls(header, packages)

    def root(self) -> Package:
        """The project's own package (an editable or virtual source)."""
        roots = [p for p in self.packages if {"editable", "virtual"} & set(p.data.get("source", {}))]
        if len(roots) != 1:
            raise LockError(f"expected one root package in the lock, found {[p.name for p in roots]}")
        return roots[0]

    def find(self, dependency: Mapping[str, Any]) -> Package:
        """The package a dependency entry points to."""
        found = [
            p
            for p in self.packages
            if p.name == dependency["name"] and ("version" not in dependency or p.ident[1] == dependency["version"])
        ]
        if len(found) != 1:
            raise LockError(f"the lock has {len(found)} packages for dependency {dict(dependency)}")
        return found[0]

    def text(self) -> str:
        """The lock file's text."""
        return self.header + "".join(p.text for p in self.packages)


# --------------------------------------------------------------- the markers

# A marker in disjunctive normal form: a set of conjunctions of uv's own marker texts;
# {frozenset()} is "always".
Dnf = frozenset[frozenset[str]]
ALWAYS: Dnf = frozenset({frozenset()})


def _and(a: Dnf, marker: str | None) -> Dnf:
    if not marker:
        return a
    return frozenset(term | {marker} for term in a)


_BOUND = re.compile(r"^python_full_version (<|<=|>|>=) '([0-9.]+)'$")


def _implies(a: str, b: str) -> bool:
    """Whether marker ``a`` implies marker ``b``: equal, or two bounds on Python's version in one direction."""
    if a == b:
        return True
    ma, mb = _BOUND.match(a), _BOUND.match(b)
    if not ma or not mb or (ma[1][0] == "<") != (mb[1][0] == "<"):
        return False
    va, vb = (tuple(int(x) for x in m[2].split(".")) for m in (ma, mb))
    if ma[1][0] == "<":
        return va < vb or (va == vb and (ma[1] == "<" or mb[1] == "<="))
    return va > vb or (va == vb and (ma[1] == ">" or mb[1] == ">="))


def _term_implies(a: frozenset[str], b: frozenset[str]) -> bool:
    return all(any(_implies(x, y) for x in a) for y in b)


def _complements(a: str, b: str) -> bool:
    """Whether markers ``a`` and ``b`` are two sides of one bound on Python's version (``< v`` and ``>= v``)."""
    ma, mb = _BOUND.match(a), _BOUND.match(b)
    sides = {("<", ">="), (">=", "<"), ("<=", ">"), (">", "<=")}
    return bool(ma and mb and ma[2] == mb[2] and (ma[1], mb[1]) in sides)


def _resolve(terms: set[frozenset[str]]) -> set[frozenset[str]]:
    """``(c and x) or (c and not x)`` is ``c``, as uv simplifies it: merge such pairs until none is left."""
    merged = True
    while merged:
        merged = False
        for left in list(terms):
            for right in list(terms):
                only_left, only_right = left - right, right - left
                if len(only_left) == len(only_right) == 1 and _complements(min(only_left), min(only_right)):
                    terms -= {left, right}
                    terms.add(left & right)
                    merged = True
                    break
            if merged:
                break
    return terms


def _or(a: Dnf, b: Dnf) -> Dnf:
    """Either marker; complementary bounds cancel, and a conjunction that implies another one is dropped."""
    terms = list(_resolve(set(a | b)))
    kept: list[frozenset[str]] = []
    for i, term in enumerate(terms):
        implied = any(
            _term_implies(term, other) and (not _term_implies(other, term) or j < i)
            for j, other in enumerate(terms)
            if j != i
        )
        if not implied:
            kept.append(term)
    return frozenset(kept)


def _marker_text(dnf: Dnf) -> str:
    if dnf >= ALWAYS:
        return ""

    def atom(text: str, alone: bool) -> str:
        return text if alone or (" or " not in text and " and " not in text) else f"({text})"

    terms = sorted(sorted(term) for term in dnf)
    if len(terms) == 1:
        return " and ".join(atom(a, len(terms[0]) == 1) for a in terms[0])
    return " or ".join(
        atom(term[0], False) if len(term) == 1 else "(" + " and ".join(atom(a, False) for a in term) + ")"
        for term in terms
    )


@dataclass
class Walk:
    """What the root's requirements reach: packages with the marker they install under, and activated extras."""

    packages: dict[tuple[str, str], Dnf] = field(default_factory=dict)
    extras: dict[tuple[tuple[str, str], str], Dnf] = field(default_factory=dict)


def walk(lock: Lock, starts: Iterable[tuple[Mapping[str, Any], Dnf]]) -> Walk:
    """Follow dependency edges (and the extras they activate) from ``starts`` until nothing changes."""
    result = Walk()
    queue: list[tuple[Mapping[str, Any], Dnf]] = list(starts)
    while queue:
        dependency, when = queue.pop()
        target = lock.find(dependency)
        when = _and(when, dependency.get("marker"))
        changed: list[str | None] = []
        old = result.packages.get(target.ident, frozenset())
        new = _or(old, when)
        if new != old:
            result.packages[target.ident] = new
            changed.append(None)
        for extra in dependency.get("extra", ()):
            old = result.extras.get((target.ident, extra), frozenset())
            new = _or(old, when)
            if new != old:
                result.extras[target.ident, extra] = new
                changed.append(extra)
        for extra in changed:
            if extra is None:
                edges = target.data.get("dependencies", [])
                source = result.packages[target.ident]
            else:
                edges = target.data.get("optional-dependencies", {}).get(extra, [])
                source = result.extras[target.ident, extra]
            queue.extend((edge, source) for edge in edges)
    return result


# ------------------------------------------------------------ project's root


def project_requirements(pyproject: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """``(requirement, group)`` for the runtime dependencies (group None) and each extra."""
    project = pyproject["project"]
    if pyproject.get("dependency-groups"):
        raise LockError("[dependency-groups] are not supported by generator.locks: use an optional extra")
    found: list[tuple[str, str | None]] = [(r, None) for r in project.get("dependencies", [])]
    for group, requirements in project.get("optional-dependencies", {}).items():
        found += [(r, normalize(group)) for r in requirements]
    return found


def _inline(item: Mapping[str, Any]) -> str:
    parts = [f'name = "{item["name"]}"']
    if item.get("extra"):
        parts.append("extra = [" + ", ".join(f'"{e}"' for e in item["extra"]) + "]")
    if item.get("marker"):
        parts.append(f'marker = "{item["marker"]}"')
    return "{ " + ", ".join(parts) + " }"


def _array(name: str, lines: list[str]) -> str:
    return f"{name} = [\n" + "".join(f"    {line},\n" for line in lines) + "]\n"


def _edges(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """Requirements become edges as uv writes them: one per name and marker, extras merged."""
    merged: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        merged.setdefault((entry.key.name, entry.marker or ""), set()).update(entry.key.extras)
    edges = []
    for (name, marker), extras in sorted(merged.items()):
        edge: dict[str, Any] = {"name": name}
        if extras:
            edge["extra"] = sorted(extras)
        if marker:
            edge["marker"] = marker
        edges.append(edge)
    return edges


def root_entries(superset_root: Package, pyproject: Mapping[str, Any]) -> list[Entry]:
    """The superset root's ``requires-dist`` entries this project declares, in the lock's order."""
    available = [
        _metadata_entry(item, line)
        for item, line in zip(
            superset_root.data.get("metadata", {}).get("requires-dist", []),
            re.findall(r"(?m)^    (\{.*\}),$", superset_root.text.split("[package.metadata]", 1)[-1]),
            strict=True,
        )
    ]
    chosen: list[Entry] = []
    for text, group in project_requirements(pyproject):
        key = requirement_key(text, group)
        matches = [entry for entry in available if entry.key == key]
        if not matches:
            raise LockError(
                f"{text!r}{f' (extra {group})' if group else ''} is not in the framework's superset lock: "
                "it is stale; run `python -m generator.locks`"
            )
        if len({entry.marker for entry in matches}) > 1:
            raise LockError(f"{text!r} has several markers in the superset lock: give each spelling its own name")
        if matches[0] not in chosen:
            chosen.append(matches[0])
    return sorted(chosen, key=available.index)


def root_block(superset_root: Package, pyproject: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The project's root ``[[package]]`` block, as uv writes it, and its parsed table."""
    project = pyproject["project"]
    entries = root_entries(superset_root, pyproject)
    lines = ["[[package]]\n", f'name = "{normalize(project["name"])}"\n']
    if "version" in project:
        lines.append(f'version = "{project["version"]}"\n')
    lines.append('source = { editable = "." }\n' if "build-system" in pyproject else 'source = { virtual = "." }\n')
    runtime = _edges(e for e in entries if e.key.group is None)
    if runtime:
        lines.append(_array("dependencies", [_inline(edge) for edge in runtime]))
    groups = sorted({normalize(g) for g in project.get("optional-dependencies", {})})
    optional = {g: _edges(e for e in entries if e.key.group == g) for g in groups}
    if any(optional.values()):
        lines.append("\n[package.optional-dependencies]\n")
        lines += [_array(g, [_inline(edge) for edge in edges]) for g, edges in optional.items() if edges]
    lines.append("\n[package.metadata]\n")
    lines.append(_array("requires-dist", [e.line for e in entries]))
    if groups:
        lines.append("provides-extras = [" + ", ".join(f'"{g}"' for g in groups) + "]\n")
    data: dict[str, Any] = {"dependencies": runtime, "optional-dependencies": optional}
    return "".join(lines) + "\n", data


# ------------------------------------------------------------------ pruning


def _drop_extras(package: Package, keep: set[str]) -> str:
    """The package's block without the ``[package.optional-dependencies]`` entries not in ``keep``."""
    extras = package.data.get("optional-dependencies", {})
    if not extras or set(extras) <= keep:
        return package.text
    lines = package.text.splitlines(keepends=True)
    start = lines.index("[package.optional-dependencies]\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    while end > start and not lines[end - 1].strip():
        end -= 1
    kept: list[str] = []
    current: str | None = None
    for line in lines[start + 1 : end]:
        if current is None:
            current = line.split(" = ", 1)[0]
        if current in keep:
            kept.append(line)
        if line.rstrip().endswith("]") and (line.startswith("]") or " = [" in line):
            current = None
    section = ["[package.optional-dependencies]\n", *kept] if kept else []
    before = lines[:start]
    if not section:
        while before and not before[-1].strip():
            before.pop()
    return "".join(before + section + lines[end:])


@dataclass
class Pruned:
    """A project's lock and what its exports need."""

    lock: Lock
    walk: Walk
    runtime: Walk


def prune(superset: Lock, pyproject: Mapping[str, Any]) -> Pruned:
    """The project's lock: the superset's packages its requirements reach, and its own root."""
    superset_root = superset.root()
    block, root = root_block(superset_root, pyproject)
    runtime_starts = [(edge, ALWAYS) for edge in root["dependencies"]]
    all_starts = runtime_starts + [(edge, ALWAYS) for edges in root["optional-dependencies"].values() for edge in edges]
    reached = walk(superset, all_starts)
    runtime = walk(superset, runtime_starts)
    packages: list[Package] = []
    for package in superset.packages:
        if package is superset_root or package.ident not in reached.packages:
            continue
        keep = {extra for (ident, extra) in reached.extras if ident == package.ident}
        packages.append(Package(package.data, _drop_extras(package, keep)))
    own = Package(tomllib.loads(block)["package"][0], block)
    position = next((i for i, p in enumerate(packages) if p.name > own.name), len(packages))
    packages.insert(position, own)
    # uv ends the file with one newline, not a blank line.
    packages[-1] = Package(packages[-1].data, packages[-1].text.rstrip("\n") + "\n")
    packages[:-1] = [Package(p.data, p.text.rstrip("\n") + "\n\n") for p in packages[:-1]]
    return Pruned(Lock(superset.header, packages), reached, runtime)


def export_command(filename: str, extras: Iterable[str] = ()) -> str:
    """The uv command that writes the same file from the lock (its header names it)."""
    return " ".join(
        ["uv export --frozen --no-emit-project --no-annotate", *(f"--extra {e}" for e in extras), f"-o {filename}"]
    )


def uv_header(command: str) -> list[str]:
    """The header uv export writes above its requirements."""
    return ["# This file was autogenerated by uv via the following command:", f"#    {command}"]


def export(lock: Lock, reached: Walk, header: list[str]) -> str:
    """A pip requirements file as uv export writes it: pins, markers, sorted hashes."""
    lines = list(header)
    for package in lock.packages:
        if package.ident not in reached.packages:
            continue
        data = package.data
        if "registry" not in data.get("source", {}):
            raise LockError(f"{package.name}: only registry packages can be exported with hashes")
        hashes = [data["sdist"]["hash"]] if "sdist" in data else []
        hashes += [wheel["hash"] for wheel in data.get("wheels", [])]
        marker = _marker_text(reached.packages[package.ident])
        head = f"{package.name}=={data['version']}" + (f" ; {marker}" if marker else "")
        lines.append(" \\\n".join([head, *(f"    --hash={h}" for h in sorted(set(hashes)))]))
    return "\n".join(lines) + "\n"


def superset_folders(layer_root: Path) -> dict[str | None, Path]:
    """The layer's superset lock folders by track: ``{None: lock/}``, or ``{track: lock/<track>/}``."""
    folder = layer_root / LOCK_DIR
    if (folder / "pyproject.toml").exists():
        return {None: folder}
    return {path.parent.name: path.parent for path in sorted(folder.glob("*/pyproject.toml"))}


def superset_lock(layer_root: Path, track: str | None = None) -> Lock:
    """The framework's superset lock (of one track), from its layer folder."""
    return Lock.parse((superset_folders(layer_root)[track] / LOCK).read_text(encoding="utf-8"))


def project_superset(layer_root: Path, pyproject: Mapping[str, Any]) -> Lock:
    """The superset lock a project's lock comes from: its track's, the one with its Python and requirements."""
    errors: list[LockError] = []
    for folder in superset_folders(layer_root).values():
        superset = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
        if superset["project"]["requires-python"] != pyproject["project"].get("requires-python"):
            stale = f"requires-python differs from {folder.name}'s: it is stale; run `python -m generator.locks`"
            errors.append(LockError(stale))
            continue
        lock = Lock.parse((folder / LOCK).read_text(encoding="utf-8"))
        try:
            root_entries(lock.root(), pyproject)
        except LockError as error:
            errors.append(error)
            continue
        return lock
    raise errors[-1] if errors else LockError(f"no superset lock in {layer_root / LOCK_DIR}")


def superset_export(layer_root: Path, track: str | None = None) -> str:
    """Every package of the framework's superset lock, pinned and hash-checked (what the matrix installs)."""
    lock = superset_lock(layer_root, track)
    root = lock.root().data
    starts = [*root.get("dependencies", []), *itertools.chain(*root.get("optional-dependencies", {}).values())]
    header = ["# Every package of the superset lock, with every extra (generator.locks.superset_export)."]
    return export(lock, walk(lock, [(edge, ALWAYS) for edge in starts]), header)


def write_project_files(project_dir: Path, layer_root: Path) -> list[str]:
    """Write uv.lock, requirements.txt and requirements-dev.txt into a rendered project; their names."""
    pyproject = tomllib.loads((project_dir / "pyproject.toml").read_text(encoding="utf-8"))
    pruned = prune(project_superset(layer_root, pyproject), pyproject)
    (project_dir / LOCK).write_text(pruned.lock.text(), encoding="utf-8")
    runtime = export(pruned.lock, pruned.runtime, uv_header(export_command(REQUIREMENTS)))
    dev = export(pruned.lock, pruned.walk, uv_header(export_command(REQUIREMENTS_DEV, [DEV])))
    (project_dir / REQUIREMENTS).write_text(runtime, encoding="utf-8")
    (project_dir / REQUIREMENTS_DEV).write_text(dev, encoding="utf-8")
    return [LOCK, REQUIREMENTS, REQUIREMENTS_DEV]


# -------------------------------------------------------- maintainers' side


def _variants(framework: str, track: str | None = None) -> Iterator[dict[str, Any]]:
    """Every answer set that can change a project's declared requirements (free text aside).

    The valid needs combinations (``rules.valid_combinations``), each with every value of
    every other yes/no or choice question; with ``track``, those of that release track.
    """
    from generator import rules  # noqa: PLC0415

    extras = [
        (q.key, q.values) for q in rules.ASKED if q.kind != rules.TEXT and q.key not in {*rules.NEEDS, "framework"}
    ]
    for combo in rules.valid_combinations([framework]):
        for values in itertools.product(*(choices for _, choices in extras)):
            answers = {**combo, **dict(zip((k for k, _ in extras), values, strict=True))}
            if track is None or answers[TRACKS[framework]] == track:
                yield answers


def tracks(framework: str) -> list[str | None]:
    """The framework's release tracks, each with a superset lock of its own; ``[None]`` when it has none."""
    from generator import rules  # noqa: PLC0415

    return list(rules.BY_KEY[TRACKS[framework]].values) if framework in TRACKS else [None]


@functools.cache
def _pyproject_template(framework: str, repo: Path) -> Any:
    from cookiecutter.environment import StrictEnvironment  # noqa: PLC0415
    from jinja2 import FileSystemLoader  # noqa: PLC0415

    from generator import layers  # noqa: PLC0415

    context = {"_extensions": ["generator.jinja_ext.StartwiseExtension"]}
    layer = repo / f"template-{framework}"
    # The layer's search path, as its render has it (its imports: the shared fragments).
    search = [layer / layers.TEMPLATE, layer / layers.SHARED, repo / layers.SHARED]
    env = StrictEnvironment(
        context={"cookiecutter": context}, keep_trailing_newline=True, loader=FileSystemLoader([str(p) for p in search])
    )
    path = layer / layers.TEMPLATE / "pyproject.toml"
    return env.from_string(path.read_text(encoding="utf-8"))


def render_pyproject(framework: str, answers: Mapping[str, Any], repo: Path = REPO) -> dict[str, Any]:
    """The pyproject.toml a project with these answers gets (rendered alone, with cookiecutter's Jinja)."""
    from generator import rules  # noqa: PLC0415

    context = rules.template_context(dict(answers, framework=framework))
    context.setdefault("__framework", framework)
    data: dict[str, Any] = tomllib.loads(_pyproject_template(framework, repo).render(cookiecutter=context))
    return data


def superset_pyproject(framework: str, repo: Path = REPO, track: str | None = None) -> str:
    """The superset's pyproject.toml (of one track): the union of every project's requirements, as text."""
    runtime: set[str] = set()
    groups: dict[str, set[str]] = {}
    pythons: set[str] = set()
    for answers in _variants(framework, track):
        data = render_pyproject(framework, answers, repo)
        pythons.add(data["project"]["requires-python"])
        for text, group in project_requirements(data):
            (runtime if group is None else groups.setdefault(group, set())).add(text)
    if len(pythons) != 1:
        raise LockError(f"the {framework} projects disagree on requires-python: {sorted(pythons)}")

    def array(items: set[str]) -> str:
        return "[\n" + "".join(f'    "{r}",\n' for r in sorted(items, key=str.lower)) + "]"

    which = f"a {framework} project" + (f" of the {track} track" if track else "")
    lines = [
        f"# Written by `python -m generator.locks`: every requirement {which} can declare.",
        "# uv.lock beside it is their lock; each generated project gets the part it needs.",
        "[project]",
        f'name = "startwise-{framework}{f"-{track}" if track else ""}-superset"',
        'version = "0"',
        f'requires-python = "{pythons.pop()}"',
        f"dependencies = {array(runtime)}",
        "",
        "[project.optional-dependencies]",
        *(f"{g} = {array(items)}" for g, items in sorted(groups.items())),
        "",
        "[tool.uv]",
        "package = false",
        "",
    ]
    return "\n".join(lines)


def uv_command() -> list[str]:
    """The uv program: from PATH, else the uv package of this interpreter."""
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def superset_folder(framework: str, track: str | None, repo: Path = REPO) -> Path:
    """Where the superset lock of ``framework`` (and ``track``) lives."""
    folder = repo / f"template-{framework}" / LOCK_DIR
    return folder / track if track else folder


def write_superset(framework: str, upgrade: bool = False, repo: Path = REPO) -> list[Path]:
    """Rewrite the framework's superset pyprojects (one per track) and lock them with uv (needs the network)."""
    written = []
    for track in tracks(framework):
        folder = superset_folder(framework, track, repo)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pyproject.toml").write_text(superset_pyproject(framework, repo, track), encoding="utf-8")
        command = [*uv_command(), "lock", "--project", str(folder), "--default-index", "https://pypi.org/simple"]
        subprocess.run(command + (["--upgrade"] if upgrade else []), check=True)
        written.append(folder / LOCK)
    return written


# ------------------------------------------------------- reserved package names

# Import names that are not the distribution's name normalized (lowercase, - and . as _).
IMPORT_NAMES: dict[str, tuple[str, ...]] = {
    "argon2-cffi": ("argon2",),
    "attrs": ("attr", "attrs"),
    "django-allauth": ("allauth",),
    "django-axes": ("axes",),
    "django-csp": ("csp",),
    "django-environ": ("environ",),
    "django-health-check": ("health_check",),
    "django-rest-knox": ("knox",),
    "django-stubs": ("mypy_django_plugin",),
    "djangorestframework": ("rest_framework",),
    "djangorestframework-stubs": ("mypy_drf_plugin",),
    "dnspython": ("dns",),
    "factory-boy": ("factory",),
    "flask-security-too": ("flask_security",),
    "graphql-core": ("graphql",),
    "libpass": ("passlib",),
    "markdown-it-py": ("markdown_it",),
    "mypy": ("mypy", "mypyc"),
    "pytest": ("pytest", "py"),
    "python-dateutil": ("dateutil",),
    "python-dotenv": ("dotenv",),
    "python-json-logger": ("pythonjsonlogger",),
    "pyyaml": ("yaml",),
    "rpds-py": ("rpds",),
    "ruamel-yaml": ("ruamel",),
}
NAMES_MODULE = Path(__file__).resolve().parent / "dependency_names.py"


def import_names(distribution: str) -> tuple[str, ...]:
    """The top-level modules ``distribution`` installs (its normalized name, unless listed)."""
    name = distribution.lower()
    return IMPORT_NAMES.get(name, (re.sub(r"[-.]+", "_", name),))


def locked_distributions(repo: Path = REPO) -> list[str]:
    """Every distribution a generated project can install: the packages of every layer's superset lock."""
    found: set[str] = set()
    for lock in sorted([*repo.glob(f"template-*/{LOCK_DIR}/{LOCK}"), *repo.glob(f"template-*/{LOCK_DIR}/*/{LOCK}")]):
        data = tomllib.loads(lock.read_text(encoding="utf-8"))
        root = tomllib.loads((lock.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]
        found |= {str(package["name"]) for package in data.get("package", []) if package["name"] != root}
    return sorted(found)


def dependency_names_module(repo: Path = REPO) -> str:
    """The text of ``generator/dependency_names.py``: the import names of :func:`locked_distributions`."""
    names = sorted({module for dist in locked_distributions(repo) for module in import_names(dist)})
    lines = [
        '"""Import names a project package must not shadow: every package the superset locks hold.',
        "",
        "Written by ``python -m generator.locks`` from template-*/lock/uv.lock (tests/test_locks.py",
        "checks it is current); rules.DEPENDENCY_NAMES reads it. Do not edit by hand.",
        '"""',
        "",
        "NAMES = frozenset(",
        "    {",
        *(f'        "{name}",' for name in names),
        "    }",
        ")",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.locks [--upgrade] [framework ...]``."""
    import argparse  # noqa: PLC0415 - the maintainers' command only: the hook starts faster

    parser = argparse.ArgumentParser(prog="python -m generator.locks", description=__doc__.split("\n\n")[0])
    parser.add_argument("frameworks", nargs="*", default=list(FRAMEWORKS))
    parser.add_argument("--upgrade", action="store_true", help="move every pin to the newest allowed release")
    args = parser.parse_args(argv)
    for framework in args.frameworks:
        for path in write_superset(framework, upgrade=args.upgrade):
            count = path.read_text(encoding="utf-8").count("[[package]]") - 1
            print(f"{framework}: {count} packages locked in {path.relative_to(REPO)}")
    NAMES_MODULE.write_text(dependency_names_module(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
