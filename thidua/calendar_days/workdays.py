"""Working days of state agencies (Mon-Fri), with the recorded days off and made-up workdays.

Counting rule used throughout: a period of n working days "after" a day D starts on the first
working day after D; D itself never counts. A public notice posted on D for 10 working days
therefore closes at the end of ``add_working_days(D, 10)``.

Each call reads the calendar rows of the range it needs in one query (never one per day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import BooleanField, Value

from thidua.calendar_days.models import DayOff, MadeUpWorkday

SATURDAY = 5  # date.weekday(): Monday is 0, so 5 and 6 are the weekend.


@dataclass(frozen=True)
class WorkCalendar:
    """The exceptions to Monday-Friday within [first, last], loaded once."""

    first: date
    last: date
    days_off: frozenset[date]
    made_up_workdays: frozenset[date]

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def is_working_day(self, day: date) -> bool:
        if not self.covers(day):
            raise ValueError(f"{day} is outside the loaded calendar {self.first}..{self.last}")
        if day in self.made_up_workdays:
            return True
        return day.weekday() < SATURDAY and day not in self.days_off


def load_calendar(first: date, last: date) -> WorkCalendar:
    """One query (a UNION of both tables) for every exception between first and last."""
    offs = (
        DayOff.objects.filter(date__range=(first, last))
        .order_by()
        .annotate(works=Value(False, output_field=BooleanField()))
        .values_list("date", "works")
    )
    workdays = (
        MadeUpWorkday.objects.filter(date__range=(first, last))
        .order_by()
        .annotate(works=Value(True, output_field=BooleanField()))
        .values_list("date", "works")
    )
    rows = list(offs.union(workdays, all=True))
    return WorkCalendar(
        first=first,
        last=last,
        days_off=frozenset(d for d, works in rows if not works),
        made_up_workdays=frozenset(d for d, works in rows if works),
    )


def is_working_day(day: date) -> bool:
    return load_calendar(day, day).is_working_day(day)


def _span_for(n: int) -> int:
    # Calendar days that surely hold n working days: 7/5 per working day plus the longest
    # run of days off in a year (Tết: up to 9 days with weekends) and a margin.
    return n * 7 // 5 + 30


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself is not counted).

    ``add_working_days(D, 10)`` is the day at whose end a 10-working-day window opened on D
    closes. n = 0 returns ``start`` unchanged, whether or not it is a working day.
    Costs one query; a further one per extra span only if the calendar held an
    implausibly long run of days off.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    first = start + timedelta(days=1)
    counted = 0
    while True:
        last = first + timedelta(days=_span_for(n - counted))
        calendar = load_calendar(first, last)
        day = first
        while day <= last:
            if calendar.is_working_day(day):
                counted += 1
                if counted == n:
                    return day
            day += timedelta(days=1)
        first = last + timedelta(days=1)


def working_days_between(a: date, b: date) -> int:
    """Working days d with a < d <= b, so that
    ``working_days_between(D, add_working_days(D, n)) == n``.

    Returns 0 when b <= a. One query.
    """
    if b <= a:
        return 0
    first = a + timedelta(days=1)
    calendar = load_calendar(first, b)
    return sum(
        1
        for offset in range((b - first).days + 1)
        if calendar.is_working_day(first + timedelta(days=offset))
    )
