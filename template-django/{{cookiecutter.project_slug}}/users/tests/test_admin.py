import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_login_page(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200


def test_admin_lists_users(admin_client, django_user_model):
    django_user_model.objects.create_user(username="grace", password="s3cret-pass")

    response = admin_client.get(reverse("admin:users_user_changelist"))

    assert response.status_code == 200
    assert "grace" in response.content.decode()


def test_admin_needs_staff(client, django_user_model):
    user = django_user_model.objects.create_user(username="grace", password="s3cret-pass")
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
