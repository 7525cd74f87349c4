"""A unit is named with its parent wherever it is listed or picked («Thôn 1, xã Bản Mù»),
through one function, and lists fetch the parents in the same query."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from thidua.testing import UnitFactory
from thidua.units.forms import UnitChoiceField, unit_label
from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import in_phrase, unit_display_name

pytestmark = pytest.mark.django_db


def test_village_is_named_with_its_commune_in_lower_case(world):
    assert unit_display_name(world.village_a1) == "Thôn A1, xã A"
    commune = UnitFactory(kind=UnitKind.COMMUNE, name="Xã Bản Mù")
    village = UnitFactory(kind=UnitKind.VILLAGE, name="Thôn 1", parent=commune)
    assert unit_display_name(village) == "Thôn 1, xã Bản Mù"


def test_residential_group_of_a_town_and_other_parents():
    town = UnitFactory(kind=UnitKind.TOWN, name="Thị trấn Trạm Tấu")
    group = UnitFactory(kind=UnitKind.RESIDENTIAL_GROUP, name="Tổ dân phố 1", parent=town)
    assert unit_display_name(group) == "Tổ dân phố 1, thị trấn Trạm Tấu"
    assert in_phrase("Thị xã Nghĩa Lộ") == "thị xã Nghĩa Lộ"
    assert in_phrase("Phường Yên Thịnh") == "phường Yên Thịnh"
    # A name without an administrative word stays as it is.
    assert in_phrase("Bản Mù") == "Bản Mù"


def test_units_other_than_villages_keep_their_name(world):
    assert unit_display_name(world.commune_a) == "Xã A"
    assert unit_display_name(world.home_affairs_office) == "Phòng Nội vụ"


def test_picker_and_template_filter_use_the_same_name(world):
    field = UnitChoiceField(queryset=Unit.objects.select_related("parent"))
    assert field.label_from_instance(world.village_b1) == "Thôn B1, xã B"
    assert unit_label(world.village_b1) == "Thôn B1, xã B"
    rendered = Template("{% load unit_names %}{{ unit|unit_name }}").render(
        Context({"unit": world.village_a2})
    )
    assert rendered == "Thôn A2, xã A"


def _villages(world, n: int) -> None:
    for i in range(n):
        UnitFactory(kind=UnitKind.VILLAGE, name=f"Thôn {i}", parent=world.commune_b)


@pytest.mark.parametrize("size", [3, 60])
def test_lists_name_villages_without_a_query_per_row(
    client, world, size, django_assert_max_num_queries
):
    _villages(world, size)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(12):
        flat = client.get(reverse("units:list"), {"q": "thon"})
    assert "Thôn A1, xã A" in flat.content.decode()
    with django_assert_max_num_queries(12):
        tree = client.get(reverse("units:list"))
    assert "Thôn B1, xã B" in tree.content.decode()
    with django_assert_max_num_queries(12):
        accounts = client.get(reverse("accounts:list"))
    assert "Thôn A1, xã A" in accounts.content.decode()  # the village officer's grant


def test_movement_participants_picker_and_launch_email_name_the_commune(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from thidua.movements.forms import UnitMultipleChoiceField
    from thidua.testing import launched_movement

    field = UnitMultipleChoiceField(queryset=Unit.objects.select_related("parent"))
    assert field.label_from_instance(world.village_a1).startswith("Thôn A1, xã A (")
    world.village_officer_a1.email = "thon_a1@example.org"
    world.village_officer_a1.save()
    with django_capture_on_commit_callbacks(execute=True):
        launched_movement(world)
    [mail] = [m for m in mailoutbox if "thon_a1@example.org" in m.to]
    assert "Thôn A1, xã A" in mail.body
