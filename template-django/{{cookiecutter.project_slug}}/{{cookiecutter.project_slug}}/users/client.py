"""The client's address, for django-axes's limits on failed admin log ins."""

from django.conf import settings
from django.http import HttpRequest


def address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address that the last of TRUSTED_PROXY_COUNT proxies saw.

    Each proxy appends the address it received from to X-Forwarded-For, so only the
    last TRUSTED_PROXY_COUNT entries were written by your proxies; anything before
    them came from the client and is not believed.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and forwarded:
        return forwarded[-min(count, len(forwarded))]
    return request.META.get("REMOTE_ADDR")
