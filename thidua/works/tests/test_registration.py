from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from thidua.core.errors import ApplicationError
from thidua.testing import WorkFactory, launched_movement
from thidua.works import services
from thidua.works.models import RegistrationStatus, Work

pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "construction",
    "name": "Nhà văn hóa thôn",
    "description": "",
    "volume": "1 nhà cấp 4, 120 m²",
    "site": "Thôn A1",
    "estimated_value": Decimal("850000000"),
    "funding_source": "people",
    "people_funded": False,
    "expected_completion": date(2025, 5, 31),
}


@pytest.fixture
def movement(world):
    return launched_movement(world)


def test_commune_registers_with_all_five_facts(world, movement):
    work = services.work_create(
        actor=world.officer_a, movement=movement, unit=world.commune_a, data=GOOD
    )
    assert work.status == RegistrationStatus.REGISTERED
    assert work.registered_by == world.officer_a
    assert work.people_funded, "people's contributions mark the work as people-funded"
    assert work.history.first().history_user == world.officer_a


@pytest.mark.parametrize(
    "field,label",
    [
        ("volume", "Khối lượng"),
        ("site", "Địa điểm"),
        ("estimated_value", "Giá trị dự kiến"),
        ("funding_source", "Nguồn kinh phí"),
        ("expected_completion", "Thời gian dự kiến hoàn thành"),
    ],
)
def test_each_required_fact_is_refused_by_name(world, movement, field, label):
    data = {**GOOD, field: None if field in ("estimated_value", "expected_completion") else ""}
    with pytest.raises(ValidationError) as caught:
        services.work_create(
            actor=world.officer_a, movement=movement, unit=world.commune_a, data=data
        )
    message = caught.value.message_dict[field][0]
    assert label.lower() in message.lower()
    assert not Work.objects.exists()


def test_draft_may_lack_facts_and_is_registered_later(world, movement):
    draft = services.work_create(
        actor=world.officer_a,
        movement=movement,
        unit=world.commune_a,
        data={"kind": "task", "name": "Phần việc"},
        register=False,
    )
    assert draft.status == RegistrationStatus.DRAFT
    assert draft.missing_fields()
    with pytest.raises(ValidationError):
        services.work_update(actor=world.officer_a, work=draft, data={}, register=True)
    work = services.work_update(actor=world.officer_a, work=draft, data=GOOD, register=True)
    assert work.status == RegistrationStatus.REGISTERED


def test_value_must_be_positive_and_completion_after_start(world, movement):
    data = {**GOOD, "estimated_value": Decimal("-5"), "expected_completion": date(2024, 1, 1)}
    with pytest.raises(ValidationError) as caught:
        services.work_create(
            actor=world.officer_a, movement=movement, unit=world.commune_a, data=data
        )
    assert set(caught.value.message_dict) == {"estimated_value", "expected_completion"}


def test_village_registration_waits_for_its_commune(world, movement):
    work = services.work_create(
        actor=world.village_officer_a1, movement=movement, unit=world.village_a1, data=GOOD
    )
    assert work.status == RegistrationStatus.PENDING
    with pytest.raises(PermissionDenied):
        services.work_accept(actor=world.officer_b, work=work)
    with pytest.raises(ValidationError):
        services.work_return(actor=world.officer_a, work=work, reason=" ")
    returned = services.work_return(actor=world.officer_a, work=work, reason="Thiếu khối lượng")
    assert returned.status == RegistrationStatus.RETURNED
    resubmitted = services.work_update(
        actor=world.village_officer_a1, work=work, data={"volume": "2 km"}, register=True
    )
    assert resubmitted.status == RegistrationStatus.PENDING
    accepted = services.work_accept(actor=world.officer_a, work=work)
    assert accepted.status == RegistrationStatus.REGISTERED


def test_commune_registering_for_its_village_needs_no_acceptance(world, movement):
    work = services.work_create(
        actor=world.officer_a, movement=movement, unit=world.village_a1, data=GOOD
    )
    assert work.status == RegistrationStatus.REGISTERED


def test_late_registration_is_accepted_and_flagged(world, movement):
    movement.registration_deadline = timezone.localdate() - timedelta(days=3)
    movement.save()
    work = services.work_create(
        actor=world.officer_a, movement=movement, unit=world.commune_a, data=GOOD
    )
    assert work.is_late and work.registered_at is not None


def test_units_outside_reach_or_movement_are_refused(world, movement):
    with pytest.raises(PermissionDenied):
        services.work_create(
            actor=world.officer_b, movement=movement, unit=world.commune_a, data=GOOD
        )
    with pytest.raises(PermissionDenied):
        services.work_create(
            actor=world.viewer_a, movement=movement, unit=world.commune_a, data=GOOD
        )
    with pytest.raises(ApplicationError):
        services.work_create(
            actor=world.home_affairs,
            movement=movement,
            unit=world.home_affairs_office,
            data=GOOD,
        )


def test_cancel_is_soft_and_needs_a_reason(world, movement):
    work = WorkFactory(movement=movement, unit=world.commune_a)
    with pytest.raises(ValidationError):
        services.work_cancel(actor=world.officer_a, work=work, reason="")
    services.work_cancel(actor=world.officer_a, work=work, reason="Trùng với dự án tỉnh")
    work.refresh_from_db()
    assert work.status == RegistrationStatus.CANCELLED
    assert work.cancel_reason == "Trùng với dự án tỉnh"
    with pytest.raises(PermissionDenied):
        services.work_update(actor=world.officer_a, work=work, data={"name": "x"})
