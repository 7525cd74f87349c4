"""Reads for councils and sessions, each page at a fixed number of queries.

Nothing here ever pairs a member with a choice: the database does not hold that pairing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import reach
from thidua.councils.models import (
    AgendaItem,
    Attendance,
    BallotReceipt,
    Basis,
    Council,
    CouncilMember,
    CouncilSession,
    ItemResult,
    MemberRole,
    RuleOrigin,
    SessionStatus,
    Threshold,
)
from thidua.councils.rules import MANAGER_ROLES
from thidua.movements.models import Movement, MovementStatus
from thidua.nominations.models import Nomination, NominationStatus
from thidua.units.models import Unit
from thidua.units.selectors import ancestor_ids, subtree_ids

ROLE_ORDER = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER)


# --- the public notice window -------------------------------------------------------------


def nomination_label(nomination: Nomination) -> str:
    """How a nomination is named in messages: its candidate (kept by the services)."""
    if nomination.candidate_name:
        return nomination.candidate_name
    candidate = nomination.candidate
    return str(candidate) if candidate is not None else f"#{nomination.pk}"


def notice_window_closed(nomination: Nomination, today: date | None = None) -> bool:
    """On public notice, and the notice's last day (``closes_on``, inclusive) is past.

    The same rule as ``thidua.nominations.selectors.ready_for_council``; the council may
    consider a candidate only once everyone has had the whole window to object.
    """
    today = today or timezone.localdate()
    notice = nomination.notice if nomination.notice_id else None
    return (
        nomination.status == NominationStatus.ON_NOTICE
        and notice is not None
        and notice.closes_on is not None
        and today > notice.closes_on
    )


def agenda_refusal(nomination: Nomination) -> str | None:
    """Why the nomination cannot go on an agenda, in a sentence naming it; None if it can.

    The agenda may be prepared while the notice is still open (it is sent with the
    invitation); only the vote waits for the window to close (``guards.ensure_notices_closed``)
    and the session must be held after it (checked by the service)."""
    label = nomination_label(nomination)
    if nomination.status != NominationStatus.ON_NOTICE:
        return _(
            "«%(nomination)s» is «%(status)s»: only nominations on public notice go before "
            "the council."
        ) % {"nomination": label, "status": nomination.get_status_display()}
    notice = nomination.notice if nomination.notice_id else None
    if notice is None or notice.closes_on is None:
        return _(
            "«%(nomination)s» has not been published for public notice; the council may "
            "consider it only after the notice period ends."
        ) % {"nomination": label}
    return None


# --- councils -----------------------------------------------------------------------------


def council_units_for(user: User, kinds: Iterable[str]) -> QuerySet[Unit]:
    """Districts and communes the user may set up a council for."""
    return Unit.objects.filter(pk__in=reach(user, MANAGER_ROLES), kind__in=kinds).order_by(
        "sort_name"
    )


def councils_for(user: User) -> QuerySet[Council]:
    """Councils the user manages or sits on, with their counts."""
    return (
        Council.objects.filter(
            Q(unit_id__in=reach(user, MANAGER_ROLES))
            | Q(pk__in=CouncilMember.objects.filter(user=user, active=True).values("council_id"))
        )
        .select_related("unit")
        .annotate(
            active_members=Count("members", filter=Q(members__active=True), distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("unit__sort_name", "name", "pk")
    )


def role_rank(prefix: str = "") -> Case:
    """Chair, vice chair, secretary, member: the order of the minutes."""
    field = f"{prefix}role"
    return Case(
        *(When(**{field: role}, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)),
        default=Value(len(ROLE_ORDER)),
    )


def council_members(council: Council) -> QuerySet[CouncilMember]:
    return council.members.select_related("user").order_by(
        "-active", role_rank(), "full_name", "pk"
    )


def council_thresholds(council: Council) -> QuerySet[Threshold]:
    return council.thresholds.select_related("award_form").order_by(
        "award_form__position", "award_form__name", "valid_from", "pk"
    )


def forms_left_to_the_default(council: Council, today: date | None = None) -> list[str]:
    """Names of the forms whose threshold set by law has ended with no later row for them:
    from then on the council's default applies (e.g. Chiến sĩ thi đua cơ sở after
    30/06/2025, when Nghị định 98/2023 Art. 30(7) ended, until the council records its own)."""
    today = today or timezone.localdate()
    rows = list(council_thresholds(council))
    names = []
    for row in rows:
        if row.origin != RuleOrigin.LAW or row.valid_to is None or row.valid_to >= today:
            continue
        later = [
            other
            for other in rows
            if other.award_form_id == row.award_form_id
            and (other.valid_to is None or other.valid_to > row.valid_to)
        ]
        if not later and row.award_form.name not in names:
            names.append(row.award_form.name)
    return names


def member_candidates(council_unit_id: int) -> QuerySet[User]:
    """Accounts working in the council's unit or below it (the members' pick list)."""
    return User.objects.filter(is_active=True, unit_id__in=subtree_ids([council_unit_id])).order_by(
        "full_name", "username"
    )


# --- sessions -----------------------------------------------------------------------------


def movements_for_council(council: Council) -> QuerySet[Movement]:
    """Launched (or finished) movements of the council's unit, of a unit above it, or of one
    below it: a district council reviews its district's movement, a commune council the
    commune-level awards of a district movement."""
    units = set(ancestor_ids(council.unit)) | subtree_ids([council.unit_id])
    return (
        Movement.objects.filter(issuing_unit_id__in=units)
        .exclude(status=MovementStatus.DRAFT)
        .order_by("-start_date", "-pk")
    )


def agenda_candidates(council: Council, movement: Movement) -> QuerySet[Nomination]:
    """Nominations of the movement on public notice, proposed by a unit in the council's reach
    (whether their window has closed or not: the service says which may not go yet)."""
    return (
        Nomination.objects.filter(
            movement=movement,
            status=NominationStatus.ON_NOTICE,
            proposing_unit_id__in=subtree_ids([council.unit_id]),
        )
        .select_related(
            "award_form", "proposing_unit", "notice", "candidate_unit", "candidate_person"
        )
        .order_by("award_form__position", "candidate_name", "pk")
    )


def sessions_of(council: Council) -> QuerySet[CouncilSession]:
    return (
        council.sessions.select_related("movement")
        .annotate(
            item_count=Count("items", distinct=True),
            passed_count=Count("items", filter=Q(items__result=ItemResult.PASSED), distinct=True),
        )
        .order_by("-held_on", "-pk")
    )


def session_items(session: CouncilSession) -> QuerySet[AgendaItem]:
    return session.items.select_related(
        "nomination",
        "nomination__award_form",
        "nomination__proposing_unit",
        "nomination__proposing_unit__parent",
        "nomination__notice",
        "nomination__candidate_unit",
        "nomination__candidate_person",
    ).order_by("position", "pk")


def session_attendance(session: CouncilSession) -> list[Attendance]:
    return list(
        session.attendance.select_related("member").order_by(
            role_rank("member__"), "member__full_name", "pk"
        )
    )


@dataclass(frozen=True)
class BallotCount:
    """How many members have voted: in the room and in writing. Never who chose what."""

    in_room: int
    in_writing: int

    @property
    def total(self) -> int:
        return self.in_room + self.in_writing


def ballots_cast(session: CouncilSession) -> BallotCount:
    rows = (
        BallotReceipt.objects.filter(item__session=session)
        .values("in_writing")
        .annotate(members=Count("member", distinct=True))
        .order_by()
    )
    counts = {row["in_writing"]: row["members"] for row in rows}
    return BallotCount(in_room=counts.get(False, 0), in_writing=counts.get(True, 0))


def voted_member_ids(session: CouncilSession) -> set[int]:
    return set(
        BallotReceipt.objects.filter(item__session=session)
        .values_list("member_id", flat=True)
        .distinct()
    )


def present_without_ballot(session: CouncilSession) -> list[CouncilMember]:
    """Members present at the session who have not voted yet (closing waits for them)."""
    voted = BallotReceipt.objects.filter(item__session=session).values("member_id")
    return [
        row.member
        for row in session.attendance.filter(present=True)
        .exclude(member_id__in=voted)
        .select_related("member")
        .order_by(role_rank("member__"), "member__full_name", "pk")
    ]


def my_receipt(session: CouncilSession, member: CouncilMember | None) -> BallotReceipt | None:
    """That the member voted in this session (the first receipt), or None."""
    if member is None:
        return None
    return (
        BallotReceipt.objects.filter(item__session=session, member=member)
        .order_by("at", "pk")
        .first()
    )


def my_sessions(user: User) -> QuerySet[CouncilSession]:
    """Sessions of the councils the user sits on, with their attendance and whether they
    voted."""
    memberships = CouncilMember.objects.filter(user=user)
    mine = Attendance.objects.filter(session=OuterRef("pk"), member__user=user)
    return (
        CouncilSession.objects.filter(
            Q(council_id__in=memberships.filter(active=True).values("council_id"))
            | Q(pk__in=Attendance.objects.filter(member__user=user).values("session_id"))
        )
        .select_related("council", "council__unit", "movement")
        .annotate(
            item_count=Count("items", distinct=True),
            my_presence=Subquery(mine.values("present")[:1]),
            i_voted=Exists(
                BallotReceipt.objects.filter(item__session=OuterRef("pk"), member__user=user)
            ),
        )
        .order_by("-held_on", "-pk")
    )


# --- thresholds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AppliedThreshold:
    percent: int
    basis: str
    origin: str = RuleOrigin.OWN_RULES
    source: str = ""


def thresholds_by_form(council: Council) -> dict[int, list[Threshold]]:
    by_form: dict[int, list[Threshold]] = {}
    for row in Threshold.objects.filter(council=council).order_by("valid_from", "pk"):
        by_form.setdefault(row.award_form_id, []).append(row)
    return by_form


def in_force(row: Threshold, on: date) -> bool:
    return (row.valid_from is None or row.valid_from <= on) and (
        row.valid_to is None or on <= row.valid_to
    )


def threshold_for(
    council: Council, award_form_id: int, by_form: dict[int, list[Threshold]], on: date
) -> AppliedThreshold:
    """The council's threshold for the form in force on the session's day ``on``, else the
    council's default (its own rules)."""
    for row in by_form.get(award_form_id, []):
        if in_force(row, on):
            return AppliedThreshold(row.percent, row.basis, row.origin, row.legal_source)
    return AppliedThreshold(
        council.threshold_percent,
        council.threshold_basis,
        RuleOrigin.OWN_RULES,
        council.legal_source,
    )


def unit_phrase(name: str) -> str:
    """ "Huyện Trạm Tấu" → "huyện Trạm Tấu" (inside a sentence)."""
    return name[:1].lower() + name[1:] if name else ""


def rule_phrase(council: Council, origin: str, source: str) -> str:
    """Where a threshold comes from: the provision's citation, or «theo quy chế của …» the
    council's unit (with the rules' own reference when recorded)."""
    if origin == RuleOrigin.LAW:
        return source
    own = _("according to the rules of %(unit)s") % {"unit": unit_phrase(council.unit.name)}
    return f"{own} ({source})" if source else own


def denominator(session: CouncilSession, basis: str) -> int:
    if basis == Basis.PRESENT:
        return session.present_count or 0
    return session.member_count or 0


def absent_member(session: CouncilSession, pk: int) -> CouncilMember | None:
    """A member of the session's council recorded as absent from it (whose written vote the
    secretary may record), or None."""
    return CouncilMember.objects.filter(
        pk=pk, council=session.council, attendance__session=session, attendance__present=False
    ).first()


# --- the home page ------------------------------------------------------------------------


def open_ballots(user: User) -> QuerySet[CouncilSession]:
    """Sessions whose vote is open and where the user, present, has not voted yet."""
    return (
        CouncilSession.objects.filter(
            status=SessionStatus.VOTING,
            attendance__member__user=user,
            attendance__member__active=True,
            attendance__present=True,
        )
        .exclude(
            Exists(BallotReceipt.objects.filter(item__session=OuterRef("pk"), member__user=user))
        )
        .select_related("council", "movement")
        .order_by("held_on", "pk")
    )


def sessions_invited(user: User, today: date | None = None) -> QuerySet[CouncilSession]:
    """Planned sessions, from today on, of the councils the user sits on."""
    today = today or timezone.localdate()
    return (
        CouncilSession.objects.filter(
            status=SessionStatus.PLANNED,
            held_on__gte=today,
            council_id__in=CouncilMember.objects.filter(user=user, active=True).values(
                "council_id"
            ),
        )
        .select_related("council", "movement")
        .annotate(item_count=Count("items"))
        .order_by("held_on", "pk")
    )


def sessions_to_prepare(user: User) -> QuerySet[CouncilSession]:
    """Planned sessions of the councils the Home Affairs Office prepares: agenda and
    attendance before the vote opens."""
    return (
        CouncilSession.objects.filter(
            status=SessionStatus.PLANNED,
            council__unit_id__in=reach(user, (Role.HOME_AFFAIRS,)),
        )
        .select_related("council", "movement")
        .annotate(item_count=Count("items"))
        .order_by("held_on", "pk")
    )


def desk_items(user: User) -> dict:
    """The home page's part from councils: ballots to cast, sessions the user is invited to,
    sessions the office prepares."""
    return {
        "open_ballots": list(open_ballots(user)[:5]),
        "sessions_invited": list(sessions_invited(user)[:5]),
        "sessions_to_prepare": list(sessions_to_prepare(user)[:5]),
    }
