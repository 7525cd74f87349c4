"""Reads for movements and unit plans, already narrowed to what the user may see."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, reach
from thidua.core.text import fold
from thidua.movements.models import Movement, MovementStatus, PlanStatus, UnitPlan
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit
from thidua.units.selectors import subtree_ids


def movements_visible(user: User) -> QuerySet[Movement]:
    mine = reach(user, ALL_ROLES)
    return (
        Movement.objects.filter(
            Q(issuing_unit_id__in=mine)
            | Q(
                status__in=[MovementStatus.LAUNCHED, MovementStatus.CLOSED],
                pk__in=UnitPlan.objects.filter(unit_id__in=mine).values("movement_id"),
            )
        )
        .select_related("issuing_unit")
        .distinct()
    )


def movement_search(queryset: QuerySet[Movement], text: str) -> QuerySet[Movement]:
    # Titles are short lists; accent folding happens in Python on the page of results only
    # when the plain match finds nothing.
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(Q(title__icontains=text) | Q(document_number__icontains=text))


def plans_to_issue(user: User) -> QuerySet[UnitPlan]:
    """Pending plan tasks of launched movements for units the user may submit for."""
    return (
        UnitPlan.objects.filter(
            unit_id__in=reach(user, EDITOR_ROLES),
            status=PlanStatus.PENDING,
            movement__status=MovementStatus.LAUNCHED,
        )
        .select_related("unit", "movement")
        .order_by("movement__registration_deadline", "unit__sort_name")
    )


def plans_of_movement_for(user: User, movement: Movement) -> QuerySet[UnitPlan]:
    """The plans of a movement that this user may see: all of them for the issuer's staff,
    else those of units in the user's reach."""
    plans = UnitPlan.objects.filter(movement=movement)
    if movement.issuing_unit_id not in reach(user, ALL_ROLES):
        plans = plans.filter(unit_id__in=reach(user, ALL_ROLES))
    return plans.select_related("unit", "unit__parent", "submitted_by")


@dataclass(frozen=True)
class PlanFilters:
    kind: str = ""
    commune: int | None = None
    status: str = ""
    q: str = ""


def filter_plans(plans: QuerySet[UnitPlan], filters: PlanFilters) -> QuerySet[UnitPlan]:
    if filters.kind:
        plans = plans.filter(unit__kind=filters.kind)
    if filters.commune:
        plans = plans.filter(unit_id__in=subtree_ids([filters.commune]))
    if filters.status:
        plans = plans.filter(status=filters.status)
    for term in fold(filters.q).split():
        plans = plans.filter(unit__search_text__contains=term)
    # Units still owing their plan first, grouped under their parent unit.
    return plans.order_by("-status", "unit__parent__sort_name", "unit__sort_name")


def plan_counts(plans: QuerySet[UnitPlan]) -> dict[str, int]:
    """Totals for the top of the monitoring page, in one aggregate query."""
    return plans.order_by().aggregate(
        total=Count("pk"),
        issued=Count("pk", filter=Q(status=PlanStatus.ISSUED)),
        pending=Count("pk", filter=Q(status=PlanStatus.PENDING)),
    )


def communes_in(unit_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=subtree_ids([unit_id]), kind__in=COMMUNE_LEVEL_KINDS)


def desk_items(user: User) -> dict:
    """The home page's part from movements: plans to issue and the movements that concern the
    user."""
    tasks = plans_to_issue(user)
    return {
        "tasks": tasks[:20],
        "task_count": tasks.count(),
        # An ended movement leaves the home page; the list's «Closed» filter still finds it.
        "movements": movements_visible(user).exclude(status=MovementStatus.CLOSED)[:10],
    }
