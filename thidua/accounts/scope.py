"""What part of the unit tree a user's role grants reach.

A grant on a unit reaches its whole subtree (Wagtail's collection policy). The reach is
computed once per request with one recursive query and cached on the user object, so
permission checks and list filters cost no further queries.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.units.selectors import subtrees_by_root

ALL_ROLES: tuple[str, ...] = tuple(Role.values)
EDITOR_ROLES: tuple[str, ...] = (Role.FOCAL_OFFICER, Role.CHAIRMAN)


def _unwrap(user: User) -> User:
    """request.user is a lazy proxy; cache on the real object so every caller shares it."""
    return getattr(user, "_wrapped", user)


def _grants(user: User) -> list[tuple[str, int]]:
    """The user's grants on current units. A grant on a unit that has ended (its ``valid_to``
    is past, e.g. merged away) gives nothing, so it cannot reach the successor or what was
    recorded after the end; only a viewer grant kept on purpose still shows the old unit's own
    records (``_ended_views``)."""
    user = _unwrap(user)
    cache: list[tuple[str, int]] | None = user.__dict__.get("_thidua_grants")
    if cache is None:
        today = timezone.localdate()
        cache, ended_views = [], set()
        rows = RoleAssignment.objects.filter(user=user).values_list(
            "role", "unit_id", "unit__valid_to"
        )
        for role, unit_id, valid_to in rows:
            if valid_to is None or valid_to >= today:
                cache.append((role, unit_id))
            elif role == Role.VIEWER:
                ended_views.add(unit_id)
        user.__dict__["_thidua_grants"] = cache
        user.__dict__["_thidua_ended_views"] = frozenset(ended_views)
    return cache


def _ended_views(user: User) -> frozenset[int]:
    _grants(user)
    return _unwrap(user).__dict__["_thidua_ended_views"]


def reach(user: User | AnonymousUser | None, roles: Iterable[str] = ALL_ROLES) -> frozenset[int]:
    """Ids of the units where the user holds one of ``roles`` on the unit or an ancestor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    user = _unwrap(user)
    key = tuple(sorted(roles))
    cache: dict = user.__dict__.setdefault("_thidua_reach", {})
    if key not in cache:
        subtrees = _subtrees(user)
        reached: set[int] = set()
        for role, unit_id in _grants(user):
            if role in key:
                reached |= subtrees.get(unit_id, set())
        if Role.VIEWER in key:
            reached |= _ended_views(user)  # the ended unit itself, not what it once held
        cache[key] = frozenset(reached)
    return cache[key]


def _subtrees(user: User) -> dict[int, set[int]]:
    """The subtree under every unit the user holds a role on: one query per request."""
    user = _unwrap(user)
    subtrees = user.__dict__.get("_thidua_subtrees")
    if subtrees is None:
        subtrees = subtrees_by_root(unit_id for _role, unit_id in _grants(user))
        user.__dict__["_thidua_subtrees"] = subtrees
    return subtrees


def holds(user: User | AnonymousUser | None, roles: Iterable[str] = ALL_ROLES) -> bool:
    """Whether the user holds any of ``roles`` anywhere."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    wanted = set(roles)
    return any(role in wanted for role, _unit in _grants(user))


def grant_roots(user: User, roles: Iterable[str] = ALL_ROLES) -> list[int]:
    wanted = set(roles)
    return [unit_id for role, unit_id in _grants(user) if role in wanted]


def forget(user: User) -> None:
    """Drop the cached reach after the user's grants change."""
    user = _unwrap(user)
    user.__dict__.pop("_thidua_reach", None)
    user.__dict__.pop("_thidua_subtrees", None)
    user.__dict__.pop("_thidua_grants", None)
    user.__dict__.pop("_thidua_ended_views", None)
