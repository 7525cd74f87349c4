"""Turns django-simple-history records into "who, when, what changed" entries for a page.

An object's page may also show the history of its parts (a movement's content areas, say):
each part's versions are compared with that part's previous version.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, Protocol, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.templatetags.vn_format import group_thousands

_ACTIONS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}
# Reasons some services stored as codes before they stored readable text.
_CODED_REASONS = {
    "decision_create": gettext_lazy("Decision created"),
    "decision_update": gettext_lazy("Decision changed"),
    "decision_delete": gettext_lazy("Decision deleted"),
    "decision_sign": gettext_lazy("Decision signed"),
    "docx": gettext_lazy("Decision document (.docx) made"),
    "pdf": gettext_lazy("Decision PDF made"),
    "quota_set": gettext_lazy("Quota set"),
    "load_holidays": gettext_lazy("Official calendar loaded"),
    "load_award_reference": gettext_lazy("Award reference data loaded"),
    "load_award_reference --overwrite": gettext_lazy("Award reference data loaded"),
}
_STEP = re.compile(r"([a-z_]+) → ([a-z_]+)")
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
    """A stored value as a reader knows it: labels not codes, a file's name not its storage
    path, 600.000.000 not 600000000, Có/Không; empty values as "" (the page shows "—")."""
    if value in (None, "", [], {}) or value == "None":
        return ""
    if model_field.attname in _HIDDEN:
        return "•••"
    if model_field.is_relation:
        return names.get((model_field.related_model, value), _("(deleted)"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.FileField):
        return PurePosixPath(str(value)).name
    if isinstance(value, list):
        choices = dict(getattr(model_field, "choices_for_display", []) or [])
        return ", ".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, bool):
        return capfirst(_("yes") if value else _("no"))
    if isinstance(value, int | Decimal) and "year" not in model_field.name:
        return group_thousands(Decimal(value), _places(value))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _places(value: int | Decimal) -> int:
    if isinstance(value, int):
        return 0
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _reason(record: Any) -> str:
    """The recorded reason, with the codes older versions stored shown by their labels."""
    reason = record.history_change_reason or ""
    if reason in _CODED_REASONS:
        return str(_CODED_REASONS[reason])
    head, _space, rest = reason.partition(" ")
    if head in _CODED_REASONS and rest:
        return f"{_CODED_REASONS[head]} {rest}"
    step = _STEP.fullmatch(reason)
    status = _status_field(record.instance_type)
    if step and status is not None:
        labels = dict(status.flatchoices)
        return " → ".join(str(labels.get(code, code)) for code in step.groups())
    return reason


def _status_field(model: type[models.Model]) -> models.Field | None:
    try:
        found = model._meta.get_field("status")
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) and found.choices else None


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
                reason=_reason(record),
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
