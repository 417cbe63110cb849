from django.contrib import admin

from .models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """Staff see and manage every note, whoever owns it."""

{%- if cookiecutter.use_auth %}

    list_display = ["title", "owner", "created_at", "updated_at"]
    list_select_related = ["owner"]
    search_fields = ["title", "body", "owner__email"]
    autocomplete_fields = ["owner"]
{%- else %}

    list_display = ["title", "created_at", "updated_at"]
    search_fields = ["title", "body"]
{%- endif %}
    date_hierarchy = "created_at"
