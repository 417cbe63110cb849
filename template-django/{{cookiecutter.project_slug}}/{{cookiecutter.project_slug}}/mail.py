"""Development's email backend: every message printed on the console and kept in a folder."""

import sys

from django.core.mail import EmailMessage
from django.core.mail.backends import filebased


class EmailBackend(filebased.EmailBackend):
    """Django's file backend (the messages as sent, in the mailer's file_path), printing each one too.

    The file is there to open later; the console shows the message in the terminal of the
    development command at once, as text (its links whole, never cut by a transfer
    encoding). Production refuses this backend.
    """

    def write_message(self, message: EmailMessage) -> None:
        super().write_message(message)  # to the file
        sys.stdout.write(
            f"Subject: {message.subject}\nFrom: {message.from_email}\nTo: {', '.join(message.to)}\n\n"
            f"{message.body}\n{'-' * 79}\n"
        )
        sys.stdout.flush()
