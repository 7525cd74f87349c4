"""The awards' part of the home page: drafts waiting for the chairman's signature."""

from django.db.models import Count, QuerySet

from thidua.accounts.models import User
from thidua.accounts.scope import grant_roots
from thidua.awards.models import Decision, DecisionStatus
from thidua.awards.rules import SIGNER_ROLES


def decisions_to_sign(user: User) -> QuerySet[Decision]:
    """Drafts of the units the user is chairman of itself (``rules.may_sign``)."""
    return (
        Decision.objects.filter(
            status=DecisionStatus.DRAFT,
            issuing_unit_id__in=grant_roots(user, SIGNER_ROLES),
        )
        .select_related("movement")
        .annotate(item_count=Count("items"))
        .order_by("signed_on", "pk")
    )


def desk_items(user: User) -> dict:
    return {"to_sign": list(decisions_to_sign(user)[:10])}
