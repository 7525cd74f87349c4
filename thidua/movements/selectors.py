"""Reads for movements and unit plans, already narrowed to what the user may see."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, grant_roots, reach
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


# Who follows the plans of the units below: those who issue or relay a movement.
PLAN_FOLLOWER_ROLES: tuple[str, ...] = (*EDITOR_ROLES, Role.HOME_AFFAIRS)


def own_plans_to_issue(user: User) -> QuerySet[UnitPlan]:
    """Pending plans of the units the user holds a focal officer's or chairman's role on
    itself: the plan of a unit below is that unit's task, not theirs."""
    return (
        UnitPlan.objects.filter(
            unit_id__in=grant_roots(user, EDITOR_ROLES),
            status=PlanStatus.PENDING,
            movement__status=MovementStatus.LAUNCHED,
        )
        .select_related("unit", "unit__parent", "movement")
        .order_by("movement__registration_deadline", "unit__sort_name")
    )


def plans_missing_below(user: User) -> list[dict]:
    """Per launched movement, how many units below the user's own have not issued their
    plan: one line per movement whatever the number of villages (one query)."""
    area = reach(user, PLAN_FOLLOWER_ROLES)
    if not area:
        return []
    rows = (
        UnitPlan.objects.filter(
            unit_id__in=area,
            status=PlanStatus.PENDING,
            movement__status=MovementStatus.LAUNCHED,
        )
        .exclude(unit_id__in=grant_roots(user, EDITOR_ROLES))
        .values("movement_id", "movement__title", "movement__issuing_unit_id")
        .annotate(pending=Count("pk"))
        .order_by("movement__registration_deadline", "movement_id")
    )
    followed = reach(user, ALL_ROLES)
    return [
        {
            "movement_id": row["movement_id"],
            "title": row["movement__title"],
            "pending": row["pending"],
            # The issuer's staff follow every plan on the monitor; the others, theirs.
            "monitor": row["movement__issuing_unit_id"] in followed,
        }
        for row in rows
    ]


def movements_to_launch(user: User) -> QuerySet[Movement]:
    """Drafts that wait for the chairman of their issuing unit to launch them."""
    return Movement.objects.filter(
        status=MovementStatus.DRAFT, issuing_unit_id__in=grant_roots(user, (Role.CHAIRMAN,))
    ).order_by("start_date", "pk")


def desk_items(user: User) -> dict:
    """The home page's part from movements: the user's own plans to issue, one line per
    movement for the plans missing below, drafts to launch, the movements that concern
    the user."""
    tasks = list(own_plans_to_issue(user)[:20])
    return {
        "tasks": tasks,
        "plans_below": plans_missing_below(user),
        "to_launch": list(movements_to_launch(user)[:10]),
        "movements": list(
            movements_visible(user)
            .exclude(status=MovementStatus.CLOSED)  # an ended movement leaves the home page
            .order_by("-start_date", "-pk")[:10]
        ),
    }
