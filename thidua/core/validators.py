"""Validators shared by forms and imports.

A date that records something already done (a plan issued, a decision signed, a work
completed) cannot be in the future: «ban hành ngày 20/12/2026» typed on 03/12/2026 is a typo.
Forms attach :class:`NotInFuture` to such fields (``refuse_future``); services and imports
call :func:`future_date_error` with the field's or column's label.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


def future_date_error(value: Any, label: str, today: date | None = None) -> str | None:
    """The Vietnamese message when ``value`` (a date, or a year as an int) is after today
    (or after this year); None when it is not."""
    today = today or timezone.localdate()
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        if value > today:
            return _(
                "«%(field)s» must not be in the future: %(value)s is after today (%(today)s)."
            ) % {
                "field": label,
                "value": value.strftime("%d/%m/%Y"),
                "today": today.strftime("%d/%m/%Y"),
            }
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > today.year:
        return _("«%(field)s» must not be after the current year (%(year)s).") % {
            "field": label,
            "year": today.year,
        }
    return None


@deconstructible
class NotInFuture:
    """A field validator: the date (or year) is not after today (this year)."""

    def __init__(self, label: str = "") -> None:
        self.label = label

    def __call__(self, value: Any) -> None:
        message = future_date_error(value, str(self.label) or _("This date"))
        if message:
            raise ValidationError(message, code="future")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotInFuture) and other.label == self.label


not_in_future = NotInFuture()


def refuse_future(form: forms.BaseForm, *names: str) -> None:
    """Attach :class:`NotInFuture` named after each field's label to these fields of ``form``
    (fields the form does not have are skipped)."""
    for name in names:
        field = form.fields.get(name)
        if field is not None:
            field.validators.append(NotInFuture(str(field.label or name)))
