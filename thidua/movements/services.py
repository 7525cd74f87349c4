"""Writes for movements and unit plans. Each service checks its rule, validates, saves with
attribution and runs in one transaction, so a multi-step change is all or nothing."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import User
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.validators import future_date_error
from thidua.movements.lifecycle import ensure_running
from thidua.movements.models import (
    ContentArea,
    Movement,
    MovementStatus,
    Participant,
    ParticipantSource,
    PlanStatus,
    UnitPlan,
    WorkMinimum,
)
from thidua.movements.notifications import notify_launch
from thidua.units.models import Unit, with_commune_level
from thidua.units.selectors import subtree_ids

MOVEMENT_FIELDS = (
    "title",
    "issuing_unit",
    "document_number",
    "document_date",
    "signer_name",
    "signer_title",
    "legal_basis_number",
    "legal_basis_date",
    "legal_basis_issuer",
    "legal_basis_summary",
    "purposes",
    "requirements",
    "theme",
    "goal",
    "slogan",
    "collective_kinds",
    "individual_kinds",
    "start_date",
    "end_date",
    "funding_source",
    "distribution_list",
    "registration_deadline",
    "default_work_minimum",
    "flagship_count",
    "flagship_due",
    "nomination_deadline",
)


def field_label(name: str, model: type[models.Model] = Movement) -> str:
    """The Vietnamese label of a column, for messages naming the field."""
    return str(cast(models.Field, model._meta.get_field(name)).verbose_name)


@dataclass(frozen=True)
class ContentAreaData:
    label: str
    content: str
    target: str = ""


def validate_movement(movement: Movement) -> None:
    errors: dict[str, str] = {}
    if movement.start_date and movement.end_date and movement.end_date <= movement.start_date:
        errors["end_date"] = _("The end date must be after the start date.")
    deadline = movement.registration_deadline
    within = movement.start_date and movement.end_date
    if deadline and within and not movement.start_date <= deadline <= movement.end_date:
        errors["registration_deadline"] = _(
            "The registration deadline must fall within the movement's period."
        )
    nominations = movement.nomination_deadline
    if nominations and movement.start_date and nominations < movement.start_date:
        errors["nomination_deadline"] = _("Must not be before the movement starts (%(start)s).") % {
            "start": movement.start_date.strftime("%d/%m/%Y")
        }
    for name in ("document_date", "legal_basis_date"):
        message = future_date_error(getattr(movement, name), field_label(name))
        if message:
            errors[name] = message
    if errors:
        raise ValidationError(errors)


def _replace_children(
    *,
    actor: User,
    movement: Movement,
    content_areas: Sequence[ContentAreaData],
    work_minimums: dict[str, int],
    manual_units: Iterable[Unit],
) -> None:
    # Content areas are matched by position so that an edit shows as a change, not as a
    # deletion and a creation, in the movement's history.
    current = list(movement.content_areas.order_by("position", "pk"))
    for position, area in enumerate(content_areas):
        if position < len(current):
            existing = current[position]
            wanted = {"label": area.label, "content": area.content, "target": area.target}
            changed = [f for f, v in wanted.items() if getattr(existing, f) != v]
            if changed or existing.position != position:
                for f, v in wanted.items():
                    setattr(existing, f, v)
                existing.position = position
                save_attributed(existing, actor=actor, update_fields=[*changed, "position"])
        else:
            save_attributed(
                ContentArea(
                    movement=movement,
                    position=position,
                    label=area.label,
                    content=area.content,
                    target=area.target,
                ),
                actor=actor,
            )
    for stale in current[len(content_areas) :]:
        delete_attributed(stale, actor=actor)
    minimums = {m.unit_kind: m for m in movement.work_minimums.all()}
    for kind, minimum in work_minimums.items():
        row = minimums.pop(kind, None)
        if row is None:
            save_attributed(
                WorkMinimum(movement=movement, unit_kind=kind, minimum=minimum), actor=actor
            )
        elif row.minimum != minimum:
            row.minimum = minimum
            save_attributed(row, actor=actor, update_fields=["minimum"])
    for stale_minimum in minimums.values():
        delete_attributed(stale_minimum, actor=actor)
    units = {u.pk: u for u in manual_units}
    allowed = subtree_ids([movement.issuing_unit_id])
    outside = [u for pk, u in units.items() if pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "manual_units": _("%(unit)s is outside the issuing unit's area.")
                % {"unit": outside[0].name}
            }
        )
    current_manual = {
        p.unit_id: p for p in movement.participants.filter(source=ParticipantSource.MANUAL)
    }
    for pk, unit in units.items():
        if pk not in current_manual:
            save_attributed(
                Participant(movement=movement, unit=unit, source=ParticipantSource.MANUAL),
                actor=actor,
            )
    for unit_id, participant in current_manual.items():
        if unit_id not in units:
            delete_attributed(participant, actor=actor)


def _save_draft(
    *,
    actor: User,
    movement: Movement,
    data: dict,
    content_areas: Sequence[ContentAreaData],
    work_minimums: dict[str, int],
    manual_units: Iterable[Unit],
) -> None:
    for field in MOVEMENT_FIELDS:
        if field in data:
            setattr(movement, field, data[field])
    validate_movement(movement)
    movement.full_clean()
    save_attributed(movement, actor=actor)
    _replace_children(
        actor=actor,
        movement=movement,
        content_areas=content_areas,
        work_minimums=work_minimums,
        manual_units=manual_units,
    )


@transaction.atomic
def movement_create(
    *,
    actor: User,
    data: dict,
    content_areas: Sequence[ContentAreaData],
    work_minimums: dict[str, int],
    manual_units: Iterable[Unit] = (),
) -> Movement:
    if not actor.has_perm("movements.create_movement", data.get("issuing_unit")):
        raise PermissionDenied
    movement = Movement(created_by=actor, status=MovementStatus.DRAFT)
    _save_draft(
        actor=actor,
        movement=movement,
        data=data,
        content_areas=content_areas,
        work_minimums=work_minimums,
        manual_units=manual_units,
    )
    return movement


@transaction.atomic
def movement_update(
    *,
    actor: User,
    movement: Movement,
    data: dict,
    content_areas: Sequence[ContentAreaData],
    work_minimums: dict[str, int],
    manual_units: Iterable[Unit] = (),
) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if not actor.has_perm("movements.change_movement", movement):
        raise PermissionDenied
    if "issuing_unit" in data and not actor.has_perm(
        "movements.create_movement", data["issuing_unit"]
    ):
        raise PermissionDenied
    _save_draft(
        actor=actor,
        movement=movement,
        data=data,
        content_areas=content_areas,
        work_minimums=work_minimums,
        manual_units=manual_units,
    )
    return movement


def launch_candidates(movement: Movement) -> list[Unit]:
    """Units that will take part when the movement is launched: the chosen kinds within the
    issuing unit's area (units still in existence) plus those chosen one by one."""
    today = timezone.localdate()
    area = subtree_ids([movement.issuing_unit_id]) - {movement.issuing_unit_id}
    # A movement open to communes is open to the whole commune level (wards, special zones).
    kinds = with_commune_level(movement.collective_kinds)
    by_kind = Unit.objects.filter(pk__in=area, kind__in=kinds).exclude(valid_to__lt=today)
    manual_ids = movement.participants.filter(source=ParticipantSource.MANUAL).values("unit_id")
    return list(
        Unit.objects.filter(pk__in=by_kind.values("pk")) | Unit.objects.filter(pk__in=manual_ids)
    )


@transaction.atomic
def movement_launch(
    *,
    actor: User,
    movement: Movement,
    document_number: str | None = None,
    document_date: date | None = None,
    signed_file: File | None = None,
) -> Movement:
    """Launch: the movement becomes visible to every participant, each of which gets the task
    of issuing its own plan. The plan's number, date and signed file may be given now (the
    launch page asks for them) or completed later by the standing body."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.status != MovementStatus.DRAFT:
        raise ApplicationError(_("Only a draft movement can be launched."))
    if not actor.has_perm("movements.launch_movement", movement):
        raise PermissionDenied
    plan_fields = []
    if document_number is not None:
        movement.document_number = document_number.strip()
        plan_fields.append("document_number")
    if document_date is not None:
        message = future_date_error(document_date, str(field_label("document_date")))
        if message:
            raise ValidationError({"document_date": message})
        movement.document_date = document_date
        plan_fields.append("document_date")
    if signed_file is not None:
        movement.signed_file = signed_file
        plan_fields.append("signed_file")
    validate_movement(movement)
    if not movement.content_areas.exists():
        raise ApplicationError(_("Add at least one content area before launching."))
    units = launch_candidates(movement)
    if not units:
        raise ApplicationError(
            _("No unit takes part: choose participating unit kinds or units before launching.")
        )
    already = set(movement.participants.values_list("unit_id", flat=True))
    new_participants = [
        Participant(movement=movement, unit=u, source=ParticipantSource.KIND)
        for u in units
        if u.pk not in already
    ]
    bulk_create_with_history(new_participants, Participant, default_user=actor, batch_size=500)
    plans = [UnitPlan(movement=movement, unit=u, status=PlanStatus.PENDING) for u in units]
    bulk_create_with_history(plans, UnitPlan, default_user=actor, batch_size=500)
    movement.status = MovementStatus.LAUNCHED
    movement.launched_at = timezone.now()
    movement.launched_by = actor
    save_attributed(
        movement,
        actor=actor,
        reason=_("Launched"),
        update_fields=["status", "launched_at", "launched_by", *plan_fields],
    )
    movement_id = movement.pk
    transaction.on_commit(lambda: notify_launch(movement_id=movement_id))
    return movement


PLAN_FIELDS = ("document_number", "issued_date", "theme", "goals", "content", "criteria")


@transaction.atomic
def plan_submit(
    *, actor: User, plan: UnitPlan, data: dict, signed_file: File | None = None
) -> UnitPlan:
    """The unit issues (or corrects) its own plan; the signed file is required the first time."""
    plan = UnitPlan.objects.select_for_update().select_related("movement").get(pk=plan.pk)
    ensure_running(plan.movement)
    if not actor.has_perm("movements.submit_plan", plan):
        raise PermissionDenied
    for field in PLAN_FIELDS:
        if field in data:
            setattr(plan, field, data[field])
    if signed_file is not None:
        plan.signed_file = signed_file
    if not plan.signed_file:
        raise ValidationError({"signed_file": _("Attach the signed plan (.pdf or .docx).")})
    missing = [f for f in ("theme", "goals", "content", "criteria") if not getattr(plan, f).strip()]
    if missing:
        raise ValidationError({f: _("This field is required.") for f in missing})
    message = future_date_error(plan.issued_date, field_label("issued_date", UnitPlan))
    if message:
        raise ValidationError({"issued_date": message})
    plan.status = PlanStatus.ISSUED
    plan.submitted_at = timezone.now()
    plan.submitted_by = actor
    plan.full_clean()
    save_attributed(plan, actor=actor, reason=_("Plan submitted"))
    return plan
