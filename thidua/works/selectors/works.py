"""Reads for works lists, already narrowed to what the user may see, the compliance table and
reminders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Value, When
from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, grant_roots, reach
from thidua.core.text import fold
from thidua.movements.models import Movement, MovementStatus
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit
from thidua.units.selectors import subtree_ids
from thidua.works.models import (
    DONE_STATUSES,
    REQUIRED_FIELDS,
    ProgressStatus,
    RegistrationStatus,
    Reminder,
    ReminderRecipient,
    Schedule,
    Work,
)
from thidua.works.services import taking_part_q

# Works that count for the movement: registered, or waiting for the commune's acceptance.
LIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.PENDING)


def schedule_annotation(today: date) -> Case:
    """``Work.schedule()`` as a query expression, so lists can filter and count by it."""
    return Case(
        When(
            Q(status=RegistrationStatus.CANCELLED)
            | Q(progress_status=ProgressStatus.CANCELLED)
            | Q(expected_completion__isnull=True),
            then=Value(Schedule.NONE),
        ),
        When(
            Q(progress_status__in=DONE_STATUSES, actual_completion__gt=F("expected_completion")),
            then=Value(Schedule.LATE),
        ),
        When(progress_status__in=DONE_STATUSES, then=Value(Schedule.ON_SCHEDULE)),
        When(expected_completion__lt=today, then=Value(Schedule.OVERDUE)),
        default=Value(Schedule.ON_SCHEDULE),
        output_field=CharField(),
    )


def missing_data_q() -> Q:
    """Works lacking any of the plan's five required facts."""
    condition = Q()
    for name in REQUIRED_FIELDS:
        condition |= Q(**{f"{name}__isnull": True})
        if name in ("volume", "site", "funding_source"):
            condition |= Q(**{name: ""})
    return condition


def works_visible(user: User, movement: Movement) -> QuerySet[Work]:
    """All works of the movement for the issuer's staff, else those of units in reach."""
    works = Work.objects.filter(movement=movement)
    if movement.issuing_unit_id not in reach(user, ALL_ROLES):
        works = works.filter(unit_id__in=reach(user, ALL_ROLES))
    return works.select_related("unit", "unit__parent", "movement")


@dataclass(frozen=True)
class WorkFilters:
    kind: str = ""
    unit_kind: str = ""
    commune: int | None = None
    status: str = ""
    progress: str = ""
    schedule: str = ""
    funding_source: str = ""
    late: bool = False
    people_funded: bool = False
    q: str = ""


def filter_works(
    works: QuerySet[Work], filters: WorkFilters, today: date | None = None
) -> QuerySet[Work]:
    works = works.annotate(schedule_code=schedule_annotation(today or timezone.localdate()))
    if filters.kind:
        works = works.filter(kind=filters.kind)
    if filters.unit_kind:
        works = works.filter(unit__kind=filters.unit_kind)
    if filters.commune:
        works = works.filter(unit_id__in=subtree_ids([filters.commune]))
    if filters.status:
        works = works.filter(status=filters.status)
    if filters.progress:
        works = works.filter(progress_status=filters.progress)
    if filters.schedule:
        works = works.filter(schedule_code=filters.schedule)
    if filters.funding_source:
        works = works.filter(funding_source=filters.funding_source)
    if filters.late:
        works = works.filter(is_late=True)
    if filters.people_funded:
        works = works.filter(people_funded=True)
    for term in fold(filters.q).split():
        works = works.filter(Q(search_text__contains=term) | Q(unit__search_text__contains=term))
    return works.order_by("unit__parent__sort_name", "unit__sort_name", "pk")


def work_counts(works: QuerySet[Work]) -> dict[str, int]:
    """The list's headline counts over ``works`` (annotated by ``filter_works``): one query."""
    return works.order_by().aggregate(
        total=Count("pk", filter=~Q(status=RegistrationStatus.CANCELLED)),
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        drafts=Count(
            "pk", filter=Q(status__in=[RegistrationStatus.DRAFT, RegistrationStatus.RETURNED])
        ),
        late=Count("pk", filter=Q(is_late=True) & ~Q(status=RegistrationStatus.CANCELLED)),
        overdue=Count("pk", filter=Q(schedule_code=Schedule.OVERDUE)),
    )


# --- compliance -------------------------------------------------------------------------


class ComplianceState:
    NOT_REGISTERED = "not_registered"
    BELOW_MINIMUM = "below_minimum"
    LATE = "late"
    MISSING_DATA = "missing_data"
    AWAITING = "awaiting"


@dataclass
class ComplianceRow:
    unit: Unit
    minimum: int
    registered: int = 0
    pending: int = 0
    drafts: int = 0
    returned: int = 0
    late: int = 0
    missing: int = 0
    first_late_at: object = None
    reminders: int = 0
    last_reminded_at: object = None
    states: set[str] = field(default_factory=set)

    @property
    def counted(self) -> int:
        return self.registered + self.pending

    @property
    def compliant(self) -> bool:
        return not self.states


@dataclass(frozen=True)
class ComplianceFilters:
    unit_kind: str = ""
    commune: int | None = None
    state: str = ""
    q: str = ""


def compliance_rows(movement: Movement, filters: ComplianceFilters) -> list[ComplianceRow]:
    """One row per participating unit: its registered, pending, late and incomplete works
    against the movement's minimum for its kind. Four queries whatever the size."""
    participants = Unit.objects.filter(participations__movement=movement).select_related("parent")
    if filters.unit_kind:
        participants = participants.filter(kind=filters.unit_kind)
    if filters.commune:
        participants = participants.filter(pk__in=subtree_ids([filters.commune]))
    for term in fold(filters.q).split():
        participants = participants.filter(search_text__contains=term)
    minimums = {m.unit_kind: m.minimum for m in movement.work_minimums.all()}
    counts = {
        row["unit_id"]: row
        for row in Work.objects.filter(movement=movement)
        .values("unit_id")
        .order_by()
        .annotate(
            registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
            pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
            drafts=Count("pk", filter=Q(status=RegistrationStatus.DRAFT)),
            returned=Count("pk", filter=Q(status=RegistrationStatus.RETURNED)),
            late=Count("pk", filter=Q(is_late=True, status__in=LIVE_STATUSES)),
            missing=Count("pk", filter=missing_data_q() & ~Q(status=RegistrationStatus.CANCELLED)),
        )
    }
    reminded = {
        row["unit_id"]: row
        for row in ReminderRecipient.objects.filter(reminder__movement=movement)
        .values("unit_id")
        .order_by()
        .annotate(count=Count("pk"), last=Max("reminder__sent_at"))
    }
    rows = []
    for unit in participants.order_by("parent__sort_name", "sort_name"):
        row = ComplianceRow(unit=unit, minimum=movement.work_minimum_for(unit.kind, minimums))
        found = counts.get(unit.pk)
        if found:
            for name in ("registered", "pending", "drafts", "returned", "late", "missing"):
                setattr(row, name, found[name])
        reminder = reminded.get(unit.pk)
        if reminder:
            row.reminders = reminder["count"]
            row.last_reminded_at = reminder["last"]
        row.states = _states(row)
        rows.append(row)
    if filters.state:
        rows = [r for r in rows if filters.state in r.states]
    return rows


def _states(row: ComplianceRow) -> set[str]:
    states = set()
    if row.counted == 0:
        states.add(ComplianceState.NOT_REGISTERED)
    elif row.counted < row.minimum:
        states.add(ComplianceState.BELOW_MINIMUM)
    if row.late:
        states.add(ComplianceState.LATE)
    if row.missing:
        states.add(ComplianceState.MISSING_DATA)
    if row.pending:
        states.add(ComplianceState.AWAITING)
    return states


def compliance_counts(rows: list[ComplianceRow]) -> dict[str, int]:
    counts = {
        "total": len(rows),
        "compliant": 0,
        ComplianceState.NOT_REGISTERED: 0,
        ComplianceState.BELOW_MINIMUM: 0,
        ComplianceState.LATE: 0,
        ComplianceState.MISSING_DATA: 0,
        ComplianceState.AWAITING: 0,
    }
    for row in rows:
        if not (row.states - {ComplianceState.AWAITING}):
            counts["compliant"] += 1
        for state in row.states:
            counts[state] += 1
    return counts


# --- reminders --------------------------------------------------------------------------


def reminders_for_me(user: User) -> QuerySet[ReminderRecipient]:
    """Reminders sent to the units the user works for directly (their home unit and the
    units they hold a role on), newest first; not those of every unit below."""
    units = set(grant_roots(user))
    if user.unit_id:
        units.add(user.unit_id)
    return (
        ReminderRecipient.objects.filter(unit_id__in=units)
        .select_related("reminder", "reminder__movement", "reminder__sent_by", "unit")
        .order_by("acknowledged_at", "-reminder__sent_at")
    )


def reminders_of_movement(movement: Movement) -> QuerySet[Reminder]:
    return (
        Reminder.objects.filter(movement=movement)
        .select_related("sent_by")
        .annotate(
            unit_count=Count("recipients"),
            acknowledged=Count("recipients", filter=Q(recipients__acknowledged_at__isnull=False)),
        )
        .order_by("-sent_at", "-pk")
    )


def pending_for_commune(user: User, movement: Movement) -> QuerySet[Work]:
    """Village registrations waiting for acceptance by a commune the user edits for."""
    mine = reach(user, EDITOR_ROLES)
    return (
        Work.objects.filter(
            movement=movement,
            status=RegistrationStatus.PENDING,
            unit__kind__in=VILLAGE_LEVEL_KINDS,
            unit__parent_id__in=mine,
        )
        .select_related("unit", "unit__parent")
        .order_by("unit__sort_name", "pk")
    )


def works_awaiting_me(user: User) -> QuerySet[Work]:
    """Village registrations of running movements waiting for a commune the user edits for."""
    return (
        Work.objects.filter(
            status=RegistrationStatus.PENDING,
            movement__status=MovementStatus.LAUNCHED,
            unit__kind__in=VILLAGE_LEVEL_KINDS,
            unit__parent_id__in=reach(user, EDITOR_ROLES),
        )
        .select_related("unit", "movement")
        .order_by("registered_at", "pk")
    )


def participating_units_for(user: User, movement: Movement, roles) -> QuerySet[Unit]:
    """Units in the user's reach that may register works in the movement: participants
    and the villages of participating communes."""
    mine = reach(user, roles)
    return Unit.objects.filter(pk__in=mine).filter(taking_part_q(movement)).order_by("sort_name")


def desk_items(user: User) -> dict:
    """The home page's part from works: unread reminders and village registrations waiting
    for the user's acceptance."""
    # Reminders of an ended movement no longer ask anything of the unit.
    reminders = reminders_for_me(user).filter(
        acknowledged_at__isnull=True, reminder__movement__status=MovementStatus.LAUNCHED
    )
    awaiting = works_awaiting_me(user)
    return {
        "reminders": reminders[:5],
        "reminder_count": reminders.count(),
        "awaiting": awaiting[:10],
        "awaiting_count": awaiting.count(),
    }
