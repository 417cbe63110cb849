"""``startwise check``: how a project stands against its record and today's template. Made for CI.

It reads the project's ``.startwise.yml`` and reports four things, each with
its own bit in the exit status (so that CI can tell them apart, and mask them):

- :data:`ANSWERS` (4): the recorded answers no longer pass today's rules (an
  error of the consistency table, a refused value, a question the template
  no longer asks);
- :data:`TEMPLATE` (8): the template is newer than the recorded one (by how
  many commits, or from which version to which);
- :data:`FILES` (16): generated files edited or deleted since generation
  (the record's ``_files`` hashes against the work tree);
- :data:`MISSING` (32): files an option requires (the layer's manifest) that
  the project does not have.

0 is all clear, 1 is "could not check" (not a startwise project, a template
that cannot be fetched), 2 a usage error. It writes nothing in the project.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__, layers, record, rules
from generator.errors import count
from generator.record import Recorded
from generator.record import read as read_record
from generator.template import default_template, is_package, is_url, resolve
from generator.update import template_questions

OK = 0
ANSWERS = 4
TEMPLATE = 8
FILES = 16
MISSING = 32
_VERSION = re.compile(r'^__version__ = "([^"]+)"', re.MULTILINE)


@dataclass
class Report:
    """What ``startwise check`` found."""

    project_dir: Path
    answers: list[str] = field(default_factory=list)  # why the recorded answers fail today's rules
    warnings: list[str] = field(default_factory=list)  # today's rules' warnings: reported, not failed
    template: dict[str, Any] = field(default_factory=dict)
    files: dict[str, list[str]] | None = None  # untouched / edited / deleted; None: no hashes recorded
    missing: list[str] = field(default_factory=list)

    @property
    def status(self) -> int:
        """The exit status: the bits of what was found, 0 when nothing was."""
        code = OK
        if self.answers:
            code |= ANSWERS
        if self.template.get("status") in ("newer", "different"):
            code |= TEMPLATE
        if self.files and (self.files["edited"] or self.files["deleted"]):
            code |= FILES
        if self.missing:
            code |= MISSING
        return code

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (``startwise check --json``)."""
        return {
            "project": str(self.project_dir),
            "status": self.status,
            "answers": {"errors": self.answers, "warnings": self.warnings},
            "template": self.template,
            "files": self.files,
            "missing": self.missing,
        }


def run(project_dir: Path, template: str | None = None) -> Report:
    """Check the project in ``project_dir`` against its record and the template (default: the installed one)."""
    project_dir = project_dir.resolve()
    recorded = read_record(project_dir)
    report = Report(project_dir)
    with tempfile.TemporaryDirectory(prefix="startwise-check-") as scratch:
        spec = template or str(default_template())
        folder = resolve(spec, Path(scratch) / "template") if is_url(spec) or is_package(spec) else Path(spec)
        questions = {question.key for question in template_questions(folder)}
        answers = rules.complete(recorded.answers)
        report.answers = [*recorded.problems, *(problem.message for problem in rules.errors(answers))]
        report.answers += [
            f"{key} (recorded: {value!r}) is not a question of the template any more: "
            "startwise update drops it from the record"
            for key, value in {**recorded.answers, **recorded.others}.items()
            if key not in questions
        ]
        report.warnings = [problem.message for problem in rules.check(answers) if problem.level != "error"]
        report.template = _template_status(recorded, folder, spec, Path(scratch))
        superseded = {q.key for q in rules.QUESTIONS if q.superseded_by}
        unanswered = sorted(questions - set(recorded.answers) - set(recorded.others) - superseded)
        if unanswered:
            report.template["new_questions"] = unanswered
        report.files = _files(project_dir, recorded.files)
        framework = recorded.meta("_framework") or _framework_of(project_dir, answers)
        report.missing = _missing(project_dir, folder, framework, answers, recorded.files)
    return report


# --------------------------------------------------------------- template


def _version_of(folder: Path) -> str | None:
    if folder == default_template():
        return __version__
    init = folder / "generator" / "__init__.py"
    if init.is_file():
        match = _VERSION.search(init.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    build = record.build_info(folder) or {}
    return str(build["version"]) if build.get("version") else None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _template_status(recorded: Recorded, folder: Path, spec: str, scratch: Path) -> dict[str, Any]:
    """The recorded template against today's: current, newer (by how far), older, different or unknown."""
    identity = record.identity(str(folder), spec)
    if is_url(spec):  # fetched into a temporary clone: name it as given
        identity["_template"] = spec
    now = {"template": identity["_template"], "commit": identity["_commit"], "version": _version_of(folder)}
    then = {key: recorded.meta(f"_{key}") for key in ("template", "commit", "version")}
    status: dict[str, Any] = {"recorded": then, "current": now, "status": "unknown", "commits_behind": None}
    if then["commit"] and now["commit"]:
        if then["commit"] == now["commit"]:
            status["status"] = "current"
            return status
        sources = [str(folder), str(now["template"] or ""), str(then["template"] or "")]
        relation = _relation(then["commit"], now["commit"], sources, scratch)
        status.update(relation)
        if relation["status"] != "unknown":
            return status
        status["status"] = "different"
    if then["version"] and now["version"] and status["status"] == "unknown":
        before, after = _version_key(then["version"]), _version_key(now["version"])
        status["status"] = "newer" if after > before else "older" if after < before else "current"
    return status


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def _relation(old: str, new: str, sources: list[str], scratch: Path) -> dict[str, Any]:
    """How commit ``new`` relates to ``old``, from the first source (folder or git URL) holding both."""
    for number, source in enumerate(dict.fromkeys(s for s in sources if s)):
        if is_url(source):
            repo = scratch / f"history-{number}"
            url = source.removeprefix("git+")
            if _git(scratch, "clone", "--quiet", "--bare", "--filter=blob:none", url, str(repo)).returncode != 0:
                continue
        elif Path(source).is_dir():
            repo = Path(source)
        else:
            continue
        if (
            _git(repo, "cat-file", "-e", f"{old}^{{commit}}").returncode
            or _git(repo, "cat-file", "-e", f"{new}^{{commit}}").returncode
        ):
            continue
        ahead = _git(repo, "rev-list", "--count", f"{old}..{new}").stdout.strip()
        behind = _git(repo, "rev-list", "--count", f"{new}..{old}").stdout.strip()
        if behind == "0":
            return {"status": "newer", "commits_behind": int(ahead)}
        if ahead == "0":
            return {"status": "older", "commits_behind": -int(behind)}
        return {"status": "different", "commits_behind": int(ahead)}
    return {"status": "unknown"}


# ------------------------------------------------------------------ files


def _files(project_dir: Path, recorded: dict[str, str] | None) -> dict[str, list[str]] | None:
    if recorded is None:
        return None
    found: dict[str, list[str]] = {"untouched": [], "edited": [], "deleted": []}
    for path, digest in recorded.items():
        target = project_dir / path  # only the recorded files: not a virtualenv or caches in the work tree
        if not (target.is_file() or target.is_symlink()):
            found["deleted"].append(path)
        else:
            found["untouched" if record.hash_file(target) == digest else "edited"].append(path)
    return found


def _framework_of(project_dir: Path, answers: dict[str, Any]) -> str:
    """The framework of a record without ``_framework`` (made by an older startwise)."""
    if (project_dir / "manage.py").is_file():
        return "django"
    return rules.resolve_framework(answers)


def _missing(
    project_dir: Path, folder: Path, framework: str, answers: dict[str, Any], generated: dict[str, str] | None
) -> list[str]:
    """Paths the layer's manifest requires for these answers that the project lacks.

    A path the project never had (the template gained it since) is not missing:
    the update brings it.
    """
    try:
        layer = layers.load(layers.layer_dir(folder, framework))
    except (OSError, ValueError):
        return []
    patterns = list(layer.required)
    patterns += [p for item in layer.optional if rules.matches(item.when, answers) for p in item.paths]
    missing = []
    for pattern in patterns:
        relative = pattern.format(project_slug=answers["project_slug"])
        if relative in record.NOT_HASHED or any(project_dir.glob(relative)):  # .env: git-ignored, made locally
            continue
        if generated is not None and not any(
            fnmatch.fnmatch(path, relative) or path.startswith(relative.rstrip("/") + "/") for path in generated
        ):
            continue
        missing.append(relative)
    return missing


# ------------------------------------------------------------------ words


def text(report: Report) -> str:
    """The report, for people."""
    lines = [f"startwise check {report.project_dir}"]
    lines.append("answers: " + ("fail today's rules" if report.answers else "pass today's rules"))
    lines += [f"  - {message}" for message in report.answers]
    lines += [f"  warning: {message}" for message in report.warnings]
    lines.append(f"template: {_template_words(report.template)}")
    if report.template.get("new_questions"):
        lines.append(f"  new questions, asked by startwise update: {', '.join(report.template['new_questions'])}")
    if report.files is None:
        lines.append("files: the record has no file hashes (made by an older startwise): run startwise update once")
    else:
        counts = {state: len(paths) for state, paths in report.files.items()}
        lines.append(f"files: {counts['untouched']} untouched, {counts['edited']} edited, {counts['deleted']} deleted")
        lines += [f"  edited: {path}" for path in report.files["edited"]]
        lines += [f"  deleted: {path}" for path in report.files["deleted"]]
    lines.append("required files: " + ("all present" if not report.missing else f"{len(report.missing)} missing"))
    lines += [f"  missing: {path}" for path in report.missing]
    lines.append(_status_words(report.status))
    return "\n".join(lines)


def _template_words(tpl: dict[str, Any]) -> str:
    """``up to date (URL @ commit)``, or how the recorded template stands to today's, each named as people name it."""
    then, now = (
        record.template_name({f"_{key}": value for key, value in tpl.get(side, {}).items()})
        for side in ("recorded", "current")
    )
    status = tpl.get("status", "unknown")
    if status == "current":
        return f"up to date ({then})" if then == now else f"up to date ({then}, which is {now})"
    distance = tpl.get("commits_behind")
    far = f" ({count(distance, 'commit')})" if isinstance(distance, int) and distance > 0 else ""
    words = {
        "newer": "a newer template is available",
        "older": "the project was made with a newer template than this one",
        "different": "a different template than the recorded one",
        "unknown": "cannot tell (the record has no commit or version)",
    }
    return f"{words[status]}{far}: {then} -> {now}"


# What each bit of the exit status says, in the order of the report.
BITS = (
    (ANSWERS, "the answers fail today's rules"),
    (TEMPLATE, "a newer template"),
    (FILES, "generated files edited or deleted"),
    (MISSING, "required files missing"),
)


def _status_words(status: int) -> str:
    """``exit status 0 (all clear)``, ``exit status 24 = 8 (a newer template) + 16 (...)``."""
    found = [(bit, words) for bit, words in BITS if status & bit]
    if not found:
        return f"exit status {status} (all clear)"
    if len(found) == 1:
        return f"exit status {status} ({found[0][1]})"
    return f"exit status {status} = " + " + ".join(f"{bit} ({words})" for bit, words in found)
