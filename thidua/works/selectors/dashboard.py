"""Reads for a movement's works dashboard (plan IV.5: the Home Affairs Office follows and
reports the consolidated state), narrowed to what the user may see: the headline figures,
the participants per unit kind, the flagship works and the counts each chart shows.

Every figure is aggregated in SQL (conditional ``Count``/``Sum`` and ``values().annotate()``),
so the page costs the same handful of queries for ten works or a province's hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, grant_roots, reach
from thidua.movements.models import Movement, Participant, WorkMinimum
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind
from thidua.units.selectors import valid_on_q
from thidua.works.models import (
    DONE_STATUSES,
    FlagshipWork,
    ProgressStatus,
    RegistrationStatus,
    Schedule,
    Work,
    WorkKind,
)
from thidua.works.selectors.works import LIVE_STATUSES, schedule_annotation

LIVE = Q(status__in=LIVE_STATUSES)


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)


def _percent(part, whole) -> float | None:
    if not whole:
        return None
    return float(Decimal(part) * 100 / Decimal(whole))


@dataclass
class Figures:
    """Headline figures over the live works (registered, or awaiting the commune)."""

    works: int = 0
    registered: int = 0
    pending: int = 0
    constructions: int = 0
    tasks: int = 0
    drafts: int = 0
    returned: int = 0
    cancelled: int = 0
    participants: int = 0
    participants_reached: int = 0
    estimated_value: Decimal = Decimal(0)
    value_done: Decimal = Decimal(0)
    people_funded: int = 0
    people_funded_value: Decimal = Decimal(0)
    late_registrations: int = 0
    progress: dict[str, int] = field(default_factory=dict)
    schedule: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return sum(self.progress.get(s, 0) for s in DONE_STATUSES)

    @property
    def in_use(self) -> int:
        return self.progress.get(ProgressStatus.IN_USE, 0)

    @property
    def overdue(self) -> int:
        return self.schedule.get(Schedule.OVERDUE, 0)

    @property
    def completed_late(self) -> int:
        return self.schedule.get(Schedule.LATE, 0)

    @property
    def pct_done(self) -> float | None:
        return _percent(self.done, self.works)

    @property
    def pct_in_use(self) -> float | None:
        return _percent(self.in_use, self.works)

    @property
    def pct_value_done(self) -> float | None:
        return _percent(self.value_done, self.estimated_value)

    @property
    def participants_below(self) -> int:
        return self.participants - self.participants_reached


SCHEDULE_BADGES = {
    Schedule.ON_SCHEDULE: "text-bg-success",
    Schedule.LATE: "text-bg-warning",
    Schedule.OVERDUE: "text-bg-danger",
    Schedule.NONE: "text-bg-secondary",
}


@dataclass
class FlagshipRow:
    flagship: FlagshipWork
    work: Work
    schedule: str
    after_due: bool

    @property
    def schedule_label(self) -> str:
        return str(Schedule(self.schedule).label)

    @property
    def schedule_badge(self) -> str:
        return SCHEDULE_BADGES[Schedule(self.schedule)]


def figures(works: QuerySet[Work], today: date) -> Figures:
    """One query for every headline figure, the progress and the schedule counts."""
    works = works.annotate(schedule_code=schedule_annotation(today))
    progress = {
        f"progress_{s.value}": _count(LIVE & Q(progress_status=s.value)) for s in ProgressStatus
    }
    schedule = {f"schedule_{s.value}": _count(LIVE & Q(schedule_code=s.value)) for s in Schedule}
    # Aliases are prefixed: an aggregate named like a field (estimated_value, people_funded)
    # would shadow that field in the other aggregates' filters.
    row = works.aggregate(
        **{
            f"fig_{name}": expression
            for name, expression in {
                "works": _count(LIVE),
                "registered": _count(Q(status=RegistrationStatus.REGISTERED)),
                "pending": _count(Q(status=RegistrationStatus.PENDING)),
                "drafts": _count(Q(status=RegistrationStatus.DRAFT)),
                "returned": _count(Q(status=RegistrationStatus.RETURNED)),
                "cancelled": _count(Q(status=RegistrationStatus.CANCELLED)),
                "constructions": _count(LIVE & Q(kind=WorkKind.CONSTRUCTION)),
                "tasks": _count(LIVE & Q(kind=WorkKind.TASK)),
                "estimated_value": Sum("estimated_value", filter=LIVE, default=Decimal(0)),
                "value_done": Sum("value_done", filter=LIVE, default=Decimal(0)),
                "people_funded": _count(LIVE & Q(people_funded=True)),
                "people_funded_value": Sum(
                    "estimated_value", filter=LIVE & Q(people_funded=True), default=Decimal(0)
                ),
                "late_registrations": _count(LIVE & Q(is_late=True)),
                **progress,
                **schedule,
            }.items()
        }
    )
    row = {key.removeprefix("fig_"): value for key, value in row.items()}
    figures = Figures(
        progress={s.value: row.pop(f"progress_{s.value}") for s in ProgressStatus},
        schedule={s.value: row.pop(f"schedule_{s.value}") for s in Schedule},
    )
    for name, value in row.items():
        setattr(figures, name, value)
    return figures


def participants_by_kind(
    user: User, movement: Movement, whole: bool, day: date | None = None
) -> tuple[dict[str, dict], int, int]:
    """Participating units per unit kind and how many reached the movement's minimum for
    their kind, counted in one query; with ``day``, the units that existed that day."""
    participants = Participant.objects.filter(movement=movement)
    if day is not None:
        participants = participants.filter(valid_on_q(day, "unit__"))
    if not whole:
        participants = participants.filter(unit_id__in=reach(user, ALL_ROLES))
    live_count = (
        Work.objects.filter(
            movement=movement, unit_id=OuterRef("unit_id"), status__in=LIVE_STATUSES
        )
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # The movement's minimum for the unit's kind, else its default (Movement.work_minimum_for).
    # A ward, special zone or town without its own row takes the communes' (``rule_kinds``).
    minimum = WorkMinimum.objects.filter(movement=movement, unit_kind=OuterRef("unit__kind"))
    communes = WorkMinimum.objects.filter(movement=movement, unit_kind=UnitKind.COMMUNE)
    rows = (
        participants.alias(
            live=Coalesce(Subquery(live_count, output_field=IntegerField()), 0),
            minimum=Coalesce(
                Subquery(minimum.values("minimum")[:1], output_field=IntegerField()),
                Case(
                    When(
                        unit__kind__in=COMMUNE_LEVEL_KINDS,
                        then=Subquery(communes.values("minimum")[:1]),
                    ),
                    default=Value(None),
                    output_field=IntegerField(),
                ),
                movement.default_work_minimum,
            ),
        )
        .values("unit__kind")
        .annotate(units=Count("pk"), reached=Count("pk", filter=Q(live__gte=F("minimum"))))
        .order_by()
    )
    kinds = {r["unit__kind"]: r for r in rows}
    return (
        kinds,
        sum(r["units"] for r in kinds.values()),
        sum(r["reached"] for r in kinds.values()),
    )


def flagship_rows(
    user: User, movement: Movement, whole: bool, today: date
) -> tuple[list[FlagshipRow], int, int]:
    """The movement's flagship selection; a unit user sees the rows of their own units and
    the count of the whole selection."""
    selection = list(
        FlagshipWork.objects.filter(movement=movement)
        .select_related("work", "work__unit", "work__unit__parent")
        .order_by("pk")
    )
    mine = None if whole else reach(user, ALL_ROLES)
    rows = [
        FlagshipRow(
            flagship=f,
            work=f.work,
            schedule=f.work.schedule(today),
            after_due=bool(
                movement.flagship_due
                and f.work.expected_completion
                and f.work.expected_completion > movement.flagship_due
            ),
        )
        for f in selection
        if mine is None or f.work.unit_id in mine
    ]
    return rows, len(selection), len(selection) - len(rows)


def scope_units(user: User) -> list[Unit]:
    """The units a user who does not see the whole movement holds roles on (the page says
    whose works it shows)."""
    return list(Unit.objects.filter(pk__in=grant_roots(user)).order_by("sort_name"))


# --- what the charts count ------------------------------------------------------------------


def _commune_expression(attr: str, output_field) -> Case:
    """The commune or town a work belongs to: its unit's, its parent's or its grandparent's
    (a village's works count for its commune), else NULL for district-level units."""
    return Case(
        When(unit__kind__in=COMMUNE_LEVEL_KINDS, then=F(f"unit__{attr}")),
        When(unit__parent__kind__in=COMMUNE_LEVEL_KINDS, then=F(f"unit__parent__{attr}")),
        When(
            unit__parent__parent__kind__in=COMMUNE_LEVEL_KINDS,
            then=F(f"unit__parent__parent__{attr}"),
        ),
        default=Value(None),
        output_field=output_field,
    )


def works_by_commune(live: QuerySet[Work]) -> list[dict[str, Any]]:
    """Works of each commune or town (its villages' included) per progress status, communes
    in name order; works of units outside any commune form one last row
    (``commune_id`` None)."""
    rows = list(
        live.annotate(
            commune_id=_commune_expression("id", IntegerField()),
            commune_name=_commune_expression("name", CharField()),
            commune_sort=_commune_expression("sort_name", CharField()),
        )
        .values("commune_id", "commune_name", "commune_sort")
        .annotate(**{s.value: _count(Q(progress_status=s)) for s in ProgressStatus})
        .order_by()
    )
    rows.sort(key=lambda r: (r["commune_id"] is None, r["commune_sort"] or ""))
    return rows


def works_by_unit_kind(live: QuerySet[Work]) -> dict[str, int]:
    """The number of works per unit kind."""
    return {
        r["unit__kind"]: r["n"]
        for r in live.values("unit__kind").annotate(n=Count("pk")).order_by()
    }


def works_by_funding_source(live: QuerySet[Work]) -> dict[str, dict[str, Any]]:
    """Per funding source as stored (blank included): the works (``n``) and their estimated
    value (``value``)."""
    return {
        r["funding_source"]: r
        for r in live.values("funding_source")
        .annotate(n=Count("pk"), value=Sum("estimated_value", default=Decimal(0)))
        .order_by()
    }
