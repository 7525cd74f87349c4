"""Checks every session write starts with: the actor runs the session, the session row is
locked, and it is in a status that allows the change."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import ApplicationError
from thidua.councils import rules, selectors
from thidua.councils.models import CouncilSession, SessionStatus


def ensure_runs(actor: User, session: CouncilSession) -> rules.SessionAccess:
    rights = rules.session_access(actor, session)
    if rights is None or not rights.runs:
        raise PermissionDenied
    return rights


def lock_session(session: CouncilSession) -> CouncilSession:
    """The session row, locked for the rest of the transaction (PostgreSQL; SQLite runs
    write transactions one at a time)."""
    return CouncilSession.objects.select_for_update().select_related("council").get(pk=session.pk)


def ensure_status(session: CouncilSession, *statuses: str) -> None:
    if session.status in statuses:
        return
    if session.status == SessionStatus.CLOSED:
        raise ApplicationError(_("The session is closed; its record can no longer change."))
    if session.status == SessionStatus.VOTING:
        raise ApplicationError(
            _("Voting is open: the agenda and the attendance can no longer change.")
        )
    raise ApplicationError(_("Voting has not been opened in this session yet."))


def ensure_notices_closed(session: CouncilSession, today: date | None = None) -> None:
    """The vote waits until the public notice of every nomination on the agenda has closed
    (the agenda itself may be prepared earlier and sent with the invitation)."""
    today = today or timezone.localdate()
    waiting = [
        item.nomination
        for item in session.items.select_related(
            "nomination__notice", "nomination__candidate_unit", "nomination__candidate_person"
        )
        if item.nomination.notice is None
        or item.nomination.notice.closes_on is None
        or not today > item.nomination.notice.closes_on
    ]
    if waiting:
        first = waiting[0]
        closes = first.notice.closes_on if first.notice else None
        raise ApplicationError(
            _(
                "«%(nomination)s» is on public notice until the end of %(date)s; the vote can "
                "open only after the notice period ends."
            )
            % {
                "nomination": selectors.nomination_label(first),
                "date": closes.strftime("%d/%m/%Y") if closes else "—",
            }
        )
