"""Logging filters of the project (named in settings.LOGGING)."""

import logging

# The health probes' paths (pages.middleware answers them).
PROBES = frozenset({"/health/", "/health/live/"})


class HealthProbes(logging.Filter):
    """Drop Django's request errors for the health probes.

    A failing readiness probe answers 500; django-health-check has already logged
    which service failed, as a warning. Django's "Internal Server Error" line for it
    would page someone (or report to Sentry) on each probe of a load balancer.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return getattr(request, "path_info", None) not in PROBES
