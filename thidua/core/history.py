"""Turns django-simple-history records into "who, when, what changed" entries for a page."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_ACTIONS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}
_SKIP = {
    "id",
    "history_id",
    "history_date",
    "history_type",
    "history_user",
    "history_change_reason",
}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(record, model_field: models.Field) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def history_entries(instance: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """Newest first; one query for the records and their users."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    model_fields = [
        f for f in instance._meta.concrete_fields if f.attname not in _SKIP and f.name not in _SKIP
    ]
    history_fields = {f.attname for f in records[0]._meta.concrete_fields} if records else set()
    tracked = [f for f in model_fields if f.attname in history_fields]
    entries: list[HistoryEntry] = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if record.history_type == "~" and previous is not None:
            for f in tracked:
                if getattr(record, f.attname) != getattr(previous, f.attname):
                    old = _display(previous, f)
                    new = _display(record, f)
                    if f.attname == "password":
                        old, new = "•••", "•••"
                    changes.append(Change(field=str(f.verbose_name), old=old, new=new))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.full_name or user.username) if user else "",
                action=str(_ACTIONS.get(record.history_type, _ACTIONS["~"])),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
