"""API tokens (django-rest-knox): each user lists, creates and revokes their own.

knox keeps a token's SHA-512 digest, never the token itself (shown once, when made),
and each token expires (REST_KNOX's TOKEN_TTL). Every token of a user is revoked when
their password changes, is reset or is set: whoever took one with the old password
loses it with the password.
"""

from typing import Any

from allauth.account.decorators import reauthentication_required
from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import extend_schema, extend_schema_view
from knox.models import AuthToken
from rest_framework import mixins, permissions, serializers, viewsets

from pages.api import NOT_FOUND, THROTTLED, UNAUTHENTICATED

from .models import User


def live_tokens(user: User) -> QuerySet[AuthToken]:
    """The user's tokens that have not expired, newest first."""
    unexpired = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    return AuthToken.objects.filter(unexpired, user=user).order_by("-created")


@receiver([password_changed, password_reset, password_set])
def revoke_tokens(sender: Any, user: User, **kwargs: Any) -> None:
    AuthToken.objects.filter(user=user).delete()


@never_cache
@login_required
# Listing needs a signed-in session; creating or revoking, the password given again
# (allauth's reauthentication): a stolen session cannot mint itself a token.
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    new_token = None
    if request.method == "POST":
        if revoke := request.POST.get("revoke"):
            AuthToken.objects.filter(user=request.user, token_key=revoke).delete()
            messages.success(request, "The token is revoked.")
            return redirect("account_api_tokens")
        _, new_token = AuthToken.objects.create(user=request.user)
    context = {"tokens": live_tokens(request.user), "new_token": new_token}
    return render(request, "account/api_tokens.html", context)


class TokenSerializer(serializers.ModelSerializer[AuthToken]):
    class Meta:
        model = AuthToken
        fields = ["token_key", "created", "expiry"]


@extend_schema_view(
    list=extend_schema(responses={200: TokenSerializer(many=True), **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}),
    destroy=extend_schema(responses={204: None, **UNAUTHENTICATED, **NOT_FOUND, **THROTTLED}),
)
class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[AuthToken]):
    """Your API tokens (their first characters, never the whole token): list them, revoke one.

    New tokens are made on the site's "API tokens" page, after giving the password again.
    """

    serializer_class = TokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "token_key"
    # Any text up to the next slash reaches the view (DRF's default stops at a dot), which answers in JSON.
    lookup_value_regex = "[^/]+"
    queryset = AuthToken.objects.none()

    def get_queryset(self) -> QuerySet[AuthToken]:
        assert isinstance(self.request.user, User)
        return live_tokens(self.request.user)
