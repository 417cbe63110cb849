from django.db import models
from rest_framework import serializers

from pages.api import StrictCharField

from .models import Note


class NoteSerializer(serializers.ModelSerializer):
{%- if cookiecutter.use_auth %}
    """A note; its owner is the user who sends it, never a field of the request."""
{% endif %}
    # Text fields take strings only, as the OpenAPI document says.
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    class Meta:
        model = Note
        fields = ["id", "title", "body", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
