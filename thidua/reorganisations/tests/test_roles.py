"""Moving the role grants of ended units after a merge: one, several or all; ended; kept as
read-only; never one's own."""

from django.urls import reverse

from thidua.accounts.models import Role, RoleAssignment
from thidua.reorganisations.roles import GrantAction
from thidua.reorganisations.tests.test_undo import _merge
from thidua.testing import grant
from thidua.units.models import Unit


def test_page_lists_grants_on_ended_units(client, reorg):
    reorganisation = _merge(client, reorg)
    page = client.get(reverse("reorganisations:roles", args=[reorganisation.pk]))
    listed = {g.user.username for g in page.context["grants"]}
    assert listed == {"canbo_a", "xem_a", "canbo_b"}
    assert "Xã A-B" in page.content.decode()


def test_move_one_then_end_one(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    url = reverse("reorganisations:roles", args=[reorganisation.pk])
    a = world.officer_a.role_assignments.get()
    b = world.officer_b.role_assignments.get()
    client.post(
        url, {"grants": [a.pk], "confirmed": "1", "action": GrantAction.MOVE, "target": new.pk}
    )
    a.refresh_from_db()
    assert a.unit == new and a.role == Role.FOCAL_OFFICER
    assert a.history.latest().history_user == reorg.officer
    client.post(url, {"grants": [b.pk], "confirmed": "1", "action": GrantAction.END})
    assert not RoleAssignment.objects.filter(pk=b.pk).exists()
    assert b.history.latest().history_type == "-"
    page = client.get(url)
    assert {g.user.username for g in page.context["grants"]} == {"xem_a"}


def test_move_all_at_once(client, reorg):
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    url = reverse("reorganisations:roles", args=[reorganisation.pk])
    response = client.post(
        url, {"select_all": "on", "confirmed": "1", "action": GrantAction.MOVE, "target": new.pk}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(unit=new).count() == 3
    page = client.get(url)
    assert "Không còn quyền nào" in page.content.decode()


def test_a_duplicate_grant_on_the_successor_is_merged(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    grant(world.officer_a, Role.FOCAL_OFFICER, new)
    a = RoleAssignment.objects.get(user=world.officer_a, unit=world.commune_a)
    url = reverse("reorganisations:roles", args=[reorganisation.pk])
    client.post(
        url, {"grants": [a.pk], "confirmed": "1", "action": GrantAction.MOVE, "target": new.pk}
    )
    assert list(world.officer_a.role_assignments.values_list("unit_id", flat=True)) == [new.pk]


def test_nobody_changes_their_own_grant(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    # The officer also holds a grant on an ended commune: it cannot be moved by them.
    own = grant(reorg.officer, Role.FOCAL_OFFICER, world.commune_a)
    new = Unit.objects.get(code="XAB")
    url = reverse("reorganisations:roles", args=[reorganisation.pk])
    response = client.post(
        url, {"grants": [own.pk], "confirmed": "1", "action": GrantAction.MOVE, "target": new.pk}
    )
    assert response.status_code == 200
    assert "Không ai được tự thay đổi quyền của mình" in response.content.decode()
    own.refresh_from_db()
    assert own.unit == world.commune_a


def test_a_move_needs_a_successor(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    a = world.officer_a.role_assignments.get()
    url = reverse("reorganisations:roles", args=[reorganisation.pk])
    response = client.post(
        url,
        {
            "grants": [a.pk],
            "confirmed": "1",
            "action": GrantAction.MOVE,
            "target": world.district.pk,
        },
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.unit == world.commune_a


def test_the_officer_confirms_first(client, reorg):
    world = reorg.world
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    a = world.officer_a.role_assignments.get()
    url = reverse("reorganisations:roles", args=[reorganisation.pk])
    page = client.post(url, {"grants": [a.pk], "action": GrantAction.MOVE, "target": new.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Các quyền này chuyển sang Xã A-B" in text and "canbo_a" in text
    a.refresh_from_db()
    assert a.unit == world.commune_a  # nothing changed before the confirmation
