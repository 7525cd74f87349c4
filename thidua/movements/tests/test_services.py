from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.errors import ApplicationError
from thidua.movements import services
from thidua.movements.models import (
    Movement,
    MovementStatus,
    Participant,
    ParticipantSource,
    PlanStatus,
    UnitPlan,
)
from thidua.testing import MovementFactory, UnitFactory
from thidua.testing import files as testing_files
from thidua.units.models import UnitKind

PDF = testing_files.PDF  # a real PDF: uploads are checked by content


def movement_data(world, **overrides):
    data = {
        "title": "Phong trào thi đua đặc biệt",
        "issuing_unit": world.district,
        "signer_name": "Nguyễn Văn Chủ",
        "signer_title": "Chủ tịch",
        "purposes": "Mục đích",
        "requirements": "Yêu cầu",
        "theme": "Chủ đề",
        "goal": "Mục tiêu",
        "collective_kinds": [UnitKind.COMMUNE],
        "start_date": date(2024, 10, 1),
        "end_date": date(2025, 12, 31),
        "registration_deadline": date(2024, 10, 25),
    }
    data.update(overrides)
    return data


AREAS = [
    services.ContentAreaData(label="h", content="Cải cách hành chính", target="PAR Index +1 bậc")
]


@pytest.mark.django_db
def test_create_draft_with_children_and_history(world):
    movement = services.movement_create(
        actor=world.home_affairs,
        data=movement_data(world),
        content_areas=AREAS,
        work_minimums={UnitKind.COMMUNE: 2, UnitKind.TOWN: 2},
        manual_units=[world.home_affairs_office],
    )
    assert movement.status == MovementStatus.DRAFT
    assert movement.content_areas.get().target == "PAR Index +1 bậc"
    assert movement.work_minimum_for(UnitKind.COMMUNE) == 2
    assert movement.work_minimum_for(UnitKind.AGENCY) == 1
    record = movement.history.get()
    assert record.history_user == world.home_affairs
    assert movement.participants.get().source == ParticipantSource.MANUAL


@pytest.mark.django_db
def test_end_before_start_is_refused_by_name(world):
    with pytest.raises(ValidationError) as error:
        services.movement_create(
            actor=world.home_affairs,
            data=movement_data(world, end_date=date(2024, 9, 1)),
            content_areas=AREAS,
            work_minimums={},
        )
    assert "end_date" in error.value.message_dict
    assert Movement.objects.count() == 0


@pytest.mark.django_db
def test_deadline_outside_period_refused(world):
    with pytest.raises(ValidationError) as error:
        services.movement_create(
            actor=world.home_affairs,
            data=movement_data(world, registration_deadline=date(2026, 1, 1)),
            content_areas=AREAS,
            work_minimums={},
        )
    assert "registration_deadline" in error.value.message_dict


@pytest.mark.django_db
def test_only_home_affairs_of_issuer_creates(world):
    with pytest.raises(PermissionDenied):
        services.movement_create(
            actor=world.officer_a, data=movement_data(world), content_areas=AREAS, work_minimums={}
        )


@pytest.mark.django_db
def test_manual_unit_outside_issuer_area_rolls_back(world):
    outside = UnitFactory(kind=UnitKind.DISTRICT, parent=world.province)
    with pytest.raises(ValidationError):
        services.movement_create(
            actor=world.home_affairs,
            data=movement_data(world),
            content_areas=AREAS,
            work_minimums={},
            manual_units=[outside],
        )
    assert Movement.objects.count() == 0  # atomic: nothing half-written


@pytest.mark.django_db
def test_launch_creates_participants_and_plan_tasks(world):
    movement = MovementFactory(
        issuing_unit=world.district, collective_kinds=[UnitKind.COMMUNE, UnitKind.VILLAGE]
    )
    Participant.objects.create(
        movement=movement, unit=world.home_affairs_office, source=ParticipantSource.MANUAL
    )
    launched = services.movement_launch(actor=world.chairman, movement=movement)
    assert launched.status == MovementStatus.LAUNCHED
    assert launched.launched_by == world.chairman
    units = set(UnitPlan.objects.filter(movement=movement).values_list("unit__code", flat=True))
    assert units == {"XA", "XB", "XA-1", "XA-2", "XB-1", "D-PNV"}
    assert set(UnitPlan.objects.values_list("status", flat=True)) == {PlanStatus.PENDING}
    # attributable: bulk-created participants carry history with the launcher
    assert Participant.history.filter(history_user=world.chairman).count() == 5
    assert launched.history.first().history_change_reason


@pytest.mark.django_db
def test_launch_twice_refused(world):
    movement = MovementFactory(issuing_unit=world.district)
    services.movement_launch(actor=world.chairman, movement=movement)
    with pytest.raises(ApplicationError):
        services.movement_launch(actor=world.chairman, movement=movement)


@pytest.mark.django_db
def test_launch_without_participants_refused(world):
    movement = MovementFactory(issuing_unit=world.district, collective_kinds=[UnitKind.ENTERPRISE])
    with pytest.raises(ApplicationError):
        services.movement_launch(actor=world.chairman, movement=movement)
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


@pytest.mark.django_db
def test_home_affairs_cannot_launch(world):
    movement = MovementFactory(issuing_unit=world.district)
    with pytest.raises(PermissionDenied):
        services.movement_launch(actor=world.home_affairs, movement=movement)


@pytest.mark.django_db
def test_expired_units_do_not_take_part(world):
    world.village_b1.valid_to = date(2020, 1, 1)
    world.village_b1.save()
    movement = MovementFactory(issuing_unit=world.district)
    services.movement_launch(actor=world.chairman, movement=movement)
    assert not UnitPlan.objects.filter(unit=world.village_b1).exists()


@pytest.fixture
def plan_a(world):
    movement = MovementFactory(issuing_unit=world.district)
    services.movement_launch(actor=world.chairman, movement=movement)
    return UnitPlan.objects.get(movement=movement, unit=world.commune_a)


PLAN_DATA = {
    "document_number": "12/KH-UBND",
    "issued_date": date(2024, 10, 10),
    "theme": "Chủ đề",
    "goals": "Mục tiêu",
    "content": "Nội dung",
    "criteria": "Tiêu chí",
}


@pytest.mark.django_db
def test_plan_submit_records_who_and_file(world, plan_a):
    upload = SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf")
    plan = services.plan_submit(
        actor=world.officer_a, plan=plan_a, data=PLAN_DATA, signed_file=upload
    )
    assert plan.status == PlanStatus.ISSUED
    assert plan.submitted_by == world.officer_a
    assert plan.signed_file.read().startswith(b"%PDF")
    assert plan.history.first().history_user == world.officer_a


@pytest.mark.django_db
def test_plan_submit_needs_file_and_texts(world, plan_a):
    with pytest.raises(ValidationError) as error:
        services.plan_submit(actor=world.officer_a, plan=plan_a, data=PLAN_DATA)
    assert "signed_file" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.plan_submit(
            actor=world.officer_a,
            plan=plan_a,
            data={**PLAN_DATA, "theme": " "},
            signed_file=SimpleUploadedFile("k.pdf", PDF),
        )
    assert "theme" in error.value.message_dict
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.PENDING


@pytest.mark.django_db
def test_officer_of_other_commune_cannot_submit(world, plan_a):
    with pytest.raises(PermissionDenied):
        services.plan_submit(
            actor=world.officer_b,
            plan=plan_a,
            data=PLAN_DATA,
            signed_file=SimpleUploadedFile("k.pdf", PDF),
        )


@pytest.mark.django_db(transaction=True)
def test_launch_mails_each_participant_editor_once(world, mailoutbox):
    movement = MovementFactory(issuing_unit=world.district)
    services.movement_launch(actor=world.chairman, movement=movement)
    recipients = sorted(m.to[0] for m in mailoutbox)
    # focal officers of commune A, village A1 and commune B; viewers and district staff not
    assert recipients == ["canbo_a@example.org", "canbo_b@example.org", "thon_a1@example.org"]
    assert "Xã A" in next(m.body for m in mailoutbox if m.to == ["canbo_a@example.org"])
