"""Helpers the criteria pages share: unit pickers, evidence downloads, service errors and
the movement a page is about."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from thidua.core.errors import ApplicationError
from thidua.movements.models import Movement, MovementStatus
from thidua.units.models import Unit

# Pickers and filters get a search box from this many units.
FILTER_BOX_FROM = 15


def picker_units(ids) -> QuerySet[Unit]:
    """Units for a picker or a filter, villages with their commune (``unit_label``)."""
    return Unit.objects.filter(pk__in=ids).select_related("parent").order_by("sort_name")


def error_text(error: Exception) -> str:
    if isinstance(error, ApplicationError):
        return error.message
    return " ".join(getattr(error, "messages", [str(error)]))


def movement_or_404(pk: int, *, launched: bool = True) -> Movement:
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if launched and movement.status == MovementStatus.DRAFT:
        raise Http404
    return movement
