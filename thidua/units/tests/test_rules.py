"""Every role × unit relation (own, child, sibling, parent) for the directory rules."""

import pytest

from thidua.accounts.models import Role
from thidua.testing import UserFactory, grant

ROLES = list(Role.values)

# relation → which unit of the world is looked at, for a grant on commune A
RELATIONS = {
    "own": "commune_a",
    "child": "village_a1",
    "sibling": "commune_b",
    "parent": "district",
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_view_unit_reaches_own_subtree_only(world, role, relation):
    user = UserFactory()
    grant(user, role, world.commune_a)
    target = getattr(world, RELATIONS[relation])
    expected = relation in ("own", "child")
    assert user.has_perm("units.view_unit", target) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_manage_directory_is_home_affairs_over_subtree(world, role, relation):
    user = UserFactory()
    grant(user, role, world.commune_a)
    target = getattr(world, RELATIONS[relation])
    expected = role == Role.HOME_AFFAIRS and relation in ("own", "child")
    assert user.has_perm("units.manage_directory", target) is expected
    assert user.has_perm("accounts.manage_accounts", target) is expected


@pytest.mark.django_db
def test_no_role_sees_nothing(world):
    assert not world.nobody.has_perm("units.view_unit", world.commune_a)
    assert not world.nobody.has_perm("units.view_unit", None)


@pytest.mark.django_db
def test_inactive_user_loses_reach(world):
    world.officer_a.is_active = False
    world.officer_a.save()
    assert not world.officer_a.has_perm("units.view_unit", world.commune_a)


@pytest.mark.django_db
def test_several_grants_add_up(world):
    user = UserFactory()
    grant(user, Role.VIEWER, world.village_a1)
    grant(user, Role.VIEWER, world.commune_b)
    assert user.has_perm("units.view_unit", world.village_a1)
    assert user.has_perm("units.view_unit", world.village_b1)
    assert not user.has_perm("units.view_unit", world.village_a2)
    assert not user.has_perm("units.view_unit", world.commune_a)
