from __future__ import annotations

{% if cookiecutter.use_auth %}import pytest
{% endif %}from flask.testing import FlaskClient


def test_openapi_document(client: FlaskClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
{%- if cookiecutter.use_orm %}
    assert "/api/notes/" in spec["paths"]
    assert "Note" in spec["components"]["schemas"]
{%- if cookiecutter.use_auth %}
    assert "401" in spec["paths"]["/api/notes/"]["post"]["responses"]
{%- endif %}
{%- else %}
    assert "/api/summary" in spec["paths"]
{%- endif %}


def test_interactive_docs(client: FlaskClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "swagger-ui" in response.text
{%- if cookiecutter.use_orm %}


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_notes_crud(client: FlaskClient) -> None:
    assert client.get("/api/notes/").json == []

    response = client.post("/api/notes/", json={"title": "From the API", "body": "Hello"})
    assert response.status_code == 201
    note = response.json
    assert note["title"] == "From the API"
    assert "created_at" in note

    url = f"/api/notes/{note['id']}"
    assert client.get(url).json["body"] == "Hello"
    assert client.patch(url, json={"body": "Changed"}).json["body"] == "Changed"
    assert [n["id"] for n in client.get("/api/notes/").json] == [note["id"]]
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


{% if cookiecutter.use_auth %}@pytest.mark.usefixtures("logged_in")
{% endif %}def test_notes_validation(client: FlaskClient) -> None:
    response = client.post("/api/notes/", json={"body": "no title"})
    assert response.status_code == 422
    assert "title" in response.json["errors"]["json"]
{%- if cookiecutter.use_auth %}


def test_writes_need_login(client: FlaskClient) -> None:
    assert client.get("/api/notes/").status_code == 200
    response = client.post("/api/notes/", json={"title": "Anonymous"})
    assert response.status_code == 401
    assert client.patch("/api/notes/1", json={"title": "x"}).status_code == 401
    assert client.delete("/api/notes/1").status_code == 401
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
{%- endif %}


def test_errors_are_json_under_api_only(client: FlaskClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json["code"] == 404
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert page.mimetype == "text/html"
