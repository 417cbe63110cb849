"""API endpoints that need no model: the service's status, and an echo."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }} import __version__


class StatusSerializer(serializers.Serializer):
    status = serializers.CharField()
    version = serializers.CharField()
    time = serializers.DateTimeField()


class EchoSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=280)
    length = serializers.IntegerField(read_only=True)


class StatusView(APIView):
    """The service's version and clock."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=StatusSerializer)
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

    @extend_schema(request=EchoSerializer, responses=EchoSerializer)
    def post(self, request: Request) -> Response:
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = serializer.validated_data["message"]
        return Response(EchoSerializer({"message": message, "length": len(message)}).data)
