{% import "django.jinja" as dj with context -%}
"""Accounts (django-allauth): sign up, verification, log in, password change and reset.

Most tests perform an attack and check that it fails.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.templatetags.wording import sentence_case
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
NEW_PASSWORD = "a-brand-new-passphrase"


def make_user(email: str, verified: bool = True) -> User:
    user = UserFactory.create(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


@pytest.fixture
def user() -> User:
    return make_user("ada@example.com")


def log_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def link_in(message) -> str:
    link = re.search(r"https?://\S+", message.body)
    assert link, message.body
    return link.group(0)


def test_sign_up_sends_a_verification_link_and_does_not_sign_in(client):
    response = client.post(
        reverse("account_signup"), {"email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not signed_in(client)
    user = User.objects.get(email="grace@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    assert link.startswith(settings.SITE_URL + "/accounts/confirm-email/")

    # Following the link (a GET shows a form, the POST confirms) verifies the address.
    path = link.removeprefix(settings.SITE_URL)
    assert client.get(path).status_code == 200
    client.post(path)
    assert EmailAddress.objects.get(user=user).verified
    assert log_in(client, "grace@example.com").status_code == 302
    assert signed_in(client)


def test_an_unverified_account_cannot_sign_in(client):
    make_user("eve@example.com", verified=False)

    response = log_in(client, "eve@example.com")

    assert not signed_in(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_sign_up_needs_an_email(client):
    response = client.post(reverse("account_signup"), {"email": "", "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 200
    assert not User.objects.exists()


def test_sign_up_with_a_taken_email_in_other_case_creates_nothing_and_reveals_nothing(client, user):
    data = {"password1": PASSWORD, "password2": PASSWORD}
    taken = client.post(reverse("account_signup"), {"email": "ADA@Example.com", **data})
    fresh = Client().post(reverse("account_signup"), {"email": "grace@example.com", **data})

    assert User.objects.filter(email__iexact="ada@example.com").count() == 1
    assert (taken.status_code, taken.url) == (fresh.status_code, fresh.url)
    # The owner of the address learns of the attempt; the visitor does not.
    assert "already" in mail.outbox[0].body.lower()


def test_log_in_by_email_and_log_out(client, user):
    response = log_in(client, "Ada@Example.com")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    client.post(reverse("account_logout"))

    assert not signed_in(client)


def test_failed_log_ins_are_limited_per_account(client, user):
    for _ in range(5):
        assert log_in(client, "ada@example.com", "wrong-password").status_code == 200

    # From now on even the right password is refused, from any address.
    response = log_in(Client(REMOTE_ADDR="203.0.113.9"), "ada@example.com")

    assert response.status_code in (200, 429)
    assert not signed_in(client)
    assert "too many" in response.content.decode().lower()


def test_failed_log_ins_are_limited_per_address(client):
    for number in range(10):
        log_in(client, f"user{number}@example.com", "wrong-password")

    response = log_in(client, "someone@example.com", "wrong-password")

    assert "too many" in response.content.decode().lower() or response.status_code == 429


def test_password_reset_answers_the_same_for_unknown_addresses(client, user):
    known = client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    unknown = Client().post(reverse("account_reset_password"), {"email": "nobody@example.com"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


@override_settings(ALLOWED_HOSTS=["testserver", "evil.example"])
def test_password_reset_link_uses_the_site_url_whatever_the_host(client, user):
    # Even a Host that ALLOWED_HOSTS lets through does not reach the link.
    client.post(reverse("account_reset_password"), {"email": "ada@example.com"}, headers={"host": "evil.example"})

    assert len(mail.outbox) == 1
    assert "evil.example" not in mail.outbox[0].body
    assert link_in(mail.outbox[0]).startswith(settings.SITE_URL + "/accounts/password/reset/key/")


def test_password_reset_with_a_forged_host_is_refused(client, user):
    response = client.post(
        reverse("account_reset_password"), {"email": "ada@example.com"}, headers={"host": "evil.example"}
    )

    assert response.status_code == 400
    assert mail.outbox == []


def test_password_reset_ends_every_session(client, user):
    other_device = Client()
    log_in(other_device, "ada@example.com")
    assert signed_in(other_device)

    client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    path = link_in(mail.outbox[0]).removeprefix(settings.SITE_URL)
    # The link redirects once to a URL without the token, then takes the new password.
    response = client.get(path, follow=True)
    response = client.post(response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert other_device.get(reverse("account_change_password")).status_code == 302, "the other session ended"


def test_password_change_ends_the_other_sessions(client, user):
    other_device = Client()
    log_in(other_device, "ada@example.com")
    log_in(client, "ada@example.com")

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("account_change_password")).status_code == 200, "this session goes on"
    assert other_device.get(reverse("account_change_password")).status_code == 302, "the other one ended"


def test_log_in_without_a_csrf_token_is_refused(user):
    client = Client(enforce_csrf_checks=True)

    response = log_in(client, "ada@example.com")

    assert response.status_code == 403
    assert not signed_in(client)


@override_settings(SITE_URL="", ALLOWED_HOSTS=["127.0.0.1"])
def test_without_a_site_url_links_point_at_the_address_the_server_answers_on(client):
    """Development: the link works whatever port the development server was started on."""
    client.post(
        reverse("account_signup"),
        {"email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="127.0.0.1:8123",
    )

    assert link_in(mail.outbox[0]).startswith("http://127.0.0.1:8123/accounts/confirm-email/")
{%- if cookiecutter.__jobs == "celery" %}


@override_settings(ACCOUNT_EMAILS_BY_WORKER=False)
def test_development_sends_account_emails_without_a_worker(client, monkeypatch):
    def no_worker(*args, **kwargs):
        raise AssertionError("handed to Celery")

    monkeypatch.setattr("{{ cookiecutter.project_slug }}.users.tasks.send_email.apply_async", no_worker)

    client.post(reverse("account_signup"), {"email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD})

    assert len(mail.outbox) == 1
{%- endif %}


def test_development_prints_each_email_and_keeps_it_in_a_folder(tmp_path, capsys):
    backend = "{{ cookiecutter.project_slug }}.mail.EmailBackend"
{%- if dj.current %}
    with override_settings(MAILERS={"default": {"BACKEND": backend, "OPTIONS": {"file_path": tmp_path}}}):
{%- else %}
    with override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=tmp_path):
{%- endif %}
        mail.send_mail("Confirm", "Open https://example.com/confirm/KEY/", "site@example.com", ["ada@example.com"])

    assert "https://example.com/confirm/KEY/" in capsys.readouterr().out
    (kept,) = tmp_path.iterdir()
    assert "https://example.com/confirm/KEY/" in kept.read_text()


@pytest.mark.parametrize(
    ("allauth", "site"), [("Sign In", "Sign in"), ("Change Password", "Change password"), ("API Tokens", "API tokens")]
)
def test_headings_in_sentence_case_keep_acronyms(allauth, site):
    assert sentence_case(allauth) == site


def test_the_account_pages_say_sign_in_as_the_navigation_does(client):
    page = client.get(reverse("account_login")).content.decode()

    # allauth writes "Sign In"; the site says "Sign in" in its navigation, headings and buttons.
    assert "<h1>Sign in</h1>" in page
    assert "Sign In" not in page
    assert "<title>Sign in ·" in page
