"""The test suite's wall time, and where it goes, beside CI's limit.

Runs pytest as the README's test command does (``-n auto``), with a JUnit XML report,
then prints the wall clock (and its share of CI's 90-minute limit), the summed test
time by group (the combination matrix, the full-option projects, the end-to-end
browser tests, the rest) and the slowest tests. Extra arguments go to pytest, e.g.
``-m matrix`` for the matrix alone, or ``-k`` to try it on a few tests.

Run: python benchmarks/suite.py [pytest arguments...]
"""

from __future__ import annotations

import collections
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CI_LIMIT = 90 * 60
GROUPS = (
    ("e2e (browser)", "tests/e2e/"),
    ("matrix", "tests/test_matrix"),
    ("full option", "tests/test_full_option"),
)


def group(case: ET.Element) -> str:
    """The group a JUnit test case belongs to."""
    where = case.get("classname", "").replace(".", "/") + "/"
    return next((name for name, prefix in GROUPS if where.startswith(prefix)), "the rest")


def main() -> None:
    """Run the suite and print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "junit.xml"
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-n", "auto", "-q", f"--junitxml={report}", *sys.argv[1:]],
            cwd=ROOT, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - start
        cases = list(ET.parse(report).getroot().iter("testcase"))
    sums: collections.Counter[str] = collections.Counter()
    counts: collections.Counter[str] = collections.Counter()
    for case in cases:
        sums[group(case)] += float(case.get("time", 0))
        counts[group(case)] += 1
    print(f"\nwall clock {wall / 60:.1f} min ({wall:.0f} s) for {len(cases)} tests, exit status {result.returncode}")
    print(f"CI's limit {CI_LIMIT / 60:.0f} min: this run used {wall / CI_LIMIT:.0%} of it")
    for name, seconds in sums.most_common():
        print(f"  {name:14} {counts[name]:4} tests, {seconds:7.0f} s of test time (summed over the workers)")
    print("slowest:")
    for case in sorted(cases, key=lambda c: -float(c.get("time", 0)))[:10]:
        print(f"  {float(case.get('time', 0)):6.1f} s  {case.get('classname')}::{case.get('name')}")


if __name__ == "__main__":
    main()
