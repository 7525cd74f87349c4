"""Turns django-simple-history records into "who, when, what changed" entries for a page.

An object's page may also show the history of its parts (a movement's content areas, say):
each part's versions are compared with that part's previous version.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, cast

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_ACTIONS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}
_SKIP = {"id", "history_id", "history_date", "history_type", "history_user"}
_HIDDEN = {"password"}


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
    subject: str = ""
    changes: list[Change] = field(default_factory=list)


class Historied(Protocol):
    """A model instance with django-simple-history's ``history`` manager (untyped)."""

    pk: Any
    history: Any


def _tracked_fields(record: Any) -> list[models.Field]:
    model = record.instance_type
    history_columns = {f.attname for f in record._meta.concrete_fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.attname in history_columns and f.name not in _SKIP
    ]


def _display(value: object, model_field: models.Field, names: dict) -> str:
    if value in (None, "", []):
        return ""
    if model_field.attname in _HIDDEN:
        return "•••"
    if model_field.is_relation:
        return names.get((model_field.related_model, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):
        choices = dict(getattr(model_field, "choices_for_display", []) or [])
        return ", ".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def history_entries(
    instance: Historied, *, parts: tuple[QuerySet, ...] = (), limit: int = 50
) -> list[HistoryEntry]:
    """Newest first. One query per history table, plus one per related model named in a change."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    for queryset in parts:
        records += list(queryset.select_related("history_user").order_by("-history_date")[:limit])
    # Compare each version with the previous version of the same object.
    versions: dict[tuple, list] = defaultdict(list)
    for record in records:
        versions[(record.instance_type, record.id)].append(record)
    previous_of: dict[int, object] = {}
    for chain in versions.values():
        chain.sort(key=lambda r: (r.history_date, r.history_id))
        for older, newer in zip(chain, chain[1:], strict=False):
            previous_of[id(newer)] = older
    diffs: dict[int, list[tuple[models.Field, object, object]]] = {}
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for record in records:
        previous = previous_of.get(id(record))
        if record.history_type != "~" or previous is None:
            continue
        changed = []
        for f in _tracked_fields(record):
            old, new = getattr(previous, f.attname), getattr(record, f.attname)
            if old != new:
                changed.append((f, old, new))
                if f.is_relation:
                    # A concrete relation's model is resolved (never "self" or None).
                    related = cast("type[models.Model]", f.related_model)
                    wanted[related].update(v for v in (old, new) if v is not None)
        diffs[id(record)] = changed
    names = {
        (model, obj.pk): str(obj)
        for model, pks in wanted.items()
        for obj in model._default_manager.filter(pk__in=pks)
    }
    records.sort(key=lambda r: (r.history_date, r.history_id), reverse=True)
    entries: list[HistoryEntry] = []
    for record in records[:limit]:
        if (
            record.history_type == "~"
            and not diffs.get(id(record))
            and not record.history_change_reason
        ):
            continue  # a save that changed only untracked fields
        user = record.history_user
        is_part = record.instance_type is not type(instance)
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.full_name or user.username) if user else "",
                action=str(_ACTIONS.get(record.history_type, _ACTIONS["~"])),
                reason=record.history_change_reason or "",
                subject=f"{record.instance_type._meta.verbose_name}: {record.instance}"
                if is_part
                else "",
                changes=[
                    Change(
                        field=str(f.verbose_name),
                        old=_display(old, f, names),
                        new=_display(new, f, names),
                    )
                    for f, old, new in diffs.get(id(record), [])
                ],
            )
        )
    return entries
