"""Recording, applying and undoing a reorganisation. Applying is one transaction; every field
it changes is logged (ReorganisationChange) and saved with an attributed history record, so
undo puts each value back exactly."""

from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.core.audit import REASON_LENGTH, delete_attributed, save_attributed
from thidua.reorganisations.models import (
    ChangeAction,
    Reorganisation,
    ReorganisationChange,
    ReorganisationKind,
    ReorganisationSource,
    ReorganisationStatus,
    ReorganisationTarget,
    SplitChild,
)
from thidua.reorganisations.rules import officer_reach
from thidua.reorganisations.sections import CHILDREN, MOVES, recorded_since
from thidua.units.models import Unit, UnitKind, UnitSuccession
from thidua.units.selectors import subtree_ids

# Messages are constants so that tests can reuse them (translated when raised).
NOT_DRAFT = gettext_lazy("Only a draft reorganisation can be changed or applied.")
NOT_APPLIED = gettext_lazy("Only an applied reorganisation can be undone.")
UNDO_BLOCKED = gettext_lazy(
    "It cannot be undone: since it was applied, the successor has new %(what)s."
)


def _err_not_draft() -> str:
    return str(NOT_DRAFT)


def _ensure_units(actor: User, units: list[Unit]) -> None:
    reachable = officer_reach(actor)
    for unit in units:
        if unit.pk not in reachable:
            raise PermissionDenied


def _province_of(unit: Unit) -> Unit:
    province = (
        Unit.objects.ancestors(unit, include_self=True).filter(kind=UnitKind.PROVINCE).first()
    )
    if province is None:
        raise ValidationError(
            {"sources": _("The unit %(unit)s is not under a province.") % {"unit": unit}}
        )
    return province


@transaction.atomic
def reorganisation_create(
    *,
    actor: User,
    kind: str,
    sources: list[Unit],
    targets: list[dict[str, Any]],
) -> Reorganisation:
    """A draft: the units acted on and where they go (an existing unit, or new unit data)."""
    _ensure_units(actor, sources + [t["unit"] for t in targets if t.get("unit")])
    _ensure_units(actor, [t["parent"] for t in targets if t.get("parent")])
    if not sources:
        raise ValidationError({"sources": _("Choose at least one unit.")})
    for unit in sources:
        if unit.valid_to is not None:
            raise ValidationError(
                {"sources": _("The unit %(unit)s has already ended.") % {"unit": unit.name}}
            )
    reorganisation = Reorganisation(kind=kind, province=_province_of(sources[0]), created_by=actor)
    save_attributed(reorganisation, actor=actor, reason=_("Draft recorded"))
    for unit in sources:
        ReorganisationSource.objects.create(reorganisation=reorganisation, unit=unit)
    for data in targets:
        ReorganisationTarget.objects.create(reorganisation=reorganisation, **data)
    return reorganisation


@transaction.atomic
def reorganisation_set_basis(
    *,
    actor: User,
    reorganisation: Reorganisation,
    document_number: str,
    document_date: date | None,
    issuer: str,
    effective_date: date,
    split_children: dict[int, int] | None = None,
) -> Reorganisation:
    """The legal basis and the effective date; for a split, the new unit of each child."""
    _ensure_manage(actor, reorganisation)
    if not reorganisation.is_draft:
        raise ValidationError(_err_not_draft())
    reorganisation.document_number = document_number.strip()
    reorganisation.document_date = document_date
    reorganisation.issuer = issuer.strip()
    reorganisation.effective_date = effective_date
    reorganisation.full_clean()
    save_attributed(reorganisation, actor=actor, reason=_("Legal basis recorded"))
    if split_children is not None:
        SplitChild.objects.filter(reorganisation=reorganisation).delete()
        targets = {t.pk for t in reorganisation.targets.all()}
        for child_id, target_id in split_children.items():
            if target_id not in targets:
                raise ValidationError(_("Choose one of the new units for every child unit."))
            SplitChild.objects.create(
                reorganisation=reorganisation, child_id=child_id, target_id=target_id
            )
    return reorganisation


def _ensure_manage(actor: User, reorganisation: Reorganisation) -> None:
    if not actor.has_perm("reorganisations.manage", reorganisation):
        raise PermissionDenied


def _reason(reorganisation: Reorganisation) -> str:
    text = _("Reorganisation no. %(number)s (%(kind)s): %(basis)s") % {
        "number": reorganisation.pk,
        "kind": reorganisation.get_kind_display(),
        "basis": reorganisation.legal_basis,
    }
    return text[:REASON_LENGTH]


def _label(model: models.Model) -> str:
    return model._meta.label


class Applier:
    """Applies one reorganisation, logging every change it makes."""

    def __init__(self, reorganisation: Reorganisation, actor: User) -> None:
        self.reorganisation = reorganisation
        self.actor = actor
        self.reason = reorganisation.change_reason

    def log(
        self,
        section: str,
        obj: models.Model,
        action: str,
        field: str = "",
        old: Any = None,
        new: Any = None,
    ) -> None:
        ReorganisationChange.objects.create(
            reorganisation=self.reorganisation,
            section=section,
            model=_label(obj),
            object_id=obj.pk,
            action=action,
            field=field,
            old_value=old,
            new_value=new,
            label=str(obj)[:300],
        )

    def set_field(self, section: str, obj: models.Model, field: str, value: Any) -> None:
        old = getattr(obj, field)
        if old == value:
            return
        setattr(obj, field, value)
        save_attributed(obj, actor=self.actor, reason=self.reason, update_fields=[field])
        self.log(section, obj, ChangeAction.UPDATE, field, old, value)

    def create_unit(self, target: ReorganisationTarget, effective: date) -> Unit:
        unit = Unit(
            kind=target.kind,
            code=target.code,
            name=target.name,
            full_name=target.full_name or target.name,
            parent=target.parent,
            valid_from=effective,
        )
        unit.refresh_derived()
        try:
            unit.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("New unit %(name)s: %(error)s")
                % {"name": target.name, "error": "; ".join(error.messages)}
            ) from error
        save_attributed(unit, actor=self.actor, reason=self.reason)
        self.log("new_units", unit, ChangeAction.CREATE)
        target.unit = unit
        target.save(update_fields=["unit"])
        return unit

    def end_unit(self, unit: Unit, successors: list[Unit], effective: date) -> None:
        last_day = effective - timedelta(days=1)
        if unit.valid_from and unit.valid_from > last_day:
            raise ValidationError(
                {
                    "effective_date": _(
                        "The effective date must come after %(unit)s began (%(day)s)."
                    )
                    % {"unit": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y")}
                }
            )
        self.set_field("ended_units", unit, "valid_to", last_day)
        for successor in successors:
            succession = UnitSuccession(
                predecessor=unit,
                successor=successor,
                kind=self.reorganisation.kind,
                effective_date=effective,
                legal_basis=self.reorganisation.legal_basis[:300],
            )
            succession.full_clean()
            save_attributed(succession, actor=self.actor, reason=self.reason)
            self.log("successions", succession, ChangeAction.CREATE)

    def move_objects(self, source_ids: list[int], target: Unit) -> None:
        """Every open object of the sources goes to ``target`` (what ``MOVES`` lists)."""
        for section in MOVES:
            taken: set[Any] = set()
            if section.unique_with:
                taken = set(
                    section.model._default_manager.filter(unit_id=target.pk).values_list(
                        section.unique_with, flat=True
                    )
                )
            for obj in section.queryset(source_ids):
                if section.unique_with:
                    key = getattr(obj, section.unique_with)
                    if key in taken:
                        continue  # the successor has its own: this one stays as history
                    taken.add(key)
                for field in section.fields:
                    if getattr(obj, field) in source_ids:
                        self.set_field(section.key, obj, field, target.pk)

    def move_children(self, children: list[Unit], parent: Unit) -> None:
        for child in children:
            self.set_field(CHILDREN.key, child, "parent_id", parent.pk)


def _check_ready(
    reorganisation: Reorganisation, sources: list[Unit], targets: list[ReorganisationTarget]
) -> None:
    kind = reorganisation.kind
    if not reorganisation.document_number or reorganisation.effective_date is None:
        raise ValidationError(
            {
                "document_number": _(
                    "Record the legal basis (document number) and the effective date first."
                )
            }
        )
    for unit in sources:
        if unit.valid_to is not None:
            raise ValidationError(
                {"sources": _("The unit %(unit)s has already ended.") % {"unit": unit.name}}
            )
    if kind in (ReorganisationKind.MERGE, ReorganisationKind.SPLIT):
        # A successor (or a new unit's parent) inside a unit that ends would end up under
        # an ended unit, or under itself.
        below = subtree_ids(u.pk for u in sources)
        for target in targets:
            inside = target.unit if not target.is_new else target.parent
            if inside is not None and inside.pk in below:
                raise ValidationError(
                    {
                        "target": _("%(unit)s cannot be placed under itself or its own subunit.")
                        % {"unit": inside.name}
                    }
                )
    if kind == ReorganisationKind.MERGE:
        existing = targets[0].unit if targets and not targets[0].is_new else None
        if len(targets) != 1 or (len(sources) < 2 and existing is None):
            raise ValidationError(
                {"sources": _("A merge needs at least two units and one target.")}
            )
        if existing is not None and (existing.pk in {u.pk for u in sources} or existing.valid_to):
            raise ValidationError(
                {"target": _("The target must be a current unit other than the merged ones.")}
            )
    if kind == ReorganisationKind.SPLIT and (len(sources) != 1 or len(targets) < 2):
        raise ValidationError({"targets": _("A split needs one unit and at least two new units.")})
    if kind in (ReorganisationKind.RENAME,) and (
        len(sources) != 1 or not targets or not targets[0].name
    ):
        raise ValidationError({"name": _("A rename needs one unit and its new name.")})
    if kind == ReorganisationKind.TRANSFER:
        parent = targets[0].unit if targets else None
        if parent is None:
            raise ValidationError({"target": _("Choose the new parent unit.")})
        for unit in sources:
            below = set(
                Unit.objects.descendants(unit, include_self=True).values_list("pk", flat=True)
            )
            if parent.pk in below:
                raise ValidationError(
                    {
                        "target": _("%(unit)s cannot be placed under itself or its own subunit.")
                        % {"unit": unit.name}
                    }
                )


@transaction.atomic
def reorganisation_apply(*, actor: User, reorganisation: Reorganisation) -> Reorganisation:
    """Apply in one transaction: new units, ended units with successions, what moves."""
    reorganisation = Reorganisation.objects.select_for_update().get(pk=reorganisation.pk)
    _ensure_manage(actor, reorganisation)
    if not reorganisation.is_draft:
        raise ValidationError(_err_not_draft())
    sources = [s.unit for s in reorganisation.sources.select_related("unit")]
    targets = list(reorganisation.targets.select_related("unit", "parent"))
    _ensure_units(
        actor,
        sources + [t.unit for t in targets if t.unit] + [t.parent for t in targets if t.parent],
    )
    _check_ready(reorganisation, sources, targets)
    effective = reorganisation.effective_date
    assert effective is not None
    reorganisation.change_reason = _reason(reorganisation)
    reorganisation.applied_at = timezone.now()
    applier = Applier(reorganisation, actor)
    kind = reorganisation.kind
    source_ids = [u.pk for u in sources]
    if kind == ReorganisationKind.MERGE:
        target = targets[0]
        successor = applier.create_unit(target, effective) if target.is_new else target.unit
        assert successor is not None
        for unit in sources:
            applier.end_unit(unit, [successor], effective)
        applier.move_children(
            list(Unit.objects.filter(parent_id__in=source_ids).order_by("pk")), successor
        )
        applier.move_objects(source_ids, successor)
    elif kind == ReorganisationKind.SPLIT:
        source = sources[0]
        new_units = {t.pk: applier.create_unit(t, effective) for t in targets}
        applier.end_unit(source, list(new_units.values()), effective)
        chosen = dict(reorganisation.split_children.values_list("child_id", "target_id"))
        first = new_units[targets[0].pk]
        for child in Unit.objects.filter(parent=source).order_by("pk"):
            applier.move_children([child], new_units.get(chosen.get(child.pk, -1), first))
        # The split unit's own open work goes on with the first new unit.
        applier.move_objects(source_ids, first)
    elif kind == ReorganisationKind.RENAME:
        unit, target = sources[0], targets[0]
        applier.set_field("renamed", unit, "name", target.name)
        applier.set_field("renamed", unit, "full_name", target.full_name or target.name)
    else:  # transfer
        parent = targets[0].unit
        assert parent is not None
        applier.move_children(sources, parent)
    reorganisation.status = ReorganisationStatus.APPLIED
    save_attributed(reorganisation, actor=actor, reason=_("Applied"))
    return reorganisation


def successor_ids(reorganisation: Reorganisation) -> list[int]:
    """The units that carry on: the targets of a merge or split, the unit itself otherwise."""
    if reorganisation.kind in (ReorganisationKind.MERGE, ReorganisationKind.SPLIT):
        return [pk for pk in reorganisation.targets.values_list("unit_id", flat=True) if pk]
    return list(reorganisation.sources.values_list("unit_id", flat=True))


def undo_blockers(reorganisation: Reorganisation) -> list[str]:
    """What was recorded on the successors since applying (nothing: undo is allowed)."""
    if reorganisation.applied_at is None:
        return []
    return recorded_since(
        successor_ids(reorganisation), reorganisation.applied_at, reorganisation.change_reason
    )


@transaction.atomic
def reorganisation_undo(*, actor: User, reorganisation: Reorganisation) -> Reorganisation:
    """Put back every logged change, newest first, and delete the units it created."""
    reorganisation = Reorganisation.objects.select_for_update().get(pk=reorganisation.pk)
    _ensure_manage(actor, reorganisation)
    if not reorganisation.is_applied:
        raise ValidationError(str(NOT_APPLIED))
    blockers = undo_blockers(reorganisation)
    if blockers:
        raise ValidationError(str(UNDO_BLOCKED) % {"what": ", ".join(blockers)})
    reason = _("Undo of %(reason)s") % {"reason": reorganisation.change_reason}
    reason = reason[:REASON_LENGTH]
    created_units: list[int] = []
    for change in reorganisation.changes.order_by("-pk"):
        model = apps.get_model(change.model)
        if change.action == ChangeAction.UPDATE:
            obj = model._default_manager.get(pk=change.object_id)
            setattr(obj, change.field, _value(model, change.field, change.old_value))
            save_attributed(obj, actor=actor, reason=reason, update_fields=[change.field])
        elif change.action == ChangeAction.DELETE:
            data = dict(change.old_value or {})
            created_at = data.pop("created_at", None)
            obj = model(pk=change.object_id, **data)
            save_attributed(obj, actor=actor, reason=reason, force_insert=True)
            if created_at:
                model._default_manager.filter(pk=obj.pk).update(created_at=created_at)
        elif model is Unit:
            created_units.append(change.object_id)  # deleted last, once nothing points to it
        else:
            delete_attributed(
                model._default_manager.get(pk=change.object_id), actor=actor, reason=reason
            )
    reorganisation.targets.filter(unit_id__in=created_units).update(unit=None)
    for unit in Unit.objects.filter(pk__in=created_units):
        try:
            delete_attributed(unit, actor=actor, reason=reason)
        except ProtectedError as error:
            # Something not in the undo check points to the new unit (a council, say).
            raise ValidationError(str(UNDO_BLOCKED) % {"what": unit.name}) from error
    reorganisation.status = ReorganisationStatus.UNDONE
    reorganisation.undone_at = timezone.now()
    save_attributed(reorganisation, actor=actor, reason=_("Undone"))
    return reorganisation


def _value(model: type[models.Model], attname: str, raw: Any) -> Any:
    """A logged JSON value back as the field's Python value (dates were logged as text)."""
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    if raw is None:
        return None
    return field.to_python(raw)
