"""Who may do what with a council and its sessions.

* The Home Affairs Office and the chairman over the council's unit (its subtree reach)
  *manage* the council: members, quorum, thresholds, sessions.
* A member of the council (``CouncilMember.user``) sees the sessions of that council, their
  agenda, and whether they themselves voted; never how anyone voted.
* The council's chair and secretary run a session beside the managers (agenda, attendance,
  opening and closing the vote) and see the tallies once it is closed.
* Written votes of absent members are recorded by the council's secretary or the Home
  Affairs Office.

Everyone else gets the same 404 for "missing" and "not yours".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from thidua.accounts.models import Role, User
from thidua.accounts.scope import holds, reach
from thidua.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    MemberRole,
    SessionStatus,
    Threshold,
)
from thidua.units.models import COMMUNE_LEVEL_KINDS, UnitKind

MANAGER_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS, Role.CHAIRMAN)
# A council advises the chairman of a district or of a commune (or town).
COUNCIL_UNIT_KINDS: tuple[str, ...] = (UnitKind.DISTRICT, *COMMUNE_LEVEL_KINDS)
RUNNING_ROLES: tuple[str, ...] = (MemberRole.CHAIR, MemberRole.SECRETARY)


def manages(user: User, council: Council) -> bool:
    return council.unit_id in reach(user, MANAGER_ROLES)


def is_home_affairs_over(user: User, council: Council) -> bool:
    return council.unit_id in reach(user, (Role.HOME_AFFAIRS,))


def may_create_council(user: User) -> bool:
    return holds(user, MANAGER_ROLES)


def sees_councils(user: User | AnonymousUser | None) -> bool:
    """For the menu: a manager anywhere, or a member of some council (one query at most)."""
    if user is None or not user.is_authenticated:
        return False
    if holds(user, (*MANAGER_ROLES, Role.COUNCIL_MEMBER)):
        return True
    return CouncilMember.objects.filter(user=user, active=True).exists()


def membership(user: User | AnonymousUser | None, council_id: int) -> CouncilMember | None:
    if user is None or not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(council_id=council_id, user=user).first()


@dataclass(frozen=True)
class SessionAccess:
    """What the user may do in one session; computed once per request."""

    manager: bool
    home_affairs: bool
    member: CouncilMember | None

    @property
    def runs(self) -> bool:
        """Edits the agenda, takes attendance, opens and closes the vote."""
        return self.manager or (
            self.member is not None and self.member.active and self.member.role in RUNNING_ROLES
        )

    @property
    def records_written_votes(self) -> bool:
        return self.home_affairs or (
            self.member is not None
            and self.member.active
            and self.member.role == MemberRole.SECRETARY
        )

    @property
    def sees_tally(self) -> bool:
        """The tallies of a closed session (and the minutes)."""
        return self.runs


def may_download_minutes(session: CouncilSession, rights: SessionAccess) -> bool:
    """The minutes of a closed session: those who run it, and every member recorded on its
    attendance (present or absent) — they sat in it and sign or keep its record."""
    if session.status != SessionStatus.CLOSED:
        return False
    if rights.sees_tally:
        return True
    member = rights.member
    return member is not None and session.attendance.filter(member=member).exists()


def access_council(user: User, pk: int) -> Council:
    """A council the user manages."""
    council = Council.objects.select_related("unit").filter(pk=pk).first()
    if council is None:
        raise Http404
    if not manages(user, council):
        raise Http404
    return council


def access_member(user: User, pk: int) -> CouncilMember:
    member = CouncilMember.objects.select_related("council", "council__unit").filter(pk=pk).first()
    if member is None:
        raise Http404
    if not manages(user, member.council):
        raise Http404
    return member


def access_threshold(user: User, pk: int) -> Threshold:
    """A threshold of a council the user manages."""
    threshold = (
        Threshold.objects.select_related("council", "council__unit", "award_form")
        .filter(pk=pk)
        .first()
    )
    if threshold is None:
        raise Http404
    if not manages(user, threshold.council):
        raise Http404
    return threshold


def council_access(user: User, council: Council) -> SessionAccess | None:
    """The user's rights in the council's sessions; None for an outsider or a former member."""
    manager = manages(user, council)
    member = membership(user, council.pk)
    if member is not None and not member.active:
        member = None
    if not manager and member is None:
        return None
    return SessionAccess(
        manager=manager,
        home_affairs=is_home_affairs_over(user, council),
        member=member,
    )


def session_access(user: User, session: CouncilSession) -> SessionAccess | None:
    """None when the user may not see the session at all."""
    manager = manages(user, session.council)
    member = membership(user, session.council_id)
    # A former member still sees the sessions they sat in, nothing newer.
    if (
        member is not None
        and not member.active
        and (session.pk is None or not session.attendance.filter(member=member).exists())
    ):
        member = None
    if not manager and member is None:
        return None
    return SessionAccess(
        manager=manager,
        home_affairs=is_home_affairs_over(user, session.council),
        member=member,
    )


def access_council_sessions(user: User, pk: int) -> tuple[Council, SessionAccess]:
    """A council whose sessions the user may list: a manager or an active member."""
    council = Council.objects.select_related("unit").filter(pk=pk).first()
    if council is None:
        raise Http404
    rights = council_access(user, council)
    if rights is None:
        raise Http404
    return council, rights


def access_session(
    user: User, pk: int, *, run: bool = False
) -> tuple[CouncilSession, SessionAccess]:
    """A session the user may see; with ``run``, one the user runs (chair, secretary or a
    manager)."""
    session = (
        CouncilSession.objects.select_related("council", "council__unit", "movement")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    rights = session_access(user, session)
    if rights is None:
        raise Http404
    if run and not rights.runs:
        raise Http404
    return session, rights


def access_agenda_item(user: User, pk: int) -> tuple[AgendaItem, SessionAccess]:
    """An agenda item of a session the user runs."""
    item = AgendaItem.objects.select_related("session", "nomination").filter(pk=pk).first()
    if item is None:
        raise Http404
    session, rights = access_session(user, item.session_id, run=True)
    item.session = session
    return item, rights
