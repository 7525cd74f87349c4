"""Named permission rules for movements and unit plans (django-rules).

Each predicate answers one question for one object; views never test roles themselves.
``access_movement`` and ``access_plan`` are how every page fetches a movement or a plan.
"""

import rules

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, holds, reach
from thidua.core.http import access
from thidua.movements.models import Movement, MovementStatus, UnitPlan
from thidua.units.models import Unit


@rules.predicate
def can_create_movement(user: User, issuing_unit: Unit | None) -> bool:
    if issuing_unit is None:
        return holds(user, (Role.HOME_AFFAIRS,))
    return issuing_unit.pk in reach(user, (Role.HOME_AFFAIRS,))


@rules.predicate
def is_draft(user: User, movement: Movement | None) -> bool:
    return movement is not None and movement.status == MovementStatus.DRAFT


@rules.predicate
def is_launched(user: User, movement: Movement | None) -> bool:
    return movement is not None and movement.status == MovementStatus.LAUNCHED


@rules.predicate
def is_closed(user: User, movement: Movement | None) -> bool:
    return movement is not None and movement.status == MovementStatus.CLOSED


@rules.predicate
def works_for_issuer(user: User, movement: Movement | None) -> bool:
    """Any role over the issuing unit: the district's own staff follow its movements."""
    return movement is not None and movement.issuing_unit_id in reach(user, ALL_ROLES)


@rules.predicate
def home_affairs_of_issuer(user: User, movement: Movement | None) -> bool:
    return movement is not None and movement.issuing_unit_id in reach(user, (Role.HOME_AFFAIRS,))


@rules.predicate
def chairman_of_issuer(user: User, movement: Movement | None) -> bool:
    return movement is not None and movement.issuing_unit_id in reach(user, (Role.CHAIRMAN,))


@rules.predicate
def concerns_my_units(user: User, movement: Movement | None) -> bool:
    """The movement has a participant within the user's reach (one query, only when asked)."""
    if movement is None:
        return False
    mine = reach(user, ALL_ROLES)
    return bool(mine) and movement.participants.filter(unit_id__in=mine).exists()


@rules.predicate
def plan_in_my_reach(user: User, plan: UnitPlan | None) -> bool:
    return plan is not None and plan.unit_id in reach(user, ALL_ROLES)


@rules.predicate
def plan_editable_by_me(user: User, plan: UnitPlan | None) -> bool:
    return plan is not None and plan.unit_id in reach(user, EDITOR_ROLES)


@rules.predicate
def plan_movement_launched(user: User, plan: UnitPlan | None) -> bool:
    return plan is not None and plan.movement.status == MovementStatus.LAUNCHED


@rules.predicate
def plan_of_my_issuer(user: User, plan: UnitPlan | None) -> bool:
    return plan is not None and plan.movement.issuing_unit_id in reach(user, ALL_ROLES)


rules.add_perm("movements.create_movement", can_create_movement)
rules.add_perm("movements.change_movement", is_draft & home_affairs_of_issuer)
rules.add_perm("movements.launch_movement", is_draft & chairman_of_issuer)
# Whoever could launch may resend the launch e-mails that failed.
rules.add_perm("movements.resend_launch_mail", is_launched & chairman_of_issuer)
rules.add_perm(
    "movements.view_movement",
    works_for_issuer | ((is_launched | is_closed) & concerns_my_units),
)
# Ending the movement: its chairman or its standing body (the Home Affairs Office).
rules.add_perm(
    "movements.close_movement", is_launched & (chairman_of_issuer | home_affairs_of_issuer)
)
rules.add_perm("movements.complete_plan", (is_launched | is_closed) & home_affairs_of_issuer)
rules.add_perm("movements.set_nomination_deadline", is_launched & home_affairs_of_issuer)
rules.add_perm("movements.monitor_movement", works_for_issuer)
rules.add_perm("movements.view_plan", plan_in_my_reach | plan_of_my_issuer)
rules.add_perm("movements.submit_plan", plan_movement_launched & plan_editable_by_me)


def access_movement(user: User, pk: int, perm: str = "movements.view_movement") -> Movement:
    """The movement if ``user`` may ``perm`` it; the same Http404 for missing and not yours.

    The one way every page fetches a movement: its issuer (and the issuer's parent, named in
    documents' headers) and who launched it come with it.
    """
    movement = (
        Movement.objects.select_related(
            "issuing_unit", "issuing_unit__parent", "launched_by", "closed_by"
        )
        .filter(pk=pk)
        .first()
    )
    return access(user, perm, movement)


def access_plan(user: User, pk: int, perm: str = "movements.view_plan") -> UnitPlan:
    """The unit plan if ``user`` may ``perm`` it; the same Http404 for missing and not yours."""
    plan = (
        UnitPlan.objects.select_related(
            "movement", "movement__issuing_unit", "unit", "unit__parent", "submitted_by"
        )
        .filter(pk=pk)
        .first()
    )
    return access(user, perm, plan)
