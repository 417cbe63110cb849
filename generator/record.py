"""The answers file every generated project carries: ``.startwise.yml``.

It holds the contract's answers (yes/no spelled out), where the template came
from, and a hash of every file as generated, so that ``startwise new --answers
.startwise.yml`` reproduces the project, ``startwise update`` can re-render the
template it was made from, and ``startwise check`` can tell edited files apart.
Written as YAML by hand (strings JSON-quoted, which YAML reads too) so that the
post-generation hook needs only the standard library.

The template's identity, resolvable on any machine:

- ``_template``: where to fetch it -- a git URL (``git+https://...``), or a pip
  requirement (``startwise==0.2.0``) when the package knows no repository, or a
  local path (a checkout without a shared remote: this machine only);
- ``_commit``: the template's git commit (a checkout's HEAD, the commit pip
  installed from a git URL, or the commit a wheel was built from);
- ``_version``: the startwise version that rendered the project; ``_package``:
  the pip requirement of the very package the template came from, when it came
  from an installed wheel (``pip install startwise``, a wheel file, ``pip install .``);
- ``_framework``: the framework the project was rendered with;
- ``_files``: path -> the first 16 hex digits of the SHA-256 of each file as
  generated (``.env`` and this file aside).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import __version__, rules
from generator.errors import UserError

FILENAME = ".startwise.yml"
BUILD_FILE = "startwise-build.json"  # written into the wheel by hatch_build.py
PACKAGE = "startwise"
NOT_HASHED = frozenset({FILENAME, ".env"})  # the record itself, and the project's secrets (git-ignored)
HASH_LENGTH = 16


def template_commit(repo_dir: str) -> str | None:
    """The git commit of the template checkout, when it is the top of a git work tree.

    A template folder inside some other repository (a virtualenv in a project)
    has no commit of its own: None then, as for a template without git.
    """
    try:
        result = subprocess.run(
            ["git", "-C", repo_dir, "rev-parse", "--show-toplevel", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    lines = result.stdout.split()
    if len(lines) != 2 or Path(lines[0]).resolve() != Path(repo_dir).resolve():
        return None
    return lines[1]


def _git(repo_dir: str, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", repo_dir, *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def as_git_url(url: str) -> str:
    """A remote's URL as pip and cookiecutter take it: ``git+`` for schemes, ``file://`` for paths."""
    if url.startswith("git+") or ("@" in url and "://" not in url):  # already prefixed, or git@host:path
        return url
    if "://" in url:
        return f"git+{url}"
    return f"git+{Path(url).resolve().as_uri()}"


def shared_remote(repo_dir: str, commit: str) -> str | None:
    """The URL of a remote of ``repo_dir`` known to hold ``commit`` (origin first), or None.

    A teammate can fetch the commit from there; a local path would resolve on
    this machine only.
    """
    refs = _git(repo_dir, "for-each-ref", "--contains", commit, "--format=%(refname:strip=2)", "refs/remotes")
    remotes = sorted({ref.split("/", 1)[0] for ref in (refs or "").split()}, key=lambda name: name != "origin")
    for remote in remotes:
        url = _git(repo_dir, "remote", "get-url", remote)
        if url:
            return as_git_url(url)
    return None


def build_info(repo_dir: str | Path) -> dict[str, Any] | None:
    """What a wheel's template was built from (``startwise-build.json``), or None."""
    path = Path(repo_dir) / BUILD_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def hash_files(project_dir: Path) -> dict[str, str]:
    """Path (POSIX, relative) -> short SHA-256 of every file, ``.git`` and :data:`NOT_HASHED` aside."""
    hashes = {}
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if ".git" in relative.parts or relative.as_posix() in NOT_HASHED or path.is_dir():
            continue
        hashes[relative.as_posix()] = hash_file(path)
    return hashes


def hash_file(path: Path) -> str:
    """The short SHA-256 :func:`hash_files` records (of a symlink: of its target's name)."""
    data = str(path.readlink()).encode() if path.is_symlink() else path.read_bytes()
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def dumps(answers: Mapping[str, Any], template: Mapping[str, Any], files: Mapping[str, str] | None = None) -> str:
    """The file's text: a header, the template's origin, every answer in order, then the file hashes."""
    lines = [
        "# The answers this project was generated from, by startwise.",
        f"# Reproduce it: startwise new --answers {FILENAME}",
        "# Bring in a newer template or changed answers: startwise update (startwise check says if one is due)",
    ]
    for key, value in template.items():
        lines.append(f"{key}: {json.dumps(value)}")
    for question in rules.ASKED:  # a superseded key is recorded as the question that replaced it
        value = answers[question.key]
        text = rules.yes_no(value) if question.kind == rules.BOOLEAN else json.dumps(value, ensure_ascii=False)
        lines.append(f"{question.key}: {text}")
    if files is not None:
        lines += _files_block(files)
    return "\n".join(lines) + "\n"


def _files_block(files: Mapping[str, str]) -> list[str]:
    lines = ["# Each file as generated (SHA-256, first 16 hex digits): startwise check compares them."]
    lines.append("_files:" + ("" if files else " {}"))
    lines += [f"  {json.dumps(path, ensure_ascii=False)}: {json.dumps(digest)}" for path, digest in files.items()]
    return lines


@dataclass(frozen=True)
class Recorded:
    """What a project's ``.startwise.yml`` says."""

    path: Path
    answers: dict[str, Any]  # the contract's answers it gives, coerced
    others: dict[str, Any]  # answers to questions this startwise does not know (another template version)
    problems: list[str]  # values the contract refuses
    metadata: dict[str, Any]  # the keys starting with "_"

    def meta(self, key: str) -> str | None:
        """A metadata value as text, or None."""
        value = self.metadata.get(key)
        return str(value) if value not in (None, "") else None

    @property
    def values(self) -> dict[str, Any]:
        """Every answer it holds: the contract's, coerced, and the others as written."""
        return {**self.others, **self.answers}

    @property
    def files(self) -> dict[str, str] | None:
        """Path -> short SHA-256 of each file as generated, when recorded."""
        files = self.metadata.get("_files")
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else None


def read(project_dir: Path) -> Recorded:
    """Read ``.startwise.yml``: unknown questions and refused values are kept aside, not fatal.

    PyYAML (cookiecutter's dependency) is imported here: the writer, run by the
    post-generation hook, needs only the standard library.
    """
    import yaml  # noqa: PLC0415

    path = project_dir / FILENAME
    if not path.is_file():
        raise UserError(
            f"{project_dir} is not a startwise project: it has no {FILENAME}. "
            "Run the command in (or on) the folder of a generated project."
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise UserError(f"Cannot read {path}: {err}. Fix the file, or restore it from git.") from err
    if not isinstance(data, dict):
        raise UserError(f"{path} must hold a mapping of answers (key: value). Restore it from git.")
    answers: dict[str, Any] = {}
    others: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in data.items():
        name = str(key)
        if name.startswith("_"):
            continue
        if name not in rules.BY_KEY:
            others[name] = value
            continue
        try:
            answers[name] = rules.coerce(name, value)
        except rules.AnswerError as err:
            problems.append(str(err))
    metadata = {str(key): value for key, value in data.items() if str(key).startswith("_")}
    return Recorded(path, rules.read_superseded(answers), others, problems, metadata)


def restamp(path: Path, identity: Mapping[str, Any], files: Mapping[str, str]) -> None:
    """Rewrite the record at ``path`` with new values of identity keys (``_template``...) and new ``_files``."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        key = line.split(":", 1)[0]
        lines.append(f"{key}: {json.dumps(identity[key])}\n" if key in identity else line)
    path.write_text(set_files("".join(lines), files), encoding="utf-8")


def set_files(text: str, files: Mapping[str, str]) -> str:
    """The record's ``text`` with its ``_files`` block replaced by ``files``."""
    kept = []
    skipping = False
    for line in text.splitlines():
        if line.startswith("_files:") or line.startswith("# Each file as generated"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        kept.append(line)
    return "\n".join([*kept, *_files_block(files)]) + "\n"


def installed_origin(repo_dir: str) -> tuple[str, str] | None:
    """The git URL and commit pip installed this package from, when ``repo_dir`` is its template.

    pip records both for a ``pip install git+URL`` in the distribution's
    direct_url.json (PEP 610): a project made with the installed template can then
    be updated against the very commit it came from.
    """
    if not _is_installed_template(repo_dir):
        return None
    import importlib.metadata  # noqa: PLC0415 - only for an installed template: the hook starts faster

    try:
        text = importlib.metadata.distribution(PACKAGE).read_text("direct_url.json")
        data = json.loads(text or "{}")
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None
    vcs = data.get("vcs_info") or {}
    if vcs.get("vcs") != "git" or not vcs.get("commit_id") or not data.get("url"):
        return None
    return f"git+{data['url']}", str(vcs["commit_id"])


def _is_installed_template(repo_dir: str) -> bool:
    return Path(repo_dir).expanduser().resolve() == (Path(__file__).resolve().parent / "_template")


def identity(repo_dir: str, template: str | None) -> dict[str, Any]:
    """Where the template in ``repo_dir`` came from, in a form another machine can fetch.

    A git work tree gives its HEAD, and a remote holding it (else the path given);
    a template pip installed from a git URL gives that URL and commit; a wheel's
    template gives what the wheel was built from (``startwise-build.json``) and the
    package version; otherwise ``template`` as given, with no commit.
    """
    found: dict[str, Any] = {"_template": template, "_commit": template_commit(repo_dir)}
    if found["_commit"]:
        if not template or ("://" not in template and "@" not in template):
            found["_template"] = shared_remote(repo_dir, found["_commit"]) or template
        return found
    installed = installed_origin(repo_dir)
    if installed:
        return {"_template": installed[0], "_commit": installed[1]}
    build = build_info(repo_dir)
    if build and build.get("version"):
        package = f"{build.get('name') or PACKAGE}=={build['version']}"
        url = build.get("url")
        return {"_template": as_git_url(url) if url else package, "_commit": build.get("commit"), "_package": package}
    return found


def template_name(identity: Mapping[str, Any]) -> str:
    """A template as a person names it: its git URL or folder, else its package version; at its commit.

    ``identity`` holds :func:`identity`'s keys (a record's metadata, or today's template).
    A folder inside an installed startwise (``site-packages/generator/_template``) is
    named by the package's version, never by its path.
    """
    template = str(identity.get("_template") or "")
    version = identity.get("_version")
    if template and _is_installed_template(template):
        template = f"{PACKAGE} {__version__}"
    elif not template:
        template = f"{PACKAGE} {version}" if version else "an unknown template"
    elif template.startswith(f"{PACKAGE}=="):
        template = f"{PACKAGE} {template.removeprefix(PACKAGE + '==')}"
    commit = identity.get("_commit")
    return f"{template} @ {str(commit)[:12]}" if commit else template


def origin(repo_dir: str, template: str | None) -> tuple[str | None, str | None]:
    """Where the template in ``repo_dir`` came from, and its commit (see :func:`identity`)."""
    found = identity(repo_dir, template)
    return found["_template"], found["_commit"]


def commit_of(path: Path) -> str | None:
    """The commit of the template in ``path``, when one is known (see :func:`identity`)."""
    return origin(str(path), None)[1]


def write(project_dir: Path, answers: Mapping[str, Any], context: Mapping[str, Any]) -> Path:
    """Record the answers, the template's identity and the files as generated, in the project."""
    template = identity(str(context["_repo_dir"]), context.get("_template"))
    template["_version"] = __version__
    if context.get("__framework"):
        template["_framework"] = context["__framework"]
    path = project_dir / FILENAME
    path.write_text(dumps(answers, template, hash_files(project_dir)), encoding="utf-8")
    return path
