from __future__ import annotations

import asyncio

from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.aio import SOURCES, fetch


def test_fetch_is_a_coroutine() -> None:
    assert asyncio.run(fetch("pricing", 0)) == {"source": "pricing", "waited": 0}


def test_async_view_waits_concurrently(client: FlaskClient) -> None:
    delay = 0.2
    response = client.get("/aio/", query_string={"delay": delay})
    assert response.status_code == 200
    data = response.json
    assert [r["source"] for r in data["results"]] == list(SOURCES)
    # Run one after another, the waits would take len(SOURCES) * delay.
    assert delay <= data["elapsed"] < len(SOURCES) * delay


def test_delay_is_bounded(client: FlaskClient) -> None:
    response = client.get("/aio/", query_string={"delay": -5})
    assert response.json["elapsed"] < 0.1
