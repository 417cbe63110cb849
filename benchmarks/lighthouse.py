"""Lighthouse scores of each framework's production home and sign-in pages (goal: 95+ each).

Each framework's full-option project is served as the end-to-end tests serve it
(tests/e2e/test_browser.py: PostgreSQL, a Celery worker, the production server and
settings over HTTPS with a throw-away certificate), and Lighthouse 12.2.3 (from the npm
registry, installed once into benchmarks/lighthouse/ by ``npm ci``; 12.2.3 is the last
release that runs on Node 20) audits the home page and the sign-in page with Debian's
Chromium, in Lighthouse's default mobile emulation (a mid-range phone, slow 4G, simulated).
It prints the accessibility, best-practices and performance scores of each page, each
the median of ``--runs`` runs, and keeps each report under .artifacts/lighthouse/.

Needs what the end-to-end tests need (Chromium, PostgreSQL, Redis) and Node with npm.

Run: python benchmarks/lighthouse.py [--runs 3] [django|flask ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e import browser  # noqa: E402
from tests.e2e.conftest import MailCatcher, free_port  # noqa: E402
from tests.e2e.test_browser import served  # noqa: E402

HERE = Path(__file__).resolve().parent / "lighthouse"
REPORTS = ROOT / ".artifacts" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "performance")
PAGES = {
    "django": {"home": "/", "sign-in": "/accounts/login/"},
    "flask": {"home": "/", "sign-in": "/auth/login"},
}
GOAL = 95


def lighthouse() -> Path:
    """The Lighthouse command line, installed from package-lock.json on first use."""
    cli = HERE / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return cli


def audit(cli: Path, url: str, report: Path) -> dict[str, int]:
    """One Lighthouse run: each category's score, 0 to 100."""
    chromium = browser.executable()
    assert chromium, "chromium is not installed: python -m tests.e2e.browser install"
    flags = " ".join([*browser.ARGS, "--ignore-certificate-errors"])
    subprocess.run(
        [str(cli), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
         f"--output-path={report}", f"--chrome-flags={flags}", "--quiet"],
        check=True, env={**os.environ, "CHROME_PATH": chromium},
    )  # fmt: skip
    result = json.loads(report.read_text())
    return {name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES}


def main() -> None:
    """Serve each framework's project, audit its pages, print the scores; exit 1 below the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("frameworks", nargs="*", default=list(PAGES))
    options = parser.parse_args()
    cli = lighthouse()
    REPORTS.mkdir(parents=True, exist_ok=True)
    print(f"Lighthouse 12.2.3, mobile emulation, median of {options.runs} runs (goal: {GOAL}+ in each)")
    print(f"{'page':<18}" + "".join(f"{name:>16}" for name in CATEGORIES))
    failed = False
    for framework in options.frameworks:
        with tempfile.TemporaryDirectory() as scratch:
            tmp = Path(scratch)
            cert, key = tmp / "cert.pem", tmp / "key.pem"
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                 "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                check=True, capture_output=True,
            )  # fmt: skip
            from aiosmtpd.controller import Controller  # noqa: PLC0415

            mail = MailCatcher(port=free_port())
            controller = Controller(mail, hostname="127.0.0.1", port=mail.port)
            controller.start()
            try:
                with served(framework, tmp, mail, (cert, key)) as site:
                    for name, path in PAGES[framework].items():
                        runs = [
                            audit(cli, site.base + path, REPORTS / f"{framework}-{name}-{run}.json")
                            for run in range(options.runs)
                        ]
                        scores = {c: int(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                        failed |= any(score < GOAL for score in scores.values())
                        label = f"{framework} {name}"
                        print(f"{label:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES), flush=True)
            finally:
                controller.stop()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
