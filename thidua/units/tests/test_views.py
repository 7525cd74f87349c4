import pytest
from django.urls import reverse

from thidua.testing import UnitFactory
from thidua.units.models import Unit, UnitKind


@pytest.mark.django_db
def test_directory_is_a_tree_of_my_reach(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("units:list"))
    names = [u.name for u in response.context["page_obj"]]
    assert names == ["Xã A", "Thôn A1", "Thôn A2"]


@pytest.mark.django_db
def test_search_ignores_accents(client, world):
    UnitFactory(kind=UnitKind.VILLAGE, name="Tà Si Láng", parent=world.commune_a)
    client.force_login(world.home_affairs)
    response = client.get(reverse("units:list"), {"q": "ta si lang"})
    assert [u.name for u in response.context["page_obj"]] == ["Tà Si Láng"]


@pytest.mark.django_db
def test_unit_of_other_commune_is_404(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("units:detail", args=[world.commune_b.pk])).status_code == 404
    assert client.get(reverse("units:detail", args=[world.village_a1.pk])).status_code == 200


@pytest.mark.django_db
def test_home_affairs_creates_and_edits_unit_with_history(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("units:create"),
        {
            "kind": "village",
            "code": "XA-3",
            "name": "Thôn A3",
            "full_name": "",
            "parent": world.commune_a.pk,
        },
    )
    unit = Unit.objects.get(code="XA-3")
    assert response.status_code == 302
    response = client.post(
        reverse("units:edit", args=[unit.pk]),
        {
            "kind": "village",
            "code": "XA-3",
            "name": "Thôn A3 mới",
            "full_name": "Thôn A3 mới",
            "parent": world.commune_a.pk,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("units:detail", args=[unit.pk]))
    entries = page.context["history_entries"]
    assert entries[0].who == world.home_affairs.full_name
    assert any(c.new == "Thôn A3 mới" for c in entries[0].changes)


@pytest.mark.django_db
def test_unit_cannot_move_under_its_own_subunit(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("units:edit", args=[world.commune_a.pk]),
        {
            "kind": "commune",
            "code": "XA",
            "name": "Xã A",
            "full_name": "Xã A",
            "parent": world.village_a1.pk,
        },
    )
    assert response.status_code == 200
    world.commune_a.refresh_from_db()
    assert world.commune_a.parent == world.district


@pytest.mark.django_db
def test_validity_dates_ordered(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("units:create"),
        {
            "kind": "village",
            "code": "XA-9",
            "name": "Thôn 9",
            "parent": world.commune_a.pk,
            "valid_from": "01/07/2025",
            "valid_to": "30/06/2025",
        },
    )
    assert "valid_to" in response.context["form"].errors


@pytest.mark.django_db
def test_commune_officer_cannot_edit_directory(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("units:create")).status_code == 403
    assert client.get(reverse("units:edit", args=[world.village_a1.pk])).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 80])
def test_directory_query_count(client, world, size, django_assert_max_num_queries):
    for _ in range(size):
        UnitFactory(kind=UnitKind.VILLAGE, parent=world.commune_b)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("units:list")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("units:list"), {"q": "don vi"}).status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(reverse("units:detail", args=[world.commune_b.pk])).status_code == 200
