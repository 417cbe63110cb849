"""The shipped migrations build the models' schema on a fresh database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData

from {{ cookiecutter.project_slug }} import config, create_app
from {{ cookiecutter.project_slug }}.extensions import db

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


def drop_everything() -> None:
    metadata = MetaData()
    metadata.reflect(db.engine)
    metadata.drop_all(db.engine)


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Flask]:
    """An app whose database starts (and ends) with no table at all, not even alembic's."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    app = create_app({"TESTING": True, "PRODUCTION": False, "SQLALCHEMY_DATABASE_URI": config.database_url(url)})
    with app.app_context():
        drop_everything()
        yield app
        db.session.remove()
        drop_everything()
        db.engine.dispose()


def test_migrations_match_the_models(empty_app: Flask) -> None:
    upgrade(directory=MIGRATIONS)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_migrations_downgrade_to_empty(empty_app: Flask) -> None:
    upgrade(directory=MIGRATIONS)
    downgrade(directory=MIGRATIONS, revision="base")
    metadata = MetaData()
    metadata.reflect(db.engine)
    assert set(metadata.tables) <= {"alembic_version"}
