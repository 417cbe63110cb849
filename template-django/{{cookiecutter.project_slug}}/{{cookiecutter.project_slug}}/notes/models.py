{% if cookiecutter.use_auth -%}
from django.conf import settings
{% endif -%}
from django.db import models
from django.urls import reverse


class Note(models.Model):
{%- if cookiecutter.use_auth %}
    """A short text: the example model shared by the pages, the admin and the API.

    Each note belongs to the user who wrote it: the pages and the API show a user
    only their own notes (the admin shows all).
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
{%- else %}
    """A short text: the example model shared by the pages, the admin and the API."""
{%- endif %}

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notes:detail", args=[self.pk])
