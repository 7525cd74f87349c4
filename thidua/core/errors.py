from typing import Any


class ApplicationError(Exception):
    """A domain rule refused an action; the message is translated and shown to the user."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
