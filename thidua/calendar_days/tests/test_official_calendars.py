"""The checked calendars of 2025 and 2026 (shared/domain.md, "Legal data, checked"), as
``load_holidays`` records them, and working-day windows across them."""

from datetime import date

import pytest

from thidua.calendar_days.models import DayOff, DayOffKind, MadeUpWorkday
from thidua.calendar_days.services import load_holidays
from thidua.calendar_days.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def calendar(module_db):
    load_holidays(first_year=2024, last_year=2027)


def test_2_january_2026_off_and_saturday_10_january_2026_worked_vpcp_12729_blld_art111_3(
    calendar,
):
    """Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX; make-up day: Bộ luật Lao động 2019, Điều 111
    khoản 3. 01/01 and 02/01/2026 are off; Saturday 10/01/2026 is worked."""
    assert not is_working_day(date(2026, 1, 1))
    assert not is_working_day(date(2026, 1, 2))
    assert is_working_day(date(2026, 1, 10))
    assert not is_working_day(date(2026, 1, 11))  # Sunday stays a rest day
    worked = MadeUpWorkday.objects.get(date=date(2026, 1, 10))
    off = DayOff.objects.get(date=date(2026, 1, 2))
    for row in (worked, off):
        assert "khoản 3 Điều 111" in row.legal_source
        assert "12729/VPCP-KGVX" in row.legal_source


def test_ten_working_day_window_across_2_and_10_january_2026():
    """Posted Thu 25/12/2025: 26, 29, 30, 31/12 (1-4); 01/01 and 02/01 off; 05-09/01 (5-9);
    Saturday 10/01 worked (10). A notice posted then closes at the end of Saturday 10/01/2026."""
    load_holidays(first_year=2025, last_year=2026)
    posted = date(2025, 12, 25)
    assert add_working_days(posted, 10) == date(2026, 1, 10)
    assert working_days_between(posted, date(2026, 1, 10)) == 10
    assert add_working_days(posted, 11) == date(2026, 1, 12)
    assert working_days_between(posted, date(2026, 1, 9)) == 9


def test_27_january_2025_is_a_tet_holiday_thong_bao_6150_tb_bldtbxh(calendar):
    """Thông báo 6150/TB-BLĐTBXH: 27-31/01/2025 are the five Tết days (Bộ luật Lao động 2019,
    Điều 112 khoản 1 điểm b), not make-up days; Saturday 01/02/2025 is an ordinary weekend."""
    for day in range(27, 32):
        row = DayOff.objects.get(date=date(2025, 1, day))
        assert row.kind == DayOffKind.PUBLIC_HOLIDAY, row
        assert "6150/TB-BLĐTBXH" in row.legal_source
        assert "khoản 1 Điều 112, điểm b" in row.legal_source
    assert not DayOff.objects.filter(date=date(2025, 2, 1)).exists()
    assert not DayOff.objects.filter(
        date__range=(date(2025, 1, 1), date(2025, 12, 31)), kind=DayOffKind.COMPENSATORY
    ).exists()


def test_24_november_is_a_holiday_from_2026_nq28_2026_qh16_art2(calendar):
    """Nghị quyết 28/2026/QH16, Điều 2 (in force 01/07/2026): Ngày Văn hóa Việt Nam 24/11 is
    a day off from 2026; 24/11/2025 (a Monday) was a working day."""
    assert not is_working_day(date(2026, 11, 24))
    assert is_working_day(date(2025, 11, 24))
    row = DayOff.objects.get(date=date(2026, 11, 24))
    assert row.legal_source.startswith("Nghị quyết 28/2026/QH16, Điều 2")
    assert not DayOff.objects.filter(date=date(2025, 11, 24)).exists()
    assert DayOff.objects.get(date=date(2027, 11, 24)).legal_source == row.legal_source


def test_2026_calendar_is_the_checked_list(calendar):
    """Tết 16-20/02; 27/04 (Giỗ Tổ on Sunday 26/04); 30/04; 01/05; 31/08 off with Saturday
    22/08 worked; 01-02/09; 24/11."""
    off = {
        date(2026, 1, 1),
        date(2026, 1, 2),
        *(date(2026, 2, d) for d in range(16, 21)),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2026, 11, 24),
    }
    weekday_offs = {
        row.date
        for row in DayOff.objects.filter(date__year=2026)
        if row.date.weekday() < 5  # 26/04 (a Sunday) is recorded too, as the holiday itself
    }
    assert weekday_offs == off
    assert set(MadeUpWorkday.objects.filter(date__year=2026).values_list("date", flat=True)) == {
        date(2026, 1, 10),
        date(2026, 8, 22),
    }
    assert DayOff.objects.get(date=date(2026, 4, 27)).kind == DayOffKind.COMPENSATORY


def test_make_up_days_cite_labour_code_art_111_3(calendar):
    """Bộ luật Lao động 2019, Điều 111 khoản 3: every worked weekend day and every day off in
    place of a holiday on a weekend cites it (never "Điều 112 khoản 3")."""
    make_up = [
        *MadeUpWorkday.objects.all(),
        *DayOff.objects.exclude(kind=DayOffKind.PUBLIC_HOLIDAY),
    ]
    assert len(make_up) >= 8
    for row in make_up:
        assert "Bộ luật Lao động 2019, khoản 3 Điều 111" in row.legal_source, row
    assert not DayOff.objects.filter(legal_source__contains="khoản 3 Điều 112").exists()
