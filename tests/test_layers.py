"""The layer stack: order, declared overrides, one placeholder syntax, one set of shared facts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter

from generator import layers

ROOT = Path(__file__).resolve().parent.parent
SAME_ANSWERS = {"use_orm": "yes", "use_auth": "yes", "use_celery": "yes", "use_docker": "yes"}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The work tree's template, copied (its manifests are edited by the tests)."""
    target = tmp_path / "template"
    names = ["cookiecutter.json", layers.MANIFEST, "hooks", "templates", layers.TEMPLATE]
    names += [item["layer"] for item in json.loads((ROOT / layers.MANIFEST).read_text())["stack"]]
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.mkdir(exist_ok=True)
            shutil.copy(source, target / name)
    return target


def render(template: Path, out: Path, **answers: str) -> Path:
    return Path(cookiecutter(str(template), no_input=True, output_dir=str(out), extra_context=answers))


def edit_manifest(path: Path, **changes: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_the_stack_is_common_then_each_framework() -> None:
    stack = layers.stack(ROOT)
    assert [layer.name for layer in stack] == ["common", "template-django", "template-flask"]
    assert [layer.name for layer in layers.chosen(ROOT, {"__framework": "flask"})] == ["common", "template-flask"]


def test_an_undeclared_overwrite_is_an_error(copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (copy / "template-flask" / layers.TEMPLATE / ".editorconfig").write_text("root = true\n", encoding="utf-8")
    with pytest.raises(FailedHookException):
        render(copy, tmp_path / "out", framework="flask")
    err = capfd.readouterr().err
    assert "template-flask writes .editorconfig, which common wrote, without declaring it" in err
    assert list((tmp_path / "out").iterdir()) == []  # nothing half-written


def test_a_declared_override_replaces_the_earlier_file(copy: Path, tmp_path: Path) -> None:
    (copy / "template-flask" / layers.TEMPLATE / ".editorconfig").write_text("root = true\n", encoding="utf-8")
    edit_manifest(copy / "template-flask" / layers.MANIFEST, overrides=[".editorconfig"])
    project = render(copy, tmp_path / "out", framework="flask")
    assert (project / ".editorconfig").read_text(encoding="utf-8") == "root = true\n"


def test_an_override_of_nothing_is_an_error(copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    edit_manifest(copy / "template-django" / layers.MANIFEST, overrides=["NOT-WRITTEN.md"])
    with pytest.raises(FailedHookException):
        render(copy, tmp_path / "out")
    assert '"overrides": NOT-WRITTEN.md, which no earlier layer writes' in capfd.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []


def test_a_feature_layer_stacks_on_the_framework_layer(copy: Path, tmp_path: Path) -> None:
    feature = copy / "template-feature"
    (feature / layers.TEMPLATE / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (feature / layers.TEMPLATE / "{{cookiecutter.project_slug}}" / "feature.py").write_text(
        '"""A feature of {{ cookiecutter.project_name }}."""\n', encoding="utf-8"
    )
    (feature / layers.TEMPLATE / "README.md").write_text("# {{ cookiecutter.project_name }}, with a feature\n")
    (feature / layers.MANIFEST).write_text(
        json.dumps({"overrides": ["README.md"], "required": ["{project_slug}/feature.py"]})
    )
    manifest = json.loads((copy / layers.MANIFEST).read_text(encoding="utf-8"))
    manifest["stack"].append({"layer": "template-feature", "when": {"use_api": [True]}})
    (copy / layers.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with_it = render(copy, tmp_path / "with", framework="flask", use_api="yes")
    assert (with_it / "my_site" / "feature.py").read_text() == '"""A feature of My Site."""\n'
    assert (with_it / "README.md").read_text() == "# My Site, with a feature\n"
    without = render(copy, tmp_path / "without", framework="flask", use_api="no")
    assert not (without / "my_site" / "feature.py").exists()
    assert (without / "README.md").read_text() != "# My Site, with a feature\n"


def test_every_manifest_writes_paths_one_way() -> None:
    for layer in layers.stack(ROOT):
        patterns = [*layer.copy_without_render, *layer.required, *layer.overrides]
        patterns += [path for item in layer.optional for path in item.paths]
        for pattern in patterns:
            assert "cookiecutter" not in pattern and "{{" not in pattern, (layer.name, pattern)
            assert set(re.findall(r"\{[^}]*\}", pattern)) <= {layers.PLACEHOLDER}, (layer.name, pattern)


IMAGE = re.compile(r"^\s*(?:-\s*)?(?:image|name|FROM)[: ]\s*([\w./-]+:[\w.-]+)", re.MULTILINE)


def images(project: Path) -> dict[str, set[str]]:
    """The service and base images each operations file names."""
    found: dict[str, set[str]] = {}
    for name in ("compose.yaml", "Dockerfile", ".github/workflows/ci.yml", ".gitlab-ci.yml"):
        path = project / name
        if path.is_file():
            found[name] = set(IMAGE.findall(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("database", ["postgresql", "mysql", "sqlite"])
@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_both_frameworks_run_the_same_images(tmp_path: Path, database: str, ci: str) -> None:
    answers = {**SAME_ANSWERS, "database": database, "ci": ci}
    # On Django 5.2 LTS: the current track (6.1) runs Python 3.13 images (django-guid), Flask 3.12's.
    django = images(render(ROOT, tmp_path / "django", framework="django", django_release="lts", **answers))
    flask = images(render(ROOT, tmp_path / "flask", framework="flask", **answers))
    assert django == flask
    assert django["compose.yaml"]  # the comparison is not between two empty sets
    if database == "mysql":
        assert any(image.startswith("mariadb:") for image in django["compose.yaml"])


def test_a_template_error_in_a_layer_leaves_nothing(
    copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (copy / "template-flask" / layers.TEMPLATE / "broken.txt").write_text("{{ cookiecutter.nope }}\n", encoding="utf-8")
    with pytest.raises(FailedHookException):
        render(copy, tmp_path / "out", framework="flask")
    err = capfd.readouterr().err
    assert "template-flask: UndefinedError: " in err
    assert "Traceback" not in err
    assert list((tmp_path / "out").iterdir()) == []
