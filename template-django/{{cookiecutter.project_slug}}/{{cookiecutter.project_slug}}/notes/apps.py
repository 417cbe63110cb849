from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.notes"
