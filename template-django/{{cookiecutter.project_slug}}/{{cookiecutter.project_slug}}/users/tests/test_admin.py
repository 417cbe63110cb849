import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
{%- if cookiecutter.use_auth %}


def test_the_admin_logs_in_through_allauth(client):
    """The admin's own log-in form would bypass allauth's rate limits and verification."""
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
{%- else %}


def test_admin_login_page(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
{%- endif %}


def test_admin_login_without_a_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("admin:login"), {"username": "root", "password": "s3cret-pass"})

    assert response.status_code == 403


def test_admin_lists_users(admin_client):
    UserFactory.create(username="grace")

    response = admin_client.get(reverse("admin:users_user_changelist"))

    assert response.status_code == 200
    assert "grace" in response.content.decode()


def test_admin_needs_staff(client):
    user = UserFactory.create(username="grace")
    client.force_login(user)

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == {{ 403 if cookiecutter.use_auth else 200 }}
    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
{%- if not cookiecutter.use_auth %}


def test_admin_log_in_locks_out_after_five_failures(client, django_user_model):
    django_user_model.objects.create_superuser(username="root", email="root@example.com", password="right-pass-123")
    statuses = [
        client.post(reverse("admin:login"), {"username": "root", "password": "wrong-guess"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]

    response = client.post(reverse("admin:login"), {"username": "root", "password": "right-pass-123"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_log_in_locks_out_an_address_trying_many_accounts(client):
    for number in range(5):
        client.post(reverse("admin:login"), {"username": f"guess{number}", "password": "wrong-guess"})

    response = client.post(reverse("admin:login"), {"username": "another", "password": "wrong-guess"})

    assert response.status_code == 429
{%- endif %}
