"""Writes to the working-day calendar: loading the statutory holidays of Vietnam.

Years whose days the Government fixed and that were checked (``official.OFFICIAL``) are
recorded exactly as listed there; other years are computed from the ``holidays`` library and
say so in their citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import holidays
from django.db import transaction
from django.utils.translation import gettext as _
from holidays.countries.vietnam import VietnamStaticHolidays

from thidua.accounts.models import User
from thidua.calendar_days import official
from thidua.calendar_days.models import DayOff, DayOffKind, MadeUpWorkday
from thidua.core.audit import save_attributed

LIBRARY = f"thư viện holidays {holidays.__version__}"
STATUTE = "Bộ luật Lao động 2019, khoản 1 Điều 112"
# Art. 112(1): a) 1/1, b) Tết Âm lịch 5 days, c) 30/4, d) 1/5, đ) 2/9 + 1 adjacent day, e) 10/3 lunar.
POINTS = {
    "Tết Dương lịch": "điểm a",
    "Tết": "điểm b",
    "Chiến thắng": "điểm c",
    "Lao động": "điểm d",
    "Quốc khánh": "điểm đ",
    "Hùng Vương": "điểm e",
}
# A weekday off in place of a holiday that fell on a weekend (Art. 111(3)).
COMPENSATORY = f"{official.MAKE_UP} (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần)"
CULTURAL_DAY_FROM = date(2026, 7, 1)  # Nghị quyết 28/2026/QH16 takes effect
# Government decisions that fix the actual days of years not in ``official.OFFICIAL``.
DECISIONS: dict[tuple[int, str], str] = {
    (2024, "swap"): "Công văn 2450/VPCP-KGVX năm 2024 (hoán đổi ngày làm việc dịp 30/4)",
}
UNDECIDED = "ngày cụ thể tính theo quy tắc; chưa đối chiếu quyết định của Thủ tướng"


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Day:
    date: date
    name: str
    legal_source: str
    kind: str | None  # None: a made-up workday


def _point(name: str) -> str | None:
    for key, point in POINTS.items():
        if key in name:
            return point
    return None


def _decision(year: int, topic: str) -> str:
    return DECISIONS.get((year, topic), UNDECIDED)


def _swaps(year: int) -> list[tuple[date, date]]:
    """(day off, weekend day worked instead) pairs the library records for the year."""
    # The library's table is inferred as ``dict[int, object]``: each value is one entry
    # (month, day, from_month, from_day[, from_year]) or a tuple of such entries.
    found = cast("tuple[Any, ...]", VietnamStaticHolidays.special_public_holidays.get(year, ()))
    entries: tuple[tuple[int, ...], ...] = (
        (found,) if found and isinstance(found[0], int) else found
    )
    pairs = []
    for entry in entries:
        month, day, from_month, from_day, *from_year = entry
        from_y = from_year[0] if from_year else year
        pairs.append((date(year, month, day), date(from_y, from_month, from_day)))
    return pairs


def _official(year: int) -> list[_Day]:
    return [
        _Day(date.fromisoformat(day), name, source, kind)
        for day, name, kind, source in official.OFFICIAL[year]
    ]


def holidays_of_year(year: int) -> list[_Day]:
    """The days off and made-up workdays of state agencies in one year."""
    if year in official.OFFICIAL:
        return _official(year)
    observed = holidays.Vietnam(years=year, language="vi")
    statutory = holidays.Vietnam(years=year, language="vi", observed=False)
    swaps = dict(_swaps(year))
    days: list[_Day] = []
    for day, name in sorted(observed.items()):
        if day in swaps:
            worked = swaps[day]
            source = f"{official.MAKE_UP}; {_decision(year, 'swap')} ({LIBRARY})"
            days.append(_Day(day, f"Nghỉ hoán đổi, làm bù ngày {worked:%d/%m/%Y}", source, "extra"))
            days.append(_Day(worked, f"Làm bù cho ngày nghỉ {day:%d/%m/%Y}", source, None))
        elif "Văn hóa" in name:
            if day >= CULTURAL_DAY_FROM:
                days.append(_Day(day, name, official.CULTURAL_DAY, DayOffKind.PUBLIC_HOLIDAY))
        elif day in statutory:
            source = f"{STATUTE}, {_point(name)}"
            if "Tết" in name and "Dương lịch" not in name:
                source += f"; {_decision(year, 'Tết')}"
            elif "Quốc khánh" in name and day.day != 2:
                known = year == 2024
                source += (
                    f" (ngày liền kề theo {LIBRARY})" if known else f" (ngày liền kề); {UNDECIDED}"
                )
            days.append(_Day(day, name, source, DayOffKind.PUBLIC_HOLIDAY))
        else:  # moved off a weekend: 29 Tết, mùng 5 Tết, "(nghỉ bù)"
            source = COMPENSATORY
            if "Tết" in name:
                source += f"; {_decision(year, 'Tết')}"
                # The library calls the day before the eve "29 Tết" even when it is the 28th.
                name = "Ngày trước Giao thừa" if name == "29 Tết" else name
                name = f"{name} (nghỉ bù Tết)"
            days.append(_Day(day, name, source, DayOffKind.COMPENSATORY))
    return days


@transaction.atomic
def load_holidays(
    *, first_year: int, last_year: int, actor: User | None = None, overwrite: bool = False
) -> LoadResult:
    """Record the holidays of the years given. Safe to run again: existing dates are left as
    they are (a superuser's correction stands) unless ``overwrite`` is set."""
    result = LoadResult()
    days = [d for year in range(first_year, last_year + 1) for d in holidays_of_year(year)]
    dates = [d.date for d in days]
    offs = {o.date: o for o in DayOff.objects.filter(date__in=dates)}
    workdays = {w.date: w for w in MadeUpWorkday.objects.filter(date__in=dates)}
    for day in days:
        model = MadeUpWorkday if day.kind is None else DayOff
        existing, other = (workdays, offs) if model is MadeUpWorkday else (offs, workdays)
        if day.date in other:
            result.skipped.append(f"{day.date:%d/%m/%Y} {day.name}")
            continue
        values = {"name": day.name, "legal_source": day.legal_source}
        if day.kind is not None:
            values["kind"] = day.kind
        row = existing.get(day.date)
        if row is None:
            save_attributed(
                model(date=day.date, **values), actor=actor, reason=_("Official calendar loaded")
            )
            result.created += 1
        elif overwrite and any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            save_attributed(row, actor=actor, reason=_("Official calendar loaded"))
            result.updated += 1
        else:
            result.unchanged += 1
    return result
