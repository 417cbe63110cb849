"""htmx's headers, read and written by the views (https://htmx.org/reference/#headers).

A few lines of our own rather than an extension: flask-htmx has had no release since 2024, and
the views need only these (docs/decisions/0004-htmx.md).
"""

from __future__ import annotations

from flask import Response, request


def is_htmx(target: str | None = None) -> bool:
    """Whether htmx made the request; with ``target``, for the element of that id (HX-Target)."""
    if request.headers.get("HX-Request") != "true":
        return False
    return target is None or request.headers.get("HX-Target") == target


def location(url: str) -> Response:
    """Load ``url`` next, as a redirect does, without reloading the page (HX-Location)."""
    return Response(headers={"HX-Location": url})


def vary(response: Response) -> Response:
    """Caches keep the whole page and the part htmx asked for apart (an after_request hook)."""
    response.vary.update(("HX-Request", "HX-Target"))
    return response
