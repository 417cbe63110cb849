{% from "django.jinja" import default_settings with context %}"""
The Celery application: ``celery -A {{ cookiecutter.project_slug }} worker`` finds it here.

It reads every ``CELERY_*`` Django setting and finds the ``tasks`` module of
each installed app.
https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
"""

import os

from celery import Celery

# The worker starts outside manage.py: development settings unless told otherwise.
{{ default_settings("local") }}

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
