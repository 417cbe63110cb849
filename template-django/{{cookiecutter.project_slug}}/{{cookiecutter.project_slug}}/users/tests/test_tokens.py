"""API tokens (django-rest-knox): each test performs an attack on a token and checks that it fails.

A token must not outlive its password, its expiry or its owner's wish; a stolen
session must not mint one; the database must not hold one an attacker could use.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import CONSTANTS

from {{ cookiecutter.project_slug }}.users.tests.test_accounts import (
    NEW_PASSWORD,
    PASSWORD,
    link_in,
    make_user,
)
from {{ cookiecutter.project_slug }}.users.tests.test_takeover import csrf_client, post_with_csrf, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return make_user("ada@example.com")


def api(token: str) -> Client:
    return Client(headers={"authorization": f"Token {token}"})


def works(token: str) -> bool:
    return api(token).get(reverse("api:token-list")).status_code == 200


def test_a_token_works_until_it_expires(user):
    instance, token = AuthToken.objects.create(user=user)
    assert works(token)

    AuthToken.objects.filter(pk=instance.pk).update(expiry=timezone.now() - timedelta(seconds=1))

    assert not works(token)
    assert settings.REST_KNOX["TOKEN_TTL"] <= timedelta(days=90)


def test_the_database_holds_no_usable_token(user):
    instance, token = AuthToken.objects.create(user=user)

    assert token not in {instance.digest, instance.token_key}
    assert len(instance.token_key) == CONSTANTS.TOKEN_KEY_LENGTH < len(token)


def test_a_password_change_revokes_every_token(user):
    _, token = AuthToken.objects.create(user=user)
    client = csrf_client()
    sign_in(client, "ada@example.com")

    post_with_csrf(
        client,
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert not works(token)


def test_a_password_reset_revokes_every_token(user):
    _, token = AuthToken.objects.create(user=user)
    client = csrf_client()
    post_with_csrf(client, reverse("account_reset_password"), {"email": "ada@example.com"})
    response = client.get(link_in(mail.outbox[0]).removeprefix(settings.SITE_URL), follow=True)

    post_with_csrf(client, response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not works(token)


def test_the_owner_lists_and_revokes_their_tokens_through_the_api(user):
    mine, token = AuthToken.objects.create(user=user)
    other, _ = AuthToken.objects.create(user=make_user("eve@example.net"))

    listed = api(token).get(reverse("api:token-list")).json()["results"]
    assert [entry["token_key"] for entry in listed] == [mine.token_key]
    assert token not in str(listed)

    # Another user's token is not found, let alone revoked.
    assert api(token).delete(reverse("api:token-detail", args=[other.token_key])).status_code == 404
    assert AuthToken.objects.filter(pk=other.pk).exists()

    assert api(token).delete(reverse("api:token-detail", args=[mine.token_key])).status_code == 204
    assert not works(token)


def test_a_stolen_session_cannot_create_or_revoke_a_token(user):
    AuthToken.objects.create(user=user)
    stolen = csrf_client()
    sign_in(stolen, "ada@example.com")
    assert stolen.get(reverse("account_api_tokens")).status_code == 200

    created = post_with_csrf(stolen, reverse("account_api_tokens"), {"create": ""})
    revoked = post_with_csrf(stolen, reverse("account_api_tokens"), {"revoke": user.auth_token_set.get().token_key})

    for response in (created, revoked):
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_reauthenticate"))
    assert user.auth_token_set.count() == 1


def test_the_owner_creates_and_revokes_tokens_on_the_page_after_giving_the_password(user):
    client = csrf_client()
    sign_in(client, "ada@example.com")
    post_with_csrf(client, reverse("account_reauthenticate"), {"password": PASSWORD})

    page = post_with_csrf(client, reverse("account_api_tokens"), {"create": ""})
    instance = user.auth_token_set.get()
    token = page.context["new_token"]
    assert token.startswith(instance.token_key) and token in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert works(token)

    post_with_csrf(client, reverse("account_api_tokens"), {"revoke": instance.token_key})
    assert not works(token)
    assert token not in client.get(reverse("account_api_tokens")).content.decode()
