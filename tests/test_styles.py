"""The design system's style sheet: compiled once (generator.styles), current, shipped as is, complete.

Every project links the compiled form of ``assets/site.css``; its own pre-commit hook, CI
and Dockerfile compile it again with the Tailwind CLI its uv.lock pins and fail when the
bytes differ. These tests hold the generator to that: the committed compilation is what
the locked CLI gives today, each framework's project carries those exact bytes, and every
class the templates write is one the style sheet defines (source(none): a utility class in
a template would silently do nothing).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import rules, styles
from tests import matrix

ROOT = Path(__file__).resolve().parent.parent
# The templates of the pages, in the shared fragment and in each framework layer.
PAGES = [
    *(ROOT / "templates" / "ui").glob("*.html"),
    *(ROOT / "template-django").rglob("*.html"),
    *(ROOT / "template-flask").rglob("*.html"),
]
# Flask-Admin's layout keeps its own (Bootstrap's) classes.
OWN_CLASSES = {"admin/site.html"}
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


def test_the_compiled_style_sheet_is_current(tmp_path: Path) -> None:
    compiled = tmp_path / "site.min.css"
    styles.compile_css(compiled)
    assert compiled.read_bytes() == styles.COMPILED.read_bytes(), "stale: run `python -m generator.styles`"


@pytest.mark.parametrize("framework", rules.FRAMEWORKS)
def test_every_project_ships_the_compiled_style_sheet(tmp_path: Path, framework: str) -> None:
    project = matrix.render(rules.complete({"framework": framework}), tmp_path)
    output = {"django": "static/css/site.css", "flask": f"{project.name}/static/css/site.css"}[framework]
    assert (project / output).read_bytes() == styles.COMPILED.read_bytes()
    assert (project / "assets" / "site.css").read_bytes() == styles.SOURCE.read_bytes()


def defined_classes() -> set[str]:
    """The class selectors of the compiled style sheet (escapes undone: sr-only, not-sr-only...)."""
    css = styles.COMPILED.read_text(encoding="utf-8")
    return {name.replace("\\", "") for name in re.findall(r"\.((?:[A-Za-z_-]|\\.)(?:[\w-]|\\.)*)", css)}


def test_the_templates_use_only_classes_the_style_sheet_defines() -> None:
    defined = defined_classes()
    missing: dict[str, set[str]] = {}
    for path in PAGES:
        if any(path.as_posix().endswith(own) for own in OWN_CLASSES):
            continue
        text = path.read_text(encoding="utf-8")
        for value in CLASS_ATTRIBUTE.findall(text):
            # Template code inside the attribute: the classes it adds are words of the attribute too.
            for word in TEMPLATE_CODE.sub("{}", value).split():
                if "{" in word or "}" in word:
                    continue  # a class built from a value (alert-{{ level }}): checked below
                if word not in defined:
                    missing.setdefault(word, set()).add(path.relative_to(ROOT).as_posix())
    assert not missing, f"classes the style sheet does not define: {missing}"
    # Alerts are named after the message levels both frameworks use.
    assert {"alert-success", "alert-error", "alert-warning"} <= defined
