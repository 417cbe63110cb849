"""Async views: one request waits on several slow operations at the same time.

Flask runs an async view in an event loop inside the worker that handles the request
(``Flask[async]``). The awaits inside one request overlap, as ``/aio/`` shows; the worker
still serves one request at a time, so async views do not raise how many requests a worker
can serve. For an async-first service, use Quart (Flask's API on ASGI).
"""

from __future__ import annotations

import asyncio
import time

from flask import Blueprint, request

bp = Blueprint("aio", __name__, url_prefix="/aio")

SOURCES = ("inventory", "pricing", "reviews")


async def fetch(source: str, delay: float) -> dict[str, object]:
    """Stand-in for a call to another service (an HTTP API, a cache, a queue)."""
    await asyncio.sleep(delay)
    return {"source": source, "waited": delay}


@bp.get("/")
async def index() -> dict[str, object]:
    """Ask every source at once; the request takes as long as the slowest, not the sum."""
    delay = min(max(request.args.get("delay", 0.2, type=float), 0.0), 2.0)
    started = time.perf_counter()
    results = await asyncio.gather(*(fetch(source, delay) for source in SOURCES))
    return {"results": results, "elapsed": round(time.perf_counter() - started, 3)}
