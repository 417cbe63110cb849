"""Background tasks, run by ``celery -A {{ cookiecutter.project_slug }} worker``.

Each task runs inside the Flask application context (see celery_init_app in extensions.py).
"""

from __future__ import annotations

from celery import shared_task
{%- if cookiecutter.use_orm %}
from sqlalchemy import func

from .extensions import db
from .models import Note
{%- endif %}


@shared_task(ignore_result=False)
def add(x: int, y: int) -> int:
    """The smallest useful task: proves the worker and the result backend answer."""
    return x + y
{%- if cookiecutter.use_orm %}


@shared_task(ignore_result=False)
def count_notes() -> int:
    """A task using the database through the app context the worker provides."""
    return db.session.execute(db.select(func.count(Note.id))).scalar_one()
{%- endif %}
