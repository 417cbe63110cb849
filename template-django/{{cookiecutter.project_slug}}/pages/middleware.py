"""Middleware of the pages app."""

from collections.abc import {{ "Awaitable, " if cookiecutter.use_async }}Callable

from django.http import HttpRequest, HttpResponse
{%- if cookiecutter.use_async %}
from django.utils.decorators import async_only_middleware
{%- endif %}

from .views import health

HEALTH_PATH = "/health/"

{% if cookiecutter.use_async %}
@async_only_middleware
def health_check(get_response: Callable[[HttpRequest], Awaitable[HttpResponse]]) -> Callable:
{%- else %}
def health_check(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
{%- endif %}
    """Answer /health/ before the other middleware, whatever the request's Host.

    Load balancers and uptime checks probe the servers by address, a Host that
    ALLOWED_HOSTS refuses (400) everywhere else. The answer reveals nothing but
    whether the site can serve; it sets no cookie and reads no session.
    """
{% if cookiecutter.use_async %}
    async def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH:
            return await health(request)
        return await get_response(request)
{%- else %}
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH:
            return health(request)
        return get_response(request)
{%- endif %}

    return middleware
