"""An email backend for a worker under test: a slow server (each message takes
CSC_TEST_MAIL_SECONDS), then written as the file backend writes it."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def write_message(self, message):
        time.sleep(float(os.environ.get("CSC_TEST_MAIL_SECONDS", "0.3")))
        super().write_message(message)
