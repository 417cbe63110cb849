"""Commands added to the ``flask`` command line (see register_commands in __init__.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext
from flask_security import hash_password
from sqlalchemy.exc import OperationalError, ProgrammingError

from .auth import datastore
from .extensions import db


@click.command("create-admin")
@click.argument("email")
@click.password_option(help="The password (asked when not given).")
@with_appcontext
def create_admin(email: str, password: str) -> None:
    """Create an admin account, or make an existing account an admin."""
    email = email.strip().lower()
    try:
        user = datastore.find_user(case_insensitive=True, email=email)
    except (OperationalError, ProgrammingError) as err:
        upgrade = "flask --app {{ cookiecutter.project_slug }} db upgrade"
        raise click.ClickException(
            f"Cannot read the users table ({err.orig}). Create the tables first: {upgrade}"
        ) from err
    if user is None:
        user = datastore.create_user(email=email, password=hash_password(password))
        action = "Created"
    else:
        user.password = hash_password(password)
        datastore.set_uniquifier(user)  # end the account's sessions and tokens
        action = "Updated"
    # Made by the operator: the address needs no confirmation link.
    user.confirmed_at = user.confirmed_at or datetime.now(UTC)
    datastore.add_role_to_user(user, datastore.find_or_create_role("admin"))
    db.session.commit()
    click.echo(f"{action} admin {email}.")
