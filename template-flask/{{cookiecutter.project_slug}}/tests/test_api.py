from __future__ import annotations

import re

{% if cookiecutter.use_auth %}import pytest
{% endif %}from flask import Flask
from flask.testing import FlaskClient
{%- if cookiecutter.use_auth %}

from .conftest import AuthActions, csrf_token, post_form
from .test_notes import add_note


def api_token(client: FlaskClient) -> dict[str, str]:
    """Headers carrying an API token made on the account page of the signed-in user."""
    response = post_form(client, "/auth/account", {})
    match = re.search(r'<pre id="api-token">([^<]+)</pre>', response.text)
    assert match
    return {"Authentication-Token": match.group(1)}
{%- endif %}


def test_openapi_document(client: FlaskClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
{%- if cookiecutter.use_orm %}
    assert "/api/notes/" in spec["paths"]
    assert "Note" in spec["components"]["schemas"]
    note_id = spec["paths"]["/api/notes/{note_id}"]["parameters"][0]["schema"]
    assert note_id["maximum"] == 2147483647
{%- if cookiecutter.use_auth %}
    schemes = spec["components"]["securitySchemes"]
    assert schemes["token"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authentication-Token",
        "description": schemes["token"]["description"],
    }
    post = spec["paths"]["/api/notes/"]["post"]
    assert "401" in post["responses"]
    assert {"token": []} in post["security"]
{%- endif %}
{%- else %}
    assert "/api/summary" in spec["paths"]
{%- endif %}


def test_interactive_docs_are_served_by_the_site(client: FlaskClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "swagger-ui" in page.text
    links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    # Every file and link of the page is the site's own (or on the page: the skip link); Swagger
    # UI's files come from swagger-ui-bundle.
    assert all(url.startswith(("/", "#")) for url in links)
    assets = [url for url in links if url.startswith("/api/docs/assets/")]
    names = {url.rsplit("/", 1)[-1] for url in assets}
    assert names >= {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"}
    for url in assets:
        with client.get(url) as asset:
            assert asset.status_code == 200
{%- if cookiecutter.use_orm %}


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_notes_crud(client: FlaskClient) -> None:
{%- if cookiecutter.use_auth %}
    headers = api_token(client)
    client = client.application.test_client()  # a script: no session, only the token
{%- else %}
    headers: dict[str, str] = {}
{%- endif %}
    assert client.get("/api/notes/", headers=headers).json == []

    response = client.post("/api/notes/", json={"title": "From the API", "body": "Hello"}, headers=headers)
    assert response.status_code == 201
    note = response.json
    assert note["title"] == "From the API"
    assert "created_at" in note

    url = f"/api/notes/{note['id']}"
    assert client.get(url, headers=headers).json["body"] == "Hello"
    assert client.patch(url, json={"body": "Changed"}, headers=headers).json["body"] == "Changed"
    assert [n["id"] for n in client.get("/api/notes/", headers=headers).json] == [note["id"]]
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_notes_list_paginates(client: FlaskClient) -> None:
{%- if cookiecutter.use_auth %}
    headers = api_token(client)
{%- else %}
    headers: dict[str, str] = {}
{%- endif %}
    for n in range(12):
        client.post("/api/notes/", json={"title": f"Note {n}"}, headers=headers)
    first = client.get("/api/notes/", headers=headers)
    assert len(first.json) == 10
    assert '"total": 12' in first.headers["X-Pagination"]
    assert len(client.get("/api/notes/?page=2", headers=headers).json) == 2
    far = client.get("/api/notes/?page=99999999999999999999", headers=headers)
    assert far.status_code in (200, 422)


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_notes_validation(client: FlaskClient) -> None:
{%- if cookiecutter.use_auth %}
    headers = api_token(client)
{%- else %}
    headers: dict[str, str] = {}
{%- endif %}
    response = client.post("/api/notes/", json={"body": "no title"}, headers=headers)
    assert response.status_code == 422
    assert "title" in response.json["errors"]["json"]
    response = client.post("/api/notes/", json={"title": "a\x00b"}, headers=headers)
    assert response.status_code == 422
    # An unpaired surrogate (valid JSON, no UTF-8 form) is stored as U+FFFD, never a 500.
    response = client.post("/api/notes/", json={"title": "a\ud800b"}, headers=headers)
    assert response.status_code == 201
    assert response.json["title"] == "a\ufffdb"


def test_ids_beyond_the_database_range_are_not_found(client: FlaskClient) -> None:
    response = client.get("/api/notes/3850022488018504384512")
    assert response.status_code == 404
    assert response.json["code"] == 404
{%- if cookiecutter.use_auth %}


def test_anonymous_calls_get_401_with_csrf_on(client: FlaskClient) -> None:
    assert client.application.config["WTF_CSRF_ENABLED"] is not False
    for method, url in [
        ("get", "/api/notes/"),
        ("post", "/api/notes/"),
        ("get", "/api/notes/1"),
        ("patch", "/api/notes/1"),
        ("delete", "/api/notes/1"),
    ]:
        response = getattr(client, method)(url, json={"title": "Anonymous"})
        assert response.status_code == 401, (method, url)
        assert response.json["code"] == 401
        assert response.json["status"] == "Unauthorized"


@pytest.mark.usefixtures("logged_in")
def test_session_writes_need_the_csrf_token(client: FlaskClient) -> None:
    # Attack: another site's script posts with the user's session cookie, without the token.
    assert client.post("/api/notes/", json={"title": "Forged"}).status_code == 400
    token = csrf_token(client, "/notes/new")
    response = client.post("/api/notes/", json={"title": "Mine"}, headers={"X-CSRFToken": token})
    assert response.status_code == 201


def test_other_accounts_notes_are_404(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    alice = auth.create_user("alice@example.com")
    secret = add_note(app, "Alice's secret", owner_id=alice)
    auth.create_user("bob@example.com")
    auth.login("bob@example.com")
    headers = api_token(client)
    url = f"/api/notes/{secret}"
    # Attack: Bob reads, changes and deletes Alice's note through the API.
    assert client.get("/api/notes/", headers=headers).json == []
    assert client.get(url, headers=headers).status_code == 404
    assert client.patch(url, json={"title": "Bob was here"}, headers=headers).status_code == 404
    assert client.delete(url, headers=headers).status_code == 404
    auth.logout()
    auth.login("alice@example.com")
    assert client.get(url, headers=api_token(client)).json["title"] == "Alice's secret"

{%- endif %}
{%- else %}


def test_info(client: FlaskClient) -> None:
    response = client.get("/api/info")
    assert response.status_code == 200
    assert response.json["version"] == "v1"
    assert {"name", "python", "flask", "time"} <= response.json.keys()


def test_summary(client: FlaskClient) -> None:
    response = client.post("/api/summary", json={"numbers": [3, 1, 4, 1, 5]})
    assert response.status_code == 200
    assert response.json == {"count": 5, "minimum": 1, "maximum": 5, "mean": 2.8, "median": 3}


def test_summary_validates(client: FlaskClient) -> None:
    assert client.post("/api/summary", json={"numbers": []}).status_code == 422
    assert client.post("/api/summary", json={"numbers": ["a"]}).status_code == 422
    assert client.post("/api/summary", json={}).status_code == 422
    huge = client.post("/api/summary", json={"numbers": [1e308, 1e308]})
    assert huge.status_code == 422

{%- endif %}


def test_errors_are_json_under_api_only(client: FlaskClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json["code"] == 404
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert page.mimetype == "text/html"


def test_api_is_throttled(app: Flask, client: FlaskClient) -> None:
    app.config["API_RATE_LIMIT"] = "3 per minute"
    url = "{% if cookiecutter.use_orm %}/api/notes/{% else %}/api/info{% endif %}"
    codes = [client.get(url).status_code for _ in range(4)]
    assert 429 not in codes[:3]
    assert codes[3] == 429
