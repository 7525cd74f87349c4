"""Named permission rules for works (django-rules).

A unit's focal officer and leader edit its works; a commune's reach covers its villages, so
the commune accepts or returns their registrations. The issuer's Home Affairs Office sees
every work of its movements, urges units and may register on a unit's behalf (consolidated
import); the issuer's chairman and Home Affairs Office select flagship works.

The ``access_*`` helpers fetch for a user a work, a progress file, or the movement a works
page is about, with the same 404 for missing and not yours.
"""

import rules
from django.http import Http404

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, reach
from thidua.core.http import access
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.rules import (
    access_movement,
    chairman_of_issuer,
    home_affairs_of_issuer,
    is_launched,
)
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit
from thidua.works.models import Evidence, RegistrationStatus, Work

# Who may register and edit works of a unit in their reach.
REGISTRAR_ROLES: tuple[str, ...] = (*EDITOR_ROLES, Role.HOME_AFFAIRS)


@rules.predicate
def may_register_for(user: User, unit: Unit | None) -> bool:
    return unit is not None and unit.pk in reach(user, REGISTRAR_ROLES)


@rules.predicate
def work_in_my_reach(user: User, work: Work | None) -> bool:
    return work is not None and work.unit_id in reach(user, ALL_ROLES)


@rules.predicate
def work_of_my_issuer(user: User, work: Work | None) -> bool:
    return work is not None and work.movement.issuing_unit_id in reach(user, ALL_ROLES)


@rules.predicate
def work_editable_by_me(user: User, work: Work | None) -> bool:
    return work is not None and work.unit_id in reach(user, REGISTRAR_ROLES)


@rules.predicate
def work_movement_launched(user: User, work: Work | None) -> bool:
    return work is not None and work.movement.status == MovementStatus.LAUNCHED


@rules.predicate
def work_not_cancelled(user: User, work: Work | None) -> bool:
    return work is not None and work.status != RegistrationStatus.CANCELLED


@rules.predicate
def work_registered(user: User, work: Work | None) -> bool:
    return work is not None and work.status == RegistrationStatus.REGISTERED


@rules.predicate
def work_awaits_commune(user: User, work: Work | None) -> bool:
    return work is not None and work.status == RegistrationStatus.PENDING


@rules.predicate
def commune_of_work_is_mine(user: User, work: Work | None) -> bool:
    """The user is the focal officer or leader of the commune (or above) that a village's
    registration goes to; the Home Affairs Office does not take the commune's place."""
    if work is None or work.unit.kind not in VILLAGE_LEVEL_KINDS or work.unit.parent_id is None:
        return False
    return work.unit.parent_id in reach(user, EDITOR_ROLES)


rules.add_perm("works.view_work", work_in_my_reach | work_of_my_issuer)
rules.add_perm(
    "works.change_work", work_editable_by_me & work_movement_launched & work_not_cancelled
)
rules.add_perm(
    "works.accept_work", work_awaits_commune & commune_of_work_is_mine & work_movement_launched
)
rules.add_perm(
    "works.record_progress", work_editable_by_me & work_registered & work_movement_launched
)
rules.add_perm("works.register_for_unit", may_register_for)
rules.add_perm("works.send_reminder", home_affairs_of_issuer & is_launched)
rules.add_perm("works.select_flagship", (chairman_of_issuer | home_affairs_of_issuer) & is_launched)


# --- access: the object, or the same 404 for missing and not yours ----------------------


def access_works_movement(user: User, pk: int, perm: str = "movements.view_movement") -> Movement:
    """``movements.rules.access_movement`` for pages about a movement's works, which exist
    only once it is launched: a draft is not found either."""
    movement = access_movement(user, pk, perm)
    if movement.status == MovementStatus.DRAFT:
        raise Http404
    return movement


def access_work(user: User, pk: int, perm: str = "works.view_work") -> Work:
    work = (
        Work.objects.select_related(
            "movement", "movement__issuing_unit", "unit", "unit__parent", "registered_by"
        )
        .filter(pk=pk)
        .first()
    )
    return access(user, perm, work)


def access_evidence(user: User, pk: int) -> Evidence:
    """A progress file, for those who may see its work."""
    item = Evidence.objects.select_related("update__work__movement").filter(pk=pk).first()
    if item is None:
        raise Http404
    access(user, "works.view_work", item.update.work)
    return item
