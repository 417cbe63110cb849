"""Property-based tests over the answers contract (hypothesis), issue 9.

Any valid answers, free text of any printable characters included, render a project
that compiles, lints and passes the structural checks; any invalid answers are
refused before a file is written, through ``startwise new`` and through cookiecutter.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from cookiecutter.main import cookiecutter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import layers, rules
from generator.render import render
from tests.helpers import ROOT
from tests.helpers import run_cli as run
from tests.test_jinja_ext import markdown_text
from tests.test_rules import INVALID

RUFF = str(Path(sys.executable).with_name("ruff"))
# Each valid example renders a project (about 2 s): a few dozen in every run keeps the
# suite quick; set STARTWISE_EXAMPLES=500 to search longer.
EXAMPLES = int(os.environ.get("STARTWISE_EXAMPLES", "25"))
# Fragments that break naive quoting somewhere: Python and TOML strings, docstrings,
# YAML, HTML, Jinja and Django templates, shell lines, Markdown.
AWKWARD = ["\\", '"', "'", '"""', "'''", "{{", "}}", "{%", "%}", "{#", "#}", "<script>", "</script>", "&amp;", "&",
           "$", "`", "${{ x }}", "$(id)", "#", ": ", "- ", "|", ">", "*", "\\n", "\\u00e9", "%s", "{0}", "é", "日本",
           "🙂", "Ω", " ", "  ", "\u00a0", "--", ";", "\\x00"]  # fmt: skip
PRINTABLE = st.characters(codec="utf-8").filter(str.isprintable)
free_text = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(PRINTABLE, max_size=4)), max_size=6).map("".join)
slugs = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True).filter(lambda s: rules.check_slug(s) is None)
emails = st.one_of(
    st.just(""),
    st.builds(
        "{}@{}.{}".format,
        st.text(PRINTABLE.filter(lambda c: c not in "@ "), min_size=1, max_size=8),
        st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True),
        st.sampled_from(["com", "org", "io", "dev"]),
    ),
).filter(lambda e: rules.check_email(e) is None)


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, Any]:
    combo = draw(st.sampled_from(rules.valid_combinations()))
    name = draw(free_text.filter(str.strip))
    slug = draw(st.one_of(slugs, st.just(rules.slugify(name))))  # given, or derived from the name as by default
    assume(rules.check_slug(slug) is None)
    answers = rules.complete({
        **combo,
        "project_name": name,
        "project_slug": slug,
        "description": draw(free_text),
        "author_name": draw(free_text),
        "author_email": draw(emails),
        "license": draw(st.sampled_from(rules.BY_KEY["license"].choices)),
        "jobs": draw(st.sampled_from(rules.BY_KEY["jobs"].choices)),
        "use_docker": draw(st.booleans()),
        "ci": draw(st.sampled_from(rules.BY_KEY["ci"].choices)),
        "frontend": draw(st.sampled_from(rules.BY_KEY["frontend"].choices)),
        "deploy": draw(st.sampled_from(rules.BY_KEY["deploy"].choices)),
        "django_release": draw(st.sampled_from(rules.BY_KEY["django_release"].choices)),
    })  # fmt: skip
    assume(not rules.errors(answers))  # the extras have rules too (jobs=tasks is Django's, ...)
    return answers


def files_of(project: Path, *suffixes: str) -> list[Path]:
    return [path for path in sorted(project.rglob("*")) if path.is_file() and path.name.endswith(suffixes)]


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(answers=valid_answers())
def test_any_valid_answers_render_a_sound_project(
    answers: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("valid")
    result = render(answers, out, ROOT)
    project = result.project_dir
    layer = layers.load(layers.layer_dir(ROOT, result.framework))
    assert layers.verify(project, layer, answers) == []  # required files, no marker left, every .py compiles
    for command in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
        lint = subprocess.run([RUFF, *command], cwd=project, capture_output=True, text=True, check=False)
        assert lint.returncode == 0, lint.stdout + lint.stderr
    for path in files_of(project, ".toml"):
        tomllib.loads(path.read_text(encoding="utf-8"))
    for path in files_of(project, ".yml", ".yaml"):
        list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    for path in files_of(project, ".json"):
        json.loads(path.read_text(encoding="utf-8"))
    recorded, problems = rules.coerce_all(yaml.safe_load((project / ".startwise.yml").read_text(encoding="utf-8")))
    assert problems == []
    assert rules.complete(recorded) == answers  # the record reads back as the very answers
    for path in (project / "README.md", project / "docs/decisions/0001-framework.md"):  # Markdown, not HTML (issue 19)
        heading = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        assert " ".join(answers["project_name"].split("\n")).strip() in markdown_text(heading), path.name
    # Long enough not to be found in a template by chance: then it must not be there as it is.
    texts = [answers[key] for key in ("project_name", "description", "author_name")
             if set(answers[key]) & set("<{") and len(answers[key]) >= 8]  # fmt: skip
    for path in files_of(project, ".html"):  # free text is data in the generated templates, never markup or tags
        html = path.read_text(encoding="utf-8")
        for text in texts:
            assert text not in html, f"{path.relative_to(project)} holds {text!r} as it is"


# ---------------------------------------------------------------- invalid answers

not_a_choice = {key: st.text(PRINTABLE, max_size=10).filter(lambda v, k=key: v.strip() not in rules.BY_KEY[k].choices)
                for key in ("license", "database", "framework", "ci")}  # fmt: skip
not_yes_no = st.text(PRINTABLE, max_size=8).filter(
    lambda v: v.strip().lower() not in rules.TRUE_WORDS | rules.FALSE_WORDS
)
BOOLEANS = [q.key for q in rules.QUESTIONS if q.kind == rules.BOOLEAN]


@st.composite
def invalid_answers(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """(what is wrong, every answer as text) with exactly one kind of mistake."""
    kind = draw(st.sampled_from(["choice", "yes/no", "combination", "slug", "email"]))
    if kind == "combination":
        base = dict(draw(st.sampled_from(INVALID)))
    else:
        base = dict(draw(st.sampled_from(rules.valid_combinations())))
    text = {key: rules.yes_no(value) if isinstance(value, bool) else str(value) for key, value in base.items()}
    text["project_slug"] = "my_site"
    if kind == "choice":
        key = draw(st.sampled_from(sorted(not_a_choice)))
        text[key] = draw(not_a_choice[key])
    elif kind == "yes/no":
        text[draw(st.sampled_from(BOOLEANS))] = draw(not_yes_no)
    elif kind == "slug":
        text["project_slug"] = draw(st.one_of(free_text, st.sampled_from(sorted(rules.DEPENDENCY_NAMES)))
                                    .filter(lambda s: rules.check_slug(s) is not None))  # fmt: skip
    elif kind == "email":
        text["author_email"] = draw(free_text.filter(lambda e: e != "" and rules.check_email(e) is not None))
    return kind, text


@settings(max_examples=6 * EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(case=invalid_answers())
def test_any_invalid_answers_are_refused_before_a_file_is_written(
    case: tuple[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory, capfd: pytest.CaptureFixture[str]
) -> None:
    kind, text = case
    root = tmp_path_factory.mktemp("invalid")
    sets = [item for key, value in text.items() for item in ("--set", f"{key}={value}")]
    code, _, err = run(capfd, "new", "--no-input", "-o", root / "startwise", *sets)
    assert code == 1, (kind, err)
    assert "Traceback" not in err
    assert not (root / "startwise").exists()
    if any("{" in value for value in text.values()):
        return  # cookiecutter renders extra context as Jinja: such a value is not the answer it reads
    with pytest.raises(Exception):  # noqa: B017 - ValueError from cookiecutter, or startwise's refusal
        cookiecutter(str(ROOT), no_input=True, extra_context=text, output_dir=str(root / "cookiecutter"),
                     default_config=True)  # fmt: skip
    assert not (root / "cookiecutter").exists() or list((root / "cookiecutter").iterdir()) == []


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.one_of(free_text, st.text(PRINTABLE)))
def test_free_text_survives_cookiecutters_jinja_pass(text: str) -> None:
    from cookiecutter.environment import StrictEnvironment  # noqa: PLC0415

    from generator.jinja_ext import pydoc  # noqa: PLC0415
    from generator.render import jinja_literal  # noqa: PLC0415

    assert StrictEnvironment(keep_trailing_newline=True).from_string(jinja_literal(text)).render() == text
    docstring = f'"""{pydoc(text)}."""'
    assert ast.literal_eval(docstring) == f"{text.strip()}."
