"""Who may reorganise units: the Home Affairs officer of a province (a Home Affairs grant on a
unit of kind province), over that province's subtree; and superusers."""

import rules
from django.db.models import QuerySet
from django.http import Http404

from thidua.accounts.models import Role, User
from thidua.accounts.scope import grant_roots
from thidua.reorganisations.models import Reorganisation
from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import subtree_ids


def officer_provinces(user: User) -> set[int]:
    """Ids of the provinces where the user is the Home Affairs officer (cached per request)."""
    user = getattr(user, "_wrapped", user)
    cached: set[int] | None = user.__dict__.get("_thidua_reorg_provinces")
    if cached is None:
        if not user.is_authenticated or not user.is_active:
            cached = set()
        elif user.is_superuser:
            cached = set(Unit.objects.filter(kind=UnitKind.PROVINCE).values_list("pk", flat=True))
        else:
            roots = grant_roots(user, (Role.HOME_AFFAIRS,))
            cached = set(
                Unit.objects.filter(pk__in=roots, kind=UnitKind.PROVINCE).values_list(
                    "pk", flat=True
                )
            )
        user.__dict__["_thidua_reorg_provinces"] = cached
    return cached


def officer_reach(user: User) -> set[int]:
    """Ids of the units the user may reorganise."""
    user = getattr(user, "_wrapped", user)
    cached: set[int] | None = user.__dict__.get("_thidua_reorg_reach")
    if cached is None:
        cached = subtree_ids(officer_provinces(user))
        user.__dict__["_thidua_reorg_reach"] = cached
    return cached


@rules.predicate
def is_province_officer(user: User) -> bool:
    return bool(officer_provinces(user))


@rules.predicate
def can_reorganise(user: User, reorganisation: Reorganisation | None) -> bool:
    if reorganisation is None:
        return bool(officer_provinces(user))
    return reorganisation.province_id in officer_provinces(user)


rules.add_perm("reorganisations.view", is_province_officer)
rules.add_perm("reorganisations.manage", can_reorganise)


def visible_reorganisations(user: User) -> QuerySet[Reorganisation]:
    return Reorganisation.objects.filter(province_id__in=officer_provinces(user))


def access_reorganisation(user: User, pk: int) -> Reorganisation:
    """The reorganisation if the user may manage it; the same 404 for missing and not yours."""
    reorganisation = (
        Reorganisation.objects.select_related("province", "created_by").filter(pk=pk).first()
    )
    if reorganisation is None:
        raise Http404
    if not user.has_perm("reorganisations.manage", reorganisation):
        raise Http404
    return reorganisation
