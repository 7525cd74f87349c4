"""The compliance board and the dashboard as at a date (?ngay=), across the 1/7/2025 reform:
a district's three communes end on 30/06/2025 and merge into one new commune."""

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.movements.models import MovementStatus, Participant, ParticipantSource
from thidua.testing import MovementFactory, UnitFactory, WorkFactory
from thidua.testing.reform import build_reform_world
from thidua.units.models import UnitKind


@pytest.fixture
def reform(world):
    reform = build_reform_world(world)
    movement = MovementFactory(
        issuing_unit=world.province,
        status=MovementStatus.LAUNCHED,
        launched_at=timezone.now(),
    )
    for unit in (*reform.old_communes, reform.new_commune):
        Participant.objects.create(movement=movement, unit=unit, source=ParticipantSource.KIND)
    WorkFactory(movement=movement, unit=reform.old_communes[0], name="Đường cũ")
    WorkFactory(movement=movement, unit=reform.new_commune, name="Đường mới 1")
    WorkFactory(movement=movement, unit=reform.new_commune, name="Đường mới 2")
    reform.movement = movement
    return reform


def _compliance(client, reform, **params):
    url = reverse("works:compliance", args=[reform.movement.pk])
    return client.get(url, params)


@pytest.mark.django_db
def test_compliance_as_at_the_last_day_before_the_reform(client, reform):
    client.force_login(reform.province_officer)
    response = _compliance(client, reform, ngay="30/06/2025")
    rows = {r.unit.name: r for r in response.context["page_obj"]}
    assert set(rows) == {"Xã Cũ 1", "Xã Cũ 2", "Xã Cũ 3"}
    assert rows["Xã Cũ 1"].registered == 1
    assert response.context["counts"]["total"] == 3
    assert "30/06/2025" in response.content.decode()


@pytest.mark.django_db
def test_compliance_as_at_the_reform_and_by_default(client, reform):
    client.force_login(reform.province_officer)
    for params in ({"ngay": "01/07/2025"}, {}):
        response = _compliance(client, reform, **params)
        rows = {r.unit.name: r for r in response.context["page_obj"]}
        assert set(rows) == {"Xã Mới"}
        assert rows["Xã Mới"].registered == 2
        assert rows["Xã Mới"].compliant  # the commune minimum of 2


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 20])
def test_compliance_as_at_costs_a_fixed_number_of_queries(
    client, reform, django_assert_max_num_queries, extra
):
    for n in range(extra):
        unit = UnitFactory(kind=UnitKind.COMMUNE, parent=reform.old_district, name=f"Xã Thêm {n}")
        Participant.objects.create(
            movement=reform.movement, unit=unit, source=ParticipantSource.KIND
        )
    client.force_login(reform.province_officer)
    with django_assert_max_num_queries(20):
        response = _compliance(client, reform, ngay="30/06/2025")
    assert response.context["counts"]["total"] == 3 + extra


def _dashboard(client, reform, **params):
    return client.get(reverse("works:dashboard", args=[reform.movement.pk]), params)


@pytest.mark.django_db
def test_dashboard_as_at_either_side_of_the_reform(client, reform):
    client.force_login(reform.province_officer)
    before = _dashboard(client, reform, ngay="30/06/2025").context["dashboard"]
    assert before.today.isoformat() == "2025-06-30"
    assert before.figures.works == 1
    assert before.figures.participants == 3
    assert before.chart("commune").labels == ["Xã Cũ 1"]
    after = _dashboard(client, reform, ngay="01/07/2025").context["dashboard"]
    assert after.figures.works == 2
    assert (after.figures.participants, after.figures.participants_reached) == (1, 1)
    assert after.chart("commune").labels == ["Xã Mới"]
    today = _dashboard(client, reform).context["dashboard"]
    assert today.today == timezone.localdate() and today.figures.works == 2


@pytest.mark.django_db
def test_dashboard_rejects_an_unreadable_day_and_stays_at_today(client, reform):
    client.force_login(reform.province_officer)
    response = _dashboard(client, reform, ngay="32/13/2025")
    assert response.context["dashboard"].today == timezone.localdate()
    assert response.context["as_at_form"].errors["ngay"]


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 20])
def test_dashboard_as_at_costs_a_fixed_number_of_queries(
    client, reform, django_assert_max_num_queries, extra
):
    for n in range(extra):
        WorkFactory(movement=reform.movement, unit=reform.old_communes[1], name=f"Việc {n}")
    client.force_login(reform.province_officer)
    with django_assert_max_num_queries(20):
        response = _dashboard(client, reform, ngay="30/06/2025")
    assert response.context["dashboard"].figures.works == 1 + extra
