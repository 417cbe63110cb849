{% if cookiecutter.use_auth -%}
from django.db.models import QuerySet
from rest_framework import permissions, viewsets
{%- else -%}
from rest_framework import viewsets
{%- endif %}

from .models import Note
from .serializers import NoteSerializer

{% if cookiecutter.use_auth %}
class NoteViewSet(viewsets.ModelViewSet):
    """The signed-in user's notes: list, read, add, change and delete them.

    Another user's note answers 404, as if it did not exist.
    """

    queryset = Note.objects.all()
    serializer_class = NoteSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Note]:
        return super().get_queryset().filter(owner=self.request.user)

    def perform_create(self, serializer: NoteSerializer) -> None:
        serializer.save(owner=self.request.user)
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
