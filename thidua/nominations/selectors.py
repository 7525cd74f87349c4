"""Reads for dossiers and notices, already narrowed to what the user may see, with the
related rows joined so every list costs a fixed number of queries.

The council step relies on :func:`notice_closed` and :func:`ready_for_council`: a dossier may
go before the council only once the notice it was published on has closed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, grant_roots, reach
from thidua.calendar_days.workdays import load_calendar
from thidua.core.text import fold
from thidua.criteria.evaluation import evaluate_candidate
from thidua.criteria.models import Person
from thidua.movements.models import Movement, MovementStatus
from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import subtree_ids, unit_display_name

from .models import (
    CommentStatus,
    Nomination,
    NominationEvent,
    NominationStatus,
    NoticeComment,
    PublicNotice,
)
from .rules import CHECKER_ROLES, PROPOSER_ROLES, is_home_affairs_of

S = NominationStatus

# Statuses in which a dossier is listed on the public page of the notice it was published on.
PUBLIC_STATUSES = (S.ON_NOTICE, S.AT_COUNCIL, S.PASSED, S.DECIDED, S.PROPOSED, S.REJECTED)
# Units that issue movements rather than receive awards in them.
ISSUER_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT)
PICKER_LIMIT = 60


# --- dossiers ---------------------------------------------------------------------------


def _with_related(nominations: QuerySet[Nomination]) -> QuerySet[Nomination]:
    return nominations.select_related(
        "proposing_unit",
        "proposing_unit__parent",
        "candidate_unit",
        "candidate_unit__parent",
        "candidate_person",
        "candidate_person__unit",
        "candidate_person__unit__parent",
        "award_form",
    )


def nominations_visible(user: User, movement: Movement) -> QuerySet[Nomination]:
    """Every dossier of the movement for its Home Affairs Office; else those proposed by
    units in the user's reach."""
    nominations = Nomination.objects.filter(movement=movement)
    if not is_home_affairs_of(user, movement):
        nominations = nominations.filter(proposing_unit_id__in=reach(user, ALL_ROLES))
    return _with_related(nominations)


@dataclass(frozen=True)
class NominationFilters:
    status: str = ""
    award_form: int | None = None
    recipient: str = ""  # "collective" or "individual"
    commune: int | None = None
    q: str = ""
    # The commune's subtree, read once by ``with_commune_subtree`` for every query of a page.
    commune_ids: frozenset[int] | None = None


def with_commune_subtree(filters: NominationFilters) -> NominationFilters:
    if not filters.commune or filters.commune_ids is not None:
        return filters
    return replace(filters, commune_ids=frozenset(subtree_ids([filters.commune])))


def filter_nominations(
    nominations: QuerySet[Nomination], filters: NominationFilters, *, by_status: bool = True
) -> QuerySet[Nomination]:
    """Apply the filters (the status one only when ``by_status``: the status chips count
    what the other filters leave)."""
    if by_status and filters.status:
        nominations = nominations.filter(status=filters.status)
    if filters.award_form:
        nominations = nominations.filter(award_form_id=filters.award_form)
    if filters.recipient == "collective":
        nominations = nominations.filter(candidate_unit__isnull=False)
    elif filters.recipient == "individual":
        nominations = nominations.filter(candidate_person__isnull=False)
    if filters.commune:
        ids = with_commune_subtree(filters).commune_ids
        nominations = nominations.filter(
            Q(candidate_unit_id__in=ids) | Q(candidate_person__unit_id__in=ids)
        )
    for term in fold(filters.q).split():
        nominations = nominations.filter(search_text__contains=term)
    return nominations.order_by("-created_at", "-pk")


def status_counts(nominations: QuerySet[Nomination]) -> dict[str, int]:
    """Status → number of dossiers, with "" → the total, in one query."""
    counts = dict.fromkeys(S.values, 0)
    for row in nominations.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts[""] = sum(counts.values())
    return counts


def nomination_trail(nomination: Nomination) -> QuerySet[NominationEvent]:
    return nomination.events.select_related("actor").order_by("at", "pk")


def proposable_units(user: User, movement: Movement) -> QuerySet[Unit]:
    """Units the user may propose candidates for in this movement (in their reach and
    under the movement's issuing unit)."""
    ids = set(reach(user, PROPOSER_ROLES)) & subtree_ids([movement.issuing_unit_id])
    # The picker names a village with its commune (``unit_label``).
    return Unit.objects.filter(pk__in=ids).select_related("parent").order_by("sort_name")


@dataclass
class Candidate:
    """A row of the candidate picker: a unit or a person, and the dossier that already
    holds it in the movement, if any."""

    key: str  # "u12" or "p34"
    name: str
    detail: str
    is_unit: bool
    existing: Nomination | None = None


def candidate_key(*, unit: Unit | None = None, person: Person | None = None) -> str:
    if unit is not None:
        return f"u{unit.pk}"
    assert person is not None, "a unit or a person"
    return f"p{person.pk}"


def parse_candidate(key: str, proposing_unit: Unit) -> tuple[Unit | None, Person | None]:
    """The unit or person a picker key names, if it is within the proposing unit's subtree
    (None, None otherwise)."""
    key = (key or "").strip()
    if len(key) < 2 or key[0] not in "up" or not key[1:].isdigit():
        return None, None
    ids = subtree_ids([proposing_unit.pk])
    pk = int(key[1:])
    if key[0] == "u":
        unit = Unit.objects.select_related("parent").filter(pk=pk, pk__in=ids).first()
        return unit, None
    person = Person.objects.select_related("unit").filter(pk=pk, unit_id__in=ids).first()
    return None, person


def candidates_for(
    movement: Movement, proposing_unit: Unit, q: str = "", limit: int = PICKER_LIMIT
) -> tuple[list[Candidate], list[Candidate], bool]:
    """Units and people the proposing unit may nominate, matching ``q``, with their live
    dossiers in the movement; and whether the lists were cut at ``limit``. Five queries."""
    ids = subtree_ids([proposing_unit.pk])
    units = Unit.objects.filter(pk__in=ids).exclude(kind__in=ISSUER_KINDS)
    people = Person.objects.filter(unit_id__in=ids)
    for term in fold(q).split():
        units = units.filter(search_text__contains=term)
        people = people.filter(search_text__contains=term)
    unit_rows = list(units.select_related("parent").order_by("sort_name")[: limit + 1])
    person_rows = list(
        people.select_related("unit", "unit__parent").order_by("sort_name", "pk")[: limit + 1]
    )
    cut = len(unit_rows) > limit or len(person_rows) > limit
    unit_rows, person_rows = unit_rows[:limit], person_rows[:limit]
    live = list(
        Nomination.objects.filter(movement=movement)
        .exclude(status=S.WITHDRAWN)
        .filter(
            Q(candidate_unit_id__in=[u.pk for u in unit_rows])
            | Q(candidate_person_id__in=[p.pk for p in person_rows])
        )
        .select_related("award_form")
    )
    by_unit = {n.candidate_unit_id: n for n in live if n.candidate_unit_id}
    by_person = {n.candidate_person_id: n for n in live if n.candidate_person_id}
    unit_candidates = [
        Candidate(
            key=candidate_key(unit=u),
            name=u.name,
            detail=" · ".join(
                x for x in (u.get_kind_display(), u.parent.name if u.parent_id else "") if x
            ),
            is_unit=True,
            existing=by_unit.get(u.pk),
        )
        for u in unit_rows
    ]
    person_candidates = [
        Candidate(
            key=candidate_key(person=p),
            name=p.full_name,
            detail=" · ".join(
                x for x in (p.get_kind_display(), p.position, unit_display_name(p.unit)) if x
            ),
            is_unit=False,
            existing=by_person.get(p.pk),
        )
        for p in person_rows
    ]
    return unit_candidates, person_candidates, cut


def tasks_for(user: User) -> dict[str, int]:
    """Counts for the home page: dossiers waiting for the user's check (Home Affairs) and
    dossiers returned to units the user proposes for. Two queries."""
    checking = Nomination.objects.filter(
        status=S.SUBMITTED, movement__issuing_unit_id__in=reach(user, CHECKER_ROLES)
    ).count()
    returned = Nomination.objects.filter(
        status=S.RETURNED, proposing_unit_id__in=reach(user, PROPOSER_ROLES)
    ).count()
    return {"to_check": checking, "returned": returned}


def tasks_by_movement(user: User) -> list[dict]:
    """For the home page: per movement, the dossiers waiting for the user's check and those
    returned to the user's own units (those they hold a role on: a dossier returned to a
    commune is the commune's to correct, not its district's), with the movement's id and
    title. One query."""
    to_check = Q(status=S.SUBMITTED, movement__issuing_unit_id__in=reach(user, CHECKER_ROLES))
    returned = Q(status=S.RETURNED, proposing_unit_id__in=grant_roots(user, PROPOSER_ROLES))
    rows = (
        Nomination.objects.filter(to_check | returned)
        .filter(movement__status=MovementStatus.LAUNCHED)  # an ended movement asks nothing
        .values("movement_id", "movement__title")
        .annotate(
            to_check=Count("pk", filter=to_check),
            returned=Count("pk", filter=returned),
        )
        .order_by("movement__title")
    )
    return [
        {
            "movement_id": row["movement_id"],
            "title": row["movement__title"],
            "to_check": row["to_check"],
            "returned": row["returned"],
        }
        for row in rows
    ]


# --- public notice ----------------------------------------------------------------------


def notice_closed(notice: PublicNotice, today: date | None = None) -> bool:
    """True once the comment window is over: ``closes_on`` is set and today is after it.
    The council may take the notice's dossiers only then."""
    today = today or timezone.localdate()
    return notice.closes_on is not None and today > notice.closes_on


def notice_open(notice: PublicNotice, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return notice.published_on is not None and not notice_closed(notice, today)


def ready_for_council(movement: Movement, today: date | None = None) -> QuerySet[Nomination]:
    """Dossiers of the movement on public notice whose notice has closed."""
    today = today or timezone.localdate()
    return _with_related(
        Nomination.objects.filter(
            movement=movement,
            status=S.ON_NOTICE,
            notice__closes_on__isnull=False,
            notice__closes_on__lt=today,
        )
    ).order_by("candidate_name", "pk")


def working_days_left(notice: PublicNotice, today: date | None = None) -> int:
    """Working days still open for comments, today included when it is one of the counted
    days (the day of publication is not counted). One query."""
    today = today or timezone.localdate()
    if notice.published_on is None or notice.closes_on is None:
        return 0
    start = max(today, notice.published_on + timedelta(days=1))
    if start > notice.closes_on:
        return 0
    calendar = load_calendar(start, notice.closes_on)
    return sum(
        1
        for offset in range((notice.closes_on - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=offset))
    )


def notices_of_movement(movement: Movement) -> QuerySet[PublicNotice]:
    return (
        PublicNotice.objects.filter(movement=movement)
        .annotate(
            listed=Count("nominations", distinct=True),
            unanswered=Count(
                "comments",
                filter=Q(comments__answered_at__isnull=True) & Q(comments__status__in=OPEN_COMMENT),
                distinct=True,
            ),
        )
        .select_related("published_by")
        .order_by(
            Case(
                When(published_on__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-published_on",
            "-pk",
        )
    )


def published_notices() -> QuerySet[PublicNotice]:
    return (
        PublicNotice.objects.filter(published_on__isnull=False)
        .select_related("movement", "movement__issuing_unit")
        .annotate(listed=Count("nominations", filter=Q(nominations__status__in=PUBLIC_STATUSES)))
        .order_by("-published_on", "-pk")
    )


def public_notice(pk: int) -> PublicNotice | None:
    return (
        PublicNotice.objects.filter(pk=pk, published_on__isnull=False)
        .select_related("movement", "movement__issuing_unit")
        .first()
    )


def notice_candidates(notice: PublicNotice) -> QuerySet[Nomination]:
    """The candidates the public sees on a published notice."""
    return _with_related(
        Nomination.objects.filter(notice=notice, status__in=PUBLIC_STATUSES)
    ).order_by("award_form__position", "candidate_name", "pk")


def notice_listed(notice: PublicNotice) -> QuerySet[Nomination]:
    """Every dossier attached to the notice, for the office."""
    return _with_related(Nomination.objects.filter(notice=notice)).order_by(
        "award_form__position", "candidate_name", "pk"
    )


# Comments still to answer: held or approved (a rejected one is not answered in public).
OPEN_COMMENT = (CommentStatus.PENDING, CommentStatus.APPROVED)


def published_comments(notice: PublicNotice) -> QuerySet[NoticeComment]:
    """The comments the office approved (with its answer, if any): the only public ones."""
    return (
        NoticeComment.objects.filter(notice=notice, status=CommentStatus.APPROVED)
        .select_related("nomination")
        .order_by("sent_at", "pk")
    )


def office_comments(notice: PublicNotice) -> QuerySet[NoticeComment]:
    """Every comment: held for moderation first, then approved and unanswered, answered,
    rejected last (oldest first within each group)."""
    return (
        NoticeComment.objects.filter(notice=notice)
        .select_related("nomination", "answered_by", "moderated_by")
        .order_by(
            Case(
                When(status=CommentStatus.PENDING, then=Value(0)),
                When(status=CommentStatus.REJECTED, then=Value(3)),
                When(answered_at__isnull=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            "sent_at",
            "pk",
        )
    )


# How far ahead the office is told that a public notice closes (calendar days).
NOTICE_CLOSING_DAYS = 7


def notices_closing_soon(user: User, today: date | None = None) -> QuerySet[PublicNotice]:
    """Published notices of the office's movements whose comment window ends within a week:
    the comments must be answered before the council meets."""
    today = today or timezone.localdate()
    return (
        PublicNotice.objects.filter(
            published_on__isnull=False,
            closes_on__gte=today,
            closes_on__lte=today + timedelta(days=NOTICE_CLOSING_DAYS),
            movement__issuing_unit_id__in=reach(user, CHECKER_ROLES),
        )
        .annotate(
            unanswered=Count(
                "comments",
                filter=Q(comments__answered_at__isnull=True) & Q(comments__status__in=OPEN_COMMENT),
            ),
        )
        .order_by("closes_on", "pk")
    )


def desk_items(user: User) -> dict:
    """The home page's part from nominations: dossiers to check or to correct, per movement,
    and public notices about to close."""
    return {
        "nomination_tasks": tasks_by_movement(user),
        "notices_closing": list(notices_closing_soon(user)[:5]),
    }


# --- criteria, for the standing body's check ----------------------------------------------


@dataclass(frozen=True)
class CriteriaSummary:
    """How the candidate stands against the movement's criterion set: counts and the link to
    the full check."""

    met: int
    not_met: int
    unknown: int
    total: int
    url: str


def criteria_summary(nomination: Nomination) -> CriteriaSummary:
    """The candidate's evaluation against the latest criterion set of its type (a fixed
    number of queries, ``criteria.evaluation``); total 0 when the movement has no set."""
    evaluation = evaluate_candidate(
        nomination.movement, unit=nomination.candidate_unit, person=nomination.candidate_person
    )
    if nomination.candidate_person_id:
        url = reverse(
            "criteria:check_person", args=[nomination.movement_id, nomination.candidate_person_id]
        )
    else:
        url = reverse(
            "criteria:check_unit", args=[nomination.movement_id, nomination.candidate_unit_id]
        )
    return CriteriaSummary(
        met=evaluation.met,
        not_met=evaluation.not_met,
        unknown=evaluation.unknown,
        total=evaluation.total,
        url=url,
    )
