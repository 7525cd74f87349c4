from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.accounts.scope import reach
from thidua.core.text import fold


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
    """Every word must appear, accents ignored ("lo thi hoa" finds "Lò Thị Hoa"), in the
    username, full name, e-mail or work unit."""
    terms = fold(text).split()
    if terms:
        # Accounts in one reach are few; folding them in Python matches the same way on
        # SQLite and PostgreSQL without a derived column on the user table.
        rows = queryset.prefetch_related(None).values_list(
            "pk", "username", "full_name", "email", "unit__search_text"
        )
        matching = [
            pk
            for pk, *fields in rows
            if all(term in " ".join(fold(f or "") for f in fields) for term in terms)
        ]
        queryset = queryset.filter(pk__in=matching)
    if role:
        queryset = queryset.filter(role_assignments__role=role)
    return queryset


def desk_items(user: User) -> dict:
    """The home page's part from accounts: the roles the user holds."""
    return {
        "grants": RoleAssignment.objects.filter(user=user).select_related("unit", "unit__parent")
    }
