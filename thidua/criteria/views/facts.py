"""A unit's or a person's facts by year, and who recorded, changed or deleted them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.history import history_entries
from thidua.criteria import extensions
from thidua.criteria.models import AnnualRating, CulturalVillageRecognition, FactKind, FactRecord
from thidua.criteria.rules import access_person, access_unit, may_edit
from thidua.criteria.selectors import launched_movements_of
from thidua.units.models import VILLAGE_LEVEL_KINDS

# Facts pages always show these years (the criteria's period 2020-2025 and after).
FIRST_SHOWN_YEAR = 2020


@dataclass
class YearRow:
    year: int
    rating: AnnualRating | None


def _year_rows(ratings: list[AnnualRating]) -> list[YearRow]:
    """Every year from 2020 to this one (missing ones too), plus earlier recorded years,
    newest first."""
    by_year = {r.year: r for r in ratings}
    years = set(range(FIRST_SHOWN_YEAR, timezone.localdate().year + 1)) | set(by_year)
    return [YearRow(year, by_year.get(year)) for year in sorted(years, reverse=True)]


@dataclass
class FactGroup:
    kind: str
    label: str
    facts: list[FactRecord]


@dataclass
class FactYear:
    year: int
    groups: list[FactGroup] = field(default_factory=list)


_KIND_ORDER = {value: index for index, value in enumerate(FactKind.values)}


def facts_by_year(facts: list[FactRecord]) -> list[FactYear]:
    """Recorded facts grouped by year (newest first), then by kind in the list's order."""
    by_year: dict[int, dict[str, list[FactRecord]]] = {}
    for fact in facts:
        by_year.setdefault(fact.year, {}).setdefault(fact.kind, []).append(fact)
    labels = dict(FactKind.choices)
    return [
        FactYear(
            year,
            [
                FactGroup(kind, str(labels.get(kind, kind)), items)
                for kind, items in sorted(kinds.items(), key=lambda i: _KIND_ORDER.get(i[0], 99))
            ],
        )
        for year, kinds in sorted(by_year.items(), reverse=True)
    ]


def _facts_of(queryset: QuerySet[FactRecord]) -> list[FactYear]:
    return facts_by_year(list(queryset.select_related("recorded_by").order_by("-year", "pk")))


@login_required
@require_GET
def person_facts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    ratings = list(person.annual_ratings.select_related("recorded_by"))
    return render(
        request,
        "criteria/person_facts.html",
        {
            "person": person,
            "rows": _year_rows(ratings),
            "fact_years": _facts_of(person.fact_records.all()),
            "fact_kinds": FactKind.choices,
            "can_edit": may_edit(request.user, person.unit_id),
            "sections": extensions.sections("person", request.user, person),
            "check_movements": launched_movements_of(person.unit),
            "history_entries": history_entries(
                person,
                parts=(
                    AnnualRating.history.filter(person_id=person.pk),
                    FactRecord.history.filter(person_id=person.pk),
                ),
            ),
        },
    )


@login_required
@require_GET
def unit_facts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk)
    ratings = list(unit.annual_ratings.select_related("recorded_by"))
    is_village = unit.kind in VILLAGE_LEVEL_KINDS
    recognitions = (
        list(unit.cultural_recognitions.select_related("recorded_by").order_by("-year"))
        if is_village
        else []
    )
    return render(
        request,
        "criteria/unit_facts.html",
        {
            "unit": unit,
            "rows": _year_rows(ratings),
            "is_village": is_village,
            "recognitions": recognitions,
            "fact_years": _facts_of(unit.fact_records),
            "fact_kinds": FactKind.choices,
            "people_count": unit.people.count(),
            "can_edit": may_edit(request.user, unit.pk),
            "sections": extensions.sections("unit", request.user, unit),
            "check_movements": launched_movements_of(unit),
        },
    )


@login_required
@require_GET
def unit_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Who recorded, changed or deleted the unit's facts (deleted rows stay here)."""
    unit = access_unit(request.user, pk)
    return render(
        request,
        "criteria/unit_history.html",
        {
            "unit": unit,
            "history_entries": history_entries(
                unit,
                parts=(
                    AnnualRating.history.filter(unit_id=unit.pk),
                    CulturalVillageRecognition.history.filter(unit_id=unit.pk),
                    FactRecord.history.filter(unit_id=unit.pk),
                ),
            ),
        },
    )
