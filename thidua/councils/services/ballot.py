"""The secret ballot.

A vote is one transaction that writes the member's receipts (``BallotReceipt``: *that* they
voted on each item, unique per item and member, so a second ballot fails on the constraint
even when two arrive at once) and one ``Ballot``: the choices sealed with the session's public
key (``sealing``), with no member, no time and a random key. No tally moves: the statements a
vote writes are the same whatever the choices, so neither the database, its write-ahead log,
its old row versions, a backup nor a log line pairs a member with a choice. The tallies are
counted at closing (``closing.session_close``), after which the private key is destroyed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from thidua.accounts.models import User
from thidua.core.errors import ApplicationError
from thidua.councils import rules
from thidua.councils.models import (
    Attendance,
    Ballot,
    BallotReceipt,
    CouncilMember,
    CouncilSession,
    SessionStatus,
)

from . import sealing
from .guards import ensure_status, lock_session


def ensure_session_key(session: CouncilSession) -> str:
    """The session's public key, made now for a session opened before ballots were sealed."""
    if not session.ballot_public_key:
        session.ballot_public_key = sealing.new_session_key(session.pk)
        CouncilSession.objects.filter(pk=session.pk).update(
            ballot_public_key=session.ballot_public_key
        )
    return session.ballot_public_key


# Error reports (``AdminEmailHandler``) show no local variable of these frames.
@sensitive_variables()
def _cast(
    *,
    session: CouncilSession,
    member: CouncilMember,
    votes: Mapping[int, bool],
    recorded_by: User,
    in_writing: bool,
) -> None:
    """Receipts first (the unique constraint refuses a second ballot), then the sealed ballot."""
    item_ids = set(session.items.values_list("pk", flat=True))
    if set(votes) != item_ids or any(not isinstance(v, bool) for v in votes.values()):
        raise ApplicationError(_("Answer yes or no for every nomination on the agenda."))
    public_key = ensure_session_key(session)
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
    sealed = sealing.seal(public_key, sealing.encode(votes, item_ids))
    Ballot.objects.create(session=session, sealed=sealed)


@sensitive_variables("votes")
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


@sensitive_variables("votes")
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
