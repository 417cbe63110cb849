"""Development's email backend: every message printed on the console and kept in a folder."""

import sys

from django.core.mail import EmailMessage
from django.core.mail.backends import console, filebased


class EmailBackend(filebased.EmailBackend):
    """Django's file backend (one file per connection in EMAIL_FILE_PATH), printing each message too.

    The file is there to open later; the console shows the message (and its links) in the
    terminal of the development command at once. Production refuses this backend.
    """

    def write_message(self, message: EmailMessage) -> None:
        super().write_message(message)  # to the file
        stream, self.stream = self.stream, sys.stdout
        try:
            console.EmailBackend.write_message(self, message)  # as text, as the console backend prints it
            sys.stdout.flush()
        finally:
            self.stream = stream
