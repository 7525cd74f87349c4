"""Writes for council sessions: planning one, its agenda (nominations whose public notice has
closed go on it and come off it), the roll call, and opening the vote once the quorum is met."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.councils import rules, selectors
from thidua.councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    SessionStatus,
)
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination
from thidua.nominations.models import NominationStatus as N
from thidua.nominations.workflow import nomination_transition

from . import sealing
from .guards import ensure_notices_closed, ensure_runs, ensure_status, lock_session


def _check_movement(council: Council, movement: Movement) -> None:
    if not selectors.movements_for_council(council).filter(pk=movement.pk).exists():
        raise ValidationError(
            {"movement": _("This council does not review nominations of this movement.")}
        )


def _add_items(
    *, actor: User, session: CouncilSession, nominations: Iterable[Nomination], today: date
) -> list[AgendaItem]:
    # Fresh rows with their notice: the caller's copies may be stale.
    wanted = [nomination.pk for nomination in nominations]
    fresh = Nomination.objects.select_related(
        "notice", "candidate_unit", "candidate_person"
    ).in_bulk(wanted)
    nominations = [fresh[pk] for pk in dict.fromkeys(wanted) if pk in fresh]
    allowed = set(
        selectors.agenda_candidates(session.council, session.movement).values_list("pk", flat=True)
    )
    errors = []
    for nomination in nominations:
        refusal = selectors.agenda_refusal(nomination)
        notice = nomination.notice if refusal is None else None
        if notice is not None:
            # No refusal: the notice was published (it may still be open).
            assert notice.closes_on is not None, "a closed notice has its closing day"
            if not session.held_on > notice.closes_on:
                # The minutes must not show the council meeting while the notice was still open.
                refusal = _(
                    "«%(nomination)s» was on public notice until the end of %(closes)s; a "
                    "session held on %(held)s cannot consider it."
                ) % {
                    "nomination": selectors.nomination_label(nomination),
                    "closes": notice.closes_on.strftime("%d/%m/%Y"),
                    "held": session.held_on.strftime("%d/%m/%Y"),
                }
        if refusal is None and nomination.pk not in allowed:
            refusal = _("«%(nomination)s» is not a nomination this council reviews.") % {
                "nomination": selectors.nomination_label(nomination)
            }
        if refusal:
            errors.append(refusal)
    if errors:
        raise ValidationError({"nominations": errors})
    last = session.items.order_by("-position").values_list("position", flat=True).first() or 0
    items = []
    for offset, nomination in enumerate(nominations, start=1):
        item = AgendaItem(session=session, nomination=nomination, position=last + offset)
        item.full_clean()
        save_attributed(item, actor=actor, reason=_("Put on the agenda"))
        nomination_transition(
            nomination=nomination,
            to=N.AT_COUNCIL,
            actor=actor,
            note=_("On the agenda of the council session of %(date)s.")
            % {"date": session.held_on.strftime("%d/%m/%Y")},
        )
        items.append(item)
    return items


@transaction.atomic
def session_create(
    *,
    actor: User,
    council: Council,
    movement: Movement,
    held_on: date,
    place: str = "",
    notes: str = "",
    nominations: Iterable[Nomination] = (),
    today: date | None = None,
) -> CouncilSession:
    session = CouncilSession(
        council=council,
        movement=movement,
        held_on=held_on,
        place=place,
        notes=notes,
        created_by=actor,
    )
    rights = rules.council_access(actor, council)
    if rights is None or not rights.runs:
        raise PermissionDenied
    _check_movement(council, movement)
    session.full_clean()
    save_attributed(session, actor=actor, reason=_("Session planned"))
    _add_items(
        actor=actor,
        session=session,
        nominations=nominations,
        today=today or timezone.localdate(),
    )
    return session


@transaction.atomic
def session_update(
    *, actor: User, session: CouncilSession, held_on: date, place: str, notes: str
) -> CouncilSession:
    ensure_runs(actor, session)
    session = lock_session(session)
    ensure_status(session, SessionStatus.PLANNED, SessionStatus.VOTING)
    changed = []
    if session.status == SessionStatus.PLANNED:
        for name, value in (("held_on", held_on), ("place", place)):
            if getattr(session, name) != value:
                setattr(session, name, value)
                changed.append(name)
    if session.notes != notes:
        session.notes = notes
        changed.append("notes")
    if changed:
        session.full_clean()
        save_attributed(session, actor=actor, update_fields=changed)
    return session


@transaction.atomic
def agenda_add(
    *,
    actor: User,
    session: CouncilSession,
    nominations: Iterable[Nomination],
    today: date | None = None,
) -> list[AgendaItem]:
    ensure_runs(actor, session)
    locked = lock_session(session)
    ensure_status(locked, SessionStatus.PLANNED)
    return _add_items(
        actor=actor, session=session, nominations=nominations, today=today or timezone.localdate()
    )


@transaction.atomic
def agenda_remove(*, actor: User, item: AgendaItem) -> None:
    """Take a nomination off a planned session; it goes back to public notice."""
    session = item.session
    ensure_runs(actor, session)
    ensure_status(lock_session(session), SessionStatus.PLANNED)
    nomination = item.nomination
    delete_attributed(item, actor=actor, reason=_("Removed from the agenda"))
    nomination_transition(
        nomination=nomination,
        to=N.ON_NOTICE,
        actor=actor,
        note=_("Removed from the agenda of the council session of %(date)s.")
        % {"date": session.held_on.strftime("%d/%m/%Y")},
    )


@transaction.atomic
def attendance_record(
    *, actor: User, session: CouncilSession, present: Iterable[CouncilMember]
) -> list[Attendance]:
    """Present or absent for every active member (those not listed are absent)."""
    ensure_runs(actor, session)
    session = lock_session(session)
    ensure_status(session, SessionStatus.PLANNED)
    present_ids = {member.pk for member in present}
    members = list(session.council.members.filter(active=True))
    unknown = present_ids - {member.pk for member in members}
    if unknown:
        raise ValidationError({"present": _("Only active members of the council can attend.")})
    existing = {row.member_id: row for row in session.attendance.all()}
    rows = []
    for member in members:
        row = existing.pop(member.pk, None)
        is_present = member.pk in present_ids
        if row is None:
            row = Attendance(session=session, member=member, present=is_present)
            save_attributed(row, actor=actor)
        elif row.present != is_present:
            row.present = is_present
            save_attributed(row, actor=actor, update_fields=["present"])
        rows.append(row)
    for stale in existing.values():  # a member made inactive since the last roll call
        delete_attributed(stale, actor=actor)
    return rows


def quorum_met(council: Council, present: int, members: int) -> bool:
    return (
        members > 0 and present * council.quorum_denominator >= members * council.quorum_numerator
    )


@transaction.atomic
def voting_open(*, actor: User, session: CouncilSession) -> CouncilSession:
    """Freeze the number of members and of those present, if the quorum is met."""
    ensure_runs(actor, session)
    session = lock_session(session)
    ensure_status(session, SessionStatus.PLANNED)
    if not session.items.exists():
        raise ApplicationError(_("The agenda is empty: add nominations before voting."))
    ensure_notices_closed(session)
    council = session.council
    members = list(council.members.filter(active=True))
    attendance = {row.member_id: row for row in session.attendance.all()}
    for member in members:  # not in the roll call: absent
        if member.pk not in attendance:
            row = Attendance(session=session, member=member, present=False)
            save_attributed(row, actor=actor)
            attendance[member.pk] = row
    member_count = len(members)
    present_count = sum(1 for m in members if attendance[m.pk].present)
    if not quorum_met(council, present_count, member_count):
        raise ApplicationError(
            _(
                "%(present)s of %(members)s members are present, fewer than %(quorum)s of all "
                "members needed to vote."
            )
            % {
                "present": present_count,
                "members": member_count,
                "quorum": f"{council.quorum_numerator}/{council.quorum_denominator}",
            }
        )
    session.member_count = member_count
    session.present_count = present_count
    session.status = SessionStatus.VOTING
    session.opened_at = timezone.now()
    # The private half goes to its file (outside the database) before the public half is saved.
    session.ballot_public_key = sealing.new_session_key(session.pk)
    session.full_clean()
    save_attributed(
        session,
        actor=actor,
        reason=_("Voting opened"),
        update_fields=[
            "member_count",
            "present_count",
            "status",
            "opened_at",
            "ballot_public_key",
        ],
    )
    return session
