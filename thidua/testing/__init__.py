"""Factories and a small named world for tests (healthchecks' alice/bob/charlie idea).

Tỉnh Mẫu (province)
└── Huyện Mẫu (district) ── Phòng Nội vụ (agency)
    ├── Xã A (commune) ── Thôn A1, Thôn A2 (villages)
    └── Xã B (commune) ── Thôn B1 (village)
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.movements.models import ContentArea, Movement, WorkMinimum
from thidua.units.models import Unit, UnitKind

PASSWORD = "Mat-khau-thu-2024"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    kind = UnitKind.COMMUNE
    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    full_name = factory.LazyAttribute(lambda o: o.name)
    parent: Unit | None = None


def _save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        obj.save()


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    save_password = factory.post_generation(_save_password)


def grant(user: User, role: str, unit: Unit) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, unit=unit)


def _with_content(obj: Movement, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        ContentArea.objects.create(movement=obj, label="a", content="Nội dung a")
        WorkMinimum.objects.create(movement=obj, unit_kind=UnitKind.COMMUNE, minimum=2)


class MovementFactory(DjangoModelFactory):
    class Meta:
        model = Movement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Phong trào thi đua {n}")
    signer_name = "Nguyễn Văn Chủ"
    purposes = "Mục đích"
    requirements = "Yêu cầu"
    theme = "Chủ đề"
    goal = "Mục tiêu"
    start_date = date(2024, 10, 1)
    # Running today: a movement past its end refuses registrations and dossiers.
    end_date = factory.LazyFunction(lambda: date(timezone.localdate().year + 1, 12, 31))
    registration_deadline = date(2024, 10, 25)
    collective_kinds = factory.LazyFunction(lambda: [UnitKind.COMMUNE, UnitKind.VILLAGE])
    with_content = factory.post_generation(_with_content)


@dataclass
class World:
    province: Unit
    district: Unit
    home_affairs_office: Unit
    commune_a: Unit
    village_a1: Unit
    village_a2: Unit
    commune_b: Unit
    village_b1: Unit
    home_affairs: User
    chairman: User
    council_member: User
    officer_a: User
    viewer_a: User
    village_officer_a1: User
    officer_b: User
    nobody: User


def build_world() -> World:
    province: Unit = UnitFactory.create(kind=UnitKind.PROVINCE, code="P", name="Tỉnh Mẫu")
    district: Unit = UnitFactory.create(
        kind=UnitKind.DISTRICT, code="D", name="Huyện Mẫu", parent=province
    )
    office: Unit = UnitFactory.create(
        kind=UnitKind.AGENCY, code="D-PNV", name="Phòng Nội vụ", parent=district
    )
    commune_a: Unit = UnitFactory.create(
        kind=UnitKind.COMMUNE, code="XA", name="Xã A", parent=district
    )
    village_a1: Unit = UnitFactory.create(
        kind=UnitKind.VILLAGE, code="XA-1", name="Thôn A1", parent=commune_a
    )
    village_a2: Unit = UnitFactory.create(
        kind=UnitKind.VILLAGE, code="XA-2", name="Thôn A2", parent=commune_a
    )
    commune_b: Unit = UnitFactory.create(
        kind=UnitKind.COMMUNE, code="XB", name="Xã B", parent=district
    )
    village_b1: Unit = UnitFactory.create(
        kind=UnitKind.VILLAGE, code="XB-1", name="Thôn B1", parent=commune_b
    )

    def person(username: str, role: str | None, unit: Unit) -> User:
        user: User = UserFactory.create(username=username, unit=unit)
        if role:
            grant(user, role, unit)
        return user

    return World(
        province=province,
        district=district,
        home_affairs_office=office,
        commune_a=commune_a,
        village_a1=village_a1,
        village_a2=village_a2,
        commune_b=commune_b,
        village_b1=village_b1,
        home_affairs=person("noivu", Role.HOME_AFFAIRS, district),
        chairman=person("chutich", Role.CHAIRMAN, district),
        council_member=person("hoidong", Role.COUNCIL_MEMBER, district),
        officer_a=person("canbo_a", Role.FOCAL_OFFICER, commune_a),
        viewer_a=person("xem_a", Role.VIEWER, commune_a),
        village_officer_a1=person("thon_a1", Role.FOCAL_OFFICER, village_a1),
        officer_b=person("canbo_b", Role.FOCAL_OFFICER, commune_b),
        nobody=person("khongquyen", None, commune_a),
    )


def launched_movement(world: World, **fields: Any) -> Movement:
    """A movement of the world's district, launched by its chairman (communes and villages
    take part; communes owe 2 works, others 1; 2 flagship works due 30/06/2025)."""
    from thidua.movements.services import movement_launch

    fields.setdefault("flagship_count", 2)
    fields.setdefault("flagship_due", date(2025, 6, 30))
    movement: Movement = MovementFactory.create(issuing_unit=world.district, **fields)
    return movement_launch(actor=world.chairman, movement=movement)


class WorkFactory(DjangoModelFactory):
    """A registered work with the plan's five facts filled in."""

    class Meta:
        model = "works.Work"

    kind = "construction"
    name = factory.Sequence(lambda n: f"Đường bê tông thôn số {n}")
    volume = "1,2 km"
    site = "Trung tâm xã"
    estimated_value = 500_000_000
    funding_source = "state_budget"
    expected_completion = date(2025, 6, 30)
    status = "registered"
    registered_at = factory.LazyFunction(timezone.now)
