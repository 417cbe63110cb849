"""Middleware of the pages app."""

from collections.abc import {{ "Awaitable, " if cookiecutter.use_async }}Callable

from asgiref.sync import {{ "sync_to_async" if cookiecutter.use_async else "async_to_sync" }}
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
{%- if cookiecutter.use_async %}
from django.utils.decorators import async_only_middleware
{%- endif %}

from . import views

# The paths of pages.log_filters.PROBES.
ANSWERS = {"/health/": views.readiness, "/health/live/": views.liveness}

{% if cookiecutter.use_async %}
@async_only_middleware
def health_check(
    get_response: Callable[[HttpRequest], Awaitable[HttpResponse]],
) -> Callable[[HttpRequest], Awaitable[HttpResponse]]:
{%- else %}
def health_check(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
{%- endif %}
    """Answer the health probes before the other middleware, whatever the request's Host.

    Load balancers and uptime checks probe the servers by address, a Host that
    ALLOWED_HOSTS refuses (400) everywhere else. The answer reveals nothing but
    whether the site can serve; it sets no cookie and reads no session.
    """
{% if cookiecutter.use_async %}
    async def middleware(request: HttpRequest) -> HttpResponse:
        answer = ANSWERS.get(request.path_info)
        if answer is None:
            return await get_response(request)
        response = await answer(request)
        if isinstance(response, SimpleTemplateResponse):
            # The HTML page (a browser's Accept): rendered here, as Django's handler would.
            await sync_to_async(response.render)()
        return response
{%- else %}
    def middleware(request: HttpRequest) -> HttpResponse:
        answer = ANSWERS.get(request.path_info)
        if answer is None:
            return get_response(request)
        # django-health-check's view is async (its checks run concurrently).
        response = async_to_sync(answer)(request)
        if isinstance(response, SimpleTemplateResponse):
            # The HTML page (a browser's Accept): rendered here, as Django's handler would.
            response.render()
        return response
{%- endif %}

    return middleware
