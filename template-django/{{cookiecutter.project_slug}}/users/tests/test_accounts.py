import re

import pytest
from django.core import mail
from django.urls import reverse

from users.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def user():
    return User.objects.create_user(username="ada", email="ada@example.com", password=PASSWORD)


def test_sign_up_creates_the_account_and_logs_in(client):
    response = client.post(
        reverse("users:signup"),
        {"username": "grace", "email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("pages:home")
    user = User.objects.get(username="grace")
    assert user.email == "grace@example.com"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_rejects_mismatched_passwords(client):
    response = client.post(
        reverse("users:signup"),
        {"username": "grace", "password1": PASSWORD, "password2": "something-else"},
    )

    assert response.status_code == 200
    assert not User.objects.filter(username="grace").exists()


def test_login_page_is_under_accounts(client):
    assert reverse("login") == "/accounts/login/"
    assert client.get("/accounts/login/").status_code == 200
    assert client.get(reverse("users:signup")).status_code == 200


def test_log_in_and_log_out(client, user):
    response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(client, user):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")


def test_password_reset_by_email(client, user):
    response = client.post(reverse("password_reset"), {"email": "ada@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)

    # The link redirects once to a URL without the token, then takes the new password.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")
