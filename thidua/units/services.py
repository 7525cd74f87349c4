from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.units.models import Unit

UNIT_FIELDS = ("kind", "code", "name", "full_name", "parent", "valid_from", "valid_to", "is_sample")


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
    unit.refresh_derived()
    unit.full_clean()
    save_attributed(unit, actor=actor, update_fields=changed)
    return unit
