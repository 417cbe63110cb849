"""deploy=kubernetes: the manifests of every combination build and validate offline, and the
project runs the way they run it.

Every valid combination with deploy=kubernetes gets its ``deploy/`` folder and ``.env.example``
rendered (the layer's own files with cookiecutter's Jinja environment: milliseconds, where a
whole project takes a second; ``test_the_quick_render_is_the_render`` keeps that honest),
built with ``kubectl kustomize`` (the base and both overlays) and every object validated
against the strict Kubernetes schemas (an unknown field is an error) of the newest minor that
kubernetes-validate ships and the two before it. Identical folders are built once, identical
objects validated once per minor.

The wiring tests (marked ``matrix``: they use the matrix's virtualenvs, PostgreSQL and Redis)
render whole projects and run them as the production overlay says: its ConfigMap and Secret as
the only settings, the migrate Job's command, the pods' wait for it, the image's command with
the probes asked as the kubelet asks them, the worker and the scheduler, each as the image's
unprivileged user on a read-only root file system with only /tmp writable.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import re
import runpy
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml
from kubernetes_validate import utils as kv_utils
from packaging.version import Version

from generator import layers, rules
from tests import matrix

ROOT = Path(__file__).resolve().parent.parent
KUBECTL = shutil.which("kubectl")
BUILDS = ("base", "overlays/staging", "overlays/production")
ENVIRONMENTS = ("staging", "production")
# The variables of .env.example that production does not take from its configuration.
NOT_PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "the image sets it (the Dockerfile's ENV)",
    "DJANGO_DEBUG": "development only",
    "FLASK_DEBUG": "development only",
    "TEST_DATABASE_URL": "the tests' database",
}
# A key of .env.example that is a secret: credentials, or the address of a service (it may
# carry a password). Everything else production reads goes in the ConfigMap.
SECRET_NAME = re.compile(r"(SECRET_KEY|PASSWORD|USERNAME|SALT|DSN)$")
ENV_LINE = re.compile(r"^#?\s?([A-Z][A-Z0-9_]*)=(.*)$")
QUANTITY = re.compile(r"^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$")
UNITS = {None: 1.0, "m": 0.001, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not on PATH (it builds the Kustomize manifests)")


# ------------------------------------------------------------------ what to render


def kubernetes_combinations() -> list[dict[str, Any]]:
    """Every valid needs x framework x database x jobs combination with deploy=kubernetes.

    The other choices that could reach a rendered file (the Django release, the front end)
    take each of their values in turn.
    """
    cycled = [
        ("django_release", rules.BY_KEY["django_release"].choices),
        ("frontend", rules.BY_KEY["frontend"].choices),
    ]
    combos = []
    for framework in rules.FRAMEWORKS:
        for needs in rules.valid_combinations([framework]):
            for jobs in rules.BY_KEY["jobs"].choices:
                answers = {**needs, "deploy": "kubernetes", "jobs": jobs}
                if rules.errors(answers):
                    continue
                index = len(combos)
                answers |= {key: values[(index // (n + 1)) % len(values)] for n, (key, values) in enumerate(cycled)}
                combos.append(answers)
    return combos


def combo_id(answers: Mapping[str, Any]) -> str:
    flags = "".join(
        letter if answers[key] else "-"
        for key, letter in (
            ("use_orm", "o"),
            ("use_admin", "a"),
            ("use_auth", "u"),
            ("use_async", "s"),
            ("use_api", "p"),
        )
    )
    database = answers["database"] if answers["use_orm"] else "nodb"
    return f"{answers['framework']}-{database}-{flags}-{answers['jobs']}"


@functools.cache
def jinja_environment(framework: str) -> Any:
    """cookiecutter's Jinja environment for a layer: its loader path and the template's extensions."""
    from cookiecutter.environment import StrictEnvironment  # noqa: PLC0415
    from jinja2 import FileSystemLoader  # noqa: PLC0415

    extensions = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))["_extensions"]
    layer = layers.layer_dir(ROOT, framework)
    return StrictEnvironment(
        context={"cookiecutter": {"_extensions": extensions}},
        keep_trailing_newline=True,
        loader=FileSystemLoader([str(layer / layers.TEMPLATE), str(layer / layers.SHARED), str(ROOT / layers.SHARED)]),
    )


def quick_render(answers: Mapping[str, Any], out: Path) -> Path:
    """The project's deploy/ folder and .env.example, as the layer renders and its manifest prunes them."""
    framework = answers["framework"]
    layer = layers.layer_dir(ROOT, framework)
    tree = layer / layers.TEMPLATE
    context = rules.template_context(answers)
    env = jinja_environment(framework)
    for source in [*sorted((tree / "deploy").rglob("*")), tree / ".env.example"]:
        if source.is_file():
            relative = source.relative_to(tree).as_posix()
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(env.get_template(relative).render(cookiecutter=context), encoding="utf-8")
    layers.prune(out, [layers.load(layer)], {**answers, "__framework": framework})
    return out


def digest(folder: Path) -> str:
    """One hash of every file under ``folder`` (names and contents)."""
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


# ------------------------------------------------------------------ building and validating


def kustomize(folder: Path) -> list[dict[str, Any]]:
    """``kubectl kustomize folder``: its objects."""
    assert KUBECTL
    result = subprocess.run([KUBECTL, "kustomize", str(folder)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"kubectl kustomize {folder} failed:\n{result.stderr}"
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def build_all(deploy: Path, secrets_env: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The base and both overlays, each overlay with ``secrets_env`` (default: the example) as its secrets.env."""
    text = secrets_env if secrets_env is not None else (deploy / "secrets.env.example").read_text(encoding="utf-8")
    for environment in ENVIRONMENTS:
        (deploy / "overlays" / environment / "secrets.env").write_text(text, encoding="utf-8")
    return {target: kustomize(deploy / target) for target in BUILDS}


def minors() -> list[str]:
    """The newest Kubernetes minor kubernetes-validate has schemas for, and the two before it."""
    found = {".".join(version.split(".")[:2]) for version in kv_utils.all_versions()}
    return sorted(found, key=Version)[-3:]


@pytest.fixture
def validate(monkeypatch: pytest.MonkeyPatch) -> Any:
    """kubernetes-validate's strict check of one object for one minor; each schema file read once."""
    monkeypatch.setattr(kv_utils, "schema_contents", functools.cache(kv_utils.schema_contents))

    def check(obj: Mapping[str, Any], minor: str) -> str | None:
        try:
            kubernetes_validate.validate(dict(obj), minor, strict=True)
        except kubernetes_validate.ValidationError as error:
            where = ".".join(str(part) for part in error.path)
            return f"{obj['kind']}/{obj['metadata']['name']} against {minor}: {where}: {error.message}"
        except kubernetes_validate.SchemaNotFoundError as error:
            return f"{obj['kind']}/{obj['metadata']['name']}: {error.message}"
        return None

    return check


# ------------------------------------------------------------------ what every build must say


def env_example(path: Path) -> dict[str, str]:
    """The variables .env.example documents (set or shown commented out), with their example values."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENV_LINE.match(line)
        if match:
            found.setdefault(match.group(1), match.group(2))
    return found


def is_secret(key: str, example: str) -> bool:
    """Credentials, and the address of a service (a URL that is not a web page's: it may carry a password)."""
    if SECRET_NAME.search(key):
        return True
    return "://" in example and urlsplit(example).scheme not in ("http", "https")


def production_settings(path: Path) -> tuple[set[str], set[str]]:
    """What .env.example says production reads: (all its keys, the secrets among them)."""
    documented = {key: value for key, value in env_example(path).items() if key not in NOT_PRODUCTION}
    return set(documented), {key for key, value in documented.items() if is_secret(key, value)}


def quantity(value: str | int) -> float:
    match = QUANTITY.match(str(value))
    assert match, f"unreadable quantity {value!r}"
    return float(match.group(1)) * UNITS[match.group(2)]


def by_kind(objects: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Objects by (kind, name), generated names without their hash suffix."""
    index = {}
    for obj in objects:
        name = obj["metadata"]["name"]
        if obj["kind"] in ("ConfigMap", "Secret"):
            name = re.sub(r"-[a-z0-9]{10}$", "", name)
        index[obj["kind"], name] = obj
    return index


def matches(selector: Mapping[str, str], labels: Mapping[str, str]) -> bool:
    return bool(selector) and all(labels.get(key) == value for key, value in selector.items())


def pod_problems(name: str, pod: Mapping[str, Any]) -> list[str]:
    """What breaks the restricted Pod Security Standard in a pod's own settings."""
    problems = []
    spec = pod["spec"]
    security = spec.get("securityContext", {})
    if security.get("runAsNonRoot") is not True or not security.get("runAsUser"):
        problems.append(f"{name}: the pod may run as root")
    if security.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        problems.append(f"{name}: no RuntimeDefault seccomp profile")
    if spec.get("automountServiceAccountToken") is not False:
        problems.append(f"{name}: the pod gets an API token it does not use")
    problems += [f"{name}: {key}" for key in ("hostNetwork", "hostPID", "hostIPC") if spec.get(key)]
    if any(set(volume) - {"name", "emptyDir"} for volume in spec.get("volumes", [])):
        problems.append(f"{name}: a volume other than an emptyDir")
    return problems


def container_problems(where: str, container: Mapping[str, Any], scratch: set[str], configs: set[str]) -> list[str]:
    """A container that may gain privileges, write its root, grow unbounded, or miss its settings."""
    problems = []
    context = container.get("securityContext", {})
    if context.get("allowPrivilegeEscalation") is not False or context.get("privileged"):
        problems.append(f"{where}: privilege escalation allowed")
    if context.get("readOnlyRootFilesystem") is not True:
        problems.append(f"{where}: the root file system is writable")
    if context.get("capabilities", {}).get("drop") != ["ALL"] or context.get("capabilities", {}).get("add"):
        problems.append(f"{where}: Linux capabilities kept")
    resources = container.get("resources", {})
    for resource in ("cpu", "memory"):
        request = resources.get("requests", {}).get(resource)
        limit = resources.get("limits", {}).get(resource)
        if request is None or limit is None:
            problems.append(f"{where}: no {resource} request and limit")
        elif quantity(request) > quantity(limit):
            problems.append(f"{where}: {resource} request above its limit")
    if not [m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp" and m["name"] in scratch]:
        problems.append(f"{where}: no writable /tmp (an emptyDir)")
    refs = {ref.get("configMapRef", ref.get("secretRef", {})).get("name") for ref in container.get("envFrom", [])}
    if refs != configs:
        problems.append(f"{where}: takes its settings from {sorted(refs)}, not from {sorted(configs)}")
    return problems


def expected_objects(answers: Mapping[str, Any], overlay: bool) -> set[tuple[str, str]]:
    """The issue's list: (kind, name) of every object a build must hold, and nothing else."""
    expected = {("Namespace", ""), ("ConfigMap", "config"), ("Deployment", "web"), ("Service", "web"),
                ("Ingress", "web"), ("HorizontalPodAutoscaler", "web"), ("PodDisruptionBudget", "web")}  # fmt: skip
    if overlay:
        expected.add(("Secret", "secrets"))
    if answers["use_orm"]:
        expected.add(("Job", "migrate"))
    if answers["jobs"] == "celery":
        expected |= {("Deployment", "worker"), ("HorizontalPodAutoscaler", "worker"),
                     ("PodDisruptionBudget", "worker"), ("Deployment", "scheduler")}  # fmt: skip
    return expected


def workload_problems(answers: Mapping[str, Any], index: Mapping[tuple[str, str], Any], configs: set[str]) -> list[str]:
    """Every pod: restricted, bounded, configured; the pods wait for the migrations; the scaling rules."""
    problems = []
    for (kind, name), workload in index.items():
        if kind not in ("Deployment", "Job"):
            continue
        pod = workload["spec"]["template"]
        problems += pod_problems(name, pod)
        scratch = {volume["name"] for volume in pod["spec"].get("volumes", []) if "emptyDir" in volume}
        for container in pod["spec"].get("initContainers", []) + pod["spec"]["containers"]:
            problems += container_problems(f"{name}/{container['name']}", container, scratch, configs)
        waits = [c["name"] for c in pod["spec"].get("initContainers", [])]
        if name != "migrate" and waits != (["wait-for-migrations"] if answers["use_orm"] else []):
            problems.append(f"{name}: init containers {waits}")
    scaled = {
        obj["spec"]["scaleTargetRef"]["name"] for (kind, _), obj in index.items() if kind == "HorizontalPodAutoscaler"
    }
    for name in scaled:
        deployment = index.get(("Deployment", name))
        budget = index.get(("PodDisruptionBudget", name))
        if deployment is None:
            problems.append(f"an autoscaler targets {name}, which is not a Deployment")
        elif "replicas" in deployment["spec"]:
            problems.append(f"{name}: replicas set beside its autoscaler (each apply would reset them)")
        elif not budget or not matches(
            budget["spec"]["selector"]["matchLabels"], deployment["spec"]["template"]["metadata"]["labels"]
        ):
            problems.append(f"{name}: no PodDisruptionBudget selecting its pods")
    if answers["jobs"] == "celery":
        scheduler = index["Deployment", "scheduler"]["spec"]
        once = scheduler.get("replicas") == 1 and scheduler.get("strategy", {}).get("type") == "Recreate"
        if not once or "scheduler" in scaled:
            problems.append("the scheduler is not exactly one pod, never two during a rollout")
    return problems


def web_problems(index: Mapping[tuple[str, str], Any]) -> list[str]:
    """The web pods: probed on their port, stopped gracefully, behind the Service, the Ingress and TLS."""
    problems = []
    web = index["Deployment", "web"]["spec"]["template"]
    container = next(c for c in web["spec"]["containers"] if c["name"] == "web")
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    kinds = ("startup", "liveness", "readiness")
    probes = {kind: container.get(f"{kind}Probe", {}).get("httpGet", {}) for kind in kinds}
    if any(probe.get("port") not in ports for probe in probes.values()):
        problems.append(f"web: probes {probes} not on a port of the container {ports}")
    if probes["readiness"].get("path") == probes["liveness"].get("path") or probes["startup"] != probes["liveness"]:
        problems.append(f"web: readiness and liveness must differ, startup must be liveness: {probes}")
    grace = web["spec"].get("terminationGracePeriodSeconds", 30)
    pre_stop = container.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
    if not 0 < pre_stop < grace:
        problems.append(f"web: the preStop pause ({pre_stop} s) does not fit the grace period ({grace} s)")
    service = index["Service", "web"]["spec"]
    if not matches(service["selector"], web["metadata"]["labels"]):
        problems.append("the web Service selects no web pod")
    if {p["targetPort"] for p in service["ports"]} - set(ports):
        problems.append("the web Service targets a port the container does not name")
    ingress = index["Ingress", "web"]["spec"]
    backend = ingress["rules"][0]["http"]["paths"][0]["backend"]["service"]
    if backend["name"] != "web" or backend["port"].get("name") not in {p["name"] for p in service["ports"]}:
        problems.append(f"the Ingress routes to {backend}, not to the web Service")
    if [rule["host"] for rule in ingress["rules"]] != ingress["tls"][0]["hosts"]:
        problems.append("the Ingress serves a host its TLS certificate does not cover")
    return problems


def settings_problems(answers: Mapping[str, Any], index: Mapping[tuple[str, str], Any], env_file: Path) -> list[str]:
    """An overlay's ConfigMap and Secret hold exactly .env.example's production settings; the Ingress serves the first host."""
    problems = []
    config = index["ConfigMap", "config"].get("data", {})
    secret = index["Secret", "secrets"].get("data", {})
    hosts_key = "DJANGO_ALLOWED_HOSTS" if answers["framework"] == "django" else "FLASK_TRUSTED_HOSTS"
    if index["Ingress", "web"]["spec"]["rules"][0]["host"] != config.get(hosts_key, "").split(",")[0]:
        problems.append(f"the Ingress host is not the first of {hosts_key}")
    keys, secret_keys = production_settings(env_file)
    if set(config) | set(secret) != keys:
        problems.append(
            f"ConfigMap and Secret miss {sorted(keys - set(config) - set(secret))}, "
            f"add {sorted((set(config) | set(secret)) - keys)} (.env.example's production settings)"
        )
    if set(secret) != secret_keys:
        problems.append(f"the Secret holds {sorted(secret)}, .env.example's secrets are {sorted(secret_keys)}")
    if set(config) & set(secret):
        problems.append(f"in both the ConfigMap and the Secret: {sorted(set(config) & set(secret))}")
    return problems


def build_problems(answers: Mapping[str, Any], target: str, objects: list[dict[str, Any]]) -> list[str]:
    """Everything one build gets wrong against the issue's list, its settings aside (an empty list: nothing)."""
    index = by_kind(objects)
    overlay = target != "base"
    expected = expected_objects(answers, overlay)
    found = {(kind, "" if kind == "Namespace" else name) for kind, name in index}
    if found != expected or len(index) != len(objects):
        return [f"objects: missing {sorted(expected - found)}, unexpected {sorted(found - expected)}"]
    problems = []
    namespace = next(obj for obj in objects if obj["kind"] == "Namespace")
    if namespace["metadata"].get("labels", {}).get("pod-security.kubernetes.io/enforce") != "restricted":
        problems.append("the namespace does not enforce the restricted Pod Security Standard")
    namespaces = {obj["metadata"].get("namespace") for obj in objects if obj["kind"] != "Namespace"}
    if namespaces != {namespace["metadata"]["name"]}:
        problems.append(f"objects in namespaces {namespaces}, not in {namespace['metadata']['name']}")
    # The overlays generate the Secret (and give both their hashed names).
    configs = {obj["metadata"]["name"] for obj in objects if obj["kind"] in ("ConfigMap", "Secret")}
    problems += workload_problems(answers, index, configs if overlay else configs | {"secrets"})
    problems += web_problems(index)
    return problems


# ------------------------------------------------------------------ the tests


def test_every_combination_builds_and_validates(tmp_path: Path, validate: Any) -> None:
    combos = kubernetes_combinations()
    assert {c["framework"] for c in combos} == set(rules.FRAMEWORKS)
    started = time.monotonic()
    builds: dict[str, dict[str, list[dict[str, Any]]]] = {}  # deploy folder's digest -> its builds
    counts: dict[str, Counter[str]] = {}
    problems: list[str] = []
    for index, answers in enumerate(combos):
        project = quick_render(answers, tmp_path / str(index))
        key = digest(project / "deploy")
        if key not in builds:
            builds[key] = build_all(project / "deploy")
            problems += [
                f"{combo_id(answers)} {target}: {problem}"
                for target, objects in builds[key].items()
                for problem in build_problems(answers, target, objects)
            ]
        problems += [
            f"{combo_id(answers)} {target}: {problem}"
            for target in BUILDS[1:]
            for problem in settings_problems(answers, by_kind(builds[key][target]), project / ".env.example")
        ]
        counts[combo_id(answers)] = Counter({target: len(objects) for target, objects in builds[key].items()})
        shutil.rmtree(project)
    built = time.monotonic()

    distinct = {
        json.dumps(obj, sort_keys=True) for found in builds.values() for objects in found.values() for obj in objects
    }
    checked = minors()
    assert len(checked) == 3, checked
    problems += [
        problem for text in sorted(distinct) for minor in checked if (problem := validate(json.loads(text), minor))
    ]
    assert not problems, "\n".join(problems[:40])

    sizes = Counter(f"{c['base']}/{c['overlays/staging']}/{c['overlays/production']}" for c in counts.values())
    print(
        f"\n{len(combos)} combinations ({Counter(c['framework'] for c in combos)}), {len(builds)} distinct deploy folders, "
        f"{3 * len(builds)} kustomize builds in {built - started:.1f} s; {len(distinct)} distinct objects x "
        f"Kubernetes {', '.join(checked)} = {len(distinct) * len(checked)} validations in {time.monotonic() - built:.1f} s; "
        f"objects (base/staging/production) per combination: {dict(sizes)}"
    )


def test_the_validator_refuses_a_broken_manifest(tmp_path: Path, validate: Any) -> None:
    """The validation can fail: a misspelt field and a wrong type are refused for every minor."""
    answers = kubernetes_combinations()[0]
    objects = build_all(quick_render(answers, tmp_path) / "deploy")["overlays/production"]
    web = next(obj for obj in objects if obj["kind"] == "Deployment" and obj["metadata"]["name"] == "web")
    container = web["spec"]["template"]["spec"]["containers"][0]
    for minor in minors():
        assert validate(web, minor) is None
        misspelt = json.loads(json.dumps(web))
        misspelt["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = container["readinessProbe"]
        assert "readinesProbe" in (validate(misspelt, minor) or "")
        mistyped = json.loads(json.dumps(web))
        mistyped["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "http"
        assert validate(mistyped, minor)


@pytest.mark.parametrize(
    "answers",
    [
        {"framework": "django", "database": "postgresql", "jobs": "celery", "use_async": True},
        {"framework": "flask", "database": "mysql", "use_auth": False, "use_admin": False},
    ],
    ids=["django", "flask"],
)
def test_the_quick_render_is_the_render(tmp_path: Path, answers: dict[str, Any]) -> None:
    """The quick render of every combination gives what cookiecutter gives the project."""
    complete = rules.complete({**answers, "deploy": "kubernetes"})
    project = matrix.render(complete, tmp_path / "full")
    quick = quick_render(complete, tmp_path / "quick")
    assert digest(quick / "deploy") == digest(project / "deploy")
    assert (quick / ".env.example").read_bytes() == (project / ".env.example").read_bytes()


DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
IMAGE_NAME = re.compile(
    r"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?$"
)


@pytest.mark.parametrize("slug", ["_private_site", "MySite", "x__y", "site_", "a" * (rules.MAX_SLUG - 5) + "_site"])
def test_any_package_name_makes_kubernetes_names(tmp_path: Path, slug: str) -> None:
    """Namespaces are DNS labels (63 characters at most), images valid references, whatever the slug."""
    assert rules.check_slug(slug) is None
    for framework in rules.FRAMEWORKS:
        answers = rules.complete({"framework": framework, "database": "postgresql", "jobs": "celery",
                                  "deploy": "kubernetes", "project_slug": slug})  # fmt: skip
        builds = build_all(quick_render(answers, tmp_path / framework) / "deploy")
        for target, objects in builds.items():
            namespace = next(obj["metadata"]["name"] for obj in objects if obj["kind"] == "Namespace")
            assert DNS_LABEL.match(namespace) and len(namespace) <= 63, (target, namespace)
            images = {c["image"] for obj in objects if obj["kind"] in ("Deployment", "Job")
                      for c in obj["spec"]["template"]["spec"]["containers"]}  # fmt: skip
            assert images and all(IMAGE_NAME.match(image) for image in images), (target, images)


@pytest.mark.parametrize("framework", rules.FRAMEWORKS)
def test_the_secrets_stay_out_of_git_and_the_image(tmp_path: Path, framework: str) -> None:
    project = matrix.render(
        rules.complete({"framework": framework, "database": "postgresql", "deploy": "kubernetes"}), tmp_path
    )
    for environment in ENVIRONMENTS:
        (project / "deploy" / "overlays" / environment / "secrets.env").write_text("X=1\n", encoding="utf-8")
    subprocess.run(["git", "init", "--quiet"], cwd=project, check=True)
    ignored = subprocess.run(
        ["git", "check-ignore", "deploy/overlays/staging/secrets.env", "deploy/overlays/production/secrets.env"],
        cwd=project, capture_output=True, text=True, check=False,
    ).stdout.split()  # fmt: skip
    assert ignored == ["deploy/overlays/staging/secrets.env", "deploy/overlays/production/secrets.env"]
    assert "deploy" in (project / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "secrets.env" not in subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True,
                                               text=True, check=True).stdout  # fmt: skip


@pytest.mark.parametrize("framework", rules.FRAMEWORKS)
def test_compose_projects_get_no_manifests(tmp_path: Path, framework: str) -> None:
    project = matrix.render(rules.complete({"framework": framework, "database": "postgresql"}), tmp_path)
    assert not (project / "deploy").exists()
    assert "kubernetes" not in (project / "README.md").read_text(encoding="utf-8").lower()
    assert "deploy" not in (project / ".dockerignore").read_text(encoding="utf-8").splitlines()


# ------------------------------------------------------------------ the project runs as the manifests run it


def missing(reason: str) -> None:
    """A missing service or capability: a failure in CI, a skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the wiring tests must run)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def image_facts(dockerfile: Path) -> tuple[dict[str, str], list[str], int, int]:
    """The final stage's environment, command, exposed port and user id, as the Dockerfile states them."""
    text = dockerfile.read_text(encoding="utf-8").replace("\\\n", " ")
    final = text[text.rindex("\nFROM ") :]
    env: dict[str, str] = {}
    for line in final.splitlines():
        if line.startswith("ENV "):
            env |= dict(item.split("=", 1) for item in shlex.split(line[4:]))
    command = json.loads(re.search(r"^CMD (\[.*\])$", final, re.MULTILINE).group(1))  # type: ignore[union-attr]
    port = int(re.search(r"^EXPOSE (\d+)$", final, re.MULTILINE).group(1))  # type: ignore[union-attr]
    uid = int(re.search(r"useradd [^\n]*--uid (\d+)", final).group(1))  # type: ignore[union-attr]
    gid = int(re.search(r"groupadd [^\n]*--gid (\d+)", final).group(1))  # type: ignore[union-attr]
    assert gid == uid, "the manifests run the pods with the image's user id as their group"
    return env, command, port, uid


def server_facts(project: Path, command: list[str]) -> tuple[int, int]:
    """The port the image's server listens on and the seconds it gives requests to finish on a stop."""
    if command[0] == "uvicorn":
        return int(command[command.index("--port") + 1]), int(command[command.index("--timeout-graceful-shutdown") + 1])
    assert command[0] == "gunicorn", command
    saved = {key: os.environ.pop(key) for key in list(os.environ) if key.startswith("GUNICORN_")}
    try:
        settings = runpy.run_path(str(project / "gunicorn.conf.py"))
    finally:
        os.environ.update(saved)
    return int(settings["bind"].rsplit(":", 1)[1]), int(settings["graceful_timeout"])


def on_port(command: list[str], port: int) -> list[str]:
    """The image's command listening on loopback at ``port`` (the pod has its own network; this machine, the others' tests)."""
    if command[0] == "gunicorn":
        return [*command, "--bind", f"127.0.0.1:{port}"]
    command = list(command)
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--port") + 1] = str(port)
    return command


def local_secrets(example: Path, database: str, redis: str) -> str:
    """secrets.env with local values for the keys of secrets.env.example, by the form of each example."""
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, example_value = line.split("=", 1)
        if example_value.startswith(("redis://", "rediss://")):
            value = redis
        elif "@HOST:" in example_value:
            value = database
        elif example_value.startswith("smtp"):
            value = "smtp://127.0.0.1:1025"
        elif re.search(r"SECRET|SALT", key):
            value = secrets.token_urlsafe(48)
        else:
            assert not example_value, f"no local value for {key}={example_value}"
            value = ""
        lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def traversable(path: Path) -> bool:
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


def sandbox_script(uid: int, home: Path, needed: list[Path], stash: Path) -> str:
    """Shell run as root in a private mount namespace, then exec'd into the command as ``uid``.

    The root file system becomes read-only and /tmp a 64 MiB tmpfs (the pods' emptyDir); the
    process runs as ``uid`` with no capability and no way to gain one, and /etc/passwd and
    /etc/group know it as the image's "app" user. Paths it needs behind a folder only root may
    enter (this machine's Python lives under /root) are bound into a traversable stand-in for
    that folder, as the image has them in /opt or /usr.
    """
    stash.mkdir(parents=True, exist_ok=True)
    lines = ["set -eu"]
    for name, entry in (("passwd", f"app:x:{uid}:{uid}::{home}:/usr/sbin/nologin"), ("group", f"app:x:{uid}:")):
        copy = stash / name
        copy.write_text(Path("/etc", name).read_text(encoding="utf-8") + entry + "\n", encoding="utf-8")
        lines.append(f"mount --bind {shlex.quote(str(copy))} /etc/{name}")
    hidden: dict[Path, list[Path]] = {}
    for path in needed:
        if not traversable(path):
            top = next(p for p in reversed([path, *path.parents]) if not p.stat().st_mode & 0o001)
            hidden.setdefault(top, []).append(path)
    for top, paths in hidden.items():
        for n, path in enumerate(paths):
            keep = stash / f"{top.name}-{n}"
            keep.mkdir(parents=True, exist_ok=True)
            lines.append(f"mount --rbind {shlex.quote(str(path))} {shlex.quote(str(keep))}")
        lines.append(f"mount -t tmpfs -o mode=0755 stand-in {shlex.quote(str(top))}")
        for n, path in enumerate(paths):
            keep = stash / f"{top.name}-{n}"
            lines += [
                f"mkdir -p {shlex.quote(str(path))}",
                f"mount --move {shlex.quote(str(keep))} {shlex.quote(str(path))}",
            ]
    lines += [
        # Every mount read-only but the kernel's own (/proc, /sys, /dev), then the writable /tmp.
        "findmnt -rno TARGET | grep -Ev '^/(proc|sys|dev)(/|$)' | while read -r target; do"
        ' mount -o remount,bind,ro "$(printf "%b" "$target")" 2>/dev/null || mount -o remount,ro "$(printf "%b" "$target")"; done',
        "mount -t tmpfs -o mode=1777,size=64m emptydir /tmp",
        f'exec setpriv --reuid {uid} --regid {uid} --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"',
    ]
    return "\n".join(lines)


class Pods:
    """Runs commands the way the manifests' pods run them: the settings of the ConfigMap and the
    Secret only, the image's environment, its working directory, its user, a read-only root.
    """

    def __init__(self, app: Path, env: dict[str, str], uid: int, needed: list[Path], stash: Path) -> None:
        self.app = app
        self.env = env
        self.script = sandbox_script(uid, app, needed, stash)
        self.sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]

    def args(self, command: list[str]) -> list[str]:
        settings = [f"{key}={value}" for key, value in self.env.items()]
        sandbox = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", self.script, "pod"]
        return [*self.sudo, "env", "-i", *settings, *sandbox, *command]

    @contextmanager
    def running(self, command: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
        """``command`` running in a pod; killed (with its children) at the end."""
        with log.open("wb") as out:
            child = subprocess.Popen(
                self.args(command), cwd=self.app, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            yield child
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()

    def run(self, command: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.args(command), cwd=self.app, capture_output=True, text=True, timeout=timeout, check=False
        )


def wait_for(log: Path, child: subprocess.Popen[bytes], text: str, timeout: float = 60) -> None:
    """Until ``text`` shows in the log; a failure showing the log if the process ends or time runs out."""
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        if child.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"no {text!r} (exit {child.poll()}):\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.3)


def no_write_failed(logs: Path) -> None:
    """No process of a pod tried to write outside /tmp (they may log it and go on)."""
    for log in sorted(logs.glob("*.log")):
        text = log.read_text(errors="replace")
        assert "Read-only file system" not in text and "Errno 30" not in text, f"{log.name}:\n{text[-4000:]}"


def probe(port: int, path: str) -> int:
    """The status of GET ``path`` as the kubelet sends it: plain HTTP, the pod's address as the Host."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "10.0.0.7"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def container(objects: Mapping[tuple[str, str], dict[str, Any]], name: str) -> dict[str, Any]:
    kind = "Job" if name == "migrate" else "Deployment"
    containers: list[dict[str, Any]] = objects[kind, name]["spec"]["template"]["spec"]["containers"]
    return containers[0]


@pytest.mark.matrix
@pytest.mark.parametrize(
    ("framework", "use_async", "jobs"),
    [("django", False, "celery"), ("django", True, "none"), ("flask", False, "celery")],
    ids=["django-gunicorn-celery", "django-uvicorn", "flask-gunicorn-celery"],
)
def test_the_project_runs_as_the_manifests_run_it(tmp_path: Path, framework: str, use_async: bool, jobs: str) -> None:
    for service in ("postgresql", "redis"):
        if not matrix.service_answers(service):
            missing(f"{service} does not answer on 127.0.0.1")
    answers = {**matrix.full_option(framework, "postgresql"), "use_celery": False, "jobs": jobs,
               "use_async": use_async, "deploy": "kubernetes"}  # fmt: skip
    project = matrix.render(answers, tmp_path / "out")
    venv = matrix.build_env(framework, tmp_path, matrix.track_of(answers))
    image_env, command, exposed, uid = image_facts(project / "Dockerfile")
    port, graceful = server_facts(project, command)

    # The user's part: a real sender (Flask refuses example.com) and the secrets of this machine.
    config = project / "deploy" / "base" / "config.env"
    config.write_text(config.read_text(encoding="utf-8").replace("example.com", "mysite.test"), encoding="utf-8")
    with matrix.fresh_database(framework, "postgresql") as database:
        assert database
        secrets_env = local_secrets(project / "deploy" / "secrets.env.example", database, matrix.redis_url())
        objects = by_kind(build_all(project / "deploy", secrets_env)["overlays/production"])
        settings = objects["ConfigMap", "config"]["data"] | {
            key: base64.b64decode(value).decode() for key, value in objects["Secret", "secrets"]["data"].items()
        }
        web_pod = objects["Deployment", "web"]["spec"]["template"]["spec"]
        web = container(objects, "web")
        probes = {kind: web[f"{kind}Probe"]["httpGet"]["path"] for kind in ("liveness", "readiness")}
        pre_stop = web["lifecycle"]["preStop"]["sleep"]["seconds"]
        # The manifests and the image agree: its user, its port, its stop.
        assert web_pod["securityContext"]["runAsUser"] == web_pod["securityContext"]["runAsGroup"] == uid
        assert web["ports"][0]["containerPort"] == exposed == port
        assert "command" not in web  # the image's command
        assert web_pod["terminationGracePeriodSeconds"] >= pre_stop + graceful

        # The image: the code where the Dockerfile puts it, what its build makes, nothing else.
        scratch = ROOT / ".cache" / "kubernetes" / uuid.uuid4().hex[:12]
        app = scratch / "app"
        shutil.copytree(project, app, ignore=shutil.ignore_patterns(".env", "deploy", ".git"))
        try:
            env = {**image_env, "PATH": f"{venv.bin}:/usr/local/bin:/usr/bin:/bin", "HOME": str(app),
                   "PYTHONPATH": str(app), **settings}  # fmt: skip
            if framework == "django":
                matrix.check_run(["python", "manage.py", "collectstatic", "--noinput"], app, env)
            else:
                (app / "instance").mkdir()
            python = Path(os.path.realpath(venv.bin / "python")).parents[1]
            pods = Pods(app, env, uid, [python, venv.path, app], scratch / "stash")
            check = pods.run(["true"], timeout=30)
            if check.returncode:
                missing(f"no read-only sandbox here (root or sudo -n and mount namespaces): {check.stderr.strip()}")
            # Nothing but /tmp is writable, and the user is the image's.
            script = 'for f in "$1/x" /x /tmp/x; do touch "$f" 2>/dev/null && echo "$f"; done; id -u'
            write = pods.run(["sh", "-c", script, "sh", str(app)], timeout=30)
            assert write.stdout.split() == ["/tmp/x", str(uid)], write
            run_pods(
                pods, objects, framework, jobs, tmp_path, on_port(command, free_port()), probes, pre_stop, graceful
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def run_pods(
    pods: Pods,
    objects: Mapping[tuple[str, str], dict[str, Any]],
    framework: str,
    jobs: str,
    logs: Path,
    server: list[str],
    probes: dict[str, str],
    pre_stop: int,
    graceful: int,
) -> None:
    """The rollout, pod by pod: the wait for the migrations, the Job, the web server, the workers."""
    web_pod = objects["Deployment", "web"]["spec"]["template"]["spec"]
    wait = web_pod["initContainers"][0]["command"]
    with pods.running(wait, logs / "wait.log") as waiting:  # before the Job: the pods wait
        wait_for(logs / "wait.log", waiting, "waiting for the migrate Job")
    job = pods.run(container(objects, "migrate")["command"])
    (logs / "migrate.log").write_text(job.stdout + job.stderr)
    assert job.returncode == 0, job.stdout[-3000:] + job.stderr[-3000:]
    waited = pods.run(wait, timeout=60)  # after it: they start
    (logs / "waited.log").write_text(waited.stdout + waited.stderr)
    assert waited.returncode == 0, waited.stdout[-3000:] + waited.stderr[-3000:]

    port = int(server[server.index("--port") + 1]) if "--port" in server else int(server[-1].rsplit(":", 1)[1])
    with pods.running(server, logs / "web.log") as web:
        deadline = time.monotonic() + 60
        while True:
            try:
                live = probe(port, probes["liveness"])
                break
            except OSError:
                if web.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the web server did not start:\n{(logs / 'web.log').read_text()[-4000:]}")
                time.sleep(0.3)
        assert live == 200
        # Ready with no worker running: readiness asks the database and Redis, never a worker.
        assert probe(port, probes["readiness"]) == 200, (logs / "web.log").read_text()[-4000:]
        if jobs == "celery":
            slug = objects["Deployment", "worker"]["spec"]["template"]["spec"]["containers"][0]["command"][2]
            for name, ready in (("worker", "ready."), ("scheduler", "beat: Starting")):
                command = container(objects, name)["command"]
                assert command[:3] == ["celery", "-A", slug], command
                with pods.running(command, logs / f"{name}.log") as child:
                    wait_for(logs / f"{name}.log", child, ready)
                    time.sleep(2)
                    assert child.poll() is None, (logs / f"{name}.log").read_text()[-4000:]
                    child.send_signal(signal.SIGTERM)
                    assert child.wait(timeout=30) == 0, (logs / f"{name}.log").read_text()[-4000:]
        # A stop: the server finishes within its graceful time, which the grace period covers.
        started = time.monotonic()
        web.send_signal(signal.SIGTERM)
        assert web.wait(timeout=graceful) == 0, (logs / "web.log").read_text()[-4000:]
        assert time.monotonic() - started < graceful
    no_write_failed(logs)
