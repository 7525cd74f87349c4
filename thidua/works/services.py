"""Writes for works: registration, the commune's acceptance, cancelling, progress with
evidence, reminders and flagship selection. Each service checks its rule, validates, saves
with attribution and runs in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.validators import future_date_error
from thidua.movements.lifecycle import ensure_registration_open, ensure_running
from thidua.movements.models import Movement, Participant
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit
from thidua.works import evidence as evidence_files
from thidua.works.models import (
    DONE_STATUSES,
    REQUIRED_FIELDS,
    Evidence,
    FlagshipWork,
    FundingSource,
    ProgressStatus,
    ProgressUpdate,
    RegistrationStatus,
    Reminder,
    ReminderRecipient,
    Work,
    WorkKind,
    column,
)
from thidua.works.notifications import notify_reminder
from thidua.works.rules import REGISTRAR_ROLES

WORK_FIELDS = (
    "kind",
    "name",
    "description",
    "volume",
    "site",
    "estimated_value",
    "funding_source",
    "people_funded",
    "expected_completion",
)


def field_label(name: str) -> str:
    return str(column(Work, name).verbose_name)


def work_errors(movement: Movement, values: dict[str, Any], *, register: bool) -> dict[str, str]:
    """Field name → Vietnamese message for what is wrong with these values.

    Shared by the form, the Excel import and the services, so the three refuse the same
    things with the same words. A draft needs only a kind and a name; a registration also
    needs the plan's five facts (II.5.c).
    """
    errors: dict[str, str] = {}
    if values.get("kind") not in WorkKind.values:
        errors["kind"] = _("Choose construction or task.")
    if not str(values.get("name") or "").strip():
        errors["name"] = _("Enter the name of the work.")
    value = values.get("estimated_value")
    if value is not None and value != "" and Decimal(value) <= 0:
        errors["estimated_value"] = _("Must be a positive number.")
    source = values.get("funding_source")
    if source and source not in FundingSource.values:
        errors["funding_source"] = _("Choose a funding source from the list.")
    expected = values.get("expected_completion")
    if isinstance(expected, date) and expected < movement.start_date:
        errors["expected_completion"] = _("Must not be before the movement starts (%(start)s).") % {
            "start": movement.start_date.strftime("%d/%m/%Y")
        }
    if register:
        for name in REQUIRED_FIELDS:
            if name not in errors and values.get(name) in (None, ""):
                errors[name] = _("The plan requires «%(field)s» for every registration.") % {
                    "field": field_label(name)
                }
    return errors


def registration_status_for(actor: User, unit: Unit) -> str:
    """A village registers with its commune: its works wait for the commune's acceptance,
    unless the commune (or someone above it) registers on its behalf."""
    if (
        unit.kind in VILLAGE_LEVEL_KINDS
        and unit.parent_id is not None
        and unit.parent_id not in reach(actor, REGISTRAR_ROLES)
    ):
        return RegistrationStatus.PENDING
    return RegistrationStatus.REGISTERED


def takes_part(unit, participant_ids: set[int] | frozenset[int]) -> bool:
    """The unit (anything with pk, kind and parent_id: a Unit, or an import's UnitInfo) takes
    part, or is a village of a commune that does (villages register with their commune, 7.1.c)."""
    if unit.pk in participant_ids:
        return True
    return (
        unit.kind in VILLAGE_LEVEL_KINDS
        and unit.parent_id is not None
        and unit.parent_id in participant_ids
    )


def taking_part_q(movement: Movement) -> Q:
    """``takes_part`` as a filter on units: the participants and the villages of participating
    communes (one subquery, so lists keep a fixed query count)."""
    participants = Participant.objects.filter(movement=movement).values("unit_id")
    return Q(pk__in=participants) | Q(kind__in=VILLAGE_LEVEL_KINDS, parent_id__in=participants)


def may_register_in(movement: Movement, unit: Unit) -> bool:
    """``takes_part`` asked of the database: the unit may register works in the movement and
    review them (the reviews use this same rule)."""
    ids = [unit.pk, unit.parent_id] if unit.parent_id else [unit.pk]
    participants = set(
        Participant.objects.filter(movement=movement, unit_id__in=ids).values_list(
            "unit_id", flat=True
        )
    )
    return takes_part(unit, participants)


def is_late(movement: Movement, when) -> bool:
    deadline = movement.registration_deadline
    return deadline is not None and timezone.localdate(when) > deadline


def _check_can_register(actor: User, movement: Movement, unit: Unit) -> None:
    # After the deadline a registration is still taken (marked late); after the end, not.
    ensure_registration_open(movement)
    if not actor.has_perm("works.register_for_unit", unit):
        raise PermissionDenied
    if not may_register_in(movement, unit):
        raise ApplicationError(
            _("%(unit)s does not take part in this movement.") % {"unit": unit.name}
        )


def _apply(work: Work, data: dict[str, Any]) -> None:
    for name in WORK_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            setattr(work, name, value)
    if work.funding_source == FundingSource.PEOPLE:
        work.people_funded = True


def _register(actor: User, work: Work, now) -> None:
    work.status = registration_status_for(actor, work.unit)
    work.return_reason = ""
    if work.registered_at is None:
        work.registered_at = now
        work.registered_by = actor
        work.is_late = is_late(work.movement, now)


def _validate(work: Work, *, register: bool) -> None:
    values = {name: getattr(work, name) for name in WORK_FIELDS}
    errors = work_errors(work.movement, values, register=register)
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})


@transaction.atomic
def work_create(
    *, actor: User, movement: Movement, unit: Unit, data: dict[str, Any], register: bool = True
) -> Work:
    """Register a work (or keep it as a draft, which may still lack the plan's facts)."""
    movement = Movement.objects.get(pk=movement.pk)  # as it stands now, ended or not
    _check_can_register(actor, movement, unit)
    work = Work(movement=movement, unit=unit, created_by=actor)
    _apply(work, data)
    _validate(work, register=register)
    if register:
        _register(actor, work, timezone.now())
    save_attributed(work, actor=actor, reason=_("Registered") if register else _("Draft saved"))
    return work


@transaction.atomic
def work_update(*, actor: User, work: Work, data: dict[str, Any], register: bool = False) -> Work:
    """Correct a work. A draft or returned work is (re)submitted when ``register`` is set;
    a registered work stays registered."""
    work = Work.objects.select_for_update().select_related("movement", "unit").get(pk=work.pk)
    ensure_running(work.movement)
    if not actor.has_perm("works.change_work", work):
        raise PermissionDenied
    _apply(work, data)
    submit = register and work.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)
    if submit:
        ensure_registration_open(work.movement)
    keeps_registration = work.status in (RegistrationStatus.PENDING, RegistrationStatus.REGISTERED)
    _validate(work, register=submit or keeps_registration)
    if submit:
        _register(actor, work, timezone.now())
    save_attributed(work, actor=actor, reason=_("Registered") if submit else _("Changed"))
    return work


@transaction.atomic
def work_accept(*, actor: User, work: Work) -> Work:
    """The commune accepts a village's registration."""
    work = Work.objects.select_for_update().select_related("movement", "unit").get(pk=work.pk)
    if not actor.has_perm("works.accept_work", work):
        raise PermissionDenied
    work.status = RegistrationStatus.REGISTERED
    save_attributed(work, actor=actor, reason=_("Accepted by the commune"))
    return work


@transaction.atomic
def work_return(*, actor: User, work: Work, reason: str) -> Work:
    """The commune returns a village's registration for correction, saying why."""
    work = Work.objects.select_for_update().select_related("movement", "unit").get(pk=work.pk)
    if not actor.has_perm("works.accept_work", work):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the registration is returned.")]})
    work.status = RegistrationStatus.RETURNED
    work.return_reason = reason.strip()
    save_attributed(work, actor=actor, reason=_("Returned: %(reason)s") % {"reason": reason})
    return work


@transaction.atomic
def work_cancel(*, actor: User, work: Work, reason: str) -> Work:
    """Soft delete: the work stays in the register and its history, marked cancelled."""
    work = Work.objects.select_for_update().select_related("movement", "unit").get(pk=work.pk)
    if not actor.has_perm("works.change_work", work):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the work is cancelled.")]})
    if hasattr(work, "flagship"):
        raise ApplicationError(
            _("This is a flagship work; the district must replace it in the selection first.")
        )
    work.status = RegistrationStatus.CANCELLED
    work.cancel_reason = reason.strip()
    save_attributed(work, actor=actor, reason=_("Cancelled: %(reason)s") % {"reason": reason})
    return work


# --- progress ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressData:
    percent: int
    status: str
    actual_completion: date | None = None
    put_into_use: date | None = None
    value_done: Decimal | None = None
    note: str = ""


def progress_errors(data: ProgressData, work: Work, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not 0 <= data.percent <= 100:
        errors["percent"] = _("Between 0 and 100.")
    if data.status in DONE_STATUSES and data.percent != 100:
        errors["percent"] = _("A completed work must be 100 percent complete.")
    if data.status == ProgressStatus.NOT_STARTED and data.percent != 0:
        errors["percent"] = _("A work not started must be 0 percent complete.")
    if data.status in DONE_STATUSES and data.actual_completion is None:
        errors["actual_completion"] = _("Enter the date the work was completed.")
    if data.status == ProgressStatus.IN_USE and data.put_into_use is None:
        errors["put_into_use"] = _("Enter the date the work was put into use.")
    for name in ("actual_completion", "put_into_use"):
        value = getattr(data, name)
        future = future_date_error(value, str(column(Work, name).verbose_name), today)
        if future:
            errors[name] = future
        if value is not None and value < work.movement.start_date and name not in errors:
            errors[name] = _("Must not be before the movement starts (%(start)s).") % {
                "start": work.movement.start_date.strftime("%d/%m/%Y")
            }
    if (
        data.put_into_use
        and data.actual_completion
        and data.put_into_use < data.actual_completion
        and "put_into_use" not in errors
    ):
        errors["put_into_use"] = _("Must not be before the completion date.")
    if data.value_done is not None and data.value_done < 0:
        errors["value_done"] = _("Must not be negative.")
    return errors


@transaction.atomic
def progress_record(
    *, actor: User, work: Work, data: ProgressData, files: Sequence[UploadedFile] = ()
) -> ProgressUpdate:
    """Record a progress update with its evidence; the work shows the latest figures."""
    work = Work.objects.select_for_update().select_related("movement", "unit").get(pk=work.pk)
    ensure_running(work.movement)
    if not actor.has_perm("works.record_progress", work):
        raise PermissionDenied
    errors = progress_errors(data, work, timezone.localdate())
    file_errors = []
    for upload in files:
        try:
            evidence_files.validate(upload)
        except ValidationError as error:
            file_errors.append(f"{upload.name}: {' '.join(error.messages)}")
    if file_errors:
        errors["files"] = " ".join(file_errors)
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
    update = ProgressUpdate(
        work=work,
        percent=data.percent,
        status=data.status,
        actual_completion=data.actual_completion,
        put_into_use=data.put_into_use,
        value_done=data.value_done,
        note=data.note.strip(),
        recorded_by=actor,
    )
    save_attributed(update, actor=actor)
    for upload in files:
        item = Evidence(
            update=update, original_name=(upload.name or "")[:255], size=upload.size or 0
        )
        evidence_files.attach(item, upload)
        save_attributed(item, actor=actor)
    work.progress_percent = data.percent
    work.progress_status = data.status
    work.actual_completion = data.actual_completion
    work.put_into_use = data.put_into_use
    if data.value_done is not None:
        work.value_done = data.value_done
    work.progress_updated_at = timezone.now()
    save_attributed(
        work,
        actor=actor,
        reason=_("Progress: %(percent)s%%") % {"percent": data.percent},
        update_fields=[
            "progress_percent",
            "progress_status",
            "actual_completion",
            "put_into_use",
            "value_done",
            "progress_updated_at",
        ],
    )
    return update


# --- reminders --------------------------------------------------------------------------


@transaction.atomic
def reminder_send(
    *,
    actor: User,
    movement: Movement,
    unit_ids: Iterable[int],
    subject: str,
    message: str,
    reasons: dict[int, str] | None = None,
) -> Reminder:
    """Urge units: each sees the reminder in the app and its people get an e-mail."""
    if not actor.has_perm("works.send_reminder", movement):
        raise PermissionDenied
    ids = sorted(set(unit_ids))
    if not ids:
        raise ValidationError({"units": [_("Choose at least one unit to remind.")]})
    participating = set(
        Participant.objects.filter(movement=movement, unit_id__in=ids).values_list(
            "unit_id", flat=True
        )
    )
    if set(ids) - participating:
        raise ApplicationError(_("Reminders go only to units taking part in the movement."))
    errors = {}
    if not subject.strip():
        errors["subject"] = [_("Enter a subject.")]
    if not message.strip():
        errors["message"] = [_("Enter the message.")]
    if errors:
        raise ValidationError(errors)
    reminder = Reminder(
        movement=movement, subject=subject.strip(), message=message.strip(), sent_by=actor
    )
    save_attributed(reminder, actor=actor)
    reasons = reasons or {}
    recipients = [
        ReminderRecipient(reminder=reminder, unit_id=pk, reason=reasons.get(pk, "")[:300])
        for pk in ids
    ]
    bulk_create_with_history(recipients, ReminderRecipient, default_user=actor, batch_size=500)
    reminder_id = reminder.pk
    transaction.on_commit(lambda: notify_reminder(reminder_id=reminder_id))
    return reminder


@transaction.atomic
def reminder_acknowledge(*, actor: User, recipient: ReminderRecipient) -> ReminderRecipient:
    recipient = ReminderRecipient.objects.select_for_update().get(pk=recipient.pk)
    if recipient.unit_id not in reach(actor, REGISTRAR_ROLES):
        raise PermissionDenied
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at = timezone.now()
        recipient.acknowledged_by = actor
        save_attributed(recipient, actor=actor, reason=_("Acknowledged"))
    return recipient


# --- flagship works ---------------------------------------------------------------------


@dataclass(frozen=True)
class FlagshipChoice:
    work: Work
    reason: str


@transaction.atomic
def flagship_select(
    *, actor: User, movement: Movement, choices: Sequence[FlagshipChoice], congress: str
) -> list[FlagshipWork]:
    """Replace the movement's flagship selection with exactly the number it sets."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if not actor.has_perm("works.select_flagship", movement):
        raise PermissionDenied
    wanted = movement.flagship_count
    if wanted == 0:
        raise ApplicationError(_("This movement sets no flagship works."))
    if len({c.work.pk for c in choices}) != len(choices) or len(choices) != wanted:
        raise ValidationError(
            {
                "works": [
                    _("Select exactly %(count)s works (%(chosen)s chosen).")
                    % {"count": wanted, "chosen": len(choices)}
                ]
            }
        )
    errors = {}
    if not congress.strip():
        errors["congress"] = [_("Name the congress the plaque celebrates.")]
    for choice in choices:
        work = choice.work
        if work.movement_id != movement.pk or work.status != RegistrationStatus.REGISTERED:
            errors.setdefault("works", []).append(
                _("«%(work)s» is not a registered work of this movement.") % {"work": work.name}
            )
        if not choice.reason.strip():
            errors.setdefault("works", []).append(
                _("Give the reason for selecting «%(work)s».") % {"work": work.name}
            )
    if errors:
        raise ValidationError(errors)
    current = {f.work_id: f for f in movement.flagship_works.all()}
    chosen_ids = {c.work.pk for c in choices}
    for work_id, flagship in current.items():
        if work_id not in chosen_ids:
            delete_attributed(flagship, actor=actor, reason=_("Removed from the selection"))
    result = []
    for choice in choices:
        flagship = current.get(choice.work.pk) or FlagshipWork(
            movement=movement, work=choice.work, selected_by=actor
        )
        flagship.reason = choice.reason.strip()
        flagship.congress = congress.strip()
        save_attributed(flagship, actor=actor, reason=_("Selected as a flagship work"))
        result.append(flagship)
    return result
