"""Pages of the works area: access, forms, progress with evidence, compliance, reminders,
flagship works; query-count guards on the lists."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from thidua.testing import UnitFactory, WorkFactory, launched_movement
from thidua.testing import files as testing_files
from thidua.units.models import UnitKind
from thidua.works import services
from thidua.works.models import (
    Evidence,
    FlagshipWork,
    ProgressStatus,
    RegistrationStatus,
    ReminderRecipient,
    Work,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world)


def _login(client, user):
    client.force_login(user)
    return client


def _photo(name="anh.jpg", size=(1200, 800)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


FORM = {
    "unit": "",
    "kind": "construction",
    "name": "Đường bê tông nội thôn",
    "volume": "1,5 km",
    "site": "Thôn A1",
    "estimated_value": "1200000000",
    "funding_source": "combined",
    "expected_completion": "30/06/2025",
}


def test_officer_registers_by_form_and_sees_vietnamese_errors(client, world, movement):
    _login(client, world.officer_a)
    url = reverse("works:create", args=[movement.pk])
    response = client.post(url, {**FORM, "unit": world.commune_a.pk, "site": "", "register": "1"})
    assert response.status_code == 200
    assert "Kế hoạch yêu cầu mọi đăng ký phải có «Địa điểm thi công»" in response.content.decode()
    assert not Work.objects.exists()
    response = client.post(url, {**FORM, "unit": world.commune_a.pk, "register": "1"})
    work = Work.objects.get()
    assert response.url == reverse("works:detail", args=[work.pk])
    assert work.status == RegistrationStatus.REGISTERED
    page = client.get(response.url).content.decode()
    assert "Đường bê tông nội thôn" in page and "1.200.000.000" in page


def test_register_and_add_another_keeps_the_unit(client, world, movement):
    _login(client, world.officer_a)
    url = reverse("works:create", args=[movement.pk])
    response = client.post(url, {**FORM, "unit": world.village_a1.pk, "another": "1"})
    assert response.url == f"{url}?unit={world.village_a1.pk}"
    assert Work.objects.get().unit == world.village_a1


def test_draft_then_register(client, world, movement):
    _login(client, world.officer_a)
    client.post(
        reverse("works:create", args=[movement.pk]),
        {"unit": world.commune_a.pk, "kind": "task", "name": "Phần việc nháp", "draft": "1"},
    )
    work = Work.objects.get()
    assert work.status == RegistrationStatus.DRAFT
    page = client.get(reverse("works:detail", args=[work.pk])).content.decode()
    assert 'data-testid="missing-data"' in page
    client.post(
        reverse("works:edit", args=[work.pk]),
        {**FORM, "kind": "task", "name": "Phần việc nháp", "register": "1"},
    )
    work.refresh_from_db()
    assert work.status == RegistrationStatus.REGISTERED


def test_outsiders_get_404_and_viewers_cannot_register(client, world, movement):
    work = WorkFactory(movement=movement, unit=world.commune_a)
    _login(client, world.officer_b)
    assert client.get(reverse("works:detail", args=[work.pk])).status_code == 404
    assert client.get(reverse("works:edit", args=[work.pk])).status_code == 404
    _login(client, world.viewer_a)
    assert client.get(reverse("works:detail", args=[work.pk])).status_code == 200
    assert client.get(reverse("works:edit", args=[work.pk])).status_code == 403
    assert client.get(reverse("works:create", args=[movement.pk])).status_code == 403
    _login(client, world.nobody)
    assert client.get(reverse("works:list", args=[movement.pk])).status_code == 404


def test_unit_sees_only_its_subtree_and_home_affairs_sees_all(client, world, movement):
    WorkFactory(movement=movement, unit=world.commune_a, name="Công trình của xã A")
    WorkFactory(movement=movement, unit=world.commune_b, name="Công trình của xã B")
    _login(client, world.officer_a)
    page = client.get(reverse("works:list", args=[movement.pk])).content.decode()
    assert "Công trình của xã A" in page and "Công trình của xã B" not in page
    _login(client, world.home_affairs)
    page = client.get(reverse("works:list", args=[movement.pk])).content.decode()
    assert "Công trình của xã A" in page and "Công trình của xã B" in page


def test_list_filters_by_schedule(client, world, movement):
    WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Quá hạn",
        expected_completion=date(2024, 12, 1),
    )
    WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Còn hạn",
        expected_completion=timezone.localdate() + timedelta(days=30),
    )
    _login(client, world.home_affairs)
    page = client.get(
        reverse("works:list", args=[movement.pk]), {"schedule": "overdue"}
    ).content.decode()
    assert "Quá hạn" in page and "Còn hạn" not in page


def test_village_registration_accepted_from_the_list(client, world, movement):
    work = services.work_create(
        actor=world.village_officer_a1,
        movement=movement,
        unit=world.village_a1,
        data={**FORM, "estimated_value": 5, "expected_completion": date(2025, 6, 30)},
    )
    _login(client, world.officer_a)
    page = client.get(reverse("works:list", args=[movement.pk])).content.decode()
    assert 'data-testid="pending-for-me"' in page
    response = client.post(reverse("works:accept", args=[work.pk]), {"next": "list"})
    assert response.url == reverse("works:list", args=[movement.pk])
    work.refresh_from_db()
    assert work.status == RegistrationStatus.REGISTERED


def test_cancel_is_confirmed_with_a_reason(client, world, movement):
    work = WorkFactory(movement=movement, unit=world.commune_a)
    _login(client, world.officer_a)
    url = reverse("works:cancel", args=[work.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    work.refresh_from_db()
    assert work.status == RegistrationStatus.REGISTERED
    client.post(url, {"reason": "Trùng dự án"})
    work.refresh_from_db()
    assert work.status == RegistrationStatus.CANCELLED
    assert work.history.first().history_change_reason.startswith("Đã hủy")


def test_progress_with_photo_and_document(client, world, movement):
    work = WorkFactory(movement=movement, unit=world.commune_a)
    _login(client, world.officer_a)
    pdf = SimpleUploadedFile("bien-ban.pdf", testing_files.PDF, content_type="application/pdf")
    response = client.post(
        reverse("works:progress", args=[work.pk]),
        {
            "status": ProgressStatus.COMPLETED,
            "percent": "100",
            "actual_completion": "15/07/2025",
            "value_done": "480000000",
            "note": "Nghiệm thu xong",
            "files": [_photo(), pdf],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    work.refresh_from_db()
    assert work.progress_status == ProgressStatus.COMPLETED
    assert work.schedule() == "late"  # expected 30/06/2025
    photo, document = Evidence.objects.order_by("pk")
    assert photo.is_image and photo.thumbnail
    with Image.open(photo.thumbnail.open("rb")) as thumb:
        assert max(thumb.size) <= 320
    assert not document.is_image
    response = client.get(reverse("works:evidence_thumbnail", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    _login(client, world.officer_b)
    assert client.get(reverse("works:evidence", args=[document.pk])).status_code == 404


def test_progress_refuses_a_fake_photo_and_bad_figures(client, world, movement):
    work = WorkFactory(movement=movement, unit=world.commune_a)
    _login(client, world.officer_a)
    fake = SimpleUploadedFile("anh.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(
        reverse("works:progress", args=[work.pk]),
        {"status": ProgressStatus.COMPLETED, "percent": "60", "files": [fake]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "phải đạt 100 phần trăm" in page
    assert "Nhập ngày hoàn thành" in page
    assert "không phải ảnh đọc được" in page
    assert not Evidence.objects.exists()
    work.refresh_from_db()
    assert work.progress_percent == 0


def test_compliance_lists_lagging_units(client, world, movement):
    WorkFactory(movement=movement, unit=world.commune_a)  # 1 of 2
    WorkFactory.create_batch(2, movement=movement, unit=world.commune_b)  # compliant
    WorkFactory(movement=movement, unit=world.village_a1, is_late=True)  # late
    WorkFactory(movement=movement, unit=world.village_b1, status="draft", site="")
    _login(client, world.home_affairs)
    response = client.get(reverse("works:compliance", args=[movement.pk]))
    counts = response.context["counts"]
    assert counts["below_minimum"] == 1  # commune A
    assert counts["not_registered"] == 2  # villages A2 and B1 (its draft does not count)
    assert counts["late"] == 1
    assert counts["missing_data"] == 1
    response = client.get(
        reverse("works:compliance", args=[movement.pk]), {"state": "not_registered"}
    )
    names = {row.unit.name for row in response.context["page_obj"]}
    assert names == {"Thôn A2", "Thôn B1"}
    _login(client, world.officer_a)
    assert client.get(reverse("works:compliance", args=[movement.pk])).status_code == 404


def test_reminder_reaches_units_in_app_and_by_email(
    client, world, movement, django_capture_on_commit_callbacks
):
    _login(client, world.home_affairs)
    url = reverse("works:remind", args=[movement.pk])
    page = client.get(url, {"unit": [world.commune_a.pk]}).content.decode()
    assert "Xã A" in page and "chưa đăng ký công trình nào" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "unit": [world.commune_a.pk],
                "subject": "Đôn đốc đăng ký",
                "message": "Đề nghị xã khẩn trương đăng ký.",
                "send": "1",
            },
        )
    assert response.url == reverse("works:compliance", args=[movement.pk])
    recipient = ReminderRecipient.objects.get()
    assert recipient.unit == world.commune_a and recipient.emails_sent >= 2
    assert any("canbo_a@example.org" in m.to for m in mail.outbox)
    _login(client, world.officer_a)
    home = client.get(reverse("home")).content.decode()
    assert "Đôn đốc đăng ký" in home
    client.post(reverse("works:acknowledge", args=[recipient.pk]))
    recipient.refresh_from_db()
    assert recipient.acknowledged_by == world.officer_a
    _login(client, world.officer_b)
    assert client.post(reverse("works:acknowledge", args=[recipient.pk])).status_code == 404
    _login(client, world.home_affairs)
    page = client.get(reverse("works:reminders_sent", args=[movement.pk])).content.decode()
    assert "Đôn đốc đăng ký" in page and "canbo" not in page.split("Đôn đốc đăng ký")[0][-10:]


def test_remind_all_lagging(client, world, movement, django_capture_on_commit_callbacks):
    WorkFactory.create_batch(2, movement=movement, unit=world.commune_b)
    _login(client, world.home_affairs)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("works:remind", args=[movement.pk]),
            {"all": "1", "subject": "Đôn đốc", "message": "Khẩn trương", "send": "1"},
        )
    units = set(ReminderRecipient.objects.values_list("unit__code", flat=True))
    assert units == {"XA", "XA-1", "XA-2", "XB-1"}


def test_flagship_selection_needs_exactly_the_count(client, world, movement):
    works = WorkFactory.create_batch(3, movement=movement, unit=world.commune_a)
    url = reverse("works:flagship", args=[movement.pk])
    _login(client, world.officer_a)
    assert client.get(url).status_code == 404
    _login(client, world.chairman)
    response = client.post(
        url,
        {
            "congress": "Đại hội Đảng bộ huyện lần thứ XVII",
            "work": [works[0].pk],
            f"reason-{works[0].pk}": "Quy mô lớn",
        },
    )
    assert "Phải chọn đúng 2 công trình (đang chọn 1)" in response.content.decode()
    assert not FlagshipWork.objects.exists()
    data = {
        "congress": "Đại hội Đảng bộ huyện lần thứ XVII",
        "work": [works[0].pk, works[1].pk],
        f"reason-{works[0].pk}": "Quy mô lớn",
        f"reason-{works[1].pk}": "Ý nghĩa chính trị",
    }
    assert client.post(url, data).status_code == 302
    assert set(FlagshipWork.objects.values_list("work_id", flat=True)) == {works[0].pk, works[1].pk}
    data["work"] = [works[1].pk, works[2].pk]
    data[f"reason-{works[2].pk}"] = "Thay thế"
    client.post(url, data)
    assert set(FlagshipWork.objects.values_list("work_id", flat=True)) == {works[1].pk, works[2].pk}


def _grow(world, movement, communes: int) -> None:
    for _n in range(communes):
        commune = UnitFactory(kind=UnitKind.COMMUNE, parent=world.district)
        village = UnitFactory(kind=UnitKind.VILLAGE, parent=commune)
        movement.participants.create(unit=commune, source="manual")
        movement.participants.create(unit=village, source="manual")
        WorkFactory.create_batch(2, movement=movement, unit=commune)
        WorkFactory(movement=movement, unit=village, status="pending")


@pytest.mark.parametrize("size", [2, 20])
def test_list_pages_cost_a_fixed_number_of_queries(
    client, world, movement, size, django_assert_max_num_queries
):
    _grow(world, movement, size)
    _login(client, world.home_affairs)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("works:list", args=[movement.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("works:compliance", args=[movement.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("works:reminders_sent", args=[movement.pk])).status_code == 200
    _login(client, world.officer_a)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("works:list", args=[movement.pk])).status_code == 200
    # The desk asks every app for its part (thidua/desk/tests/test_desk_queries.py).
    with django_assert_max_num_queries(16):
        assert client.get(reverse("home")).status_code == 200


def test_search_ignores_accents_in_work_names(client, world, movement):
    WorkFactory(movement=movement, unit=world.commune_a, name="Nhà văn hóa thôn A1")
    WorkFactory(movement=movement, unit=world.commune_a, name="Đường bê tông")
    _login(client, world.home_affairs)
    for q in ("van hoa", "VĂN HÓA", "nha van"):
        page = client.get(reverse("works:list", args=[movement.pk]), {"q": q}).content.decode()
        assert "Nhà văn hóa thôn A1" in page and "Đường bê tông" not in page, q


def test_ids_beyond_a_thousand_survive_the_round_trip(client, world, movement):
    # Vietnamese number formatting writes 1234 as "1.234"; form values must not.
    unit = UnitFactory(pk=12345, kind=UnitKind.COMMUNE, parent=world.district)
    movement.participants.create(unit=unit, source="manual")
    work = WorkFactory(pk=23456, movement=movement, unit=world.commune_a)
    _login(client, world.home_affairs)
    page = client.get(reverse("works:compliance", args=[movement.pk])).content.decode()
    assert 'value="12345"' in page
    page = client.get(reverse("works:remind", args=[movement.pk]), {"unit": "12345"})
    assert 'value="12345"' in page.content.decode()
    _login(client, world.chairman)
    page = client.get(reverse("works:flagship", args=[movement.pk])).content.decode()
    assert f'id="reason-{work.pk}"' in page and 'value="23456"' in page
