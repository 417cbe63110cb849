"""How django-allauth builds and sends this site's account emails."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
{%- if cookiecutter.__jobs == "celery" %}

from .tasks import send_email
{%- endif %}


def site_url(path: str) -> str:
    """An absolute URL on the configured site (SITE_URL), never on the request's Host."""
    return settings.SITE_URL.rstrip("/") + path


class AccountAdapter(DefaultAccountAdapter):
    """allauth's behaviour, with links in emails built from SITE_URL
    {%- if cookiecutter.__jobs == "celery" %} and emails sent by a Celery task{% endif %}.

    allauth builds links from the request, which Django checks against
    ALLOWED_HOSTS; the site's configured address is a stricter source still.
    """

    def get_email_confirmation_url(self, request: Any, emailconfirmation: Any) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def send_account_already_exists_mail(self, email: str) -> None:
        context = {
            "signup_url": site_url(reverse("account_signup")),
            "password_reset_url": site_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        domain = urlsplit(settings.SITE_URL).netloc
        context = {
            "request": self.request,
            "email": email,
            "current_site": SimpleNamespace(name=domain, domain=domain),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
{%- if cookiecutter.__jobs == "celery" %}
        # Sent by a worker, with retries: a slow or failing mail server neither
        # delays the answer nor shows in it (which would reveal that an account exists).
        fields = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": message.to,
            "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        }
        # The body holds a link with a token: Celery's logs and events show this
        # placeholder instead of the arguments.
        # (celery-types does not know argsrepr and kwargsrepr yet.)
        send_email.apply_async(kwargs=fields, argsrepr="()", kwargsrepr="{...}")  # type: ignore[call-arg]
{%- else %}
        message.send()
{%- endif %}
