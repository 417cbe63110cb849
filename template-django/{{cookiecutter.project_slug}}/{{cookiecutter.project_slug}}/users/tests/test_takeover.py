"""Account takeover through email management: each test performs an attack and checks that it fails.

The attacks: a stolen session adds an address and resets the password through it; an
unverified address receives a reset; an address parked on another account swallows its
owner's sign-up.
"""

import time
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from allauth.account.internal.flows import reauthentication
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.test_accounts import (
    NEW_PASSWORD,
    PASSWORD,
    link_in,
    make_user,
    signed_in,
)

pytestmark = pytest.mark.django_db


def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def post_with_csrf(client: Client, url: str, data: dict[str, str]):
    """A form's POST as a browser sends it: with the token of the CSRF cookie it was given."""
    if "csrftoken" not in client.cookies:
        client.get(reverse("account_login"))
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def sign_in(client: Client, email: str, password: str = PASSWORD) -> None:
    post_with_csrf(client, reverse("account_login"), {"login": email, "password": password})
    assert signed_in(client)


def test_a_stolen_session_cannot_add_an_email_address():
    victim = make_user("ada@example.com")
    stolen = csrf_client()
    sign_in(stolen, "ada@example.com")

    response = post_with_csrf(stolen, reverse("account_email"), {"action_add": "", "email": "eve@example.net"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="eve@example.net").exists()
    assert mail.outbox == []
    assert victim.emailaddress_set.count() == 1


def add_address(client: Client, email: str) -> None:
    post_with_csrf(client, reverse("account_email"), {"action_add": "", "email": email})


def test_adding_an_address_asks_for_the_password_again():
    make_user("ada@example.com")
    client = csrf_client()
    sign_in(client, "ada@example.com")

    response = post_with_csrf(client, reverse("account_reauthenticate"), {"password": "a-guess"})
    assert response.status_code == 200
    add_address(client, "ada@example.org")
    assert not EmailAddress.objects.filter(email="ada@example.org").exists()

    response = post_with_csrf(client, reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    add_address(client, "ada@example.org")
    assert EmailAddress.objects.filter(email="ada@example.org", verified=False).exists()


def test_the_password_given_again_counts_for_a_few_minutes_only(monkeypatch):
    make_user("ada@example.com")
    client = csrf_client()
    sign_in(client, "ada@example.com")
    post_with_csrf(client, reverse("account_reauthenticate"), {"password": PASSWORD})

    later = time.time() + settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
    monkeypatch.setattr(reauthentication, "time", SimpleNamespace(time=lambda: later))
    add_address(client, "ada@example.org")

    assert not EmailAddress.objects.filter(email="ada@example.org").exists()


def test_a_reset_never_goes_to_an_unverified_address():
    victim = make_user("ada@example.com")
    EmailAddress.objects.create(user=victim, email="eve@example.net", verified=False)

    response = post_with_csrf(csrf_client(), reverse("account_reset_password"), {"email": "eve@example.net"})

    assert response.status_code == 302
    # The address's inbox hears that no account uses it, never a reset link.
    assert len(mail.outbox) <= 1
    assert all("/password/reset/key/" not in message.body for message in mail.outbox)
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD)


def test_a_reset_still_goes_to_a_verified_address():
    make_user("ada@example.com")

    post_with_csrf(csrf_client(), reverse("account_reset_password"), {"email": "ada@example.com"})

    assert "/password/reset/key/" in link_in(mail.outbox[0])


def test_a_reset_goes_to_the_address_an_administrator_entered():
    User.objects.create_superuser(email="root@example.com", password=PASSWORD)

    post_with_csrf(csrf_client(), reverse("account_reset_password"), {"email": "root@example.com"})

    assert "/password/reset/key/" in link_in(mail.outbox[0])


def sign_up(email: str) -> Client:
    client = csrf_client()
    data = {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    post_with_csrf(client, reverse("account_signup"), data)
    return client


def confirm(message) -> None:
    path = link_in(message).removeprefix(settings.SITE_URL)
    post_with_csrf(csrf_client(), path, {})


def test_an_address_parked_on_another_account_does_not_swallow_its_owners_sign_up():
    attacker = make_user("eve@example.net")
    EmailAddress.objects.create(user=attacker, email="grace@example.com", verified=False)

    sign_up("grace@example.com")

    grace = User.objects.get(email="grace@example.com")
    assert grace != attacker
    assert not attacker.emailaddress_set.filter(email="grace@example.com").exists()
    # The verification mail leads into Grace's new account, not the attacker's.
    confirm(mail.outbox[-1])
    assert EmailAddress.objects.get(email="grace@example.com").user == grace
    assert EmailAddress.objects.get(email="grace@example.com").verified
    client = csrf_client()
    sign_in(client, "grace@example.com", NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(grace.pk)


def test_a_sign_up_nobody_confirmed_gives_way_to_the_owners():
    squatter = make_user("grace@example.com", verified=False)
    squatter.set_password("the-attackers-password")
    squatter.save()

    sign_up("grace@example.com")
    confirm(mail.outbox[-1])

    assert not User.objects.filter(pk=squatter.pk).exists()
    sign_in(csrf_client(), "grace@example.com", NEW_PASSWORD)


def test_a_sign_up_with_a_verified_address_creates_nothing_and_tells_its_owner():
    owner = make_user("ada@example.com")

    stranger = sign_up("ada@example.com")
    fresh = sign_up("grace@example.com")

    assert list(User.objects.filter(email="ada@example.com")) == [owner]
    assert not signed_in(stranger) and not signed_in(fresh)
    # Both visitors see the same page; only the owner's inbox says an account exists.
    assert "already" in mail.outbox[0].body.lower()
    assert mail.outbox[0].to == ["ada@example.com"]
    assert "already" not in mail.outbox[1].body.lower()


def test_a_reset_link_expires_after_an_hour(monkeypatch):
    victim = make_user("ada@example.com")
    post_with_csrf(csrf_client(), reverse("account_reset_password"), {"email": "ada@example.com"})
    path = link_in(mail.outbox[0]).removeprefix(settings.SITE_URL)

    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    response = csrf_client().get(path, follow=True)

    assert settings.PASSWORD_RESET_TIMEOUT <= 2 * 60 * 60
    assert "invalid" in response.content.decode().lower()
    assert 'name="password1"' not in response.content.decode()
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD)


def test_a_verification_link_expires_after_two_hours(monkeypatch):
    sign_up("grace@example.com")
    path = link_in(mail.outbox[0]).removeprefix(settings.SITE_URL)

    later = time.time() + settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS * 24 * 60 * 60 + 1
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    post_with_csrf(csrf_client(), path, {})

    assert settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS * 24 <= 2
    assert not EmailAddress.objects.get(email="grace@example.com").verified


def test_a_sign_up_takes_the_same_work_for_a_taken_address_and_a_free_one(monkeypatch):
    # Hashing the password is most of a sign-up's time: a taken address that skipped it
    # would answer in a few milliseconds, a free one in hundreds.
    make_user("ada@example.com")
    hashed = []
    encode = MD5PasswordHasher.encode
    monkeypatch.setattr(MD5PasswordHasher, "encode", lambda self, *args: hashed.append(1) or encode(self, *args))

    sign_up("ada@example.com")
    taken = len(hashed)
    sign_up("grace@example.com")

    assert taken == len(hashed) - taken == 1
