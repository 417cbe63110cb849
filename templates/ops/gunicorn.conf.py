{%- import "ops/stack.jinja" as ops with context -%}
"""gunicorn's settings: it reads ./gunicorn.conf.py from its working directory when it starts.

Each one the environment can change takes effect at the next start, without a rebuild.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:{{ ops.web_port }}")
# WEB_CONCURRENCY: the number of worker processes (the name hosting platforms set).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A worker silent for this many seconds (a request that long included) is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or a stop, workers get this many seconds to finish the requests they hold.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "{{ ops.graceful_timeout }}"))
keepalive = 5
# Each worker is replaced after about this many requests: a slow leak stays bounded.
max_requests = 1000
max_requests_jitter = 100
# The application is imported once, by the master process: each worker, and each one that
# replaces it, starts as a fork of it, in milliseconds and sharing its memory, instead of
# importing the application again (about a second of CPU, every max_requests requests).
# Nothing connects at import (databases, Redis and Sentry connect in the worker on first
# use); a code change therefore needs a restart, not a HUP, as with any new image.
preload_app = True
# No control socket (gunicornc) in $HOME: a container is restarted, not reconfigured, and its
# file system may be read-only.
control_socket_disable = True
# X-Forwarded-For/-Proto are trusted only from these addresses (your proxy's, comma-separated).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"


def when_ready(server: object) -> None:
    """Move the preloaded application's objects out of the garbage collector's sight.

    Python's collector otherwise walks (and so copies into each worker, page by page) the
    whole imported application at every full collection; the workers share it instead.
    """
    gc.freeze()
