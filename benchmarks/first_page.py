"""From nothing to a served page: ``startwise new --no-input`` until the home page answers.

For the default project of each framework (``startwise new --no-input``, with
``--set framework=flask`` for Flask), the README's own path, timed step by step:

- generate: ``startwise new --no-input``;
- install:  ``uv``: ``uv sync --extra dev`` (uv.lock);
            ``pip``: ``python -m venv .venv`` + ``pip install --require-hashes --no-deps -r requirements-dev.txt``;
            ``pip-resolve`` (the path before the lock): venv + ``pip install -e ".[dev]"``;
- migrate:  ``manage.py migrate`` / ``flask --app <slug> db upgrade`` (``uv run`` for uv);
- serve:    ``manage.py runserver`` / ``flask --app <slug> run --debug`` until ``GET /`` answers 200.

The CPU seconds (user + system, every process of the run) show the work done whatever
the machine's load; the wall-clock seconds depend on it. Python keeps the bytecode it compiles, its default
(the benchmark drops PYTHONDONTWRITEBYTECODE from the environment; ``--no-bytecode-cache``
keeps it). Caches are warm: each mode runs
once untimed first, with its cache in ``.cache/benchmarks/`` (uv's and pip's), then
``--runs`` timed runs; the best is printed.
uv is the one installed beside this interpreter (``pip install uv``, in the test extra).

Run: python benchmarks/first_page.py [--runs N] [--mode uv|pip|pip-resolve ...] [django|flask ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "benchmarks"
BIN = Path(sys.executable).parent
MODES = ("uv", "pip", "pip-resolve")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environ(*, bytecode: bool = True) -> dict[str, str]:
    """This process's environment without our venv, with the benchmark's caches.

    ``bytecode``: Python keeps the bytecode it compiles (its default; a machine whose
    environment sets PYTHONDONTWRITEBYTECODE, as this one's does, compiles every module
    from source in every process). False keeps the variable as the environment has it.
    """
    dropped = {"VIRTUAL_ENV", "PYTHONPATH", "DJANGO_SETTINGS_MODULE"}
    if bytecode:
        dropped.add("PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env |= {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "UV_CACHE_DIR": str(CACHE / "uv"),
        "PIP_CACHE_DIR": str(CACHE / "pip"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return env


def run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Run a command to its end; its seconds."""
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"`{' '.join(args)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def serve(args: list[str], cwd: Path, env: dict[str, str], port: int) -> float:
    """Start the development server; seconds until GET / answers 200, then stop it."""
    start = time.perf_counter()
    server = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        while time.perf_counter() - start < 60:
            if server.poll() is not None:
                raise SystemExit(f"`{' '.join(args)}` exited: {server.stderr.read().decode()[-3000:]}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.02)
        raise SystemExit(f"`{' '.join(args)}`: no answer in 60 s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def cpu_seconds() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def once(framework: str, mode: str, folder: Path, *, bytecode: bool) -> dict[str, float]:
    """One run of every step; seconds per step, and the CPU seconds of the whole run."""
    cpu_start = cpu_seconds()
    env = environ(bytecode=bytecode)
    times: dict[str, float] = {}
    sets = ["--set", "framework=flask"] if framework == "flask" else []
    times["generate"] = run([str(BIN / "startwise"), "new", "--no-input", "-o", str(folder), *sets], folder, env)
    project = folder / "my_site"
    uv = str(BIN / "uv")
    if mode == "uv":
        times["install"] = run([uv, "sync", "--extra", "dev"], project, env)
        prefix = [uv, "run"]
    else:
        times["install"] = run([sys.executable, "-m", "venv", ".venv"], project, env)
        pip = [str(project / ".venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
        if mode == "pip":
            times["install"] += run([*pip, "--require-hashes", "--no-deps", "-r", "requirements-dev.txt"], project, env)
        else:
            times["install"] += run([*pip, "-e", ".[dev]"], project, env)
        prefix = []
        env["PATH"] = f"{project / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"
    port = free_port()
    if framework == "django":
        times["migrate"] = run([*prefix, "python", "manage.py", "migrate", "--noinput"], project, env)
        command = [*prefix, "python", "manage.py", "runserver", f"127.0.0.1:{port}"]
    else:
        times["migrate"] = run([*prefix, "flask", "--app", "my_site", "db", "upgrade"], project, env)
        command = [*prefix, "flask", "--app", "my_site", "run", "--debug", "--port", str(port)]
    times["serve"] = serve(command, project, env, port)
    times["total"] = sum(times.values())
    times["cpu"] = cpu_seconds() - cpu_start
    return times


def measure(framework: str, mode: str, runs: int, *, bytecode: bool) -> dict[str, float]:
    """The best of ``runs`` timed runs, after one untimed run that warms the caches."""
    results = []
    for index in range(runs + 1):
        folder = Path(tempfile.mkdtemp(prefix="first-page-"))
        try:
            times = once(framework, mode, folder, bytecode=bytecode)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if index:
            results.append(times)
    return min(results, key=lambda times: times["total"])


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("frameworks", nargs="*", default=["django", "flask"])
    parser.add_argument("--mode", action="append", choices=MODES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as this environment sets it (default: Python's default, bytecode kept)",
    )
    args = parser.parse_args()
    bytecode = not args.no_bytecode_cache
    uv_version = subprocess.run([str(BIN / "uv"), "--version"], capture_output=True, text=True, check=True).stdout
    python = sys.version.split()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    cpus = f"{os.cpu_count()} CPUs (load {load})"
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE", "")
    cache = "bytecode kept" if bytecode else f"PYTHONDONTWRITEBYTECODE={setting!r}"
    print(f"{uv_version.strip()}, Python {python}, {cpus}, warm caches, {cache}, best of {args.runs}")
    for framework in args.frameworks:
        for mode in args.mode or MODES:
            t = measure(framework, mode, args.runs, bytecode=bytecode)
            print(
                f"{framework:7} {mode:11} generate {t['generate']:4.1f} s | install {t['install']:5.1f} s | "
                f"migrate {t['migrate']:4.1f} s | serve {t['serve']:4.1f} s | total {t['total']:5.1f} s "
                f"(CPU {t['cpu']:5.1f} s)"
            )


if __name__ == "__main__":
    main()
