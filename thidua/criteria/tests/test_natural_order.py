"""Units and people ordered by the stored sort key, the same on SQLite and PostgreSQL."""

import pytest

from thidua.criteria.models import Person
from thidua.testing import UnitFactory
from thidua.units.models import Unit, UnitKind


@pytest.mark.django_db
def test_database_orders_villages_like_a_person_would(world):
    for name in ["Thôn 10", "Thôn Nà Khà", "Thôn 2", "Thôn Nà"]:
        UnitFactory(kind=UnitKind.VILLAGE, name=name, parent=world.commune_b)
    names = list(
        Unit.objects.filter(
            parent=world.commune_b, name__in=["Thôn 10", "Thôn Nà Khà", "Thôn 2", "Thôn Nà"]
        )
        .order_by("sort_name")
        .values_list("name", flat=True)
    )
    assert names == ["Thôn 2", "Thôn 10", "Thôn Nà", "Thôn Nà Khà"]


@pytest.mark.django_db
def test_people_order_by_given_name_then_length(world):
    for name in ["Lò Thị Hoa Mai", "Lò Văn Hoa", "Lò Thị Hoa"]:
        Person.objects.create(unit=world.village_a1, full_name=name)
    names = list(
        Person.objects.filter(unit=world.village_a1)
        .order_by("sort_name")
        .values_list("full_name", flat=True)
    )
    assert names == ["Lò Thị Hoa", "Lò Văn Hoa", "Lò Thị Hoa Mai"]
