"""Commands added to the ``flask`` command line (see register_commands in __init__.py)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from .extensions import db
from .models import User


@click.command("create-admin")
@click.argument("email")
@click.password_option(help="The password (asked when not given).")
@with_appcontext
def create_admin(email: str, password: str) -> None:
    """Create an admin account, or make an existing account an admin."""
    email = email.strip().lower()
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
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
