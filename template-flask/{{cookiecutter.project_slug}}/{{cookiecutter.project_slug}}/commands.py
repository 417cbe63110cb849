"""Commands added to the ``flask`` command line (see register_commands in __init__.py)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from .extensions import db
from .models import User


@click.command("create-admin")
@click.argument("email")
@click.password_option(help="The password (asked when not given).")
@with_appcontext
def create_admin(email: str, password: str) -> None:
    """Create an admin account, or make an existing account an admin."""
    email = email.strip().lower()
    try:
        user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    except (OperationalError, ProgrammingError) as err:
        raise click.ClickException(
            f"Cannot read the users table ({err.orig}). Create the tables first: "
            "flask --app {{ cookiecutter.project_slug }} db upgrade"
        ) from err
    if user is None:
        user = User(email=email)
        db.session.add(user)
        action = "Created"
    else:
        action = "Updated"
    user.set_password(password)
    user.is_admin = True
    db.session.commit()
    click.echo(f"{action} admin {email}.")
