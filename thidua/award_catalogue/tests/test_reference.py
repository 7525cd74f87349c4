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
    Recipient,
)
from thidua.award_catalogue.money import award_money
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
IND, COLL = Recipient.INDIVIDUAL, Recipient.COLLECTIVE


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


def test_every_figure_cites_its_article_or_says_it_is_unchecked(seeded):
    """The figures of shared/domain.md "Legal data, checked" cite their article; the others
    say "(chưa đối chiếu)"."""
    for model in (MoneyMultiple, BaseSalary, Authority):
        for row in model.objects.all():
            assert (
                "Điều" in row.legal_source
                or row.legal_source.endswith("(chưa đối chiếu)")
                or row.legal_source == "Nghị định 24/2023/NĐ-CP"
            ), row


@pytest.mark.parametrize(
    ("form", "recipient", "day", "amount"),
    [
        ("lao_dong_tien_tien", IND, date(2024, 12, 15), Decimal("710000")),  # 702.000 ↑
        ("chien_si_thi_dua_co_so", IND, date(2026, 7, 20), Decimal("2530000")),  # 1,0 × 2.530.000
        ("thon_van_hoa", COLL, date(2024, 6, 30), Decimal("2700000")),  # 1,5 × 1.800.000
        ("tap_the_lao_dong_tien_tien", COLL, date(2025, 7, 1), Decimal("1880000")),  # 1.872.000 ↑
        ("tap_the_lao_dong_xuat_sac", COLL, date(2026, 6, 30), Decimal("3510000")),
        ("tap_the_lao_dong_tien_tien", COLL, date(2026, 7, 1), Decimal("2030000")),  # 2.024.000 ↑
    ],
)
def test_award_amount(seeded, form, recipient, day, amount):
    assert award_amount(form, day, recipient=recipient) == amount


def test_money_rounds_up_to_10000_nd152_art49(seeded):
    """Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2 (and Nghị định 98/2023 before): base salary ×
    multiple is rounded UP to the nearest 10.000 đ, with the base in force on the decision date:
    Lao động tiên tiến 0,3 × 2.340.000 = 702.000 → 710.000; 0,3 × 2.530.000 = 759.000 → 760.000
    for a decision dated on or after 01/07/2026 (Nghị định 161/2026, Điều 3 khoản 2)."""
    assert award_money(Decimal(2_340_000), Decimal("0.3"), Decimal(10_000)) == 710_000
    assert award_amount("lao_dong_tien_tien", date(2025, 12, 20), recipient=IND) == 710_000
    assert award_amount("lao_dong_tien_tien", date(2026, 6, 30), recipient=IND) == 710_000
    assert award_amount("lao_dong_tien_tien", date(2026, 7, 1), recipient=IND) == 760_000
    # An exact multiple of 10.000 stays; one đồng above goes up a whole step.
    assert award_money(Decimal(2_340_000), Decimal("1.0"), Decimal(10_000)) == 2_340_000
    assert award_money(Decimal(2_340_001), Decimal("1.0"), Decimal(10_000)) == 2_350_000
    step = MoneyMultiple.objects.filter(award_form__code="lao_dong_tien_tien")
    assert set(step.values_list("round_up_to", flat=True)) == {Decimal(10_000)}
    assert all("Điều 49 khoản 2" in row.legal_source for row in step)


def test_rounding_step_is_data(seeded):
    MoneyMultiple.objects.filter(award_form__code="lao_dong_tien_tien").update(round_up_to=1000)
    assert award_amount("lao_dong_tien_tien", date(2025, 12, 20), recipient=IND) == 702_000
    BaseSalary.objects.filter(valid_from=date(2024, 7, 1)).update(amount=Decimal("2340005"))
    # 0,3 × 2.340.005 = 702.001,5 → 703.000 with a step of 1.000
    assert award_amount("lao_dong_tien_tien", date(2024, 12, 15), recipient=IND) == 703_000


def test_nd98_multiple_applies_from_1_january_2024(seeded):
    """Nghị định 98/2023/NĐ-CP, Điều 54 took effect with Luật Thi đua, khen thưởng 2022 on
    01/01/2024 (not 15/01/2024): 0,3 × 1.800.000 = 540.000 on 01/01/2024."""
    row = multiple_on("lao_dong_tien_tien", date(2024, 1, 1), recipient=IND)
    assert row.valid_from == date(2024, 1, 1) and "98/2023" in row.legal_source
    assert award_amount("lao_dong_tien_tien", date(2024, 1, 1), recipient=IND) == 540_000
    with pytest.raises(ApplicationError):
        multiple_on("lao_dong_tien_tien", date(2023, 12, 31), recipient=IND)


def test_bang_khen_individual_1_5_and_collective_3_0_from_1_july_2025_nd152_art54(seeded):
    """Nghị định 152/2025/NĐ-CP, Điều 54: Bằng khen of the provincial chairman 1,5 × base
    for an individual, 3,0 × for a collective; Giấy khen 0,3 / 0,6 — from 01/07/2025."""
    day = date(2025, 7, 1)
    assert award_amount("bang_khen_tinh", day, recipient=IND) == 3_510_000  # 1,5 × 2.340.000
    assert award_amount("bang_khen_tinh", day, recipient=COLL) == 7_020_000  # 3,0 × 2.340.000
    assert award_amount("giay_khen_xa", day, recipient=IND) == 710_000  # 702.000 ↑
    assert award_amount("giay_khen_xa", day, recipient=COLL) == 1_410_000  # 1.404.000 ↑
    assert award_amount("bang_khen_tinh", date(2026, 7, 1), recipient=IND) == 3_800_000
    row = multiple_on("bang_khen_tinh", day, recipient=IND)
    assert "152/2025" in row.legal_source and "Điều 54" in row.legal_source
    with pytest.raises(ApplicationError):
        multiple_on("bang_khen_tinh", date(2025, 6, 30), recipient=IND)  # not checked before


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
        award_amount("giay_khen_huyen", date(2025, 9, 5), recipient=IND)
    assert "giay_khen_huyen" in error.value.message
    assert "05/09/2025" in error.value.message
    with pytest.raises(ApplicationError):
        multiple_on("lao_dong_tien_tien", date(2023, 12, 31), recipient=IND)  # before ND 98/2023
    with pytest.raises(ApplicationError):  # a title for individuals has no collective multiple
        award_amount("lao_dong_tien_tien", date(2025, 9, 5), recipient=COLL)


def test_award_amount_without_base_salary_names_the_salary(seeded):
    BaseSalary.objects.filter(valid_from=date(2024, 7, 1)).delete()
    with translation.override("vi"), pytest.raises(ApplicationError) as error:
        award_amount("lao_dong_tien_tien", date(2024, 12, 15), recipient=IND)
    assert "mức lương cơ sở" in error.value.message


def test_multiple_on_accepts_a_form_or_its_code(seeded):
    form = AwardForm.objects.get(code="lao_dong_tien_tien")
    old = multiple_on(form, date(2025, 6, 30), recipient=IND)
    new = multiple_on("lao_dong_tien_tien", date(2025, 7, 1), recipient=IND)
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
        recipient=IND,
        multiple=Decimal("0.4"),
        round_up_to=Decimal(10_000),
        valid_from=date(2020, 1, 1),
        valid_to=date(2024, 1, 1),  # the last day overlaps the seeded period
        legal_source="thử nghiệm",
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "01/01/2024" in error.value.message_dict["valid_from"][0]
    clash.valid_to = date(2023, 12, 31)
    clash.full_clean()  # adjacent periods are fine
    # Another form's multiple in the same period does not clash; nor the other recipient's.
    MoneyMultiple(
        award_form=AwardForm.objects.get(code="giay_khen_huyen"),
        recipient=COLL,
        multiple=Decimal("0.15"),
        round_up_to=Decimal(10_000),
        valid_from=date(2025, 1, 1),
        legal_source="thử nghiệm",
    ).full_clean()
    # A form for individuals takes no collective multiple.
    wrong = MoneyMultiple(
        award_form=form,
        recipient=COLL,
        multiple=Decimal("0.3"),
        round_up_to=Decimal(10_000),
        valid_from=date(2030, 1, 1),
        legal_source="thử nghiệm",
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "recipient" in error.value.message_dict


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
    corrected.legal_source = "Nghị định 161/2026/NĐ-CP (bản sửa của quản trị)"
    corrected.save()
    assert "kept 1" in load()
    corrected.refresh_from_db()
    assert corrected.legal_source == "Nghị định 161/2026/NĐ-CP (bản sửa của quản trị)"

    call_command("load_award_reference", "--overwrite", stdout=StringIO())
    corrected.refresh_from_db()
    assert corrected.legal_source == "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2"


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
        multiple_on("lao_dong_tien_tien", day, recipient=IND).award_form.name  # noqa: B018
    with django_assert_num_queries(1):
        award_amount("lao_dong_tien_tien", day, recipient=IND)
    with django_assert_num_queries(1):
        rows = list(authorities_on(day, office=COMMUNE))
        [row.award_form.name for row in rows]
    assert len(rows) > 10
    with django_assert_num_queries(1):
        may_award(COMMUNE, "giay_khen_xa", UnitKind.VILLAGE, day)
    with django_assert_num_queries(1), pytest.raises(ApplicationError):
        award_amount("giay_khen_huyen", day, recipient=IND)


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
