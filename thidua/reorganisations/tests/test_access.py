"""Who may reorganise (only a province's Home Affairs officer and superusers, over their
province), and what a grant on an ended unit still reaches."""

import pytest
from django.urls import reverse

from thidua.accounts.models import Role, User
from thidua.accounts.scope import reach
from thidua.reorganisations.models import Reorganisation
from thidua.reorganisations.roles import GrantAction
from thidua.reorganisations.tests.test_undo import _merge
from thidua.testing import UnitFactory, UserFactory, grant
from thidua.units.models import Unit, UnitKind


@pytest.mark.parametrize("who", ["home_affairs", "chairman", "officer_a", "nobody"])
def test_others_are_refused(client, reorg, who):
    """A district's Home Affairs officer or a commune officer is not the province's."""
    reorganisation = _merge(client, reorg)
    client.force_login(getattr(reorg.world, who))
    assert client.get(reverse("reorganisations:list")).status_code == 403
    assert client.get(reverse("reorganisations:new")).status_code == 403
    for name in ("detail", "roles", "undo", "basis"):
        assert (
            client.get(reverse(f"reorganisations:{name}", args=[reorganisation.pk])).status_code
            == 404
        )
    assert (
        client.post(
            reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
        ).status_code
        == 404
    )


def test_another_provinces_officer_sees_nothing(client, reorg):
    reorganisation = _merge(client, reorg)
    other = UnitFactory.create(kind=UnitKind.PROVINCE, code="P2", name="Tỉnh Khác")
    stranger: User = UserFactory.create(username="noivu_khac")
    grant(stranger, Role.HOME_AFFAIRS, other)
    client.force_login(stranger)
    page = client.get(reverse("reorganisations:list"))
    assert page.status_code == 200 and page.context["page_obj"].paginator.count == 0
    assert (
        client.get(reverse("reorganisations:detail", args=[reorganisation.pk])).status_code == 404
    )
    # Nor may they pick units outside their province.
    response = client.post(
        reverse("reorganisations:new_units", args=["rename"]),
        {"source": reorg.world.commune_a.pk, "name": "X"},
    )
    assert response.status_code == 200 and "source" in response.context["form"].errors
    assert Reorganisation.objects.count() == 1


def test_superuser_may(client, reorg):
    admin = UserFactory.create(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("reorganisations:new")).status_code == 200


def test_wrong_method(client, reorg):
    reorganisation = _merge(client, reorg)
    assert client.get(reverse("reorganisations:apply", args=[reorganisation.pk])).status_code == 405
    assert client.post(reverse("reorganisations:list")).status_code == 405


def test_a_grant_on_an_ended_unit_reaches_nothing(client, reorg):
    world = reorg.world
    assert world.village_a1.pk in reach(User.objects.get(pk=world.officer_a.pk))
    _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    officer_a = User.objects.get(pk=world.officer_a.pk)
    reached = reach(officer_a)
    # Not the successor, not the villages that moved to it, not the old commune.
    assert new.pk not in reached and world.village_a1.pk not in reached
    assert world.commune_a.pk not in reached
    client.force_login(officer_a)
    assert client.get(reverse("units:detail", args=[new.pk])).status_code == 404
    assert client.get(reverse("units:detail", args=[world.commune_a.pk])).status_code == 404


def test_keeping_read_access_shows_the_old_unit_only(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    a = world.officer_a.role_assignments.get()
    client.post(
        reverse("reorganisations:roles", args=[reorganisation.pk]),
        {"grants": [a.pk], "confirmed": "1", "action": GrantAction.KEEP_VIEW},
    )
    officer_a = User.objects.get(pk=world.officer_a.pk)
    assert reach(officer_a, (Role.VIEWER,)) == {world.commune_a.pk}
    assert reach(officer_a, (Role.FOCAL_OFFICER, Role.CHAIRMAN)) == frozenset()
    client.force_login(officer_a)
    assert client.get(reverse("units:detail", args=[world.commune_a.pk])).status_code == 200
    assert client.get(reverse("units:detail", args=[new.pk])).status_code == 404


def test_a_moved_grant_reaches_the_successor(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    a = world.officer_a.role_assignments.get()
    client.post(
        reverse("reorganisations:roles", args=[reorganisation.pk]),
        {"grants": [a.pk], "confirmed": "1", "action": GrantAction.MOVE, "target": new.pk},
    )
    officer_a = User.objects.get(pk=world.officer_a.pk)
    assert {new.pk, world.village_a1.pk, world.village_b1.pk} <= reach(officer_a)
