"""Attribution of changes: every service saves through these so history names the actor."""

from django.db import models

# django-simple-history stores the reason in a 100-character column; PostgreSQL refuses a
# longer value (SQLite silently keeps it), so a long reason (a revocation's) is shortened.
REASON_LENGTH = 100


def _short(reason: str) -> str:
    reason = str(reason)
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"


def save_attributed(instance: models.Model, *, actor, reason: str = "", **save_kwargs) -> None:
    """Save with django-simple-history told who did it and why (also outside a request)."""
    instance._history_user = actor  # read by simple_history when it writes the record
    if reason:
        instance._change_reason = _short(reason)
    instance.save(**save_kwargs)


def delete_attributed(instance: models.Model, *, actor, reason: str = "") -> None:
    instance._history_user = actor
    if reason:
        instance._change_reason = _short(reason)
    instance.delete()
