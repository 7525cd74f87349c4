"""Award money: totals per fund and form, rates with their sources, revoked awards left out,
who sees what, the payment list workbook and the amount in words."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.award_catalogue.models import DecidingOffice
from thidua.awards.documents.payment_list import amount_in_words, number_words
from thidua.awards.models import Decision
from thidua.awards.selectors.budget import budget_overview, movement_budget
from thidua.testing import launched_movement
from thidua.testing.awards import (
    ND73,
    ND98,
    AwardFactory,
    DecisionFactory,
    award_form,
    finance_officer,
    money_reference,
    person,
)

pytestmark = pytest.mark.django_db

DISTRICT, COMMUNE = DecidingOffice.DISTRICT_CHAIRMAN, DecidingOffice.COMMUNE_CHAIRMAN


@pytest.fixture
def finance(world):
    return finance_officer(world)


@pytest.fixture
def movement(world):
    money_reference()
    movement = launched_movement(world, title="Phong trào thi đua đặc biệt")
    district = DecisionFactory(
        movement=movement,
        created_by=world.chairman,
        number_label="125/QĐ-UBND",
        signed_on=date(2025, 5, 20),
    )
    commune = DecisionFactory(
        movement=movement,
        issuing_unit=world.commune_a,
        deciding_office=COMMUNE,
        created_by=world.chairman,
        number_label="30/QĐ-UBND",
        signed_on=date(2025, 6, 10),
    )
    collective, worker = award_form("tap_the_lao_dong_tien_tien"), award_form("lao_dong_tien_tien")
    # District fund: 1.880.000 + 710.000, a Giấy khen without money, a revoked 710.000.
    AwardFactory(decision=district, unit=world.village_a1, award_form=collective)
    AwardFactory(
        decision=district, person=person(world.village_a1, "Lò Thị Hoa"), award_form=worker
    )
    AwardFactory(decision=district, unit=world.commune_b, award_form=award_form("giay_khen_huyen"))
    AwardFactory(
        decision=district,
        person=person(world.village_b1, "Giàng A Tú"),
        award_form=worker,
        revoked_on=date(2025, 9, 1),
        revocation_reason="Sai sự thật",
    )
    # Commune fund: 710.000 + 1.880.000.
    AwardFactory(
        decision=commune, person=person(world.village_a2, "Vàng Thị Lan"), award_form=worker
    )
    AwardFactory(decision=commune, unit=world.village_a2, award_form=collective)
    return movement


def test_money_follows_the_figures_in_force(finance, movement):
    budget = movement_budget(finance, movement)
    rates = {(r.form_name, r.multiple): r for r in budget.rates}
    worker = rates[("Lao động tiên tiến", Decimal("0.30"))]
    assert (worker.base_salary, worker.each, worker.count, worker.total) == (
        Decimal(2340000),
        Decimal(710000),
        2,
        Decimal(1420000),
    )
    assert worker.multiple_source == ND98 and worker.salary_source == ND73
    collective = rates[("Tập thể lao động tiên tiến", Decimal("0.80"))]
    assert (collective.each, collective.count) == (Decimal(1880000), 2)


def test_totals_by_fund_and_form_exclude_revoked(finance, movement):
    budget = movement_budget(finance, movement)
    assert budget.whole
    funds = {fund.office: fund for fund in budget.funds}
    assert list(funds) == [DISTRICT, COMMUNE]
    district, commune = funds[DISTRICT], funds[COMMUNE]
    assert (district.count, district.total, district.unpriced) == (3, Decimal(2590000), 1)
    assert (commune.count, commune.total, commune.unpriced) == (2, Decimal(2590000), 0)
    assert {line.name: (line.count, line.total) for line in district.forms} == {
        "Giấy khen của Chủ tịch Ủy ban nhân dân huyện": (1, Decimal(0)),
        "Lao động tiên tiến": (1, Decimal(710000)),
        "Tập thể lao động tiên tiến": (1, Decimal(1880000)),
    }
    assert (budget.count, budget.total, budget.unpriced) == (5, Decimal(5180000), 1)
    assert (budget.revoked_count, budget.revoked_total) == (1, Decimal(710000))
    assert [a.recipient_name for a in budget.unpriced_awards] == ["Xã B"]


def test_home_affairs_sees_the_whole_movement_too(world, movement):
    budget = movement_budget(world.home_affairs, movement)
    assert budget.whole and budget.total == Decimal(5180000)


def test_a_unit_sees_only_its_own_awards(world, movement):
    budget = movement_budget(world.officer_b, movement)
    assert not budget.whole
    assert (budget.count, budget.total, budget.unpriced) == (1, Decimal(0), 1)
    assert budget.revoked_count == 1
    budget_a = movement_budget(world.officer_a, movement)
    assert (budget_a.count, budget_a.total) == (4, Decimal(5180000))


def test_overview_per_movement(world, finance, movement):
    (row,) = budget_overview(finance)
    assert (row["movement_id"], row["count"], row["total"], row["revoked"]) == (
        movement.pk,
        5,
        Decimal(5180000),
        1,
    )
    (row_b,) = budget_overview(world.officer_b)
    assert (row_b["count"], row_b["total"], row_b["unpriced"]) == (1, None, 1)
    assert budget_overview(world.nobody) == []


def test_budget_pages(client, finance, movement):
    client.force_login(finance)
    overview = client.get(reverse("awards:budgets"))
    assert overview.status_code == 200
    assert reverse("awards:budget", args=[movement.pk]) in overview.content.decode()
    page = client.get(reverse("awards:budget", args=[movement.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "5.180.000" in html and "2.590.000" in html
    assert ND98 in html and ND73 in html
    assert 'data-testid="revoked-note"' in html


def test_budget_page_access(client, world, movement):
    url = reverse("awards:budget", args=[movement.pk])
    assert client.get(url).status_code == 302  # login first
    client.force_login(world.nobody)
    assert client.get(url).status_code == 404
    assert client.get(reverse("awards:payment_list", args=[movement.pk])).status_code == 404


@pytest.mark.parametrize("extra", [0, 25])
def test_budget_page_query_count_is_fixed(
    client, world, finance, movement, django_assert_max_num_queries, extra
):
    decision = Decision.objects.get(number_label="125/QĐ-UBND")
    for number in range(extra):
        AwardFactory(
            decision=decision,
            person=person(world.village_a1, f"Người {number}"),
            award_form=award_form("lao_dong_tien_tien" if number % 2 else "giay_khen_huyen"),
        )
    client.force_login(finance)
    # A page's own queries (about 7) plus the session, the user, the reach and what base.html's
    # context processors ask; the same bound at both sizes is what matters.
    with django_assert_max_num_queries(16):
        assert client.get(reverse("awards:budget", args=[movement.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("awards:budgets")).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(reverse("awards:payment_list", args=[movement.pk]))
    assert response.status_code == 200


# --- the payment list -------------------------------------------------------------------


def _workbook(client, user, movement):
    client.force_login(user)
    response = client.get(reverse("awards:payment_list", args=[movement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def _rows(sheet):
    """The award rows: below the header (row 9), until the total row."""
    rows = []
    for row in sheet.iter_rows(min_row=10, values_only=True):
        if not isinstance(row[0], int):
            break
        rows.append(row)
    return rows


def test_payment_list_one_sheet_per_fund_with_sum_formulas(client, finance, movement):
    workbook = _workbook(client, finance, movement)
    assert workbook.sheetnames == ["Quỹ cấp huyện", "Quỹ cấp xã", "Chưa có mức tiền"]
    district = workbook["Quỹ cấp huyện"]
    assert district["A4"].value == "DANH SÁCH CHI TIỀN THƯỞNG"
    assert "Quỹ thi đua, khen thưởng cấp huyện" in district["A6"].value
    assert [c.value for c in district[9]] == [
        "STT",
        "Tập thể, cá nhân được khen thưởng",
        "Chức vụ, đơn vị",
        "Hình thức khen thưởng",
        "Số quyết định",
        "Ngày quyết định",
        "Mức lương cơ sở (đồng)",
        "Hệ số",
        "Số tiền (đồng)",
        "Ký nhận",
    ]
    rows = _rows(district)
    assert {row[1] for row in rows} == {"Thôn A1", "Lò Thị Hoa"}  # no revoked, no unpriced
    assert sum(row[8] for row in rows) == 2590000
    total_row = 10 + len(rows)
    assert district.cell(total_row, 9).value == f"=SUM(I10:I{total_row - 1})"
    assert district.cell(total_row, 1).value == "Tổng cộng (2 khen thưởng)"
    assert district.cell(10, 9).number_format == "#,##0"
    assert district.cell(10, 7).number_format == "#,##0"
    assert district.cell(10, 6).number_format == "DD/MM/YYYY"
    assert "Hai triệu năm trăm chín mươi nghìn đồng" in district.cell(total_row + 1, 1).value
    assert district.page_setup.paperSize == 9  # A4
    assert district.page_setup.orientation == "landscape"
    assert district.print_title_rows == "$9:$9"

    commune = workbook["Quỹ cấp xã"]
    assert sum(row[8] for row in _rows(commune)) == 2590000
    unpriced = workbook["Chưa có mức tiền"]
    assert [row[1] for row in _rows(unpriced)] == ["Xã B"]
    names = {
        cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value
    }
    assert "Giàng A Tú" not in names  # revoked


def test_payment_list_of_a_unit_has_only_its_awards(client, world, movement):
    workbook = _workbook(client, world.officer_b, movement)
    # Only a Giấy khen without money: an empty district sheet (total 0) and the unpriced sheet.
    assert workbook.sheetnames == ["Quỹ cấp huyện", "Chưa có mức tiền"]
    assert _rows(workbook["Quỹ cấp huyện"]) == []
    assert [row[1] for row in _rows(workbook["Chưa có mức tiền"])] == ["Xã B"]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (105, "một trăm linh năm"),
        (114, "một trăm mười bốn"),
        (702000, "bảy trăm linh hai nghìn"),
        (1872000, "một triệu tám trăm bảy mươi hai nghìn"),
        (2340000, "hai triệu ba trăm bốn mươi nghìn"),
        (1000005, "một triệu không trăm linh năm"),
        (1_000_000_000, "một tỷ"),
        (1_250_000_000, "một tỷ hai trăm năm mươi triệu"),
    ],
)
def test_number_words(number, words):
    assert number_words(number) == words


def test_amount_in_words():
    assert amount_in_words(Decimal(702000)) == "Bảy trăm linh hai nghìn đồng"
