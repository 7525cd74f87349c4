import io

import pytest
from django.apps import apps
from django.core.management import call_command

from thidua.movements.models import Movement, MovementStatus, PlanStatus
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind

SLIPS = ["Trầm Bái", "Trạm Tàu", "Đề động viên", "Ủy ban nhân huyện"]


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"units", "accounts", "movements", "works", "calendar_days", "awards", "criteria"}
    }


@pytest.mark.django_db
def test_demo_loads_once_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first


@pytest.mark.django_db
def test_demo_has_the_district_and_sample_villages():
    call_command("load_demo", stdout=io.StringIO())
    communes = Unit.objects.filter(kind__in=COMMUNE_LEVEL_KINDS)
    assert communes.count() == 12
    for commune in communes:
        children = commune.children.all()
        assert children.count() >= 3
        assert all(child.is_sample for child in children)
    assert Unit.objects.filter(kind=UnitKind.ENTERPRISE, is_sample=True).exists()
    assert Unit.objects.filter(kind=UnitKind.VERTICAL_AGENCY, is_sample=True).exists()
    assert Unit.objects.get(name="Phòng Nội vụ").parent.name == "Huyện Trạm Tấu"


@pytest.mark.django_db
def test_seed_movement_is_launched_with_slips_corrected():
    call_command("load_demo", stdout=io.StringIO())
    movement = Movement.objects.get()
    assert movement.status == MovementStatus.LAUNCHED
    assert movement.legal_basis_number == "188/KH-UBND"
    assert movement.registration_deadline.isoformat() == "2024-10-25"
    assert movement.work_minimum_for(UnitKind.COMMUNE) == 2
    assert movement.work_minimum_for(UnitKind.VERTICAL_AGENCY) == 1
    texts = [
        getattr(movement, f.name)
        for f in movement._meta.fields
        if f.get_internal_type() in {"TextField", "CharField"}
    ]
    texts += [a.content + a.target for a in movement.content_areas.all()]
    for slip in SLIPS:
        assert not any(slip in text for text in texts), slip
    # II.5.b lists one movement twice in the source; the system lists it once.
    area_b = movement.content_areas.get(label="b").content
    assert area_b.count("Cả nước thi đua xây dựng xã hội học tập") == 1
    assert movement.content_areas.get(label="h").target.startswith("Chỉ số PAR Index")
    statuses = set(movement.unit_plans.values_list("status", flat=True))
    assert statuses == {PlanStatus.ISSUED, PlanStatus.PENDING}


@pytest.mark.django_db
def test_demo_works_show_every_state():
    from thidua.works.models import FlagshipWork, RegistrationStatus, ReminderRecipient, Work

    call_command("load_demo", stdout=io.StringIO())
    movement = Movement.objects.get()
    works = Work.objects.filter(movement=movement)
    assert works.count() >= 12
    assert all("(mẫu)" in w.name for w in works)
    assert works.filter(is_late=True).exists() and works.filter(is_late=False).exists()
    assert works.filter(status=RegistrationStatus.PENDING, unit__code="TT.BANMU.T1").exists()
    assert {w.schedule() for w in works} >= {"on_schedule", "late", "overdue"}
    assert FlagshipWork.objects.filter(movement=movement).count() == movement.flagship_count == 2
    assert ReminderRecipient.objects.filter(unit__code="TT.PAHU").exists()
    # Registrations carry the movement's dates, not the day the demo was loaded.
    assert works.filter(registered_at__year=2024).count() >= 11
