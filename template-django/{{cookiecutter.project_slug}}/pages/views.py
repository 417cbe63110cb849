from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import TemplateView
from health_check.views import HealthCheckView


class HomeView(TemplateView):
    template_name = "pages/home.html"


# Health probes (django-health-check), answered by pages.middleware whatever the Host.
# Each answers 200 when every check passes, 500 otherwise; JSON with ?format=json or
# Accept: application/json.
# https://codingjoe.dev/django-health-check/

# Readiness (/health/): can this process serve requests? Load balancers route to it
# only while it answers 200.
READINESS_CHECKS = [
{%- if cookiecutter.use_orm %}
    "health_check.checks.Database",
{%- endif %}
    "health_check.checks.Cache",
{%- if cookiecutter.__jobs == "celery" %}
    # Never a Celery worker: a stopped worker delays the tasks, not the pages, and taking
    # every server out of the load balancer for it would stop the site too.
{%- elif cookiecutter.__jobs == "tasks" %}
    # Never the tasks' worker: a stopped worker delays the tasks, not the pages.
{%- endif %}
]
readiness = HealthCheckView.as_view(checks=READINESS_CHECKS)

# Liveness (/health/live/): is the process alive at all? No service is asked, so a
# database outage never gets healthy processes restarted.
liveness = HealthCheckView.as_view(checks=[])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The CSRF failure page (settings.CSRF_FAILURE_VIEW), in the site's layout."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
