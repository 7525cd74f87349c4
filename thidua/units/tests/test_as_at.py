"""The unit directory as at a date, old names found with what they became, and a successor's
page listing its predecessors' works, ratings and awards."""

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.criteria.models import AnnualRating
from thidua.testing import UnitFactory, WorkFactory, launched_movement
from thidua.testing.awards import AwardFactory
from thidua.testing.reform import build_reform_world
from thidua.units.models import UnitKind
from thidua.units.selectors import tree_on


@pytest.fixture
def reform(world):
    return build_reform_world(world)


def _rows(response) -> list[tuple[str, int, str]]:
    return [
        (u.name, u.indent, u.parent_on.name if u.parent_on else "")
        for u in response.context["page_obj"]
    ]


@pytest.mark.django_db
def test_directory_on_the_last_day_before_the_reform(client, world, reform):
    client.force_login(reform.province_officer)
    response = client.get(reverse("units:list"), {"ngay": "30/06/2025"})
    rows = _rows(response)
    names = [name for name, _indent, _parent in rows]
    assert "Xã Mới" not in names
    assert ("Huyện Cũ", 1, "Tỉnh Mẫu") in rows
    for n in (1, 2, 3):
        assert (f"Xã Cũ {n}", 2, "Huyện Cũ") in rows
    # The village stood under its old commune then (its parent now is the new commune).
    assert ("Thôn Một", 3, "Xã Cũ 1") in rows
    assert names.index("Xã Cũ 1") < names.index("Thôn Một") < names.index("Xã Cũ 2")
    assert "30/06/2025" in response.content.decode()


@pytest.mark.django_db
def test_directory_on_the_first_day_of_the_reform(client, world, reform):
    client.force_login(reform.province_officer)
    rows = _rows(client.get(reverse("units:list"), {"ngay": "01/07/2025"}))
    names = [name for name, _indent, _parent in rows]
    assert "Huyện Cũ" not in names
    assert not {"Xã Cũ 1", "Xã Cũ 2", "Xã Cũ 3"} & set(names)
    assert ("Xã Mới", 1, "Tỉnh Mẫu") in rows
    assert ("Thôn Một", 2, "Xã Mới") in rows


@pytest.mark.django_db
def test_directory_defaults_to_today_and_an_unreadable_day_says_so(client, world, reform):
    client.force_login(reform.province_officer)
    response = client.get(reverse("units:list"))
    names = [u.name for u in response.context["page_obj"]]
    assert "Xã Mới" in names and "Xã Cũ 1" not in names
    assert response.context["as_at"] == timezone.localdate()
    bad = client.get(reverse("units:list"), {"ngay": "31/02/2025"})
    assert bad.context["filter_form"].errors["ngay"]
    assert bad.context["as_at"] == timezone.localdate()


@pytest.mark.django_db
def test_kind_filter_keeps_the_day(client, world, reform):
    client.force_login(reform.province_officer)
    response = client.get(reverse("units:list"), {"ngay": "30/06/2025", "kind": "commune"})
    names = {u.name for u in response.context["page_obj"]}
    assert {"Xã Cũ 1", "Xã Cũ 2", "Xã Cũ 3", "Xã A", "Xã B"} == names


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_directory_as_at_costs_a_fixed_number_of_queries(
    client, world, reform, django_assert_max_num_queries, extra
):
    for n in range(extra):
        village = UnitFactory(
            kind=UnitKind.VILLAGE, name=f"Thôn {n}", parent=reform.old_communes[1]
        )
        village.parent = reform.new_commune
        village.save(update_fields=["parent"])
    client.force_login(reform.province_officer)
    client.get(reverse("units:list"))  # warm the session
    with django_assert_max_num_queries(9):
        response = client.get(reverse("units:list"), {"ngay": "30/06/2025"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_tree_on_reads_moves_from_the_history_only_when_needed(
    world, reform, django_assert_num_queries
):
    visible = {u.pk for u in (world.province, reform.new_commune, reform.village)}
    with django_assert_num_queries(1):
        tree_on(visible, timezone.localdate())
    visible |= {reform.old_district.pk, *(u.pk for u in reform.old_communes)}
    with django_assert_num_queries(2):
        units = tree_on(visible, reform.old_communes[0].valid_to)
    assert {u.name: u.parent_on.name for u in units if u.parent_on}["Thôn Một"] == "Xã Cũ 1"


@pytest.mark.django_db
def test_searching_an_old_name_finds_it_and_what_it_became(client, world, reform):
    client.force_login(reform.province_officer)
    response = client.get(reverse("units:list"), {"q": "xa cu 2"})
    assert [u.name for u in response.context["page_obj"]] == ["Xã Cũ 2"]
    html = response.content.decode()
    assert "đã sáp nhập vào Xã Mới từ 01/07/2025" in html


@pytest.mark.django_db
def test_successor_page_lists_predecessors_works_ratings_and_awards(
    client, world, reform, django_assert_max_num_queries
):
    old1, old2, _old3 = reform.old_communes
    movement = launched_movement(world)
    WorkFactory(movement=movement, unit=old1, name="Nhà văn hóa Xã Cũ 1")
    AnnualRating.objects.create(unit=old2, year=2024, level="excellent", recorded_at=timezone.now())
    AwardFactory(unit=old2)
    client.force_login(reform.province_officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("units:detail", args=[reform.new_commune.pk]))
    sections = {s["key"]: s["items"] for s in response.context["predecessor_sections"]}
    assert [(i.label, i.origin) for i in sections["works"]] == [
        ("Nhà văn hóa Xã Cũ 1", "từ Xã Cũ 1 (cũ)")
    ]
    assert [i.origin for i in sections["ratings"]] == ["từ Xã Cũ 2 (cũ)"]
    assert sections["ratings"][0].label.startswith("2024: ")
    assert [i.origin for i in sections["awards"]] == ["từ Xã Cũ 2 (cũ)"]
    html = response.content.decode()
    assert "Nhà văn hóa Xã Cũ 1" in html and "từ Xã Cũ 2 (cũ)" in html


@pytest.mark.django_db
def test_a_unit_without_predecessors_has_no_history_sections(client, world, reform):
    client.force_login(reform.province_officer)
    response = client.get(reverse("units:detail", args=[reform.old_communes[0].pk]))
    assert response.context["predecessor_sections"] == []
