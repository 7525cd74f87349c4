"""The consolidated interim or final review of a movement, for the Home Affairs Office: every
unit with its works and its review, and the totals per commune and for the movement, read in a
fixed number of queries (``documents.reviews`` renders it as .xlsx and .docx).

Each work's result is the one its unit stated in a submitted review of that kind; a work
whose unit has not submitted is shown with its latest recorded progress, and the works
sheet says which source each row comes from. People's contributions, workdays and
exemplary models come only from submitted reviews.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from thidua.movements.models import Movement, Participant
from thidua.units.models import Unit
from thidua.works.models import (
    DONE_STATUSES,
    ProgressStatus,
    Review,
    ReviewItem,
    ReviewStatus,
    Schedule,
    Work,
    WorkKind,
    schedule_of,
)
from thidua.works.reviews import units_in_movement
from thidua.works.selectors.works import LIVE_STATUSES


@dataclass
class Tally:
    """Counts and sums over a set of works (a unit, a commune, the whole movement)."""

    registered: int = 0
    constructions: int = 0
    tasks: int = 0
    completed: int = 0
    in_use: int = 0
    on_schedule: int = 0
    late: int = 0
    overdue: int = 0
    estimated: Decimal = Decimal(0)
    realised: Decimal = Decimal(0)
    people_contribution: Decimal = Decimal(0)
    people_workdays: int = 0
    exemplary_models: int = 0

    def add_work(self, row: WorkRow) -> None:
        self.registered += 1
        if row.work.kind == WorkKind.CONSTRUCTION:
            self.constructions += 1
        else:
            self.tasks += 1
        if row.status in DONE_STATUSES:
            self.completed += 1
        if row.status == ProgressStatus.IN_USE:
            self.in_use += 1
        if row.schedule == Schedule.ON_SCHEDULE:
            self.on_schedule += 1
        elif row.schedule == Schedule.LATE:
            self.late += 1
        elif row.schedule == Schedule.OVERDUE:
            self.overdue += 1
        self.estimated += row.work.estimated_value or 0
        self.realised += row.value_done or 0

    def add_review(self, review: Review) -> None:
        self.people_contribution += review.people_contribution or 0
        self.people_workdays += review.people_workdays or 0
        self.exemplary_models += review.exemplary_models or 0


@dataclass
class WorkRow:
    work: Work
    unit: Unit
    commune: Unit | None
    percent: int
    status: str
    value_done: Decimal | None
    result: str
    schedule: str
    reported: bool  # from a submitted review, not from the latest progress


@dataclass
class UnitRow:
    unit: Unit
    commune: Unit | None
    review: Review | None  # the submitted review of this kind, if any
    status: str | None  # the review's status (draft or submitted), None when not started
    tally: Tally = field(default_factory=Tally)


@dataclass
class Consolidation:
    movement: Movement
    kind: str
    day: date
    participants: int
    units: list[UnitRow]
    works: list[WorkRow]
    total: Tally
    communes: list[tuple[Unit | None, Tally]]  # None: units outside any commune

    @property
    def submitted(self) -> list[UnitRow]:
        return [row for row in self.units if row.review is not None]


def commune_of(unit: Unit) -> Unit | None:
    """The commune or town of a unit (itself if it is one); agencies belong to none."""
    if unit.is_commune_level:
        return unit
    parent = unit.parent
    if parent is not None and parent.is_commune_level:
        return parent
    return None


def consolidate(movement: Movement, kind: str, today: date | None = None) -> Consolidation:
    """Every unit of the movement with its works and its review of ``kind``: five queries."""
    today = today or timezone.localdate()
    units = list(
        units_in_movement(movement)
        .select_related("parent")
        .order_by("parent__sort_name", "sort_name", "pk")
    )
    participants = Participant.objects.filter(movement=movement).count()
    reviews = {
        review.unit_id: review
        for review in Review.objects.filter(movement=movement, kind=kind).prefetch_related(
            Prefetch("items", queryset=ReviewItem.objects.order_by("pk"))
        )
    }
    rows = {}
    for unit in units:
        review = reviews.get(unit.pk)
        submitted = review if review and review.status == ReviewStatus.SUBMITTED else None
        row = UnitRow(
            unit=unit,
            commune=commune_of(unit),
            review=submitted,
            status=review.status if review else None,
        )
        if submitted:
            row.tally.add_review(submitted)
        rows[unit.pk] = row
    work_rows = []
    works = Work.objects.filter(movement=movement, status__in=LIVE_STATUSES).order_by("pk")
    for work in works:
        unit_row = rows[work.unit_id]
        stated = (
            {item.work_id: item for item in unit_row.review.items.all()} if unit_row.review else {}
        ).get(work.pk)
        if stated is not None:
            percent, status, value, result = (
                stated.percent,
                stated.progress_status,
                stated.value_done,
                stated.result,
            )
        else:
            percent, status, value, result = (
                work.progress_percent,
                work.progress_status,
                work.value_done,
                "",
            )
        work_row = WorkRow(
            work=work,
            unit=unit_row.unit,
            commune=unit_row.commune,
            percent=percent,
            status=status,
            value_done=value,
            result=result,
            schedule=schedule_of(
                work.status, status, work.expected_completion, work.actual_completion, today
            ),
            reported=stated is not None,
        )
        unit_row.tally.add_work(work_row)
        work_rows.append(work_row)
    # Each commune followed by its villages; units outside any commune last.
    ordered = sorted(
        rows.values(),
        key=lambda r: (
            r.commune is None,
            r.commune.sort_name if r.commune else "",
            r.unit != r.commune,
            r.unit.sort_name,
        ),
    )
    position = {row.unit.pk: index for index, row in enumerate(ordered)}
    work_rows.sort(key=lambda r: position[r.unit.pk])
    total = Tally()
    by_commune: dict[int | None, Tally] = defaultdict(Tally)
    communes: dict[int, Unit] = {}
    for row in ordered:
        _merge(total, row.tally)
        key = row.commune.pk if row.commune else None
        _merge(by_commune[key], row.tally)
        if row.commune is not None:
            communes[row.commune.pk] = row.commune
    named = sorted(
        ((communes[key], tally) for key, tally in by_commune.items() if key is not None),
        key=lambda pair: pair[0].sort_name,
    )
    commune_list: list[tuple[Unit | None, Tally]] = list(named)
    if None in by_commune:
        commune_list.append((None, by_commune[None]))
    return Consolidation(
        movement=movement,
        kind=kind,
        day=today,
        participants=participants,
        units=ordered,
        works=work_rows,
        total=total,
        communes=commune_list,
    )


def _merge(target: Tally, source: Tally) -> None:
    for name in Tally.__dataclass_fields__:
        setattr(target, name, getattr(target, name) + getattr(source, name))
