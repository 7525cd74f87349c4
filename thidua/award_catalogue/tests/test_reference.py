from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from thidua.award_catalogue import reference
from thidua.award_catalogue.models import (
    Authority,
    AwardForm,
    BaseSalary,
    DecidingOffice,
    MoneyMultiple,
)
from thidua.award_catalogue.selectors import (
    authorities_on,
    award_amount,
    base_salary_on,
    may_award,
    multiple_on,
)
from thidua.core.errors import ApplicationError
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db

DISTRICT = DecidingOffice.DISTRICT_CHAIRMAN
COMMUNE = DecidingOffice.COMMUNE_CHAIRMAN
PROVINCE = DecidingOffice.PROVINCE_CHAIRMAN


@pytest.fixture(scope="module")
def seeded(module_db):
    """The reference data, loaded once for the module (each test's writes are rolled back)."""
    call_command("load_award_reference", stdout=StringIO())


def load() -> str:
    out = StringIO()
    call_command("load_award_reference", stdout=out)
    return out.getvalue()


# --- Seeded figures ---------------------------------------------------------------------------
def test_seed_counts_match_the_reference_module(seeded):
    assert AwardForm.objects.count() == len(reference.FORMS)
    assert MoneyMultiple.objects.count() == len(reference.MULTIPLES)
    assert BaseSalary.objects.count() == 3
    assert Authority.objects.count() == len(reference.AUTHORITIES)
    assert all(row.legal_source for row in Authority.objects.all())


def test_every_unverified_figure_says_so(seeded):
    for model in (MoneyMultiple, BaseSalary, Authority):
        assert not model.objects.exclude(legal_source__contains="(chưa đối chiếu)").exists()


@pytest.mark.parametrize(
    ("form", "day", "amount"),
    [
        ("lao_dong_tien_tien", date(2024, 12, 15), Decimal("702000")),  # 0.3 × 2.340.000
        ("chien_si_thi_dua_co_so", date(2026, 7, 20), Decimal("2530000")),  # 1.0 × 2.530.000
        ("thon_van_hoa", date(2024, 6, 30), Decimal("2700000")),  # 1.5 × 1.800.000
        ("tap_the_lao_dong_tien_tien", date(2025, 7, 1), Decimal("1872000")),  # 0.8 × 2.340.000
        ("tap_the_lao_dong_xuat_sac", date(2026, 6, 30), Decimal("3510000")),  # 1.5 × 2.340.000
    ],
)
def test_award_amount(seeded, form, day, amount):
    assert award_amount(form, day) == amount


def test_award_amount_rounds_half_up_to_whole_dong(seeded):
    BaseSalary.objects.filter(valid_from=date(2024, 7, 1)).update(amount=Decimal("2340005"))
    # 0.3 × 2.340.005 = 702.001,5 → 702.002
    assert award_amount("lao_dong_tien_tien", date(2024, 12, 15)) == Decimal("702002")


def test_base_salary_switches_on_its_first_day(seeded):
    assert base_salary_on(date(2024, 6, 30)).amount == 1_800_000
    assert base_salary_on(date(2024, 7, 1)).amount == 2_340_000
    assert base_salary_on(date(2026, 6, 30)).amount == 2_340_000
    assert base_salary_on(date(2026, 7, 1)).amount == 2_530_000


def test_no_base_salary_is_a_vietnamese_domain_error(seeded):
    with translation.override("vi"), pytest.raises(ApplicationError) as error:
        base_salary_on(date(2023, 6, 30))
    assert error.value.message == "Chưa có mức lương cơ sở áp dụng vào ngày 30/06/2023."


def test_form_without_multiple_is_refused(seeded):
    with translation.override("vi"), pytest.raises(ApplicationError) as error:
        award_amount("giay_khen_xa", date(2025, 9, 5))
    assert "giay_khen_xa" in error.value.message
    assert "05/09/2025" in error.value.message
    with pytest.raises(ApplicationError):
        multiple_on("lao_dong_tien_tien", date(2024, 1, 14))  # before Nghị định 98/2023


def test_award_amount_without_base_salary_names_the_salary(seeded):
    BaseSalary.objects.filter(valid_from=date(2024, 7, 1)).delete()
    with translation.override("vi"), pytest.raises(ApplicationError) as error:
        award_amount("lao_dong_tien_tien", date(2024, 12, 15))
    assert "mức lương cơ sở" in error.value.message


def test_multiple_on_accepts_a_form_or_its_code(seeded):
    form = AwardForm.objects.get(code="lao_dong_tien_tien")
    old = multiple_on(form, date(2025, 6, 30))
    new = multiple_on("lao_dong_tien_tien", date(2025, 7, 1))
    assert old.multiple == new.multiple == Decimal("0.30")
    assert "98/2023" in old.legal_source
    assert "152/2025" in new.legal_source


# --- Authority before and after 1/7/2025 --------------------------------------------------------
def test_district_chairman_loses_giay_khen_on_1_july_2025(seeded):
    assert may_award(DISTRICT, "giay_khen_huyen", UnitKind.COMMUNE, date(2025, 6, 30))
    assert not may_award(DISTRICT, "giay_khen_huyen", UnitKind.COMMUNE, date(2025, 7, 1))


def test_commune_chairman_gains_chien_si_thi_dua_co_so_on_1_july_2025(seeded):
    assert not may_award(COMMUNE, "chien_si_thi_dua_co_so", UnitKind.COMMUNE, date(2025, 6, 30))
    assert may_award(COMMUNE, "chien_si_thi_dua_co_so", UnitKind.COMMUNE, date(2025, 7, 1))


def test_no_district_authority_remains_after_the_reform(seeded):
    assert authorities_on(date(2025, 6, 30), office=DISTRICT).exists()
    assert not authorities_on(date(2025, 7, 1), office=DISTRICT).exists()


def test_cultural_village_is_awarded_to_villages_only(seeded):
    day = date(2025, 12, 20)
    assert may_award(COMMUNE, "thon_van_hoa", UnitKind.VILLAGE, day)
    assert may_award(COMMUNE, "thon_van_hoa", UnitKind.RESIDENTIAL_GROUP, day)
    assert not may_award(COMMUNE, "thon_van_hoa", UnitKind.COMMUNE, day)


def test_province_keeps_bang_khen_and_tap_the_lao_dong_xuat_sac(seeded):
    for day in (date(2025, 6, 30), date(2025, 7, 1)):
        forms = set(
            authorities_on(day, office=PROVINCE, level=UnitKind.COMMUNE).values_list(
                "award_form__code", flat=True
            )
        )
        assert forms == {"bang_khen_tinh", "tap_the_lao_dong_xuat_sac"}


def test_who_may_award_a_form_on_a_day(seeded):
    offices = set(
        authorities_on(
            date(2024, 9, 5), form="lao_dong_tien_tien", level=UnitKind.COMMUNE
        ).values_list("deciding_office", flat=True)
    )
    assert offices == {DISTRICT, COMMUNE}


# --- Validation -------------------------------------------------------------------------------
def test_overlapping_base_salary_is_refused_in_vietnamese(seeded):
    salary = BaseSalary(
        amount=Decimal(2_400_000), valid_from=date(2026, 1, 1), legal_source="thử nghiệm"
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        salary.full_clean()
    assert error.value.message_dict["valid_from"] == [
        "Hiệu lực từ ngày: khoảng thời gian này trùng với mức lương cơ sở áp dụng "
        "từ 01/07/2024 đến 30/06/2026."
    ]


def test_overlapping_multiple_of_the_same_form_is_refused(seeded):
    form = AwardForm.objects.get(code="lao_dong_tien_tien")
    clash = MoneyMultiple(
        award_form=form,
        multiple=Decimal("0.4"),
        valid_from=date(2020, 1, 1),
        valid_to=date(2024, 1, 15),  # the last day overlaps the seeded period
        legal_source="thử nghiệm",
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "15/01/2024" in error.value.message_dict["valid_from"][0]
    clash.valid_to = date(2024, 1, 14)
    clash.full_clean()  # adjacent periods are fine
    # Another form's multiple in the same period does not clash.
    MoneyMultiple(
        award_form=AwardForm.objects.get(code="giay_khen_xa"),
        multiple=Decimal("0.15"),
        valid_from=date(2025, 7, 1),
        legal_source="thử nghiệm",
    ).full_clean()


def test_overlapping_authority_is_refused_but_another_level_is_not(seeded):
    form = AwardForm.objects.get(code="giay_khen_xa")
    row = Authority(
        deciding_office=COMMUNE,
        award_form=form,
        unit_level=UnitKind.VILLAGE,
        valid_from=date(2026, 1, 1),
        legal_source="thử nghiệm",
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["valid_from"][0].startswith("Hiệu lực từ ngày:")
    row.unit_level = UnitKind.PROVINCE
    row.full_clean()


def test_end_before_start_is_refused_by_clean_and_by_the_database():
    salary = BaseSalary(
        amount=Decimal(1), valid_from=date(2024, 7, 1), valid_to=date(2024, 6, 30), legal_source="x"
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        salary.full_clean()
    assert error.value.message_dict["valid_to"][0].startswith("Hiệu lực đến ngày:")
    with pytest.raises(IntegrityError), transaction.atomic():
        salary.save()


# --- The loader -------------------------------------------------------------------------------
def test_loader_is_idempotent_and_keeps_corrections(seeded):
    counts = [m.objects.count() for m in (AwardForm, MoneyMultiple, BaseSalary, Authority)]
    history = BaseSalary.history.count()
    assert load().startswith("created 0, updated 0,")
    assert [m.objects.count() for m in (AwardForm, MoneyMultiple, BaseSalary, Authority)] == counts
    assert BaseSalary.history.count() == history  # nothing rewritten

    corrected = BaseSalary.objects.get(valid_from=date(2026, 7, 1))
    corrected.legal_source = "Nghị định 161/2026/NĐ-CP (đã đối chiếu)"
    corrected.save()
    assert "kept 1" in load()
    corrected.refresh_from_db()
    assert corrected.legal_source == "Nghị định 161/2026/NĐ-CP (đã đối chiếu)"

    call_command("load_award_reference", "--overwrite", stdout=StringIO())
    corrected.refresh_from_db()
    assert corrected.legal_source.endswith("(chưa đối chiếu)")


def test_loader_skips_a_seed_row_that_clashes_with_a_correction(seeded):
    # An admin ended 2.340.000 later and deleted the 2026 row; the seed row would now overlap.
    BaseSalary.objects.filter(valid_from=date(2026, 7, 1)).delete()
    BaseSalary.objects.filter(valid_from=date(2024, 7, 1)).update(valid_to=None)
    output = load()
    assert "skipped" in output
    assert BaseSalary.objects.count() == 2


# --- Query counts -----------------------------------------------------------------------------
def test_each_selector_costs_one_query(seeded, django_assert_num_queries):
    day = date(2025, 9, 5)
    with django_assert_num_queries(1):
        base_salary_on(day)
    with django_assert_num_queries(1):
        multiple_on("lao_dong_tien_tien", day).award_form.name  # noqa: B018
    with django_assert_num_queries(1):
        award_amount("lao_dong_tien_tien", day)
    with django_assert_num_queries(1):
        rows = list(authorities_on(day, office=COMMUNE))
        [row.award_form.name for row in rows]
    assert len(rows) > 10
    with django_assert_num_queries(1):
        may_award(COMMUNE, "giay_khen_xa", UnitKind.VILLAGE, day)
    with django_assert_num_queries(1), pytest.raises(ApplicationError):
        award_amount("giay_khen_xa", day)


# --- Admin ------------------------------------------------------------------------------------
@pytest.mark.parametrize("model", ["awardform", "moneymultiple", "basesalary", "authority"])
def test_admin_lists_filter_and_search(seeded, admin_client, model):
    url = reverse(f"admin:award_catalogue_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "đối chiếu"}).status_code == 200
    if model == "authority":
        response = admin_client.get(url, {"deciding_office__exact": "district_chairman"})
        assert response.status_code == 200
        assert "Giấy khen của Chủ tịch Ủy ban nhân dân huyện" in response.content.decode()
