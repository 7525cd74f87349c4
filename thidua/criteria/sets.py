"""Writes and reads of criterion sets, their criteria and attestations.

Templates (sets without a movement) come from the plan (``plan_criteria``) through
``criterion_templates_load``; a movement copies them (``criterion_sets_for_movement``) and edits
its copy. A set a decision used is locked (``criterion_set_lock``): it can never change again,
and edits go to a new version (``criterion_set_new_version``). Every write names the actor in
the history.

Public API for nominations and decisions:
``criterion_set_for(movement, candidate_type)``, ``criterion_set_lock(sets=…, reason=…)``,
and ``criteria.evaluation.evaluate_candidate`` / ``evaluate_many``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.files import validate_document
from thidua.criteria import plan_criteria
from thidua.criteria.evaluation import clean_params
from thidua.criteria.models import (
    Attestation,
    AttestationVerdict,
    CandidateType,
    Criterion,
    CriterionKind,
    CriterionSet,
    Person,
    candidate_type_of,
)
from thidua.criteria.rules import may_edit, may_manage_sets
from thidua.movements.models import Movement
from thidua.units.models import Unit

CRITERION_FIELDS = ("code", "text", "kind", "rule", "params")


# --- permissions (``rules.may_manage_sets``) -------------------------------------------------


def _check_manager(actor: User | None, movement: Movement) -> None:
    if actor is not None and not may_manage_sets(actor, movement):
        raise PermissionDenied


def locked_error(criterion_set: CriterionSet) -> ApplicationError:
    return ApplicationError(
        _(
            "The criterion set «%(name)s» (version %(version)s) is locked since %(date)s "
            "(%(reason)s) and cannot change; create a new version to edit it."
        )
        % {
            "name": criterion_set.name,
            "version": criterion_set.version,
            "date": timezone.localtime(criterion_set.locked_at).strftime("%d/%m/%Y"),
            "reason": criterion_set.locked_reason or "—",
        }
    )


def _check_editable(criterion_set: CriterionSet, actor: User | None) -> None:
    movement = criterion_set.movement
    if movement is None:  # a template
        raise ApplicationError(
            _("Templates come from the plan and change only by loading the plan's criteria again.")
        )
    _check_manager(actor, movement)
    if criterion_set.is_locked:
        raise locked_error(criterion_set)


# --- reads ----------------------------------------------------------------------------------


def criterion_set_for(movement: Movement, candidate_type: str) -> CriterionSet | None:
    """The movement's latest version of the set for ``candidate_type`` (None when the
    movement has not copied the templates yet)."""
    return (
        CriterionSet.objects.filter(movement=movement, candidate_type=candidate_type)
        .order_by("-version")
        .first()
    )


def latest_templates() -> dict[str, CriterionSet]:
    latest: dict[str, CriterionSet] = {}
    for template in CriterionSet.objects.filter(movement__isnull=True).order_by("version"):
        latest[template.candidate_type] = template
    return latest


def movement_set_versions(movement: Movement) -> dict[str, list[CriterionSet]]:
    """Every version of every set of the movement, newest first, by candidate type, with the
    number of criteria (one query)."""
    result: dict[str, list[CriterionSet]] = {}
    for criterion_set in (
        CriterionSet.objects.filter(movement=movement)
        .annotate(criterion_count=Count("criteria"))
        .select_related("created_by")
        .order_by("candidate_type", "-version")
    ):
        result.setdefault(criterion_set.candidate_type, []).append(criterion_set)
    return result


# --- templates from the plan ----------------------------------------------------------------


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """JSON-plain values (TextChoices members become their strings)."""
    return json.loads(json.dumps(params))


def _signature(
    criteria: Sequence[Criterion | plan_criteria.CriterionData],
) -> list[tuple[Any, ...]]:
    return [
        (c.code, c.text, c.kind, c.rule, _plain(c.params or {}), index)
        for index, c in enumerate(criteria)
    ]


@transaction.atomic
def criterion_templates_load(*, actor: User | None = None) -> LoadResult:
    """Store the plan's sets as templates. Idempotent: a template equal to the plan is left
    alone; one that differs (the plan data changed) gets a new template version, so sets
    already copied keep pointing at the version they came from."""
    result = LoadResult()
    latest = latest_templates()
    for data in plan_criteria.PLAN_SETS:
        wanted = [
            plan_criteria.CriterionData(c.code, c.text, c.rule, clean_params(c.rule, c.params))
            if c.rule
            else c
            for c in data.criteria
        ]
        current = latest.get(data.candidate_type)
        if current is not None:
            stored = list(current.criteria.order_by("position", "pk"))
            same = (
                _signature(stored) == _signature(wanted)
                and current.name == data.name
                and current.source == data.source
            )
            if same:
                result.unchanged.append(data.candidate_type)
                continue
        template = CriterionSet(
            movement=None,
            candidate_type=data.candidate_type,
            name=data.name,
            source=data.source,
            version=(current.version + 1) if current else 1,
            based_on=current,
            created_by=actor,
        )
        save_attributed(template, actor=actor, reason=_("Loaded from the plan"))
        for position, item in enumerate(wanted, start=1):
            criterion = Criterion(
                criterion_set=template,
                position=position,
                code=item.code,
                text=item.text,
                kind=item.kind,
                rule=item.rule,
                params=_plain(item.params) if item.rule else {},
            )
            criterion.full_clean()
            save_attributed(criterion, actor=actor, reason=_("Loaded from the plan"))
        (result.new_versions if current else result.created).append(data.candidate_type)
    return result


# --- sets of a movement ---------------------------------------------------------------------


def _copy_criteria(source: CriterionSet, target: CriterionSet, actor: User | None) -> None:
    for criterion in source.criteria.order_by("position", "pk"):
        copy = Criterion(
            criterion_set=target,
            position=criterion.position,
            code=criterion.code,
            text=criterion.text,
            kind=criterion.kind,
            rule=criterion.rule,
            params=criterion.params,
            origin=criterion,
        )
        save_attributed(
            copy, actor=actor, reason=_("Copied from version %(v)s") % {"v": source.version}
        )


@transaction.atomic
def criterion_sets_for_movement(*, movement: Movement, actor: User | None) -> list[CriterionSet]:
    """Copy the plan's templates to the movement as version 1 of each candidate type it does
    not have yet (loading the templates first if needed). Returns the movement's latest sets.
    ``actor=None`` is the system (management commands)."""
    _check_manager(actor, movement)
    Movement.objects.select_for_update().filter(pk=movement.pk).first()  # one copy at a time
    templates = latest_templates()
    if len(templates) < len(plan_criteria.PLAN_SETS):
        criterion_templates_load(actor=actor)
        templates = latest_templates()
    have = set(
        CriterionSet.objects.filter(movement=movement).values_list("candidate_type", flat=True)
    )
    for candidate_type in CandidateType.values:
        template = templates.get(candidate_type)
        if template is None or candidate_type in have:
            continue
        copy = CriterionSet(
            movement=movement,
            candidate_type=candidate_type,
            name=template.name,
            source=template.source,
            version=1,
            based_on=template,
            created_by=actor,
        )
        save_attributed(copy, actor=actor, reason=_("Copied from the plan's template"))
        _copy_criteria(template, copy, actor)
    return [
        s for s in (criterion_set_for(movement, t) for t in CandidateType.values) if s is not None
    ]


@transaction.atomic
def criterion_set_new_version(*, criterion_set: CriterionSet, actor: User | None) -> CriterionSet:
    """A new, unlocked version copying ``criterion_set``'s criteria (numbered after the
    latest version of the same movement and candidate type)."""
    movement = criterion_set.movement
    if movement is None:  # a template
        raise ApplicationError(_("Copy the templates to a movement before making versions."))
    _check_manager(actor, movement)
    Movement.objects.select_for_update().filter(pk=movement.pk).first()
    last = CriterionSet.objects.filter(
        movement_id=movement.pk, candidate_type=criterion_set.candidate_type
    ).aggregate(last=Max("version"))["last"]
    copy = CriterionSet(
        movement_id=movement.pk,
        candidate_type=criterion_set.candidate_type,
        name=criterion_set.name,
        source=criterion_set.source,
        version=(last or 0) + 1,
        based_on=criterion_set,
        created_by=actor,
    )
    save_attributed(
        copy, actor=actor, reason=_("New version of version %(v)s") % {"v": criterion_set.version}
    )
    _copy_criteria(criterion_set, copy, actor)
    return copy


@transaction.atomic
def criterion_set_lock(
    *, sets: Iterable[CriterionSet], reason: str, actor: User | None = None
) -> list[CriterionSet]:
    """Lock the sets a decision used: from now on they cannot change. Locking a locked set
    keeps its first date and reason. Called by the decisions service (no permission check)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"locked_reason": _("Say why the set is locked (the decision).")})
    locked = []
    for criterion_set in sets:
        criterion_set = CriterionSet.objects.select_for_update().get(pk=criterion_set.pk)
        if criterion_set.locked_at is None:
            criterion_set.locked_at = timezone.now()
            criterion_set.locked_reason = reason[:500]
            save_attributed(
                criterion_set,
                actor=actor,
                reason=_("Locked: %(reason)s") % {"reason": reason[:200]},
                update_fields=["locked_at", "locked_reason"],
            )
        locked.append(criterion_set)
    return locked


# --- criteria -------------------------------------------------------------------------------


def criterion_errors(criterion: Criterion) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not criterion.code.strip():
        errors["code"] = [_("Enter the criterion's code (for example 7.1.a-2).")]
    if not criterion.text.strip():
        errors["text"] = [_("Enter the criterion's wording.")]
    if criterion.kind not in CriterionKind.values:
        errors["kind"] = [_("Choose how the criterion is checked.")]
    if criterion.kind == CriterionKind.COMPUTED:
        try:
            criterion.params = _plain(clean_params(criterion.rule, criterion.params))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name if name == "rule" else f"param_{name}", []).extend(messages)
    else:
        criterion.rule = ""
        criterion.params = {}
    clash = (
        Criterion.objects.filter(criterion_set_id=criterion.criterion_set_id, code=criterion.code)
        .exclude(pk=criterion.pk)
        .exists()
    )
    if clash:
        errors["code"] = [
            _("Another criterion of this set already has the code %(code)s.")
            % {"code": criterion.code}
        ]
    return errors


def _apply(criterion: Criterion, data: dict[str, Any]) -> None:
    for name in CRITERION_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            setattr(criterion, name, value if value is not None else "")
    errors = criterion_errors(criterion)
    if errors:
        raise ValidationError(errors)
    criterion.full_clean(exclude=["origin"])


@transaction.atomic
def criterion_add(
    *, criterion_set: CriterionSet, actor: User | None, data: dict[str, Any]
) -> Criterion:
    criterion_set = CriterionSet.objects.select_for_update().get(pk=criterion_set.pk)
    _check_editable(criterion_set, actor)
    last = criterion_set.criteria.aggregate(last=Max("position"))["last"]
    criterion = Criterion(criterion_set=criterion_set, position=(last or 0) + 1, params={})
    _apply(criterion, data)
    save_attributed(criterion, actor=actor, reason=_("Added"))
    return criterion


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, actor: User | None, data: dict[str, Any]
) -> Criterion:
    """Change a criterion of an unlocked set. Changing its wording or how it is checked
    starts a new judgement: attestations of the earlier wording no longer count."""
    criterion = (
        Criterion.objects.select_for_update().select_related("criterion_set").get(pk=criterion.pk)
    )
    _check_editable(criterion.criterion_set, actor)
    before = (criterion.text, criterion.kind)
    _apply(criterion, data)
    if (criterion.text, criterion.kind) != before:
        criterion.origin = None
    save_attributed(criterion, actor=actor, reason=_("Changed"))
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor: User | None) -> None:
    criterion = (
        Criterion.objects.select_for_update().select_related("criterion_set").get(pk=criterion.pk)
    )
    _check_editable(criterion.criterion_set, actor)
    if criterion.attestations.exists():
        raise ApplicationError(
            _(
                "Criterion %(code)s has attestations and cannot be deleted; change its wording instead."
            )
            % {"code": criterion.code}
        )
    delete_attributed(criterion, actor=actor, reason=_("Deleted"))


@transaction.atomic
def criterion_move(*, criterion: Criterion, actor: User | None, offset: int) -> Criterion:
    """Move a criterion up (offset -1) or down (+1) in its set."""
    criterion = Criterion.objects.select_related("criterion_set").get(pk=criterion.pk)
    siblings = list(
        Criterion.objects.select_for_update()
        .filter(criterion_set_id=criterion.criterion_set_id)
        .order_by("position", "pk")
    )
    _check_editable(criterion.criterion_set, actor)
    index = next(i for i, c in enumerate(siblings) if c.pk == criterion.pk)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(siblings):
        return criterion
    siblings[index], siblings[target] = siblings[target], siblings[index]
    return _renumber(siblings, actor)[criterion.pk]


@transaction.atomic
def criterion_reorder(*, criterion_set: CriterionSet, actor: User | None, order: list[int]) -> None:
    """Put the set's criteria in the order of ``order`` (their ids, every one once)."""
    criterion_set = CriterionSet.objects.select_for_update().get(pk=criterion_set.pk)
    _check_editable(criterion_set, actor)
    siblings = {c.pk: c for c in criterion_set.criteria.all()}
    if sorted(order) != sorted(siblings):
        raise ValidationError(_("Give every criterion of the set exactly once."))
    _renumber([siblings[pk] for pk in order], actor)


def _renumber(criteria: list[Criterion], actor: User | None) -> dict[int, Criterion]:
    for position, criterion in enumerate(criteria, start=1):
        if criterion.position != position:
            criterion.position = position
            save_attributed(
                criterion, actor=actor, reason=_("Reordered"), update_fields=["position"]
            )
    return {c.pk: c for c in criteria}


# --- attestations ---------------------------------------------------------------------------


@transaction.atomic
def attestation_record(
    *,
    actor: User,
    criterion: Criterion,
    movement: Movement,
    unit: Unit | None = None,
    person: Person | None = None,
    verdict: str,
    note: str,
    document_reference: str = "",
    evidence: UploadedFile | None = None,
) -> Attestation:
    """Record that a unit or person meets (or not) an attested criterion. The latest
    attestation counts; earlier ones stay as the record. Locked sets may still be attested:
    the lock keeps the criteria, not the candidates' facts."""
    if unit is not None and person is None:
        unit_id = unit.pk
    elif person is not None and unit is None:
        unit_id = person.unit_id
    else:
        raise ValueError("Give either a unit or a person.")
    if not may_edit(actor, unit_id):
        raise PermissionDenied
    criterion_set = criterion.criterion_set
    if criterion_set.movement_id != movement.pk:
        raise ApplicationError(_("The criterion belongs to another movement."))
    if candidate_type_of(unit=unit, person=person) != criterion_set.candidate_type:
        raise ApplicationError(_("The criterion is for another kind of candidate."))
    errors: dict[str, str] = {}
    if criterion.kind != CriterionKind.ATTESTED:
        errors["verdict"] = _("This criterion is computed from the facts; it is not attested.")
    if verdict not in AttestationVerdict.values:
        errors["verdict"] = _("Choose met or not met.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Write the note explaining the judgement.")
    document_reference = (document_reference or "").strip()
    if not document_reference and evidence is None:
        errors["document_reference"] = _(
            "Give the document reference (for example the minutes' number and date) or attach "
            "the evidence file."
        )
    if evidence is not None:
        try:
            validate_document(evidence)
        except ValidationError as error:
            errors["evidence"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    attestation = Attestation(
        criterion=criterion,
        movement=movement,
        unit=unit,
        person=person,
        verdict=verdict,
        note=note,
        document_reference=document_reference[:300],
        attested_by=actor,
        attested_at=timezone.now(),
    )
    if evidence is not None:
        attestation.evidence = evidence
    save_attributed(attestation, actor=actor, reason=_("Attested"))
    return attestation
