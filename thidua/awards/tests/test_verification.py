"""The public verification page: valid, revoked, unknown; the code look-up; what it hides."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.awards.selectors.register import award_by_code, short_code
from thidua.movements.tests.test_browser import login, logout
from thidua.testing import launched_movement
from thidua.testing.awards import AwardFactory, DecisionFactory, award_form, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(world):
    movement = launched_movement(world, title="Phong trào thi đua đặc biệt")
    decision = DecisionFactory(
        movement=movement, created_by=world.chairman, number_label="125/QĐ-UBND"
    )
    hoa = person(world.village_a1, "Nguyễn Thị Hoa", position="Trưởng thôn", birth_year=1979)
    return AwardFactory(
        decision=decision,
        person=hoa,
        award_form=award_form("lao_dong_tien_tien"),
        recipient_detail="Trưởng thôn A1",
        amount=Decimal(710000),
        base_salary=Decimal(2340000),
        multiple=Decimal("0.3"),
    )


def _page(client, award):
    return client.get(reverse("verify:award", kwargs={"token": award.token}))


def test_a_valid_award_without_login(client, award):
    response = _page(client, award)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html
    assert "HỢP LỆ" in html
    for shown in (
        "Lao động tiên tiến",
        "Nguyễn Thị Hoa",
        "Trưởng thôn A1",
        "125/QĐ-UBND",
        "20/05/2025",
        "Chủ tịch Ủy ban nhân dân huyện",
        "Huyện Mẫu",
        "Phong trào thi đua đặc biệt",
    ):
        assert shown in html, shown
    assert response["Cache-Control"].startswith("max-age=0")


def test_no_other_personal_data_or_money(client, award):
    html = _page(client, award).content.decode()
    assert "1979" not in html  # year of birth
    assert "710" not in html  # the amount
    assert reverse("criteria:person", args=[award.person_id]) not in html
    assert reverse("awards:award", args=[award.pk]) not in html


def test_a_revoked_award_says_so(client, world, award):
    award.revoked_on = date(2025, 10, 2)
    award.revocation_reason = "Kê khai thành tích không trung thực"
    award.revocation_decision = "Quyết định số 301/QĐ-UBND ngày 02/10/2025"
    award.save()
    html = _page(client, award).content.decode()
    assert 'data-status="revoked"' in html
    assert 'data-status="valid"' not in html
    assert "ĐÃ THU HỒI" in html
    assert "02/10/2025" in html
    assert "Kê khai thành tích không trung thực" not in html  # a sanction is never published
    assert "301/QĐ-UBND" in html


def test_an_unknown_token_is_a_friendly_404(client, award):
    response = client.get(reverse("verify:award", kwargs={"token": uuid.uuid4()}))
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-status="unknown"' in html
    assert 'name="code"' in html  # the look-up form to try again


def test_a_malformed_token_is_not_routed(client):
    assert client.get("/xac-minh/khong-phai-ma/").status_code == 404


def test_lookup_form_shows_without_login(client):
    response = client.get(reverse("verify:lookup"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


@pytest.mark.parametrize("variant", ["short", "short-lower", "full", "full-hex"])
def test_lookup_by_code_redirects_to_the_page(client, award, variant):
    code = {
        "short": short_code(award),
        "short-lower": f"  {short_code(award).lower().replace('-', ' ')} ",
        "full": str(award.token),
        "full-hex": award.token.hex.upper(),
    }[variant]
    response = client.get(reverse("verify:lookup"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify:award", kwargs={"token": award.token})


@pytest.mark.parametrize("code", ["0000-0000-0000", "XYZ", "1234", "'; drop table"])
def test_lookup_of_an_unknown_code_is_404(client, award, code):
    if short_code(award) == code:
        pytest.skip("collision with a random token")
    response = client.get(reverse("verify:lookup"), {"code": code})
    assert response.status_code == 404
    assert 'data-status="unknown"' in response.content.decode()


def test_an_ambiguous_short_code_finds_nothing(world, award):
    twin = AwardFactory(unit=world.village_a2)
    twin.token = uuid.UUID(award.token.hex[:12] + "0" * 20)
    twin.save()
    award.token = uuid.UUID(award.token.hex[:12] + "f" * 20)
    award.save()
    assert award_by_code(short_code(award)) is None
    assert award_by_code(str(award.token)) == award


def test_the_award_page_links_to_its_public_page(client, world, award):
    client.force_login(world.home_affairs)
    html = client.get(reverse("awards:award", args=[award.pk])).content.decode()
    assert f"http://testserver/xac-minh/{award.token}/" in html


# --- in the browser, on a phone-sized screen ----------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_revocation_journey_on_a_phone(page, live_server, world, tmp_path):
    movement = launched_movement(world, title="Phong trào thi đua đặc biệt")
    decision = DecisionFactory(
        movement=movement, created_by=world.chairman, number_label="125/QĐ-UBND"
    )
    award = AwardFactory(decision=decision, person=person(world.village_a1, "Nguyễn Thị Hoa"))
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    public = base + reverse("verify:award", kwargs={"token": award.token})

    page.goto(public)
    expect(page.get_by_test_id("verify-status")).to_contain_text("HỢP LỆ")

    login(page, base, "noivu")
    page.goto(base + reverse("awards:register"))
    page.get_by_role("link", name="Nguyễn Thị Hoa").click()
    page.get_by_role("link", name="Thu hồi").click()
    page.get_by_label("Lý do thu hồi").fill("Kê khai thành tích không trung thực")
    page.get_by_label("Quyết định thu hồi").fill("301/QĐ-UBND ngày 02/10/2025")
    page.get_by_label("Ngày thu hồi").fill("02/10/2025")
    page.get_by_role("button", name="Thu hồi khen thưởng").click()
    expect(page.get_by_test_id("revocation")).to_contain_text("Kê khai thành tích")
    expect(page.get_by_role("link", name="Giấy khen (PDF)")).to_have_count(0)
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    logout(page)

    page.goto(base + reverse("verify:lookup"))
    page.get_by_label("Mã xác minh").fill(short_code(award).lower())
    page.get_by_role("button", name="Xác minh").click()
    assert page.url == public
    expect(page.get_by_test_id("verify-status")).to_contain_text("ĐÃ THU HỒI")
    expect(page.get_by_test_id("verify-status")).to_contain_text("02/10/2025")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
