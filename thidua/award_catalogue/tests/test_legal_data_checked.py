"""The corrections of shared/domain.md "Legal data, checked" (12/2026): authority citations and
the data migration that fixes reference rows seeded before the check."""

import importlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.award_catalogue.models import (
    DecidingOffice,
)
from thidua.award_catalogue.selectors import authorities_on
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db

DISTRICT = DecidingOffice.DISTRICT_CHAIRMAN
COMMUNE = DecidingOffice.COMMUNE_CHAIRMAN
PROVINCE = DecidingOffice.PROVINCE_CHAIRMAN
MIGRATION = importlib.import_module(
    "thidua.award_catalogue.migrations.0004_legal_data_checked_2026_12"
)


@pytest.fixture(scope="module")
def seeded(module_db):
    call_command("load_award_reference", stdout=StringIO())


def sources(day: date, office: str) -> set[str]:
    return set(authorities_on(day, office=office).values_list("legal_source", flat=True))


def test_authority_before_1_july_2025_cites_law_2022_art_80_2_and_80_3(seeded):
    """Luật Thi đua, khen thưởng 2022, Điều 80 khoản 2 (district chairman: thôn văn hóa,
    Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Giấy khen) and
    khoản 3 (commune chairman: Lao động tiên tiến, Giấy khen, Gia đình văn hóa)."""
    day = date(2025, 6, 30)
    assert sources(day, DISTRICT) == {"Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 2"}
    assert sources(day, COMMUNE) == {"Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3"}
    district = set(
        authorities_on(day, office=DISTRICT, level=UnitKind.VILLAGE).values_list(
            "award_form__code", flat=True
        )
    )
    assert district == {
        "thon_van_hoa",
        "tap_the_lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "lao_dong_tien_tien",
        "giay_khen_huyen",
    }
    commune = set(
        authorities_on(day, office=COMMUNE, level=UnitKind.VILLAGE).values_list(
            "award_form__code", flat=True
        )
    )
    assert commune == {"lao_dong_tien_tien", "giay_khen_xa", "gia_dinh_van_hoa"}
    # The authority rows start with the 2022 Law, on 01/01/2024.
    assert authorities_on(date(2024, 1, 1), office=DISTRICT).exists()


def test_authority_from_1_july_2025_cites_nd129_art59(seeded):
    """Nghị định 129/2025/NĐ-CP, Điều 59: the commune chairman decides thôn/tổ dân phố văn
    hóa, Gia đình văn hóa, Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Lao động tiên
    tiến and Giấy khen; the provincial chairman Bằng khen and Tập thể lao động xuất sắc."""
    day = date(2025, 7, 1)
    for office in (COMMUNE, PROVINCE):
        assert sources(day, office) == {"Nghị định 129/2025/NĐ-CP, Điều 59"}
    commune = set(authorities_on(day, office=COMMUNE).values_list("award_form__code", flat=True))
    assert commune == {
        "thon_van_hoa",
        "gia_dinh_van_hoa",
        "tap_the_lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "lao_dong_tien_tien",
        "giay_khen_xa",
    }
    province = set(authorities_on(day, office=PROVINCE).values_list("award_form__code", flat=True))
    assert province == {"bang_khen_tinh", "tap_the_lao_dong_xuat_sac"}
