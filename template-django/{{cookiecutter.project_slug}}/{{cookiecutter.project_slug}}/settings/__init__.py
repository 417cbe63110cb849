"""Settings, one module per environment, all built on ``base``.

- ``local``: development, manage.py's default;
- ``test``: the test suite (pytest-django selects it in pyproject.toml);
- ``production``: DJANGO_SETTINGS_MODULE={{ cookiecutter.project_slug }}.settings.production,
  every secret and host from the environment (see .env.example).
"""
