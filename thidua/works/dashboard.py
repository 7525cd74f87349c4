"""Figures for a movement's works dashboard (plan IV.5: the Home Affairs Office follows and
reports the consolidated state), narrowed to what the user may see.

Every figure is aggregated in SQL (conditional ``Count``/``Sum`` and ``values().annotate()``),
so the page costs the same handful of queries for ten works or a province's hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

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
from django.utils.translation import gettext as _

from thidua.accounts.scope import ALL_ROLES, grant_roots, reach
from thidua.movements.models import Movement, Participant, WorkMinimum
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind
from thidua.works.models import (
    DONE_STATUSES,
    FlagshipWork,
    FundingSource,
    ProgressStatus,
    RegistrationStatus,
    Schedule,
    Work,
    WorkKind,
)
from thidua.works.selectors import LIVE_STATUSES, schedule_annotation, works_visible

# One colour per category, the same on every chart (Bootstrap's palette, readable on white).
PROGRESS_COLOURS = {
    ProgressStatus.NOT_STARTED: "#adb5bd",
    ProgressStatus.IN_PROGRESS: "#0d6efd",
    ProgressStatus.COMPLETED: "#20c997",
    ProgressStatus.IN_USE: "#146c43",
    ProgressStatus.CANCELLED: "#e35d6a",
}
SCHEDULE_COLOURS = {
    Schedule.ON_SCHEDULE: "#198754",
    Schedule.LATE: "#fd7e14",
    Schedule.OVERDUE: "#dc3545",
    Schedule.NONE: "#ced4da",
}
BRAND = "#a3161a"
GREY = "#6c757d"
GREEN = "#198754"
BLUE = "#0d6efd"

# The bucket for works of units outside any commune or town (district agencies, vertical
# agencies, enterprises directly under the district...).
OTHER_UNITS = "other"


@dataclass
class Dataset:
    label: str
    data: list[Any]
    colours: list[str] | str
    money: bool = False

    @property
    def swatch(self) -> str:
        """The colour of a dataset drawn in one colour (for the table's header)."""
        return self.colours if isinstance(self.colours, str) else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "data": [int(v) if v is not None else 0 for v in self.data],
            "colours": self.colours,
            "money": self.money,
        }


@dataclass
class Chart:
    """What dashboard.js draws, and the data table that says the same without JavaScript."""

    key: str
    title: str
    kind: str  # "doughnut" or "bar"
    labels: list[str]
    datasets: list[Dataset]
    category: str = ""  # header of the table's first column
    horizontal: bool = False
    stacked: bool = False
    # Category keys (status codes, unit kinds...) in label order, for tests and links.
    keys: list[str] = field(default_factory=list)
    # The works list's GET parameter that filters on this chart's categories.
    param: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(v for ds in self.datasets for v in ds.data)

    def rows(self) -> list[dict[str, Any]]:
        """Table rows: the label, one (value, is money) cell per dataset, and the row's
        total when the datasets stack."""
        return [
            {
                "label": label,
                "filter": self._filter(i),
                "colour": self._colour(i),
                "cells": [(ds.data[i], ds.money) for ds in self.datasets],
                "total": sum(ds.data[i] or 0 for ds in self.datasets) if self.stacked else None,
            }
            for i, label in enumerate(self.labels)
        ]

    def _colour(self, i: int) -> str:
        colours = self.datasets[0].colours if len(self.datasets) == 1 else ""
        return colours[i] if isinstance(colours, list) else ""

    def _filter(self, i: int) -> str:
        """The works list's query string for row ``i``, or "" when the list cannot filter it."""
        key = self.keys[i] if i < len(self.keys) else ""
        if not self.param or key in ("", OTHER_UNITS, Schedule.NONE):
            return ""
        return urlencode({self.param: key})

    def totals(self) -> list[tuple[Any, bool]]:
        return [(sum(v or 0 for v in ds.data), ds.money) for ds in self.datasets]

    @property
    def grand_total(self) -> int:
        return sum(sum(v or 0 for v in ds.data) for ds in self.datasets)

    def value_of(self, key: str, dataset: int = 0) -> Any:
        return self.datasets[dataset].data[self.keys.index(key)]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "horizontal": self.horizontal,
            "stacked": self.stacked,
            "labels": self.labels,
            "datasets": [ds.as_json() for ds in self.datasets],
        }


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


@dataclass
class Dashboard:
    movement: Movement
    whole: bool
    scope_units: list[Unit]
    today: date
    figures: Figures
    charts: list[Chart]
    flagships: list[FlagshipRow]
    flagships_selected: int
    flagships_hidden: int

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)

    def charts_json(self) -> dict[str, Any]:
        return {
            "charts": [c.as_json() for c in self.charts],
            # Words dashboard.js writes on axes and tooltips (1,3 tỷ; 250 triệu; 1.250.000 đ).
            "words": {"billion": _("billion"), "million": _("million"), "currency": "đ"},
        }


def _percent(part, whole) -> float | None:
    if not whole:
        return None
    return float(Decimal(part) * 100 / Decimal(whole))


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)


LIVE = Q(status__in=LIVE_STATUSES)


def movement_dashboard(*, user, movement: Movement, today: date) -> Dashboard:
    """The dashboard of ``movement`` for ``user``: the whole movement for the issuer's staff,
    else the units in the user's reach (as ``works_visible`` narrows)."""
    whole = movement.issuing_unit_id in reach(user, ALL_ROLES)
    works = works_visible(user, movement)
    live = works.filter(LIVE)
    figures = _figures(works, today)
    kinds, figures.participants, figures.participants_reached = _participants(user, movement, whole)
    flagships, selected, hidden = _flagships(user, movement, whole, today)
    charts = [
        _progress_chart(figures),
        _schedule_chart(figures),
        _unit_kind_chart(live, kinds),
        _commune_chart(live),
        _funding_chart(live),
    ]
    scope_units = (
        [] if whole else list(Unit.objects.filter(pk__in=grant_roots(user)).order_by("sort_name"))
    )
    return Dashboard(
        movement=movement,
        whole=whole,
        scope_units=scope_units,
        today=today,
        figures=figures,
        charts=charts,
        flagships=flagships,
        flagships_selected=selected,
        flagships_hidden=hidden,
    )


def _figures(works: QuerySet[Work], today: date) -> Figures:
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


def _participants(user, movement: Movement, whole: bool) -> tuple[dict[str, dict], int, int]:
    """Participating units per unit kind and how many reached the movement's minimum for
    their kind, counted in one query."""
    participants = Participant.objects.filter(movement=movement)
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
    minimum = WorkMinimum.objects.filter(movement=movement, unit_kind=OuterRef("unit__kind"))
    rows = (
        participants.alias(
            live=Coalesce(Subquery(live_count, output_field=IntegerField()), 0),
            minimum=Coalesce(
                Subquery(minimum.values("minimum")[:1], output_field=IntegerField()),
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


def _flagships(
    user, movement: Movement, whole: bool, today: date
) -> tuple[list[FlagshipRow], int, int]:
    """The movement's flagship selection; a unit user sees the rows of their own units and
    the count of the whole selection."""
    selection = list(
        FlagshipWork.objects.filter(movement=movement)
        .select_related("work", "work__unit")
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


# --- charts -------------------------------------------------------------------------------


def _progress_chart(figures: Figures) -> Chart:
    statuses = list(ProgressStatus)
    return Chart(
        key="progress",
        title=_("Works by progress"),
        category=_("Progress"),
        param="progress",
        kind="doughnut",
        labels=[str(s.label) for s in statuses],
        keys=[s.value for s in statuses],
        datasets=[
            Dataset(
                label=_("Works"),
                data=[figures.progress[s] for s in statuses],
                colours=[PROGRESS_COLOURS[s] for s in statuses],
            )
        ],
    )


def _schedule_chart(figures: Figures) -> Chart:
    shown = [Schedule.ON_SCHEDULE, Schedule.LATE, Schedule.OVERDUE]
    if figures.schedule.get(Schedule.NONE):
        shown.append(Schedule.NONE)
    return Chart(
        key="schedule",
        title=_("Works by schedule"),
        category=_("Schedule"),
        param="schedule",
        kind="doughnut",
        labels=[str(s.label) for s in shown],
        keys=[s.value for s in shown],
        datasets=[
            Dataset(
                label=_("Works"),
                data=[figures.schedule[s] for s in shown],
                colours=[SCHEDULE_COLOURS[s] for s in shown],
            )
        ],
    )


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


def _commune_chart(live: QuerySet[Work]) -> Chart:
    """Works of each commune or town (its villages' included) stacked by progress; works of
    units outside any commune form one last bar."""
    statuses = list(ProgressStatus)
    rows = list(
        live.annotate(
            commune_id=_commune_expression("id", IntegerField()),
            commune_name=_commune_expression("name", CharField()),
            commune_sort=_commune_expression("sort_name", CharField()),
        )
        .values("commune_id", "commune_name", "commune_sort")
        .annotate(**{s.value: _count(Q(progress_status=s)) for s in statuses})
        .order_by()
    )
    rows.sort(key=lambda r: (r["commune_id"] is None, r["commune_sort"] or ""))
    labels = [r["commune_name"] or _("District-level agencies and units") for r in rows]
    return Chart(
        key="commune",
        title=_("Works by commune and town"),
        category=_("Commune or town"),
        param="commune",
        kind="bar",
        horizontal=True,
        stacked=True,
        labels=labels,
        keys=[str(r["commune_id"] or OTHER_UNITS) for r in rows],
        datasets=[
            Dataset(
                label=str(s.label),
                data=[r[s.value] for r in rows],
                colours=PROGRESS_COLOURS[s],
            )
            for s in statuses
        ],
    )


def _unit_kind_chart(live: QuerySet[Work], participants: dict[str, dict]) -> Chart:
    works = {
        r["unit__kind"]: r["n"]
        for r in live.values("unit__kind").annotate(n=Count("pk")).order_by()
    }
    kinds = [k for k in UnitKind if k in works or k in participants]
    return Chart(
        key="unit_kind",
        title=_("Works and units by unit kind"),
        category=_("Unit kind"),
        param="unit_kind",
        kind="bar",
        horizontal=True,
        labels=[str(k.label) for k in kinds],
        keys=[k.value for k in kinds],
        datasets=[
            Dataset(label=_("Works"), data=[works.get(k, 0) for k in kinds], colours=BRAND),
            Dataset(
                label=_("Participating units"),
                data=[participants.get(k, {}).get("units", 0) for k in kinds],
                colours=GREY,
            ),
            Dataset(
                label=_("Units that reached their minimum"),
                data=[participants.get(k, {}).get("reached", 0) for k in kinds],
                colours=GREEN,
            ),
        ],
    )


def _funding_chart(live: QuerySet[Work]) -> Chart:
    found = {
        r["funding_source"]: r
        for r in live.values("funding_source")
        .annotate(n=Count("pk"), value=Sum("estimated_value", default=Decimal(0)))
        .order_by()
    }
    keys = [s.value for s in FundingSource if s.value in found]
    labels = [str(FundingSource(k).label) for k in keys]
    for key in sorted(k for k in found if k not in keys):
        keys.append(key)
        labels.append(key or _("Not stated"))
    return Chart(
        key="funding",
        title=_("Works by funding source"),
        category=_("Funding source"),
        param="funding_source",
        kind="bar",
        horizontal=True,
        labels=labels,
        keys=keys,
        datasets=[
            Dataset(label=_("Works"), data=[found[k]["n"] for k in keys], colours=BLUE),
            Dataset(
                label=_("Estimated value"),
                data=[found[k]["value"] for k in keys],
                colours=BRAND,
                money=True,
            ),
        ],
    )
