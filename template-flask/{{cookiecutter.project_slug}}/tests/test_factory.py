from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app

from .conftest import SECRET


def test_config(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    assert app.testing
    monkeypatch.setenv("FLASK_SECRET_KEY", SECRET + "-from-the-environment")
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("FLASK_PRODUCTION", "false")
    development = create_app()
    assert development.debug
    assert not development.testing
    assert not development.config["PRODUCTION"]
    assert development.config["SECRET_KEY"] == SECRET + "-from-the-environment"


def test_home_page(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert {{ pystr(cookiecutter.project_name|html) }} in response.text
