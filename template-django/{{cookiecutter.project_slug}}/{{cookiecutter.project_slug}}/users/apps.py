from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.users"
{%- if cookiecutter.use_auth and cookiecutter.use_api %}

    def ready(self) -> None:
        # Connects the receiver that revokes a user's API tokens when their password changes.
        from . import tokens  # noqa: F401
{%- endif %}
