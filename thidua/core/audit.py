"""Attribution of changes: every service saves through these so history names the actor."""

from django.db import models


def save_attributed(instance: models.Model, *, actor, reason: str = "", **save_kwargs) -> None:
    """Save with django-simple-history told who did it and why (also outside a request)."""
    instance._history_user = actor  # read by simple_history when it writes the record
    if reason:
        instance._change_reason = reason
    instance.save(**save_kwargs)


def delete_attributed(instance: models.Model, *, actor, reason: str = "") -> None:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.delete()
