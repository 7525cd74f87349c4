"""Who may see and record facts: by the unit (a person's facts follow their managing unit).

Seeing needs any role over the unit or an ancestor; recording needs an editor role (focal
officer, chairman) or the Home Affairs Office over it. Views answer 404 for both "missing"
and "not yours".
"""

from __future__ import annotations

from django.http import Http404

from thidua.accounts.models import Role
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, reach
from thidua.criteria.models import AnnualRating, CulturalVillageRecognition, FactRecord, Person
from thidua.units.models import Unit

FACT_EDITOR_ROLES: tuple[str, ...] = (*EDITOR_ROLES, Role.HOME_AFFAIRS)


def viewable_units(user) -> frozenset[int]:
    return reach(user, ALL_ROLES)


def editable_units(user) -> frozenset[int]:
    return reach(user, FACT_EDITOR_ROLES)


def may_view(user, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in viewable_units(user)


def may_edit(user, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in editable_units(user)


def access_unit(user, pk: int, *, edit: bool = False) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise Http404
    if not may_view(user, unit.pk):
        raise Http404
    if edit and not may_edit(user, unit.pk):
        raise Http404
    return unit


def access_person(user, pk: int, *, edit: bool = False) -> Person:
    person = Person.objects.select_related("unit").filter(pk=pk).first()
    if person is None:
        raise Http404
    if not may_view(user, person.unit_id):
        raise Http404
    if edit and not may_edit(user, person.unit_id):
        raise Http404
    return person


def _owner_unit_id(record: AnnualRating | FactRecord) -> int:
    return record.unit_id if record.unit_id else record.person.unit_id


def access_rating(user, pk: int, *, edit: bool = False) -> AnnualRating:
    rating = AnnualRating.objects.select_related("unit", "person__unit").filter(pk=pk).first()
    if rating is None:
        raise Http404
    if not may_view(user, _owner_unit_id(rating)):
        raise Http404
    if edit and not may_edit(user, _owner_unit_id(rating)):
        raise Http404
    return rating


def access_recognition(user, pk: int, *, edit: bool = False) -> CulturalVillageRecognition:
    recognition = CulturalVillageRecognition.objects.select_related("unit").filter(pk=pk).first()
    if recognition is None:
        raise Http404
    if not may_view(user, recognition.unit_id):
        raise Http404
    if edit and not may_edit(user, recognition.unit_id):
        raise Http404
    return recognition


def access_fact(user, pk: int, *, edit: bool = False) -> FactRecord:
    fact = FactRecord.objects.select_related("unit", "person__unit").filter(pk=pk).first()
    if fact is None:
        raise Http404
    if not may_view(user, _owner_unit_id(fact)):
        raise Http404
    if edit and not may_edit(user, _owner_unit_id(fact)):
        raise Http404
    return fact
