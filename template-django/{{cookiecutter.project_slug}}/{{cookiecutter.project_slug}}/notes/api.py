{% if cookiecutter.use_auth -%}
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, viewsets
from rest_framework.serializers import BaseSerializer

from pages.api import INVALID, NOT_FOUND, THROTTLED, UNAUTHENTICATED
{%- else -%}
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from pages.api import NOT_FOUND, THROTTLED
{%- endif %}

from .models import Note
from .serializers import NoteSerializer

{% if cookiecutter.use_auth %}
@extend_schema_view(
    list=extend_schema(responses={200: NoteSerializer(many=True), **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}),
    create=extend_schema(responses={201: NoteSerializer, **INVALID, **UNAUTHENTICATED, **THROTTLED}),
    retrieve=extend_schema(responses={200: NoteSerializer, **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}),
    update=extend_schema(responses={200: NoteSerializer, **INVALID, **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}),
    partial_update=extend_schema(
        responses={200: NoteSerializer, **INVALID, **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}
    ),
    destroy=extend_schema(responses={204: None, **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}),
)
class NoteViewSet(viewsets.ModelViewSet):
    """The signed-in user's notes: list, read, add, change and delete them.

    Another user's note answers 404, as if it did not exist.
    """

    queryset = Note.objects.all()
    serializer_class = NoteSerializer
    # Any id reaches the view, which answers the documented JSON 404 when it names no note.
    lookup_value_regex = "[^/]+"
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Note]:
        return super().get_queryset().filter(owner=self.request.user)

    def perform_create(self, serializer: "BaseSerializer[Note]") -> None:
        serializer.save(owner=self.request.user)
{%- else %}
@extend_schema_view(
    list=extend_schema(responses={200: NoteSerializer(many=True), **NOT_FOUND, **THROTTLED}),
    retrieve=extend_schema(responses={200: NoteSerializer, **NOT_FOUND, **THROTTLED}),
)
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
    # Any id reaches the view, which answers the documented JSON 404 when it names no note.
    lookup_value_regex = "[^/]+"
{%- endif %}
