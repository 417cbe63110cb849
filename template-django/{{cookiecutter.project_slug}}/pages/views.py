{% if cookiecutter.use_orm -%}
import logging

{% endif -%}
{% if cookiecutter.use_async and cookiecutter.use_orm -%}
from asgiref.sync import sync_to_async
{% endif -%}
{% if cookiecutter.use_orm -%}
from django.db import DatabaseError, connection
{% endif -%}
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
{%- if cookiecutter.use_orm %}

logger = logging.getLogger(__name__)
{%- endif %}


class HomeView(TemplateView):
    template_name = "pages/home.html"
{%- if cookiecutter.use_orm %}


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False
    return True
{%- endif %}


@require_safe
{{ "async " if cookiecutter.use_async }}def health(request: HttpRequest) -> JsonResponse:
    """Answer load balancers and uptime checks: 200 while the site can serve requests."""
{%- if cookiecutter.use_orm %}
{%- if cookiecutter.use_async %}
    # The database driver is synchronous: run the check in a worker thread.
    if not await sync_to_async(database_answers)():
{%- else %}
    if not database_answers():
{%- endif %}
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
{%- else %}
    return JsonResponse({"status": "ok"})
{%- endif %}
