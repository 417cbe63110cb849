"""Accounts, by Flask-Security-Too: sign-up with a confirmed email, sign-in, sign-out,
password reset and change, and API tokens; failed sign-ins are rate limited (Flask-Limiter).

The views live under /auth (see the SECURITY_* settings in __init__.py); this module wires
them to the project: the user store, how mail is sent, the sign-in limits, and the account
page where a user makes an API token. docs/decisions/0001-accounts.md says why.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, g, render_template, request
from flask_security import (
    MailUtil,
    SQLAlchemyUserDatastore,
    auth_required,
    current_user,
    user_authenticated,
)
from flask_mailman import EmailMultiAlternatives
from flask_security.decorators import default_unauthn_handler
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
{%- if cookiecutter.use_api %}

from flask_smorest import abort
{%- endif %}

from .extensions import db, limiter, security
from .models import Role, User

bp = Blueprint("auth", __name__, url_prefix="/auth")

datastore = SQLAlchemyUserDatastore(db, User, Role)


def init_app(app: Flask) -> None:
    """Bind Flask-Security-Too to the app, with this project's mail and limits."""
    security.init_app(app, datastore, mail_util_cls=ProjectMailUtil)
    security.unauthn_handler(unauthenticated)
    app.register_blueprint(bp)
    limit_sign_in(app)


class ProjectMailUtil(MailUtil):
    """Send the account emails {% if cookiecutter.use_celery %}through a Celery task (retried when the server fails){% else %}through Flask-Mailman{% endif %}.

    A failure is logged without the message, whose links carry tokens, and the visitor gets
    the same answer as for an address without an account.
    """

    def send_mail(
        self,
        template: str,
        subject: str,
        recipient: str | tuple[str, str],
        sender: str | tuple[str, str],
        body: str | None,
        html: str | None,
        **kwargs: Any,
    ) -> None:
        if isinstance(sender, tuple):
            sender = f"{sender[0]} <{sender[1]}>"
        message = {
            "subject": str(subject),
            "sender": str(sender),
            "recipient": str(recipient),
            "body": body or "",
            "html": html,
        }
        try:
{%- if cookiecutter.use_celery %}
            from .tasks import send_mail

            send_mail.delay(**message)
{%- else %}
            deliver(**message)
{%- endif %}
        except Exception:  # any failure: log it, and answer as if nothing happened
            current_app.logger.exception("Could not send the %r email to %s.", template, recipient)


def deliver(subject: str, sender: str, recipient: str, body: str, html: str | None) -> None:
    """Send one email with Flask-Mailman (SMTP in production, the console in development)."""
    message = EmailMultiAlternatives(subject, body=body, from_email=sender, to=[recipient])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def unauthenticated(mechanisms: list[str], headers: dict[str, str] | None = None) -> Any:
{%- if cookiecutter.use_api %}
    """The API answers 401 in JSON (as its OpenAPI document says); pages go to sign-in."""
    if request.path.startswith("/api/"):
        abort(
            401,
            message="Sign in: send an Authentication-Token header, or use the session of a "
            "signed-in browser with its X-CSRFToken header.",
        )
{%- else %}
    """Pages send anonymous visitors to the sign-in page."""
{%- endif %}
    return default_unauthn_handler(mechanisms, headers)


# ------------------------------------------------------------------ sign-in limits


def sign_in_account() -> str:
    """The limit key for the account a sign-in attempt names (whether it exists or not)."""
    data = request.form if request.form else (request.get_json(silent=True) or {})
    email = str(data.get("email", "")).strip().lower()
    return f"account:{email}"


def failed_sign_in(response: Response) -> bool:
    """Only failed attempts count against the limits."""
    return not g.get("signed_in", False)


def limit_sign_in(app: Flask) -> None:
    """Limit failed sign-ins per account and per client address (then 429).

    The limits count only failures, so a user who signs in is never slowed down; the
    failure answer and its timing are the same for known and unknown accounts
    (Flask-Security hashes the password even when no account matches).
    """
    view = app.view_functions["security.login"]
    view = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
        methods=["POST"],
        deduct_when=failed_sign_in,
    )(view)
    view = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
        key_func=sign_in_account,
        methods=["POST"],
        deduct_when=failed_sign_in,
    )(view)
    app.view_functions["security.login"] = view


@user_authenticated.connect
def remember_success(sender: Any, user: User, **extra: Any) -> None:
    g.signed_in = True


# ------------------------------------------------------------------ the account page


class TokenForm(FlaskForm):
    """An empty form: making a token is a POST that carries the CSRF token."""


@bp.route("/account", methods=["GET", "POST"])
@auth_required("session")
def account() -> str:
    """The account page; a POST makes an API token, shown once."""
    form = TokenForm()
    token = None
    if form.validate_on_submit():
        token = current_user.get_auth_token()
    return render_template("auth/account.html", user=current_user, form=form, token=token)
