"""The API's endpoints that need no model (the service's status, an echo), and what every
endpoint of the API shares: strict text fields, the documented error answers.
"""

from typing import Any

from django.core.validators import RegexValidator
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }} import __version__

# "+", not "*": DRF answers an empty string before any validator, and the document
# lists "" apart for fields that may be blank.
NO_NUL = RegexValidator(r"^[^\x00]+$", "Null characters are not allowed.")


class StrictCharField(serializers.CharField):
    """A text field that takes strings only, kept as sent: what the OpenAPI document says.

    DRF's CharField turns a number into its text (a client sending 0 for a
    "string" field has a bug that it should hear about), and trims whitespace
    before measuring (so a string longer than the document's maxLength could pass).
    It refuses the NUL character (databases cannot store it): the validator below
    puts that in the document as a pattern.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.validators.append(NO_NUL)

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ErrorSerializer(serializers.Serializer):
    """The body of an error answer."""

    detail = serializers.CharField()


# The error answers each operation documents, beside its success: a client (and the
# schemathesis test) can rely on the document for every answer the API gives.
INVALID = {400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input: the messages, by field name.")}
THROTTLED = {429: OpenApiResponse(ErrorSerializer, description="Too many requests: retry after Retry-After seconds.")}
{%- if cookiecutter.use_auth %}
UNAUTHENTICATED = {401: OpenApiResponse(ErrorSerializer, description="No valid token or session.")}
{%- endif %}
{%- if cookiecutter.use_orm %}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="No such object{{ ' (or another user\'s)' if cookiecutter.use_auth }}, or no such page.")}
{%- endif %}


class StatusSerializer(serializers.Serializer):
    status = serializers.CharField()
    version = serializers.CharField()
    time = serializers.DateTimeField()


class EchoSerializer(serializers.Serializer):
    message = StrictCharField(max_length=280)
    length = serializers.IntegerField(read_only=True)


class StatusView(APIView):
    """The service's version and clock."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: StatusSerializer, **THROTTLED})
    def get(self, request: Request) -> Response:
        status = {
            "status": "ok",
            "version": __version__,
            "time": timezone.now(),
        }
        return Response(StatusSerializer(status).data)


class EchoView(APIView):
    """Send back a message, once validated, with its length."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=EchoSerializer, responses={200: EchoSerializer, **INVALID, **THROTTLED})
    def post(self, request: Request) -> Response:
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = serializer.validated_data["message"]
        return Response(EchoSerializer({"message": message, "length": len(message)}).data)
