"""A movement's life after launch: whether it still accepts work, what is still open when it
ends, closing it, and the facts the standing body completes afterwards (the plan's number
and date, the nomination deadline).

Works, reviews and dossiers live in apps above movements; they tell the closing page what
is still open through :func:`register_open_items` (called from their ``AppConfig.ready``), so
every import still points down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.validators import future_date_error
from thidua.movements.models import Movement, MovementStatus, PlanStatus

# --- whether the movement still accepts work ---------------------------------------------


def has_ended(movement: Movement, today: date | None = None) -> bool:
    """Closed, or past its end date (registrations stop then even before it is closed)."""
    today = today or timezone.localdate()
    return movement.status == MovementStatus.CLOSED or today > movement.end_date


def ensure_running(movement: Movement) -> None:
    """Refuse any new work in a movement that is not running, saying why."""
    if movement.status == MovementStatus.CLOSED:
        raise ApplicationError(
            _("The movement «%(title)s» has ended; it no longer accepts changes.")
            % {"title": movement.title}
        )
    if movement.status != MovementStatus.LAUNCHED:
        raise ApplicationError(_("The movement has not been launched yet."))


def ensure_registration_open(movement: Movement, today: date | None = None) -> None:
    """Registration stays open after its deadline (marked late) but not after the end."""
    ensure_running(movement)
    today = today or timezone.localdate()
    if today > movement.end_date:
        raise ApplicationError(
            _("The movement ended on %(date)s; works can no longer be registered.")
            % {"date": movement.end_date.strftime("%d/%m/%Y")}
        )


def ensure_nominations_open(movement: Movement, today: date | None = None) -> None:
    ensure_running(movement)
    today = today or timezone.localdate()
    if today > movement.nominations_close_on:
        raise ApplicationError(
            _("The deadline for nomination dossiers was %(date)s; no new dossier is accepted.")
            % {"date": movement.nominations_close_on.strftime("%d/%m/%Y")}
        )


# --- what is still open: an extension point for the apps above ---------------------------


@dataclass(frozen=True)
class OpenItem:
    """One kind of unfinished business, e.g. «works not completed: 3», with its list page."""

    label: str
    count: int
    url: str = ""


OpenItemsSource = Callable[[Movement], list[OpenItem]]
_sources: list[OpenItemsSource] = []


def register_open_items(source: OpenItemsSource) -> None:
    if source not in _sources:
        _sources.append(source)


def _plans_not_issued(movement: Movement) -> list[OpenItem]:
    count = movement.unit_plans.filter(status=PlanStatus.PENDING).count()
    url = reverse("movements:plan_monitor", args=[movement.pk]) + f"?status={PlanStatus.PENDING}"
    return [OpenItem(_("Unit plans not issued"), count, url)]


def open_items(movement: Movement) -> list[OpenItem]:
    """Everything still open in the movement, as the closing page lists it (one query per
    kind; kinds with nothing open are kept, showing 0)."""
    items = _plans_not_issued(movement)
    for source in _sources:
        items.extend(source(movement))
    return items


# --- closing ------------------------------------------------------------------------------


@transaction.atomic
def movement_close(*, actor: User, movement: Movement, today: date | None = None) -> Movement:
    """The chairman or the standing body of the issuing unit ends the movement, once its end
    date has passed. Nothing is deleted: what was open stays as it is, read-only."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if not actor.has_perm("movements.close_movement", movement):
        raise PermissionDenied
    if movement.status != MovementStatus.LAUNCHED:
        raise ApplicationError(_("Only a running movement can be ended."))
    today = today or timezone.localdate()
    if today <= movement.end_date:
        raise ApplicationError(
            _("The movement runs until %(date)s; it can be ended only after that day.")
            % {"date": movement.end_date.strftime("%d/%m/%Y")}
        )
    movement.status = MovementStatus.CLOSED
    movement.closed_at = timezone.now()
    movement.closed_by = actor
    save_attributed(
        movement,
        actor=actor,
        reason=_("Movement ended"),
        update_fields=["status", "closed_at", "closed_by"],
    )
    return movement


# --- facts completed after launch ----------------------------------------------------------


@transaction.atomic
def movement_plan_complete(
    *,
    actor: User,
    movement: Movement,
    document_number: str,
    document_date: date | None,
    signed_file: File | None = None,
) -> Movement:
    """The standing body fills in the plan's number, date or signed file once it is issued;
    every decision cites them («Căn cứ Kế hoạch số … ngày …»)."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if not actor.has_perm("movements.complete_plan", movement):
        raise PermissionDenied
    errors: dict[str, str] = {}
    message = future_date_error(document_date, _("Plan date"))
    if message:
        errors["document_date"] = message
    if document_date and document_date > movement.end_date:
        errors.setdefault("document_date", _("The plan must be issued before the movement ends."))
    if errors:
        raise ValidationError(errors)
    fields = []
    number = document_number.strip()
    if number != movement.document_number:
        movement.document_number = number
        fields.append("document_number")
    if document_date != movement.document_date:
        movement.document_date = document_date
        fields.append("document_date")
    if signed_file is not None:
        movement.signed_file = signed_file
        fields.append("signed_file")
    if fields:
        others = [f.name for f in Movement._meta.concrete_fields if f.name not in fields]
        movement.clean_fields(exclude=others)
        save_attributed(
            movement, actor=actor, reason=_("Plan number and date completed"), update_fields=fields
        )
    return movement


@transaction.atomic
def nomination_deadline_set(*, actor: User, movement: Movement, deadline: date | None) -> Movement:
    """The standing body sets (or clears, back to the end date) the last day for dossiers."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if not actor.has_perm("movements.set_nomination_deadline", movement):
        raise PermissionDenied
    if deadline is not None and deadline < movement.start_date:
        raise ValidationError(
            {
                "nomination_deadline": _("Must not be before the movement starts (%(start)s).")
                % {"start": movement.start_date.strftime("%d/%m/%Y")}
            }
        )
    if deadline != movement.nomination_deadline:
        movement.nomination_deadline = deadline
        save_attributed(
            movement,
            actor=actor,
            reason=_("Nomination deadline set"),
            update_fields=["nomination_deadline"],
        )
    return movement
