"""Who may see and act on nomination dossiers and public notices.

* A unit's editors (focal officer, chairman) and the Home Affairs Office over it propose
  candidates for it and edit its dossiers while they are a draft or returned.
* A unit sees the dossiers its subtree proposed (any role over the proposing unit); the Home
  Affairs Office of the movement's issuing unit sees every dossier of the movement and checks
  them (accept or return), and prepares and publishes the public notice.
* The public sees only a published notice (``views/public.py``).

Views fetch objects only through the ``access_*`` helpers, which answer the same 404 for
"missing" and "not yours". Each condition is on its own line so tests can prove each branch.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, reach
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.rules import concerns_my_units

from .models import Nomination, NominationFile, NominationStatus, NoticeComment, PublicNotice
from .workflow import EDITABLE, may_move

# Who may propose candidates for a unit in their reach and edit its dossiers.
PROPOSER_ROLES: tuple[str, ...] = (*EDITOR_ROLES, Role.HOME_AFFAIRS)
CHECKER_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS,)


# --- predicates -------------------------------------------------------------------------


def is_home_affairs_of(user: User, movement: Movement) -> bool:
    """The Home Affairs Office over the movement's issuing unit: it checks every dossier."""
    return movement.issuing_unit_id in reach(user, CHECKER_ROLES)


def may_view_movement_nominations(user: User, movement: Movement) -> bool:
    if movement.status == MovementStatus.DRAFT:
        return False
    if movement.issuing_unit_id in reach(user, ALL_ROLES):
        return True  # the issuer's own staff, the Home Affairs Office included
    return bool(concerns_my_units(user, movement))


def may_propose_in(user: User, movement: Movement) -> bool:
    """May open the "new dossier" page: the movement is running, its nomination deadline has
    not passed, and the user edits a unit."""
    return (
        movement.status == MovementStatus.LAUNCHED
        and timezone.localdate() <= movement.nominations_close_on
        and bool(reach(user, PROPOSER_ROLES))
    )


def may_propose_for(user: User, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in reach(user, PROPOSER_ROLES)


def may_view(user: User, nomination: Nomination) -> bool:
    if nomination.proposing_unit_id in reach(user, ALL_ROLES):
        return True
    return is_home_affairs_of(user, nomination.movement)


def may_edit(user: User, nomination: Nomination) -> bool:
    """Change the dossier's content and files: only while a draft or returned."""
    if nomination.status not in EDITABLE:
        return False
    if nomination.movement.status != MovementStatus.LAUNCHED:
        return False
    return may_propose_for(user, nomination.proposing_unit_id)


def may_submit(user: User, nomination: Nomination) -> bool:
    return may_edit(user, nomination) and may_move(nomination, NominationStatus.SUBMITTED)


def may_check(user: User, nomination: Nomination) -> bool:
    """Accept a dossier sent for checking (→ checked)."""
    if nomination.status != NominationStatus.SUBMITTED:
        return False
    return is_home_affairs_of(user, nomination.movement)


def may_return(user: User, nomination: Nomination) -> bool:
    """Send a dossier back for correction, with a reason (before the council takes it)."""
    if not may_move(nomination, NominationStatus.RETURNED):
        return False
    return is_home_affairs_of(user, nomination.movement)


def may_withdraw(user: User, nomination: Nomination) -> bool:
    """The proposing unit takes its dossier back (before the council takes it)."""
    if not may_move(nomination, NominationStatus.WITHDRAWN):
        return False
    return may_propose_for(user, nomination.proposing_unit_id)


def may_manage_notices(user: User, movement: Movement) -> bool:
    if movement.status == MovementStatus.DRAFT:
        return False
    return is_home_affairs_of(user, movement)


# --- access helpers (404 for missing and for not yours) ----------------------------------


def access_movement(user: User, pk: int, *, notices: bool = False) -> Movement:
    """A movement whose dossiers the user may see; with ``notices``, one whose public notices
    the user prepares (its Home Affairs Office). The one movement fetch of this app."""
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if not may_view_movement_nominations(user, movement):
        raise Http404
    if notices and not may_manage_notices(user, movement):
        raise Http404
    return movement


def access_nomination(user: User, pk: int) -> Nomination:
    nomination = (
        Nomination.objects.select_related(
            "movement",
            "movement__issuing_unit",
            "proposing_unit",
            "proposing_unit__parent",
            "candidate_unit",
            "candidate_unit__parent",
            "candidate_person",
            "candidate_person__unit",
            "award_form",
            "created_by",
            "notice",
        )
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    if not may_view(user, nomination):
        raise Http404
    return nomination


def access_nomination_file(user: User, pk: int) -> NominationFile:
    item = (
        NominationFile.objects.select_related("nomination__movement", "nomination__proposing_unit")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    if not may_view(user, item.nomination):
        raise Http404
    return item


def access_notice(user: User, pk: int) -> PublicNotice:
    """A notice for the office's pages: only the Home Affairs Office of its movement."""
    notice = (
        PublicNotice.objects.select_related("movement", "movement__issuing_unit", "published_by")
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    if not may_manage_notices(user, notice.movement):
        raise Http404
    return notice


def access_comment(user: User, pk: int) -> NoticeComment:
    comment = NoticeComment.objects.select_related("notice__movement").filter(pk=pk).first()
    if comment is None:
        raise Http404
    if not may_manage_notices(user, comment.notice.movement):
        raise Http404
    return comment
