{%- set task_links = cookiecutter.__jobs == "tasks" and cookiecutter.use_auth -%}
{%- if task_links -%}
from typing import Any

{% endif -%}
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
{%- if task_links %}
from django.http import HttpRequest
{%- endif %}
from django.utils.translation import gettext_lazy as _
{%- if task_links %}
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
{%- endif %}

from .models import User


class UserCreationForm(AdminUserCreationForm):
    """Django's form for a new user in the admin, asking for the email address instead of a username."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)
        field_classes = {}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, for users identified by their email address."""

    add_form = UserCreationForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("email", "first_name", "last_name", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
{%- if task_links %}


# The account emails' tasks hold their links in their arguments, password resets among them: the
# admin shows each task without its arguments, so that no staff member can use another account's link.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [name for name in super().get_readonly_fields(request, obj) if name != "args_kwargs"]
{%- endif %}
