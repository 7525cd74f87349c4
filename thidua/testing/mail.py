"""A mail server that cannot be reached: Django's real SMTP backend pointed at a closed port."""

import socket
from typing import Any


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_smtp_unreachable(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 5


def make_smtp_reachable(settings: Any) -> None:
    """Back to the test outbox (django.core.mail.outbox), as if the server were repaired."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
