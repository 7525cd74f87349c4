"""The story's clock: each step runs at its 2025 moment (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from django.apps import apps
from django.db import models
from django.utils import timezone


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


class Clock:
    """Re-dates what a step wrote to the story's date.

    Services stamp ``auto_now_add`` fields, their own ``timezone.now()`` and the history rows
    with the moment they run. After a step, every date-time column of the commendation apps
    (their history tables included) holding a value from that step's run is set to the
    story's moment: a plain UPDATE, on purpose, since the rows to correct are the history
    rows themselves. Earlier rows are untouched: they are older than the step's start.
    """

    APPS = ("nominations", "councils", "awards", "criteria")

    def __init__(self) -> None:
        self.columns = [
            (model, field.name)
            for label in self.APPS
            for model in apps.get_app_config(label).get_models()
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateTimeField)
        ]

    @contextmanager
    def at(self, when: datetime) -> Iterator[None]:
        start = timezone.now()
        yield
        for model, name in self.columns:
            model._base_manager.filter(**{f"{name}__gte": start}).update(**{name: when})
