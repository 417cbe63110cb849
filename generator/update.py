"""``startwise update``: bring a newer template, or changed answers, into a project.

A three-way merge through git, as in any merge of branches:

- base: the project as it was generated -- its recorded answers rendered with its
  recorded template identity (``_template``/``_commit``/``_package`` in
  ``.startwise.yml``: a git URL at a commit, or a package version fetched with pip);
  when none can be fetched, nothing is written and the error says what to pass;
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
import tomllib
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator import record, rules
from generator.answers import require_valid
from generator.errors import NOTHING_WRITTEN, TemplateNotFoundError, UserError, count, from_os_error, unusable_answers
from generator.render import render
from generator.template import CONTEXT_FILE, default_template, is_package, is_url, resolve
from generator.vcs import commit_tree, git, out, tree_of_folder

EXCLUDED = (".env",)  # never merged: the project's own secrets (git-ignored anyway)
MARKER = re.compile(rb"^(<{7}|\|{7}|>{7}) ([0-9a-f]{40})", re.MULTILINE)
MIGRATION = re.compile(r"(^|/)migrations/(versions/)?(?!__init__)[^/]+\.py$")
# update --dry-run's exit statuses (1 and 2 are errors, as for every command)
DRY_RUN_UP_TO_DATE = 0
DRY_RUN_CHANGES = 3
DRY_RUN_CONFLICTS = 4


@dataclass(frozen=True)
class Question:
    """A question of the new template that the project's record does not answer."""

    key: str
    prompt: str
    default: Any
    choices: tuple[str, ...] = ()


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
    recorded: record.Recorded | None = None
    base_template: str | None = None  # --base-template: the template as the project was generated
    answers_only: bool = False  # --answers-only: no base found, merge the answer changes only
    uncommitted: list[str] = field(default_factory=list)  # left out of a dry run's plan

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
    base_tree: str = ""
    theirs_tree: str = ""
    base_source: str = ""  # where the template as generated came from
    new_identity: dict[str, Any] = field(default_factory=dict)  # the new template's record.identity()
    asked: dict[str, Any] = field(default_factory=dict)  # new questions of the template, and their answers
    dropped: dict[str, Any] = field(default_factory=dict)  # recorded answers the template no longer asks

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


def prepare(
    project_dir: Path,
    *,
    template: str | None = None,
    sets: Mapping[str, Any] | None = None,
    base_template: str | None = None,
    answers_only: bool = False,
    dry_run: bool = False,
) -> Plan:
    """Check the project and the new answers; refuse before anything is rendered.

    A dry run accepts uncommitted changes: it plans against the last commit, and
    says so.
    """
    project_dir = project_dir.resolve()
    recorded = record.read(project_dir)
    if recorded.problems:
        raise unusable_answers(recorded.path, recorded.problems)
    git_dir, prefix, uncommitted = _check_work_tree(project_dir, dirty_ok=dry_run)
    old = rules.complete({**rules.earlier_answers(recorded.answers), **recorded.answers})
    sets = dict(sets or {})
    new = require_valid(ChainMap(sets, old))
    return Plan(
        project_dir=project_dir,
        git_dir=git_dir,
        prefix=prefix,
        old_answers=old,
        new_answers=new,
        sets=sets,
        recorded_template=recorded.meta("_template"),
        recorded_commit=recorded.meta("_commit"),
        new_template=_spec(template) if template else str(default_template()),
        recorded=recorded,
        base_template=_spec(base_template) if base_template else None,
        answers_only=answers_only,
        uncommitted=uncommitted,
    )


def _spec(template: str) -> str:
    if is_url(template) or (is_package(template) and not template.endswith(".whl")):
        return template
    return str(Path(template).expanduser().resolve())


def _check_work_tree(project_dir: Path, *, dirty_ok: bool = False) -> tuple[Path, str, list[str]]:
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
    if paths and not dirty_ok:
        shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        raise UserError(
            f"{project_dir} has uncommitted changes ({shown}). The update needs a clean work tree so that "
            "nothing is lost: commit them or stash them (git stash -u), then startwise update again. "
            "(startwise update --dry-run shows the plan all the same.)"
        )
    return Path(git_dir), prefix, paths


# ------------------------------------------------------------------ merge

Ask = Callable[[list[Question]], Mapping[str, Any]]


def template_questions(template_dir: Path) -> list[Question]:
    """The questions a template asks, from its ``cookiecutter.json``."""
    try:
        context = json.loads((template_dir / CONTEXT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise UserError(f"Cannot read the template's {CONTEXT_FILE} in {template_dir}: {err}.") from err
    prompts = context.get("__prompts__") or {}
    questions = []
    for key, value in context.items():
        if key.startswith("_"):
            continue
        prompt = prompts.get(key, key)
        if isinstance(prompt, dict):
            prompt = prompt.get("__prompt__", key)
        if isinstance(value, list):
            questions.append(Question(key, str(prompt), value[0] if value else "", tuple(map(str, value))))
        else:
            questions.append(Question(key, str(prompt), value))
    return questions


def compute(plan: Plan, ask: Ask | None = None) -> Merge:
    """Render base and theirs, and merge them with the project, in the object store only.

    ``ask`` is given the new template's questions the record does not answer
    (not given: they take the template's defaults).
    """
    notices: list[str] = []
    recorded = plan.recorded or record.read(plan.project_dir)
    with tempfile.TemporaryDirectory(prefix="startwise-update-") as scratch:
        tmp = Path(scratch)
        new_template, new_commit = _new_template(plan, tmp)
        new_identity = record.identity(new_template, plan.new_template)
        questions = template_questions(Path(new_template))
        known = {question.key for question in questions}
        given = {**recorded.answers, **recorded.others}
        dropped = {key: value for key, value in given.items() if key not in known}
        for key, value in dropped.items():
            notices.append(
                f"The new template no longer asks {key} (recorded: {_word(value)}): the answer is dropped "
                f"from {record.FILENAME}. Review what it did in the project by hand."
            )
        # New questions the contract knows are asked only where they apply (rules.applies).
        unanswered = [
            q
            for q in questions
            if q.key not in given
            and q.key not in plan.sets
            and (
                q.key not in rules.BY_KEY
                or (not rules.BY_KEY[q.key].superseded_by and rules.applies(q.key, plan.new_answers))
            )
        ]
        # A question the record predates is offered with the answer the project was made with.
        unanswered = [
            replace(q, default=plan.new_answers[q.key])
            if q.key in rules.BY_KEY and rules.BY_KEY[q.key].earlier is not None
            else q
            for q in unanswered
        ]
        answers = {**plan.new_answers, **{k: v for k, v in recorded.others.items() if k in known}}
        asked = dict(ask(unanswered)) if ask and unanswered else {}
        answers.update(asked)
        base_template, base_source = _base_template(plan, tmp, new_template, notices)
        # One seed for both sides: their random secrets match, so the merge keeps the project's.
        seed = secrets.token_hex(16)
        base = render({**plan.old_answers, **recorded.others}, tmp / "base", base_template, seed=seed)
        theirs = render(answers, tmp / "theirs", new_template, seed=seed)
        if theirs.framework != base.framework and "framework" not in plan.sets:
            answers = {**_keep_framework(plan, base.framework, theirs.framework, notices), **asked}
            shutil.rmtree(tmp / "theirs")
            theirs = render(answers, tmp / "theirs", new_template, seed=seed)
        new_record = theirs.project_dir / record.FILENAME
        written = record.read(theirs.project_dir)
        taken = {q.key: written.values[q.key] for q in unanswered if q.key in written.values}
        for question in unanswered:
            how = "your answer" if question.key in asked else "its default"
            notices.append(f"New question of the template: {question.key} = {_word(taken.get(question.key))} ({how}).")
        # The new record names the template as the user gave it (a URL, a package), not a temporary folder;
        # a package's record already names the package (its build identity).
        identity = {"_template": plan.new_template, "_commit": new_commit} if is_url(plan.new_template) else {}
        record.restamp(new_record, identity, _files(recorded, base.project_dir, theirs))
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
        answers={**answers, **{k: v for k, v in taken.items() if k not in answers}},
        framework=theirs.framework,
        new_commit=new_commit,
        ours_tree=ours_tree,
        result_tree=result_tree,
        changes=_changes(cwd, ours_tree, result_tree),
        conflicts=conflicts,
        local_edits=local_edits,
        notices=notices,
        base_tree=base_tree,
        theirs_tree=theirs_tree,
        base_source=base_source,
        new_identity=new_identity,
        asked={q.key: taken.get(q.key) for q in unanswered},
        dropped=dropped,
    )


def _files(recorded: record.Recorded, base_dir: Path, theirs: Any) -> dict[str, str]:
    """The file hashes to record after the update: each file as the template now generates it.

    A file the template did not change keeps the hash the project recorded (the
    project's own render, with its own secrets); the others get the new render's.
    """
    before = recorded.files or {}
    base = record.hash_files(base_dir)
    now = record.hash_files(theirs.project_dir)
    return {
        path: before[path] if path in before and base.get(path) == digest else digest for path, digest in now.items()
    }


def _base_template(plan: Plan, tmp: Path, new_template: str, notices: list[str]) -> tuple[str, str]:
    """A folder of the template the project was generated from, and where it came from.

    Tried in turn: ``--base-template``; the recorded ``_template`` at ``_commit``;
    the new template at ``_commit`` (a moved checkout); the recorded package
    version (``_package``), fetched with pip -- its build commit must be ``_commit``.
    """
    if plan.base_template:  # a folder as it is; a git URL at the recorded commit when it has it
        given = plan.base_template
        if is_url(given) and plan.recorded_commit:
            try:
                return str(resolve(given, tmp / "base-given", plan.recorded_commit)), given
            except UserError:
                shutil.rmtree(tmp / "base-given", ignore_errors=True)
        if is_url(given) or is_package(given):
            return str(resolve(given, tmp / "base-given")), given
        return given, given
    if plan.answers_only:
        notices.append(
            "--answers-only: the base is the new template, so only the answer changes are merged, "
            "not the template's own changes since the project was generated."
        )
        return new_template, plan.new_template
    recorded = plan.recorded
    commit = plan.recorded_commit
    tried: list[str] = []
    candidates = [s for s in (plan.recorded_template, plan.new_template) if s and not is_package(s)]
    for number, source in enumerate(dict.fromkeys(candidates) if commit else ()):
        if not is_url(source) and not Path(source).expanduser().exists():
            tried.append(f"{source}: no such folder on this machine")
            continue
        destination = tmp / f"base-{number}"
        try:
            return str(resolve(source, destination, commit)), source
        except UserError as err:
            shutil.rmtree(destination, ignore_errors=True)
            tried.append(f"{source} at {commit}: {err.message.split(': ', 1)[-1][:200]}")
    packages = [recorded.meta("_package") if recorded else None, plan.recorded_template]
    for package in dict.fromkeys(p for p in packages if p and is_package(p)):
        try:
            unpacked = resolve(package, tmp / "base-package")
        except UserError as err:
            tried.append(f"{package}: {' '.join([err.message, *err.details[:-1]])[:400]}")
            continue
        built = (record.build_info(unpacked) or {}).get("commit")
        if commit and built and built != commit:
            tried.append(f"{package}: that version was built from commit {built[:12]}, not {commit[:12]}")
            continue
        return str(unpacked), package
    if not commit and not tried:
        tried.append(f"{record.FILENAME} records no template commit and no package version")
    raise TemplateNotFoundError(
        "startwise cannot find the template this project was generated from, so it cannot tell the "
        f"template's changes from yours ({NOTHING_WRITTEN}). Tried:",
        [
            *tried,
            "Pass it: --base-template PATH_OR_GIT_URL (the template as generated), --base-template startwise==VERSION "
            "or a wheel file; or --answers-only to merge only the answer changes (--set), without the "
            "template's own changes.",
        ],
    )


def _new_template(plan: Plan, tmp: Path) -> tuple[str, str | None]:
    """A local folder of the new template, and its commit."""
    if is_url(plan.new_template) or is_package(plan.new_template):
        folder = resolve(plan.new_template, tmp / "new-template")
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


class _Journal:
    """What ``apply`` changed, so that a failure part way (a full disk, a read-only file) undoes it.

    Each path is moved aside (a rename, in git's own folder: the same file system) before
    it is replaced or removed, and each file and folder made is noted; ``undo`` puts the
    work tree back as it was, ``forget`` drops the copies once every write has succeeded.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        git_dir = Path(git(["rev-parse", "--absolute-git-dir"], root).stdout.decode().strip())
        self.aside = Path(tempfile.mkdtemp(prefix="startwise-update-", dir=git_dir))
        self.moved: list[tuple[Path, Path | None]] = []  # (where it was, where it is now; None: an empty folder)
        self.made: list[Path] = []  # files and folders that did not exist

    def make_parents(self, target: Path) -> None:
        missing = [parent for parent in target.parents if not parent.exists()][::-1]
        for folder in missing:
            folder.mkdir()
            self.made.append(folder)

    def move_aside(self, target: Path) -> None:
        if target.exists() or target.is_symlink():
            copy = self.aside / str(len(self.moved))
            target.rename(copy)
            self.moved.append((target, copy))

    def removed_folder(self, folder: Path) -> None:
        self.moved.append((folder, None))

    def undo(self) -> None:
        for path in reversed(self.made):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            elif path.exists() or path.is_symlink():
                path.unlink()
        for original, copy in reversed(self.moved):
            if copy is None:
                original.mkdir(exist_ok=True)
                continue
            if original.is_dir() and not original.is_symlink():
                shutil.rmtree(original, ignore_errors=True)
            elif original.exists() or original.is_symlink():
                original.unlink()
            original.parent.mkdir(parents=True, exist_ok=True)
            copy.rename(original)
        self.forget()

    def forget(self) -> None:
        shutil.rmtree(self.aside, ignore_errors=True)


def apply(merge: Merge) -> Result:
    """Write the merge into the work tree (not the index): review, resolve, commit.

    All or nothing: when a write fails, what was written is undone before the error goes on.
    """
    root = merge.plan.project_dir
    added: list[str] = []
    updated: list[str] = []
    removed: list[str] = []
    conflicts = {path: list(messages) for path, messages in merge.conflicts.items()}
    journal = _Journal(root)
    with _uninterrupted():
        try:
            for change in merge.changes:
                target = root / change.path
                if change.status == "D":
                    _remove(target, root, journal)
                    removed.append(change.path)
                    continue
                if change.status == "A" and (target.exists() or target.is_symlink()):
                    target = target.with_name(target.name + ".startwise-new")
                    conflicts.setdefault(change.path, []).append(
                        f"an untracked file is in the way: the template's version is in {change.path}.startwise-new"
                    )
                _write(merge.plan.project_dir, target, change, journal)
                (added if change.status == "A" else updated).append(change.path)
            for path in merge.conflicts:
                _label_markers(root / path, merge)
        except OSError as error:
            journal.undo()
            message = from_os_error(error).message
            raise UserError(f"{message} The update was undone: the project is as it was.") from error
        except BaseException:
            journal.undo()
            raise
        journal.forget()
    return Result(root, added, updated, removed, conflicts, merge.local_edits)


def _write(cwd: Path, target: Path, change: Change, journal: _Journal) -> None:
    if change.mode == "160000":  # a submodule: git's business, not the template's
        return
    content = git(["cat-file", "blob", change.blob], cwd).stdout
    journal.make_parents(target)
    journal.move_aside(target)
    journal.made.append(target)
    if change.mode == "120000":
        target.symlink_to(content.decode())
        return
    target.write_bytes(content)
    target.chmod(0o755 if change.mode == "100755" else 0o644)


def _remove(target: Path, root: Path, journal: _Journal) -> None:
    journal.move_aside(target)
    parent = target.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        journal.removed_folder(parent)
        parent = parent.parent


def _label_markers(path: Path, merge: Merge) -> None:
    """Name the sides of git's conflict markers: the project, the template."""
    if not path.is_file():
        return
    labels = {b"<<<<<<<": b"your project", b"|||||||": b"template as generated", b">>>>>>>": b"new template"}
    text = MARKER.sub(lambda m: m.group(1) + b" " + labels[m.group(1)], path.read_bytes())
    path.write_bytes(text)  # a file this update wrote (a conflict): the journal has its original


# ------------------------------------------------------------------ words


def describe(merge: Merge) -> str:
    """What the merge will do, before it is applied."""
    plan = merge.plan
    lines = []
    old = record.template_name(plan.recorded.metadata if plan.recorded else {"_commit": plan.recorded_commit})
    new = record.template_name({**merge.new_identity, "_commit": merge.new_commit})
    same = plan.recorded_commit is not None and plan.recorded_commit == merge.new_commit
    lines.append(f"Template: up to date ({old})" if same else f"Template: {old} -> {new}")
    if merge.base_source and merge.base_source not in (plan.recorded_template, plan.new_template):
        lines.append(
            f"  the project as generated is rendered from {record.template_name({'_template': merge.base_source})}"
        )
    changed = {k: v for k, v in merge.answers.items() if k in plan.old_answers and plan.old_answers[k] != v}
    if changed:
        words = (f"{key}: {_word(plan.old_answers[key])} -> {_word(value)}" for key, value in changed.items())
        lines.append("Answers: " + ", ".join(words))
    counts = {"A": 0, "M": 0, "D": 0, "T": 0}
    for change in merge.changes:
        counts[change.status] += 1
    lines.append(
        f"Files: {counts['A']} added, {counts['M'] + counts['T']} updated, {counts['D']} removed; "
        f"{count(len(merge.conflicts), 'conflict')}; {count(len(merge.local_edits), 'file differs', 'files differ')} "
        "from the project as generated "
        "(your edits, its own secrets): those differences are kept."
    )
    lines += [f"  conflict: {path}" for path in merge.conflicts]
    return "\n".join(lines)


def _requirement_name(requirement: str) -> str:
    name = re.split(r"[\s<>=!~;\[(@]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _dependencies(cwd: Path, tree: str) -> dict[str, str] | None:
    """Dependency (``name`` or ``name [extra]``) -> requirement, from a tree's pyproject.toml.

    None when the file does not parse (conflict markers, for one).
    """
    if not tree:
        return None
    if git(["cat-file", "-e", tree], cwd, ok=(0, 1, 128)).returncode != 0:
        return None
    blob = git(["cat-file", "-p", f"{tree}:pyproject.toml"], cwd, ok=(0, 128))
    if blob.returncode != 0:  # no pyproject.toml
        return {}
    try:
        project = tomllib.loads(blob.stdout.decode()).get("project", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    found = {_requirement_name(req): str(req) for req in project.get("dependencies", [])}
    for extra, requirements in (project.get("optional-dependencies") or {}).items():
        found.update({f"{_requirement_name(req)} [{extra}]": str(req) for req in requirements})
    return found


def dependency_changes(merge: Merge) -> dict[str, list[str]]:
    """The project's dependencies the update adds, drops and changes (pyproject.toml, extras included).

    From the project and the merge's result; where the result's pyproject.toml
    conflicts, from the template as generated and the new one.
    """
    cwd = merge.plan.project_dir
    before, after = _dependencies(cwd, merge.ours_tree), _dependencies(cwd, merge.result_tree)
    if before is None or after is None:
        before, after = _dependencies(cwd, merge.base_tree), _dependencies(cwd, merge.theirs_tree)
    before, after = before or {}, after or {}
    return {
        "added": [after[key] for key in after if key not in before],
        "dropped": [before[key] for key in before if key not in after],
        "changed": [f"{before[key]} -> {after[key]}" for key in after if key in before and before[key] != after[key]],
    }


def plan_data(merge: Merge) -> dict[str, Any]:
    """The plan of ``update --dry-run``, as data."""
    by_status: dict[str, list[str]] = {"A": [], "M": [], "T": [], "D": []}
    for change in merge.changes:
        by_status[change.status].append(change.path)
    return {
        "project": str(merge.plan.project_dir),
        "template": {
            "recorded": merge.plan.recorded_template,
            "recorded_commit": merge.plan.recorded_commit,
            "new": merge.plan.new_template,
            "new_commit": merge.new_commit,
        },
        "answers": {
            k: [merge.plan.old_answers[k], v]
            for k, v in merge.answers.items()
            if k in merge.plan.old_answers and merge.plan.old_answers[k] != v
        },
        "new_questions": merge.asked,
        "dropped_answers": merge.dropped,
        "add": by_status["A"],
        "change": by_status["M"] + by_status["T"],
        "remove": by_status["D"],
        "dependencies": dependency_changes(merge),
        "migrations": [
            change.path for change in merge.changes if change.status == "A" and MIGRATION.search(change.path)
        ],
        "conflicts": list(merge.conflicts),
        "uncommitted": merge.plan.uncommitted,
        "notices": merge.notices,
    }


def dry_run_status(merge: Merge) -> int:
    """``update --dry-run``'s exit status: up to date, changes, or changes with conflicts."""
    if merge.unchanged:
        return DRY_RUN_UP_TO_DATE
    return DRY_RUN_CONFLICTS if merge.conflicts else DRY_RUN_CHANGES


def plan_text(merge: Merge) -> str:
    """The plan of ``update --dry-run``, for people."""
    data = plan_data(merge)
    lines = [f"Dry run: {NOTHING_WRITTEN}. The update would:"]
    sections = (
        ("add", "add", data["add"]),
        ("change", "change", data["change"]),
        ("remove", "remove", data["remove"]),
        ("dependencies added", "add dependency", data["dependencies"]["added"]),
        ("dependencies dropped", "drop dependency", data["dependencies"]["dropped"]),
        ("dependencies changed", "change dependency", data["dependencies"]["changed"]),
        ("new migrations", "new migration", data["migrations"]),
        ("files expected to conflict", "conflict", data["conflicts"]),
    )
    for _title, word, items in sections:
        lines += [f"  {word}: {item}" for item in items]
    if merge.unchanged:
        lines = ["Dry run: already up to date, nothing to change."]
    if data["uncommitted"]:
        lines.append(
            "Planned against the last commit: "
            f"{count(len(data['uncommitted']), 'uncommitted change is', 'uncommitted changes are')} not part of it "
            "(commit or stash them before the update itself)."
        )
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
        lines.append(f"{count(len(result.conflicts), 'conflict')}, marked in the files with <<<<<<< ======= >>>>>>>:")
        for path, messages in result.conflicts.items():
            lines.append(f"  {path}" + (f"  ({'; '.join(messages)})" if messages else ""))
        lines.append("Resolve them, then review with git status / git diff and commit.")
    else:
        lines.append("Review with git status / git diff, then commit.")
    return "\n".join(lines)


def _word(value: Any) -> str:
    return rules.say(value)
