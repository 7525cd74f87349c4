"""The secret ballot.

A vote is one transaction that first writes the member's receipts (``BallotReceipt``: *that*
they voted on each item, unique per item and member, so a second ballot fails on the
constraint even when two arrive at once) and then adds one to each item's ``yes_count`` or
``no_count`` with an ``F()`` update. Nothing records which choice came from whom: not a row,
not the history (``AgendaItem.history`` leaves the tallies out and ``.update()`` writes no
history), not a message, not a log line.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import ApplicationError
from thidua.councils import rules
from thidua.councils.models import (
    AgendaItem,
    Attendance,
    BallotReceipt,
    CouncilMember,
    CouncilSession,
    SessionStatus,
)

from .guards import ensure_status, lock_session


def _cast(
    *,
    session: CouncilSession,
    member: CouncilMember,
    votes: Mapping[int, bool],
    recorded_by: User,
    in_writing: bool,
) -> None:
    """Receipts first (the unique constraint refuses a second ballot), then the tallies."""
    item_ids = set(session.items.values_list("pk", flat=True))
    if set(votes) != item_ids or any(not isinstance(v, bool) for v in votes.values()):
        raise ApplicationError(_("Answer yes or no for every nomination on the agenda."))
    receipts = [
        BallotReceipt(item_id=pk, member=member, in_writing=in_writing, recorded_by=recorded_by)
        for pk in sorted(item_ids)
    ]
    try:
        with transaction.atomic():
            BallotReceipt.objects.bulk_create(receipts)
    except IntegrityError:
        raise ApplicationError(
            _("%(member)s has already voted in this session.") % {"member": member.full_name}
        ) from None
    yes = [pk for pk, choice in votes.items() if choice]
    no = [pk for pk, choice in votes.items() if not choice]
    if yes:
        AgendaItem.objects.filter(pk__in=yes).update(yes_count=F("yes_count") + 1)
    if no:
        AgendaItem.objects.filter(pk__in=no).update(no_count=F("no_count") + 1)


@transaction.atomic
def ballot_cast(*, actor: User, session: CouncilSession, votes: Mapping[int, bool]) -> None:
    """The actor votes in the room: present at the session, once, on every item."""
    session = lock_session(session)
    ensure_status(session, SessionStatus.VOTING)
    member = CouncilMember.objects.filter(council=session.council, user=actor).first()
    attendance = (
        Attendance.objects.filter(session=session, member=member).first() if member else None
    )
    if member is None or attendance is None:
        raise PermissionDenied
    if not attendance.present:
        raise ApplicationError(
            _("You are recorded as absent: the secretary records an absent member's written vote.")
        )
    _cast(session=session, member=member, votes=votes, recorded_by=actor, in_writing=False)


@transaction.atomic
def ballot_record_written(
    *, actor: User, session: CouncilSession, member: CouncilMember, votes: Mapping[int, bool]
) -> None:
    """The secretary (or the Home Affairs Office) records an absent member's written vote."""
    rights = rules.session_access(actor, session)
    if rights is None or not rights.records_written_votes:
        raise PermissionDenied
    session = lock_session(session)
    ensure_status(session, SessionStatus.VOTING)
    attendance = Attendance.objects.filter(session=session, member=member).first()
    if attendance is None or member.council_id != session.council_id:
        raise ApplicationError(
            _("%(member)s was not a member of the council when voting opened.")
            % {"member": member.full_name}
        )
    if attendance.present:
        raise ApplicationError(
            _("%(member)s is present and votes in person.") % {"member": member.full_name}
        )
    _cast(session=session, member=member, votes=votes, recorded_by=actor, in_writing=True)
