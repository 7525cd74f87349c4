"""What the public and the printed papers show: a notice's default title fits its field and
names the movement once; the public summary and the printed achievement report leave out
the notes of missing data that the officials see while checking."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from thidua.calendar_days.services import load_holidays
from thidua.nominations import achievement, services
from thidua.nominations.models import PublicNotice
from thidua.testing import launched_movement

from .helpers import award_forms, checked, make

pytestmark = pytest.mark.django_db

LONG_TITLE = "Phát động Phong trào thi đua “" + "Chung tay xây dựng nông thôn mới " * 8 + "”"


@pytest.fixture
def movement(world):
    award_forms()
    load_holidays(first_year=2025, last_year=2025)
    return launched_movement(world)


def test_the_default_title_names_the_movement_once(world, movement):
    movement.title = "Phong trào thi đua “Cả nước chung tay vì người nghèo”"
    title = services.default_title(movement)
    assert title.count("Phong trào") + title.count("phong trào") == 1
    assert title.count("“") == 1
    assert "Cả nước chung tay vì người nghèo”" in title


def test_a_long_default_title_fits_and_publishes(world, movement, client):
    movement.title = LONG_TITLE
    movement.save()
    limit = PublicNotice._meta.get_field("title").max_length
    assert len(services.default_title(movement)) <= limit
    assert services.default_title(movement).endswith("…")
    checked(world, movement)
    client.force_login(world.home_affairs)
    url = reverse("nominations:notice_create", args=[movement.pk])
    initial = client.get(url).context["form"].initial
    response = client.post(
        url,
        {
            "title": initial["title"],
            "working_days": "10",
            "nominations": [n.pk for n in initial["nominations"]],
            "publish": "1",
        },
    )
    assert response.status_code == 302
    assert PublicNotice.objects.get().published_on is not None


GAPPY = (
    "Tóm tắt thành tích: Thôn A1 có 1 năm hoàn thành xuất sắc nhiệm vụ trong giai đoạn "
    "2020-2025 (chưa có dữ liệu năm 2020, 2021, 2022); đăng ký 2 công trình.\n\n"
    "I. XẾP LOẠI HẰNG NĂM (2020-2025)\n- Năm 2020: chưa có dữ liệu xếp loại.\n"
    "- Năm 2023: Hoàn thành xuất sắc nhiệm vụ.\n\n"
    "II. THÀNH TÍCH VÀ SỰ VIỆC KHÁC ĐÃ GHI NHẬN\n- Chưa có dữ liệu."
)


def test_public_and_printed_texts_omit_missing_data_notes(world, movement, client):
    summary = achievement.public_summary(GAPPY)
    assert summary.startswith("Thôn A1 có 1 năm hoàn thành xuất sắc nhiệm vụ")
    assert "chưa có dữ liệu" not in summary.lower()
    nomination = make(world, movement, unit=world.village_a1, achievement=GAPPY)
    client.force_login(world.officer_a)
    response = client.get(reverse("nominations:achievement_docx", args=[nomination.pk]))
    body = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "- Năm 2023: Hoàn thành xuất sắc nhiệm vụ." in body
    assert "chưa có dữ liệu" not in body.lower()
    assert "II. THÀNH TÍCH" not in body  # a section left empty is dropped
    # The officials' draft keeps the notes.
    assert "(chưa có dữ liệu năm" in nomination.achievement


def test_the_summary_prints_no_zero_counts(world, movement):
    text = achievement.draft_text(movement=movement, unit=world.village_a2)
    first = text.split("\n\n")[0]
    assert "0 năm" not in first
    assert "chưa có dữ liệu năm 2020" in first  # officials still see the gap
