"""The Celery application for ``celery -A {{ cookiecutter.project_slug }} worker``.

Celery looks for ``{{ cookiecutter.project_slug }}.celery:app``; it is the Celery app that
create_app() binds to the Flask application, so tasks see the same configuration.
"""

from flask.cli import load_dotenv

from . import create_app

# Read .env as the flask command does, so a development worker gets the same settings.
load_dotenv()

flask_app = create_app()
app = flask_app.extensions["celery"]
