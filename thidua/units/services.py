from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.units.models import ENDED_KINDS, REFORM_DATE, Unit, UnitKind

UNIT_FIELDS = ("kind", "code", "name", "full_name", "parent", "valid_from", "valid_to", "is_sample")


# Districts and towns ended on 30/06/2025 (two-level local government from 01/07/2025).
ENDED_KIND_BEGINS_AFTER = gettext_noop(
    "Kind: a %(kind)s cannot begin on or after 01/07/2025 (districts and towns ended on "
    "30/06/2025); use commune, ward or special zone."
)
ENDED_KIND_STILL_OPEN = gettext_noop(
    "Kind: a %(kind)s added after 30/06/2025 is history only; fill «Valid to» with a date no "
    "later than 30/06/2025."
)


def ended_kind_problem(
    *,
    kind: str,
    valid_from: date | None,
    valid_to: date | None,
    today: date | None = None,
    new: bool = True,
) -> str | None:
    """Why a district or town may not be created (or made one) with these dates, or None.

    Such units exist only for history: one may be entered after the reform only if it began
    and ended before it. An existing one (``new=False``) keeps its open end until the
    reorganisation closes it."""
    if kind not in ENDED_KINDS:
        return None
    label = str(UnitKind(kind).label).lower()
    if valid_from is not None and valid_from >= REFORM_DATE:
        return _(ENDED_KIND_BEGINS_AFTER) % {"kind": label}
    today = today or timezone.localdate()
    if new and today >= REFORM_DATE and (valid_to is None or valid_to >= REFORM_DATE):
        return _(ENDED_KIND_STILL_OPEN) % {"kind": label}
    return None


def _check_kind(
    *, kind: str, valid_from: date | None, valid_to: date | None, new: bool = True
) -> None:
    problem = ended_kind_problem(kind=kind, valid_from=valid_from, valid_to=valid_to, new=new)
    if problem:
        raise ValidationError({"kind": problem})


def _ensure_can_manage(actor: User, unit: Unit | None) -> None:
    if not actor.has_perm("units.manage_directory", unit):
        raise PermissionDenied


def _check_parent(unit: Unit, parent: Unit | None) -> None:
    if parent is None or unit.pk is None:
        return
    if parent.pk == unit.pk or parent.pk in set(
        Unit.objects.descendants(unit, include_self=True).values_list("pk", flat=True)
    ):
        raise ValidationError(
            {"parent": _("A unit cannot be placed under itself or its own subunit.")}
        )


@transaction.atomic
def unit_create(
    *,
    actor: User,
    kind: str,
    code: str,
    name: str,
    full_name: str = "",
    parent: Unit | None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    is_sample: bool = False,
) -> Unit:
    _ensure_can_manage(actor, parent)
    _check_kind(kind=kind, valid_from=valid_from, valid_to=valid_to)
    unit = Unit(
        kind=kind,
        code=code,
        name=name,
        full_name=full_name or name,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        is_sample=is_sample,
    )
    unit.refresh_derived()
    unit.full_clean()
    save_attributed(unit, actor=actor)
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, **changes: Any) -> Unit:
    _ensure_can_manage(actor, unit)
    if "parent" in changes and changes["parent"] != unit.parent:
        _ensure_can_manage(actor, changes["parent"])
        _check_parent(unit, changes["parent"])
    changed = []
    for field, value in changes.items():
        if field not in UNIT_FIELDS:
            raise ValueError(field)
        if getattr(unit, field) != value:
            setattr(unit, field, value)
            changed.append(field)
    if not changed:
        return unit
    # Old districts and towns stay editable; becoming one, or starting after the reform, not.
    if "kind" in changed:
        _check_kind(kind=unit.kind, valid_from=unit.valid_from, valid_to=unit.valid_to)
    elif "valid_from" in changed:
        _check_kind(kind=unit.kind, valid_from=unit.valid_from, valid_to=unit.valid_to, new=False)
    unit.refresh_derived()
    unit.full_clean()
    save_attributed(unit, actor=actor, update_fields=changed)
    return unit
