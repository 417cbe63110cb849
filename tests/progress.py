"""A line per finished matrix test, with how many are done and left, instead of minutes of dots.

Registered by conftest.py on the process that reports: the only one in a plain
run, the controller under xdist (``-n auto``), where the workers' reports arrive
through ``pytest_runtest_logreport`` and the number of tests through
``pytest_xdist_node_collection_finished``::

    [matrix 12/94, 82 left] django-sqlite-oau-d-github passed (8.1 s)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest


class Progress:
    """Counts the tests ``match`` picks and writes a line as each one ends."""

    def __init__(self, config: pytest.Config, match: Callable[[str], bool], label: str = "matrix") -> None:
        self.config = config
        self.match = match
        self.label = label
        self.total = 0
        self.done = 0
        self.setup_seconds: dict[str, float] = {}

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """A plain run: this process collected the tests (none under xdist's controller)."""
        self.total = max(self.total, sum(1 for item in session.items if self.match(item.nodeid)))

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: Sequence[str]) -> None:
        """Under xdist every worker collects the same tests, deselection done."""
        self.total = max(self.total, sum(1 for nodeid in ids if self.match(nodeid)))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """One line when a picked test ends: after its call, or at a setup that failed or skipped."""
        if not self.match(report.nodeid):
            return
        if report.when == "setup" and report.passed:
            self.setup_seconds[report.nodeid] = report.duration
            return
        if report.when == "teardown":
            return  # the line was written at the call
        self.done += 1
        seconds = self.setup_seconds.pop(report.nodeid, 0.0) + report.duration
        name = report.nodeid.partition("[")[2].removesuffix("]") or report.nodeid
        total = max(self.total, self.done)
        line = f"[{self.label} {self.done}/{total}, {total - self.done} left] {name} {report.outcome} ({seconds:.1f} s)"
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is None:
            return
        writer = getattr(reporter, "_tw", None)
        if writer is not None and writer.width_of_current_line:  # after a row of dots
            reporter.write("\n")
        reporter.write_line(line)
