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
# Workers are not recycled: a fresh one pays its first request again (URLs, templates, static
# manifest: ~0.1 s of CPU), about 0.1 ms on every request at 1,000 requests a worker. If a
# leak shows, GUNICORN_MAX_REQUESTS=1000 replaces each worker after about that many (+10%).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The application is imported once, by the master process: each worker, and each one that
# replaces it, starts as a fork of it, in milliseconds and sharing its memory, instead of
# importing the application again (about a second of CPU).
# Nothing connects at import (databases, Redis and Sentry connect in the worker on first
# use); a code change therefore needs a restart, not a HUP, as with any new image.
preload_app = True
# No control socket (gunicornc) in $HOME: a container is restarted, not reconfigured, and its
# file system may be read-only.
control_socket_disable = True
# X-Forwarded-For/-Proto are trusted only from these addresses (your proxy's, comma-separated).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log by default: the proxy in front (TLS, load balancer, ingress) logs every request,
# and a second line per request from here costs about 0.1 ms of CPU each. The application still
# logs its warnings and errors, each with its request id. GUNICORN_ACCESS_LOG=- writes one to
# standard output where nothing in front logs requests.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


def when_ready(server: object) -> None:
    """Move the preloaded application's objects out of the garbage collector's sight.

    Python's collector otherwise walks (and so copies into each worker, page by page) the
    whole imported application at every full collection; the workers share it instead.
    """
    gc.freeze()
