{%- set task_links = cookiecutter.__jobs == "tasks" and cookiecutter.use_auth -%}
{%- if task_links -%}
from typing import Any

{% endif -%}
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
{%- if task_links %}
from django.http import HttpRequest
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
{%- endif %}

from .models import User

admin.site.register(User, UserAdmin)
{%- if task_links %}

# The account emails' tasks hold their links in their arguments, password resets among them: the
# admin shows each task without its arguments, so that no staff member can use another account's link.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [name for name in super().get_readonly_fields(request, obj) if name != "args_kwargs"]
{%- endif %}
