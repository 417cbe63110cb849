"""Accounts, by Flask-Security-Too: sign-up with a confirmed email, sign-in, sign-out,
password reset and change, and API tokens; failed sign-ins are rate limited (Flask-Limiter).

The views live under /auth (see the SECURITY_* settings in config.py); this module wires
them to the project: the user store, the sign-in limits, and the account page where a user
makes an API token (mail.py sends their emails). docs/decisions/0001-accounts.md says why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

from flask import Blueprint, Flask, current_app, g, render_template, request, session
from flask_login import user_logged_out
from flask_security import (
    SQLAlchemyUserDatastore,
    auth_required,
    current_user,
    user_authenticated,
)
from flask_security.decorators import default_unauthn_handler
{%- if cookiecutter.use_api %}
from flask_smorest import abort
{%- endif %}
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from .extensions import db, limiter, security
from .models import Role, User

bp = Blueprint("auth", __name__, url_prefix="/auth")

datastore = SQLAlchemyUserDatastore(db, User, Role)


def init_app(app: Flask) -> None:
    """Bind Flask-Security-Too to the app, with this project's mail and limits."""
    security.init_app(app, datastore)
    # Its pages say "Sign in" and "Sign up", as the rest of the site (site_words).
    app.jinja_env.globals["_fsdomain"] = site_words
    security.unauthn_handler(unauthenticated)
    app.register_blueprint(bp)
    limit_sign_in(app)


# Flask-Security-Too's page texts that say "Login" or "Register", in the site's words.
SITE_WORDS = {"Login": "Sign in", "Register": "Sign up"}


def site_words(text: str, **variables: Any) -> str:
    """Flask-Security-Too's ``_fsdomain`` (its pages' headings and buttons), worded as the site.

    Its texts go through its i18n domain (translations, with Flask-Babel); SITE_WORDS rewords
    the few that name signing in or up otherwise than the navigation does.
    """
    translate: Callable[..., str] = security.i18n_domain.gettext
    return translate(SITE_WORDS.get(text, text), **variables)


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


def limit_per_address() -> str:
    return str(current_app.config["LOGIN_LIMIT_PER_ADDRESS"])


def limit_per_account() -> str:
    return str(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])


def not_a_sign_in() -> bool:
    return request.endpoint != "security.login"


def limit_sign_in(app: Flask) -> None:
    """Limit failed sign-ins per account and per client address (then 429).

    The limits count only failures, so a user who signs in is never slowed down; the
    failure answer and its timing are the same for known and unknown accounts
    (Flask-Security hashes the password even when no account matches). They are limits of
    Flask-Security's blueprint that apply to its sign-in view only.
    """
    pages = cast(Blueprint, app.blueprints["security"])
    only_sign_in: dict[str, Any] = {"methods": ["POST"], "exempt_when": not_a_sign_in, "deduct_when": failed_sign_in}
    limiter.limit(limit_per_address, **only_sign_in)(pages)
    limiter.limit(limit_per_account, key_func=sign_in_account, **only_sign_in)(pages)


@user_authenticated.connect
def signed_in(sender: Any, user: User, **extra: Any) -> None:
    """Count the sign-in as a success, and give the session a new CSRF secret.

    A CSRF token planted before sign-in (a session cookie set by another site) does not
    work after it.
    """
    g.signed_in = True
    session.pop("csrf_token", None)
    g.pop("csrf_token", None)


@user_logged_out.connect
def end_every_session(sender: Any, user: Any, **extra: Any) -> None:
    """Signing out ends the account's sessions, remember cookies and API tokens everywhere.

    They all name the account by ``fs_uniquifier``: a new one makes every copy of them
    worthless (as a password change or reset does), so a stolen cookie dies with the sign-out.
    """
    if isinstance(user, User):
        datastore.set_uniquifier(user)
        datastore.commit()


# ------------------------------------------------------------------ the account page


class TokenForm(FlaskForm):
    """An empty form: making a token is a POST that carries the CSRF token."""


def freshness() -> timedelta:
    """Showing the account page needs a session; changing something, a recent sign-in too."""
    # A negative freshness is Flask-Security's "no check".
    fresh: timedelta = current_app.config["SECURITY_FRESHNESS"]
    return timedelta(minutes=-1) if request.method == "GET" else fresh


def no_grace() -> timedelta:
    grace: timedelta = current_app.config["SECURITY_FRESHNESS_GRACE_PERIOD"]
    return grace


@bp.route("/account", methods=["GET", "POST"])
@auth_required("session", within=freshness, grace=no_grace)
def account() -> str:
    """The account page; a POST makes an API token, shown once, after a recent sign-in."""
    form = TokenForm()
    token = None
    if form.validate_on_submit():
        token = current_user.get_auth_token()
    return render_template("auth/account.html", user=current_user, form=form, token=token)
