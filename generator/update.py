"""``startwise update``: bring a newer template, or changed answers, into a project.

A three-way merge through git, as in any merge of branches:

- base: the project as it was generated -- its recorded answers rendered with its
  recorded template commit (``_template``/``_commit`` in ``.startwise.yml``);
- theirs: the new answers (recorded ones overlaid by ``--set``) rendered with the
  new template (the installed one, or ``--template``);
- ours: the project's committed work tree (a clean one: the merge needs it).

Both renders get the project's folder name, so paths line up, and git-ignored
files such as ``.env`` (the project's secrets) are never part of the merge. The
trees are written into the project's own object store as unreferenced commits
and merged with ``git merge-tree``; the result is written to the work tree only,
for the team to review with ``git diff`` and commit. Conflicts are left in the
files with git's markers and listed.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import signal
import tempfile
import threading
from collections import ChainMap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import record, rules
from generator.answers import load_file, require_valid
from generator.errors import UserError
from generator.render import render
from generator.template import default_template, fetch, is_url
from generator.vcs import commit_tree, git, out, tree_of_folder

EXCLUDED = (".env",)  # never merged: the project's own secrets (git-ignored anyway)
MARKER = re.compile(rb"^(<{7}|\|{7}|>{7}) ([0-9a-f]{40})", re.MULTILINE)


@dataclass(frozen=True)
class Plan:
    """What an update will do, checked before anything is rendered."""

    project_dir: Path
    git_dir: Path
    prefix: str
    old_answers: dict[str, Any]
    new_answers: dict[str, Any]
    sets: dict[str, Any]
    recorded_template: str | None
    recorded_commit: str | None
    new_template: str

    @property
    def changed(self) -> dict[str, tuple[Any, Any]]:
        """The answers that change: key -> (old, new)."""
        return {
            key: (self.old_answers[key], self.new_answers[key])
            for key in rules.KEYS
            if self.old_answers[key] != self.new_answers[key]
        }


@dataclass(frozen=True)
class Change:
    """One path the merge changes in the work tree."""

    status: str  # "A", "M", "D" or "T"
    path: str
    mode: str
    blob: str


@dataclass
class Merge:
    """The merge computed in the project's object store, not yet applied."""

    plan: Plan
    answers: dict[str, Any]
    framework: str
    new_commit: str | None
    ours_tree: str
    result_tree: str
    changes: list[Change]
    conflicts: dict[str, list[str]]
    local_edits: list[str]
    notices: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when the merge changes nothing."""
        return not self.changes


@dataclass(frozen=True)
class Result:
    """What ``apply`` changed in the work tree."""

    project_dir: Path
    added: list[str]
    updated: list[str]
    removed: list[str]
    conflicts: dict[str, list[str]]
    local_edits: list[str]


# ----------------------------------------------------------------- checks


def prepare(project_dir: Path, *, template: str | None = None, sets: Mapping[str, Any] | None = None) -> Plan:
    """Check the project and the new answers; refuse before anything is rendered."""
    project_dir = project_dir.resolve()
    recorded = project_dir / record.FILENAME
    if not recorded.is_file():
        raise UserError(
            f"{project_dir} is not a startwise project: it has no {record.FILENAME}. "
            "Run startwise update in (or on) the folder of a generated project."
        )
    git_dir, prefix = _check_work_tree(project_dir)
    loaded = load_file(recorded)
    old = rules.complete(loaded.answers)
    sets = dict(sets or {})
    new = require_valid(ChainMap(sets, old))
    recorded_template = loaded.metadata.get("_template")
    recorded_commit = loaded.metadata.get("_commit")
    return Plan(
        project_dir=project_dir,
        git_dir=git_dir,
        prefix=prefix,
        old_answers=old,
        new_answers=new,
        sets=sets,
        recorded_template=str(recorded_template) if recorded_template else None,
        recorded_commit=str(recorded_commit) if recorded_commit else None,
        new_template=_spec(template) if template else str(default_template()),
    )


def _spec(template: str) -> str:
    return template if is_url(template) else str(Path(template).expanduser().resolve())


def _check_work_tree(project_dir: Path) -> tuple[Path, str]:
    probe = git(["rev-parse", "--absolute-git-dir", "--show-prefix"], project_dir, ok=(0, 128))
    if probe.returncode != 0:
        raise UserError(
            f"{project_dir} is not in a git repository: the update merges through git, so that you can "
            "review it and nothing is lost. Run: git init && git add -A && git commit -m 'Generated by startwise', "
            "then startwise update again."
        )
    git_dir, prefix = [*probe.stdout.decode().splitlines(), ""][:2]
    if git(["rev-parse", "--verify", "--quiet", "HEAD"], project_dir, ok=(0, 1)).returncode != 0:
        raise UserError(
            f"{project_dir} has no commit yet. Commit the project first (git add -A && git commit), "
            "then startwise update again."
        )
    status = git(["status", "--porcelain", "--untracked-files=normal", "--", "."], project_dir)
    paths = [line[3:] for line in status.stdout.decode(errors="replace").splitlines() if line.strip()]
    if paths:
        shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        raise UserError(
            f"{project_dir} has uncommitted changes ({shown}). The update needs a clean work tree so that "
            "nothing is lost: commit them or stash them (git stash -u), then startwise update again."
        )
    return Path(git_dir), prefix


# ------------------------------------------------------------------ merge


def compute(plan: Plan) -> Merge:
    """Render base and theirs, and merge them with the project, in the object store only."""
    notices: list[str] = []
    with tempfile.TemporaryDirectory(prefix="startwise-update-") as scratch:
        tmp = Path(scratch)
        new_template, new_commit = _new_template(plan, tmp)
        base_template = _base_template(plan, tmp, new_template, notices)
        # One seed for both sides: their random secrets match, so the merge keeps the project's.
        seed = secrets.token_hex(16)
        base = render(plan.old_answers, tmp / "base", base_template, seed=seed)
        answers = dict(plan.new_answers)
        theirs = render(answers, tmp / "theirs", new_template, seed=seed)
        if theirs.framework != base.framework and "framework" not in plan.sets:
            answers = _keep_framework(plan, base.framework, theirs.framework, notices)
            shutil.rmtree(tmp / "theirs")
            theirs = render(answers, tmp / "theirs", new_template, seed=seed)
        if new_template != plan.new_template:
            _retarget(theirs.project_dir / record.FILENAME, plan.new_template)
        # The base's record is the project's own: the merge then takes the new one as is.
        shutil.copyfile(plan.project_dir / record.FILENAME, base.project_dir / record.FILENAME)
        base_tree = tree_of_folder(plan.git_dir, base.project_dir, tmp / "index-base", EXCLUDED)
        theirs_tree = tree_of_folder(plan.git_dir, theirs.project_dir, tmp / "index-theirs", EXCLUDED)
    cwd = plan.project_dir
    ours_tree = out(["rev-parse", f"HEAD:{plan.prefix}"], cwd)
    base_commit = commit_tree(cwd, base_tree, "startwise update: the project as generated")
    ours_commit = commit_tree(cwd, ours_tree, "startwise update: the project", base_commit)
    theirs_commit = commit_tree(cwd, theirs_tree, "startwise update: the new template and answers", base_commit)
    merged = git(["merge-tree", "--write-tree", "-z", "--name-only", ours_commit, theirs_commit], cwd, ok=(0, 1))
    result_tree, conflicts = _parse_merge_tree(merged.stdout.decode(errors="surrogateescape"))
    local_edits = out(["diff-tree", "-r", "--name-only", base_tree, ours_tree], cwd).splitlines()
    return Merge(
        plan=plan,
        answers=answers,
        framework=theirs.framework,
        new_commit=new_commit,
        ours_tree=ours_tree,
        result_tree=result_tree,
        changes=_changes(cwd, ours_tree, result_tree),
        conflicts=conflicts,
        local_edits=local_edits,
        notices=notices,
    )


def _base_template(plan: Plan, tmp: Path, new_template: str, notices: list[str]) -> str:
    """The template the project was generated from, at its recorded commit."""
    commit = plan.recorded_commit
    if commit:
        sources = [s for s in (plan.recorded_template, plan.new_template) if s]
        for source in dict.fromkeys(sources):
            if not is_url(source) and not Path(source).expanduser().exists():
                continue
            try:
                return str(fetch(source, tmp / "base-template", commit))
            except UserError:
                shutil.rmtree(tmp / "base-template", ignore_errors=True)
        notices.append(
            f"The template commit the project was generated from ({commit[:12]}) cannot be found in "
            f"{' or '.join(sources)}: only the answer changes are merged, not the template's own changes."
        )
    else:
        notices.append(
            f"{record.FILENAME} records no template commit: only the answer changes are merged, "
            "not the template's own changes since the project was generated."
        )
    return new_template


def _new_template(plan: Plan, tmp: Path) -> tuple[str, str | None]:
    """A local folder of the new template, and its commit."""
    if is_url(plan.new_template):
        folder = fetch(plan.new_template, tmp / "new-template")
        return str(folder), record.commit_of(folder)
    return plan.new_template, record.commit_of(Path(plan.new_template).expanduser())


def _keep_framework(plan: Plan, old: str, new: str, notices: list[str]) -> dict[str, Any]:
    """The new answers, pinned to the project's framework.

    ``framework: auto`` follows the recommendation, which moves with the needs (and
    with the template's version): an update never switches framework on its own.
    """
    answers = dict(plan.new_answers, framework=old)
    notices.append(
        f"The recommendation for these answers is now {new}; the project stays on {old} "
        f"(recorded as framework={old}). To switch, --set framework={new} (expect a large merge)."
    )
    return require_valid(answers)


def _retarget(path: Path, template: str) -> None:
    """Record the template as the user named it (a URL), not the temporary clone."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fixed = [f"_template: {json.dumps(template)}\n" if line.startswith("_template:") else line for line in lines]
    path.write_text("".join(fixed), encoding="utf-8")


def _parse_merge_tree(output: str) -> tuple[str, dict[str, list[str]]]:
    """The tree and the conflicts (path -> messages) from ``merge-tree -z --name-only``."""
    tokens = output.split("\0")
    tree = tokens[0]
    position = 1
    conflicts: dict[str, list[str]] = {}
    while position < len(tokens) and tokens[position]:
        conflicts[tokens[position]] = []
        position += 1
    position += 1
    while position < len(tokens) and tokens[position].isdigit():
        count = int(tokens[position])
        paths = tokens[position + 1 : position + 1 + count]
        kind, message = tokens[position + 1 + count : position + 3 + count]
        position += 3 + count
        if kind.startswith("CONFLICT"):
            for path in paths:
                conflicts.setdefault(path, []).append(message.strip())
    return tree, conflicts


def _changes(cwd: Path, ours_tree: str, result_tree: str) -> list[Change]:
    raw = git(["diff-tree", "-r", "-z", "--no-renames", ours_tree, result_tree], cwd).stdout.decode(
        errors="surrogateescape"
    )
    tokens = raw.split("\0")
    changes = []
    for header, path in zip(tokens[0::2], tokens[1::2], strict=False):
        if not header.startswith(":"):
            continue
        _, new_mode, _, new_blob, status = header[1:].split(" ")
        changes.append(Change(status[0], path, new_mode, new_blob))
    return changes


# ------------------------------------------------------------------ apply


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ignore Ctrl-C while the work tree is written (a moment), so it is never half updated.

    Once writing has started, finishing it and reporting what changed is the only
    way to leave the project in a state the user can review.
    """
    if threading.current_thread() is not threading.main_thread():  # signals belong to the main thread
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def apply(merge: Merge) -> Result:
    """Write the merge into the work tree (not the index): review, resolve, commit."""
    root = merge.plan.project_dir
    added: list[str] = []
    updated: list[str] = []
    removed: list[str] = []
    conflicts = {path: list(messages) for path, messages in merge.conflicts.items()}
    with _uninterrupted():
        for change in merge.changes:
            target = root / change.path
            if change.status == "D":
                _remove(target, root)
                removed.append(change.path)
                continue
            if change.status == "A" and (target.exists() or target.is_symlink()):
                target = target.with_name(target.name + ".startwise-new")
                conflicts.setdefault(change.path, []).append(
                    f"an untracked file is in the way: the template's version is in {change.path}.startwise-new"
                )
            _write(merge.plan.project_dir, target, change)
            (added if change.status == "A" else updated).append(change.path)
        for path in merge.conflicts:
            _label_markers(root / path, merge)
    return Result(root, added, updated, removed, conflicts, merge.local_edits)


def _write(cwd: Path, target: Path, change: Change) -> None:
    if change.mode == "160000":  # a submodule: git's business, not the template's
        return
    content = git(["cat-file", "blob", change.blob], cwd).stdout
    if target.is_symlink() or (target.exists() and not target.is_file()):
        _remove(target, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    if change.mode == "120000":
        target.symlink_to(content.decode())
        return
    target.write_bytes(content)
    target.chmod(0o755 if change.mode == "100755" else 0o644)


def _remove(target: Path, root: Path | None) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()
    if root is None:
        return
    parent = target.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _label_markers(path: Path, merge: Merge) -> None:
    """Name the sides of git's conflict markers: the project, the template."""
    if not path.is_file():
        return
    labels = {b"<<<<<<<": b"your project", b"|||||||": b"template as generated", b">>>>>>>": b"new template"}
    text = MARKER.sub(lambda m: m.group(1) + b" " + labels[m.group(1)], path.read_bytes())
    path.write_bytes(text)


# ------------------------------------------------------------------ words


def describe(merge: Merge) -> str:
    """What the merge will do, before it is applied."""
    plan = merge.plan
    lines = []
    old = (plan.recorded_commit or "unknown")[:12]
    new = (merge.new_commit or "work tree")[:12]
    lines.append(f"Template: {plan.recorded_template or 'unknown'} @ {old} -> {plan.new_template} @ {new}")
    changed = {k: v for k, v in merge.answers.items() if plan.old_answers.get(k) != v}
    if changed:
        words = (f"{key}: {_word(plan.old_answers[key])} -> {_word(value)}" for key, value in changed.items())
        lines.append("Answers: " + ", ".join(words))
    counts = {"A": 0, "M": 0, "D": 0, "T": 0}
    for change in merge.changes:
        counts[change.status] += 1
    lines.append(
        f"Files: {counts['A']} added, {counts['M'] + counts['T']} updated, {counts['D']} removed; "
        f"{len(merge.conflicts)} conflicts; {len(merge.local_edits)} files differ from the project as generated "
        "(your edits, its own secrets): those differences are kept."
    )
    lines += [f"  conflict: {path}" for path in merge.conflicts]
    return "\n".join(lines)


def report(result: Result) -> str:
    """What ``apply`` did, and what to do next."""
    lines = [f"Updated {result.project_dir}:"]
    for title, paths in (("added", result.added), ("updated", result.updated), ("removed", result.removed)):
        lines += [f"  {title}: {path}" for path in paths]
    if ".env.example" in result.added + result.updated:
        lines.append(
            "Your .env is left as it is (it holds the project's secrets): .env.example changed, "
            "copy any new setting from it."
        )
    if result.conflicts:
        lines.append(f"{len(result.conflicts)} conflicts, marked in the files with <<<<<<< ======= >>>>>>>:")
        for path, messages in result.conflicts.items():
            lines.append(f"  {path}" + (f"  ({'; '.join(messages)})" if messages else ""))
        lines.append("Resolve them, then review with git status / git diff and commit.")
    else:
        lines.append("Review with git status / git diff, then commit.")
    return "\n".join(lines)


def _word(value: Any) -> str:
    return rules.yes_no(value) if isinstance(value, bool) else str(value)
