"""Kinds of the two-level world: wards and special zones are commune-level (minimums,
criteria, the commune chairman's authority, launches); districts and towns are history only."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.award_catalogue.selectors import may_award
from thidua.awards.selectors.authority import AuthorityCheck, office_for
from thidua.criteria.models import CandidateType, candidate_type_of
from thidua.interchange.tests.conftest import UNIT_HEADERS, xlsx_upload
from thidua.movements.services import launch_candidates
from thidua.testing import MovementFactory, UnitFactory
from thidua.units.imports import units_import
from thidua.units.models import (
    COMMUNE_LEVEL_KINDS,
    Unit,
    UnitKind,
    rule_kinds,
    with_commune_level,
)
from thidua.units.services import (
    ENDED_KIND_BEGINS_AFTER,
    ENDED_KIND_STILL_OPEN,
    ended_kind_problem,
    unit_create,
    unit_update,
)

NEW_KINDS = (UnitKind.WARD, UnitKind.SPECIAL_ZONE)


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_ward_and_special_zone_are_commune_level(kind):
    assert kind in COMMUNE_LEVEL_KINDS
    assert Unit(kind=kind).is_commune_level
    assert rule_kinds(kind) == (kind, UnitKind.COMMUNE)
    assert candidate_type_of(unit=Unit(kind=kind)) == CandidateType.COMMUNE_OR_TOWN
    assert office_for(Unit(kind=kind)) == DecidingOffice.COMMUNE_CHAIRMAN


def test_a_list_naming_communes_widens_to_the_commune_level():
    assert with_commune_level([UnitKind.COMMUNE, UnitKind.VILLAGE]) == [
        UnitKind.COMMUNE,
        UnitKind.VILLAGE,
        UnitKind.TOWN,
        UnitKind.WARD,
        UnitKind.SPECIAL_ZONE,
    ]
    assert with_commune_level([UnitKind.VILLAGE]) == [UnitKind.VILLAGE]


@pytest.mark.django_db
def test_a_ward_owes_the_communes_minimum_unless_the_movement_names_its_own(world):
    movement = MovementFactory(issuing_unit=world.district, default_work_minimum=1)
    assert movement.work_minimum_for(UnitKind.WARD) == 2  # the commune row of the factory
    assert movement.work_minimum_for(UnitKind.SPECIAL_ZONE) == 2
    assert movement.work_minimum_for(UnitKind.AGENCY) == 1
    assert movement.work_minimum_for(UnitKind.WARD, {UnitKind.TOWN: 5}) == 1
    assert movement.work_minimum_for(UnitKind.TOWN, {UnitKind.TOWN: 5}) == 5


@pytest.mark.django_db
def test_a_movement_open_to_communes_takes_in_wards_and_special_zones(world):
    ward = UnitFactory(kind=UnitKind.WARD, name="Phường Một", parent=world.district)
    zone = UnitFactory(kind=UnitKind.SPECIAL_ZONE, name="Đặc khu Một", parent=world.district)
    movement = MovementFactory(
        issuing_unit=world.district, collective_kinds=[UnitKind.COMMUNE, UnitKind.VILLAGE]
    )
    ids = {u.pk for u in launch_candidates(movement)}
    assert {ward.pk, zone.pk, world.commune_a.pk} <= ids


@pytest.fixture(scope="module")
def seeded(module_db):
    call_command("load_award_reference", stdout=StringIO())


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_the_commune_chairmans_authority_reaches_wards_and_special_zones(seeded, kind):
    commune = DecidingOffice.COMMUNE_CHAIRMAN
    day = date(2025, 7, 1)
    assert may_award(commune, "chien_si_thi_dua_co_so", kind, day)
    assert may_award(commune, "giay_khen_xa", kind, day)
    assert not may_award(commune, "bang_khen_tinh", kind, day)
    assert may_award(DecidingOffice.PROVINCE_CHAIRMAN, "bang_khen_tinh", kind, day)
    check = AuthorityCheck(day)
    form_id = AwardForm.objects.get(code="chien_si_thi_dua_co_so").pk
    assert check.allows(commune, form_id, kind)
    assert not AuthorityCheck(date(2025, 6, 30)).allows(commune, form_id, kind)


# --- districts and towns are history only ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "end", "today", "expected"),
    [
        (UnitKind.DISTRICT, date(2025, 7, 1), None, date(2026, 1, 1), ENDED_KIND_BEGINS_AFTER),
        (UnitKind.TOWN, date(2025, 8, 1), None, date(2025, 6, 1), ENDED_KIND_BEGINS_AFTER),
        (UnitKind.TOWN, None, None, date(2026, 1, 1), ENDED_KIND_STILL_OPEN),
        (UnitKind.DISTRICT, None, date(2025, 7, 1), date(2025, 7, 1), ENDED_KIND_STILL_OPEN),
        (UnitKind.DISTRICT, None, date(2025, 6, 30), date(2026, 1, 1), None),
        (UnitKind.TOWN, None, None, date(2025, 6, 30), None),
        (UnitKind.WARD, date(2025, 7, 1), None, date(2026, 1, 1), None),
    ],
)
def test_ended_kind_rule(kind, start, end, today, expected):
    problem = ended_kind_problem(kind=kind, valid_from=start, valid_to=end, today=today)
    if expected is None:
        assert problem is None
    else:
        assert problem == _(expected) % {"kind": str(UnitKind(kind).label).lower()}


@pytest.mark.django_db
def test_no_new_town_after_the_reform_through_the_service(world):
    with pytest.raises(ValidationError) as raised:
        unit_create(
            actor=world.home_affairs,
            kind=UnitKind.TOWN,
            code="TT-MOI",
            name="Thị trấn Mới",
            parent=world.district,
            valid_from=date(2025, 7, 1),
        )
    assert "kind" in raised.value.message_dict
    assert "01/07/2025" in raised.value.message_dict["kind"][0]
    old = unit_create(
        actor=world.home_affairs,
        kind=UnitKind.TOWN,
        code="TT-CU",
        name="Thị trấn Cũ",
        parent=world.district,
        valid_to=date(2025, 6, 30),
    )
    assert old.kind == UnitKind.TOWN
    # An existing district stays editable; a commune may not become a district now.
    unit_update(actor=world.home_affairs, unit=world.district, name="Huyện Mẫu (cũ)")
    with pytest.raises(ValidationError):
        unit_update(actor=world.home_affairs, unit=world.commune_b, kind=UnitKind.DISTRICT)


@pytest.mark.django_db
def test_the_form_says_in_vietnamese_why_a_new_district_is_refused(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("units:create"),
        {"kind": "district", "code": "H-MOI", "name": "Huyện Mới", "parent": world.district.pk},
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(code="H-MOI").exists()
    errors = response.context["form"].errors["kind"]
    assert errors == [
        "Loại đơn vị: huyện thêm sau ngày 30/06/2025 chỉ để lưu lịch sử; hãy điền «Hiệu lực "
        "đến ngày» là một ngày không muộn hơn 30/06/2025."
    ]


@pytest.mark.django_db
def test_import_takes_ward_and_special_zone_and_refuses_a_new_town(world):
    rows = [
        ["PH1", "Phường Một", "", "Phường", "D", "01/07/2025", None, "no"],
        ["DK1", "Đặc khu Một", "", "Đặc khu", "D", "01/07/2025", None, "no"],
    ]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, rows))
    assert result.ok, [str(e) for e in result.errors]
    assert Unit.objects.get(code="PH1").kind == UnitKind.WARD
    assert Unit.objects.get(code="DK1").kind == UnitKind.SPECIAL_ZONE

    bad = [["TT1", "Thị trấn Một", "", "Thị trấn", "D", "01/07/2025", None, "no"]]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, bad))
    assert not result.ok
    (error,) = result.errors
    assert (error.row, error.code) == (2, "ended_kind")
    assert "01/07/2025" in error.message
    assert not Unit.objects.filter(code="TT1").exists()
