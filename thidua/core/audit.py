"""Attribution of changes: every service saves through these so history names the actor."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

# django-simple-history stores the reason in a 100-character column; PostgreSQL refuses a
# longer value (SQLite silently keeps it), so a long reason (a revocation's) is shortened.
REASON_LENGTH = 100


def _short(reason: str) -> str:
    reason = str(reason)
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"


def _attribute(instance: models.Model, actor: AbstractBaseUser | None, reason: str) -> None:
    """Tell django-simple-history who changes ``instance`` and why (it reads these two private
    attributes when it writes the record; they are not declared on the model)."""
    instance._history_user = actor  # type: ignore[attr-defined]  # simple_history's attribute
    if reason:
        instance._change_reason = _short(reason)  # type: ignore[attr-defined]  # simple_history's


def save_attributed(
    instance: models.Model,
    *,
    actor: AbstractBaseUser | None,
    reason: str = "",
    **save_kwargs: Any,
) -> None:
    """Save with django-simple-history told who did it and why (also outside a request).
    ``actor`` is the acting account (``None``: the system, e.g. a management command)."""
    _attribute(instance, actor, reason)
    instance.save(**save_kwargs)


def delete_attributed(
    instance: models.Model, *, actor: AbstractBaseUser | None, reason: str = ""
) -> None:
    _attribute(instance, actor, reason)
    instance.delete()
