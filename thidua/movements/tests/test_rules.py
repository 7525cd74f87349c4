"""Movement and plan rules: every role × relation of the grant to the unit concerned."""

import pytest

from thidua.accounts.models import Role
from thidua.movements import services
from thidua.movements.models import UnitPlan
from thidua.testing import MovementFactory, UserFactory, grant

ROLES = list(Role.values)
RELATIONS = {
    "own": "commune_a",
    "child": "village_a1",
    "sibling": "commune_b",
    "parent": "district",
}


@pytest.fixture
def launched(world):
    movement = MovementFactory(issuing_unit=world.district)
    return services.movement_launch(actor=world.chairman, movement=movement)


def user_with(world, role, relation):
    user = UserFactory()
    grant(user, role, getattr(world, RELATIONS[relation]))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_submit_plan_of_commune_a(world, launched, role, relation):
    """Only focal officers and leaders, on the unit or above it, may submit its plan."""
    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    user = user_with(world, role, relation)
    may = role in (Role.FOCAL_OFFICER, Role.CHAIRMAN) and relation in ("own", "parent")
    assert user.has_perm("movements.submit_plan", plan) is may


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_view_plan_of_commune_a(world, launched, role, relation):
    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    user = user_with(world, role, relation)
    assert user.has_perm("movements.view_plan", plan) is (relation in ("own", "parent"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_view_launched_movement(world, launched, role, relation):
    """Participants see a launched movement; units outside its participants do not."""
    user = user_with(world, role, relation)
    # commune A, its village, commune B and the district all take part or issue it
    assert user.has_perm("movements.view_movement", launched) is True


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_draft_movement_visible_only_to_issuer_staff(world, role, relation):
    movement = MovementFactory(issuing_unit=world.district)
    user = user_with(world, role, relation)
    assert user.has_perm("movements.view_movement", movement) is (relation == "parent")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_create_change_launch_movement_of_district(world, role, relation):
    movement = MovementFactory(issuing_unit=world.district)
    user = user_with(world, role, relation)
    at_issuer = relation == "parent"
    assert user.has_perm("movements.create_movement", world.district) is (
        at_issuer and role == Role.HOME_AFFAIRS
    )
    assert user.has_perm("movements.change_movement", movement) is (
        at_issuer and role == Role.HOME_AFFAIRS
    )
    assert user.has_perm("movements.launch_movement", movement) is (
        at_issuer and role == Role.CHAIRMAN
    )
    assert user.has_perm("movements.monitor_movement", movement) is at_issuer


@pytest.mark.django_db
def test_launched_movement_cannot_be_changed_or_relaunched(world, launched):
    assert not world.home_affairs.has_perm("movements.change_movement", launched)
    assert not world.chairman.has_perm("movements.launch_movement", launched)


@pytest.mark.django_db
def test_movement_of_other_district_invisible(world):
    from thidua.testing import UnitFactory
    from thidua.units.models import UnitKind

    other = UnitFactory(kind=UnitKind.DISTRICT, parent=world.province)
    commune = UnitFactory(kind=UnitKind.COMMUNE, parent=other)
    movement = MovementFactory(issuing_unit=other)
    chair = UserFactory()
    grant(chair, Role.CHAIRMAN, other)
    services.movement_launch(actor=chair, movement=movement)
    assert UnitPlan.objects.filter(movement=movement, unit=commune).exists()
    assert not world.officer_a.has_perm("movements.view_movement", movement)
    assert not world.home_affairs.has_perm("movements.view_movement", movement)
