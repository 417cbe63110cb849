from __future__ import annotations
{%- if cookiecutter.use_orm %}

from pathlib import Path
{%- endif %}

from flask.testing import FlaskClient
{%- if cookiecutter.use_orm %}

from {{ cookiecutter.project_slug }} import create_app
{%- endif %}


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
{%- if cookiecutter.use_orm %}
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_reports_an_unreachable_database(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})
    response = app.test_client().get("/health")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unavailable"}
{%- else %}
    assert response.json == {"status": "ok"}
{%- endif %}
