from rest_framework import viewsets

from .models import Note
from .serializers import NoteSerializer

{% if cookiecutter.use_auth %}
class NoteViewSet(viewsets.ModelViewSet):
    """Notes: anyone may read them; signed-in users may add, change and delete them."""

    queryset = Note.objects.all()
    serializer_class = NoteSerializer
{%- else %}
class NoteViewSet(viewsets.ReadOnlyModelViewSet):
{%- if cookiecutter.use_admin %}
    """Notes, read-only: without user accounts nobody could be trusted to write.

    Staff manage the notes in the admin.
    """
{%- else %}
    """Notes, read-only: without user accounts nobody could be trusted to write."""
{%- endif %}

    queryset = Note.objects.all()
    serializer_class = NoteSerializer
{%- endif %}
