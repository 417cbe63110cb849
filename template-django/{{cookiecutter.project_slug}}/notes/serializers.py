from rest_framework import serializers

from .models import Note


class NoteSerializer(serializers.ModelSerializer):
{%- if cookiecutter.use_auth %}
    """A note; its owner is the user who sends it, never a field of the request."""
{% endif %}
    class Meta:
        model = Note
        fields = ["id", "title", "body", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
