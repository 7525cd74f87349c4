"""A movement's works dashboard (plan IV.5: the Home Affairs Office follows and reports the
consolidated state): the figures read by ``selectors.dashboard`` shaped into the charts
dashboard.js draws and the tables that say the same without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, reach
from thidua.movements.models import Movement
from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import valid_on_q
from thidua.works.models import FundingSource, ProgressStatus, Schedule
from thidua.works.selectors import dashboard as dashboard_reads
from thidua.works.selectors.dashboard import Figures, FlagshipRow
from thidua.works.selectors.works import works_visible

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


def movement_dashboard(*, user: User, movement: Movement, today: date) -> Dashboard:
    """The dashboard of ``movement`` for ``user``: the whole movement for the issuer's staff,
    else the units in the user's reach (as ``works_visible`` narrows).

    It stands at ``today`` (``?ngay=``): the works and participants of the units that existed
    on that day (an ended commune's works leave the board the day after it ends; they stay on
    the successor's unit page), and the schedule as it was then."""
    whole = movement.issuing_unit_id in reach(user, ALL_ROLES)
    works = works_visible(user, movement).filter(valid_on_q(today, "unit__"))
    live = works.filter(dashboard_reads.LIVE)
    figures = dashboard_reads.figures(works, today)
    kinds, figures.participants, figures.participants_reached = (
        dashboard_reads.participants_by_kind(user, movement, whole, today)
    )
    flagships, selected, hidden = dashboard_reads.flagship_rows(user, movement, whole, today)
    charts = [
        _progress_chart(figures),
        _schedule_chart(figures),
        _unit_kind_chart(dashboard_reads.works_by_unit_kind(live), kinds),
        _commune_chart(dashboard_reads.works_by_commune(live)),
        _funding_chart(dashboard_reads.works_by_funding_source(live)),
    ]
    return Dashboard(
        movement=movement,
        whole=whole,
        scope_units=[] if whole else dashboard_reads.scope_units(user),
        today=today,
        figures=figures,
        charts=charts,
        flagships=flagships,
        flagships_selected=selected,
        flagships_hidden=hidden,
    )


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


def _commune_chart(rows: list[dict[str, Any]]) -> Chart:
    """Works of each commune or town (its villages' included) stacked by progress; works of
    units outside any commune form one last bar."""
    statuses = list(ProgressStatus)
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


def _unit_kind_chart(works: dict[str, int], participants: dict[str, dict]) -> Chart:
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


def _funding_chart(found: dict[str, dict[str, Any]]) -> Chart:
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
