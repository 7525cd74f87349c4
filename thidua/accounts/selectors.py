from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.accounts.scope import reach


def accounts_managed_by(user: User) -> QuerySet[User]:
    """Accounts whose work unit, or one of whose roles, lies in the user's Home Affairs reach."""
    area = reach(user, (Role.HOME_AFFAIRS,))
    return (
        User.objects.filter(Q(unit_id__in=area) | Q(role_assignments__unit_id__in=area))
        .distinct()
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("unit", "unit__parent").order_by(
                    "role"
                ),
            )
        )
        .order_by("username")
    )


def search_accounts(queryset: QuerySet[User], text: str, role: str) -> QuerySet[User]:
    for term in (text or "").split():
        queryset = queryset.filter(
            Q(username__icontains=term)
            | Q(full_name__icontains=term)
            | Q(unit__search_text__contains=term.lower())
        )
    if role:
        queryset = queryset.filter(role_assignments__role=role)
    return queryset


def desk_items(user: User) -> dict:
    """The home page's part from accounts: the roles the user holds."""
    return {
        "grants": RoleAssignment.objects.filter(user=user).select_related("unit", "unit__parent")
    }
