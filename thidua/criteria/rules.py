"""Who may see and record facts, keep criterion sets and check candidates.

Facts go by the unit (a person's facts follow their managing unit): seeing needs any role over
the unit or an ancestor; recording needs an editor role (focal officer, chairman) or the Home
Affairs Office over it. The Home Affairs Office over a movement's issuing unit keeps its
criterion sets. Views answer 404 for both "missing" and "not yours" (the ``access_*`` helpers).
"""

from __future__ import annotations

from django.http import Http404

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, reach
from thidua.criteria.models import (
    AnnualRating,
    Attestation,
    Criterion,
    CriterionSet,
    CulturalVillageRecognition,
    FactRecord,
    Person,
)
from thidua.movements.models import Movement
from thidua.units.models import Unit
from thidua.works.services import may_register_in

FACT_EDITOR_ROLES: tuple[str, ...] = (*EDITOR_ROLES, Role.HOME_AFFAIRS)
SET_MANAGER_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS,)


def viewable_units(user: User) -> frozenset[int]:
    return reach(user, ALL_ROLES)


def editable_units(user: User) -> frozenset[int]:
    return reach(user, FACT_EDITOR_ROLES)


def may_view(user: User, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in viewable_units(user)


def may_edit(user: User, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in editable_units(user)


def access_unit(user: User, pk: int, *, edit: bool = False) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise Http404
    if not may_view(user, unit.pk):
        raise Http404
    if edit and not may_edit(user, unit.pk):
        raise Http404
    return unit


def access_person(user: User, pk: int, *, edit: bool = False) -> Person:
    person = Person.objects.select_related("unit").filter(pk=pk).first()
    if person is None:
        raise Http404
    if not may_view(user, person.unit_id):
        raise Http404
    if edit and not may_edit(user, person.unit_id):
        raise Http404
    return person


def _owner_unit_id(record: AnnualRating | FactRecord | Attestation) -> int | None:
    """The unit a fact is about, or its person's managing unit (None only for a row with
    neither, which the tables' constraints forbid)."""
    if record.unit_id:
        return record.unit_id
    return record.person.unit_id if record.person is not None else None


def access_rating(user: User, pk: int, *, edit: bool = False) -> AnnualRating:
    rating = AnnualRating.objects.select_related("unit", "person__unit").filter(pk=pk).first()
    if rating is None:
        raise Http404
    if not may_view(user, _owner_unit_id(rating)):
        raise Http404
    if edit and not may_edit(user, _owner_unit_id(rating)):
        raise Http404
    return rating


def access_recognition(user: User, pk: int, *, edit: bool = False) -> CulturalVillageRecognition:
    recognition = CulturalVillageRecognition.objects.select_related("unit").filter(pk=pk).first()
    if recognition is None:
        raise Http404
    if not may_view(user, recognition.unit_id):
        raise Http404
    if edit and not may_edit(user, recognition.unit_id):
        raise Http404
    return recognition


def access_fact(user: User, pk: int, *, edit: bool = False) -> FactRecord:
    fact = FactRecord.objects.select_related("unit", "person__unit").filter(pk=pk).first()
    if fact is None:
        raise Http404
    if not may_view(user, _owner_unit_id(fact)):
        raise Http404
    if edit and not may_edit(user, _owner_unit_id(fact)):
        raise Http404
    return fact


def access_attestation(user: User, pk: int) -> Attestation:
    """An attestation (for its evidence file): seen by whoever sees its candidate's unit."""
    attestation = Attestation.objects.select_related("person").filter(pk=pk).first()
    if attestation is None:
        raise Http404
    if not may_view(user, _owner_unit_id(attestation)):
        raise Http404
    return attestation


# --- criterion sets -------------------------------------------------------------------------


def may_manage_sets(user: User, movement: Movement) -> bool:
    """The Home Affairs Office over the issuing unit keeps the movement's criterion sets."""
    return movement.issuing_unit_id in reach(user, SET_MANAGER_ROLES)


def may_view_sets(user: User, movement: Movement) -> bool:
    return movement.issuing_unit_id in reach(user, ALL_ROLES) or user.has_perm(
        "movements.view_movement", movement
    )


def access_criterion_set(user: User, pk: int, *, manage: bool = False) -> CriterionSet:
    """A movement's criterion set (templates have no page), to see or, with ``manage``, to
    keep."""
    criterion_set = (
        CriterionSet.objects.select_related("movement", "movement__issuing_unit", "based_on")
        .filter(pk=pk, movement__isnull=False)
        .first()
    )
    if criterion_set is None:
        raise Http404
    movement = criterion_set.movement
    if movement is None or not may_view_sets(user, movement):
        raise Http404
    if manage and not may_manage_sets(user, movement):
        raise Http404
    return criterion_set


def access_criterion(user: User, pk: int) -> Criterion:
    """A criterion of a movement's set, for those who keep the movement's sets."""
    criterion = (
        Criterion.objects.select_related(
            "criterion_set", "criterion_set__movement", "criterion_set__movement__issuing_unit"
        )
        .filter(pk=pk, criterion_set__movement__isnull=False)
        .first()
    )
    if criterion is None:
        raise Http404
    movement = criterion.criterion_set.movement
    if movement is None or not may_manage_sets(user, movement):
        raise Http404
    return criterion


# --- candidate checks -----------------------------------------------------------------------


def sees_whole_movement(user: User, movement: Movement) -> bool:
    """The Home Affairs Office over the issuing unit sees every candidate of the movement."""
    return movement.issuing_unit_id in reach(user, (Role.HOME_AFFAIRS,))


def may_check_in(user: User, movement: Movement, unit: Unit) -> bool:
    """The issuer's staff check anyone; others only candidates of a unit that takes part in
    the movement (the works rule: a village through its commune)."""
    if movement.issuing_unit_id in reach(user, ALL_ROLES):
        return True
    return may_register_in(movement, unit)
