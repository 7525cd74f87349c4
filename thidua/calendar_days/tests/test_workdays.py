from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from thidua.calendar_days.models import DayOff, DayOffKind, MadeUpWorkday
from thidua.calendar_days.services import load_holidays
from thidua.calendar_days.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def holidays_2024_2027(module_db):
    """Loaded once for the module (each test's writes are rolled back)."""
    load_holidays(first_year=2024, last_year=2027)


# --- weekends and the counting rule, on an empty calendar ---


def test_weekends_are_not_working_days():
    assert is_working_day(date(2025, 6, 6))  # Friday
    assert not is_working_day(date(2025, 6, 7))  # Saturday
    assert not is_working_day(date(2025, 6, 8))  # Sunday
    assert is_working_day(date(2025, 6, 9))  # Monday


def test_start_day_never_counts():
    assert add_working_days(date(2025, 6, 6), 1) == date(2025, 6, 9)  # Fri -> Mon
    assert add_working_days(date(2025, 6, 7), 1) == date(2025, 6, 9)  # Sat -> Mon
    assert add_working_days(date(2025, 6, 2), 5) == date(2025, 6, 9)  # Mon -> next Mon


def test_zero_and_negative():
    assert add_working_days(date(2025, 6, 8), 0) == date(2025, 6, 8)  # even a Sunday
    with pytest.raises(ValueError):
        add_working_days(date(2025, 6, 6), -1)
    assert working_days_between(date(2025, 6, 9), date(2025, 6, 9)) == 0
    assert working_days_between(date(2025, 6, 9), date(2025, 6, 2)) == 0


def test_made_up_workday_on_a_saturday():
    MadeUpWorkday.objects.create(date=date(2025, 6, 7), name="Làm bù")
    assert is_working_day(date(2025, 6, 7))
    assert add_working_days(date(2025, 6, 6), 1) == date(2025, 6, 7)
    assert add_working_days(date(2025, 6, 6), 2) == date(2025, 6, 9)
    assert working_days_between(date(2025, 6, 6), date(2025, 6, 9)) == 2


def test_a_day_off_on_a_weekday():
    DayOff.objects.create(date=date(2025, 6, 9), name="Nghỉ", kind=DayOffKind.EXTRA)
    assert not is_working_day(date(2025, 6, 9))
    assert add_working_days(date(2025, 6, 6), 1) == date(2025, 6, 10)


# --- hand-checked notices with the loaded holidays ---


def test_notice_posted_just_before_tet_2025(holidays_2024_2027):
    # Posted Fri 24/1/2025. Tết: Sat 25/1 - Sun 2/2 off (weekdays 27-31/1 are days off).
    # Working days: 3,4,5,6,7/2 (1-5) and 10,11,12,13,14/2 (6-10).
    posted = date(2025, 1, 24)
    for day in range(27, 32):
        assert not is_working_day(date(2025, 1, day))
    assert add_working_days(posted, 1) == date(2025, 2, 3)
    assert add_working_days(posted, 10) == date(2025, 2, 14)
    assert working_days_between(posted, date(2025, 2, 14)) == 10
    assert working_days_between(posted, date(2025, 2, 2)) == 0


def test_notice_across_30_4_and_1_5_2025(holidays_2024_2027):
    # Posted Fri 25/4/2025. Sat 26/4 is worked (in exchange for Fri 2/5): 1; Mon 28: 2;
    # Tue 29: 3; 30/4, 1/5, 2/5 off; Mon 5/5 - Fri 9/5: 4-8; Mon 12: 9; Tue 13: 10.
    posted = date(2025, 4, 25)
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 5, 2))
    assert add_working_days(posted, 1) == date(2025, 4, 26)
    assert add_working_days(posted, 10) == date(2025, 5, 13)
    assert working_days_between(posted, date(2025, 5, 13)) == 10


def test_notice_across_national_day_2025(holidays_2024_2027):
    # Posted Fri 29/8/2025. Mon 1/9 and Tue 2/9 off; Wed 3/9 - Fri 5/9: 1-3;
    # 8-12/9: 4-8; Mon 15: 9; Tue 16: 10.
    posted = date(2025, 8, 29)
    assert add_working_days(posted, 10) == date(2025, 9, 16)
    assert working_days_between(posted, date(2025, 9, 16)) == 10


def test_loaded_days_match_checked_decisions(holidays_2024_2027):
    # Tết 2026: off Sat 14/2 to Sun 22/2/2026.
    assert is_working_day(date(2026, 2, 13))
    assert not any(is_working_day(date(2026, 2, day)) for day in range(14, 23))
    assert is_working_day(date(2026, 2, 23))
    # 2/9/2024 fell on a Monday: the adjacent day was Tue 3/9.
    assert not is_working_day(date(2024, 9, 3))
    assert is_working_day(date(2024, 8, 30))
    # Hùng Kings 2026 falls on Sunday 26/4: Monday 27/4 is its compensatory day.
    assert DayOff.objects.get(date=date(2026, 4, 27)).kind == DayOffKind.COMPENSATORY
    assert DayOff.objects.get(date=date(2024, 4, 29)).kind == DayOffKind.EXTRA
    assert MadeUpWorkday.objects.filter(date=date(2024, 5, 4)).exists()


def test_every_loaded_day_names_its_source(holidays_2024_2027):
    assert not DayOff.objects.filter(legal_source="").exists()
    assert not MadeUpWorkday.objects.filter(legal_source="").exists()
    # 01/01; the five Tết days 27-31/01; 07/04; 30/04, 01/05, 02/05; 01-02/09 (no row on
    # Saturday 01/02/2025: it is no Tết day under Thông báo 6150/TB-BLĐTBXH).
    assert DayOff.objects.filter(date__year=2025).count() == 12


# --- load_holidays ---


def test_load_holidays_is_idempotent_and_keeps_corrections():
    call_command("load_holidays", "--from", "2024", "--to", "2027", stdout=None)
    offs, workdays = DayOff.objects.count(), MadeUpWorkday.objects.count()
    history = DayOff.history.count()
    assert offs > 40 and workdays == 4  # 04/05/2024, 26/04/2025, 10/01 and 22/08/2026

    corrected = DayOff.objects.get(date=date(2025, 1, 1))
    corrected.name = "Tết Dương lịch 2025"
    corrected.save()

    result = load_holidays(first_year=2024, last_year=2027)
    assert result.created == 0 and result.updated == 0
    assert (DayOff.objects.count(), MadeUpWorkday.objects.count()) == (offs, workdays)
    assert DayOff.history.count() == history + 1  # only the correction
    assert DayOff.objects.get(date=date(2025, 1, 1)).name == "Tết Dương lịch 2025"

    result = load_holidays(first_year=2025, last_year=2025, overwrite=True)
    assert result.updated == 1
    assert DayOff.objects.get(date=date(2025, 1, 1)).name == "Tết Dương lịch"


def test_made_up_workday_must_be_a_weekend_day():
    with pytest.raises(ValidationError):
        MadeUpWorkday(date=date(2025, 6, 9), name="x").full_clean()
    DayOff.objects.create(date=date(2025, 6, 7), name="x")
    with pytest.raises(ValidationError):
        MadeUpWorkday(date=date(2025, 6, 7), name="x").full_clean()


# --- cost ---


@pytest.mark.parametrize("n", [10, 200])
def test_add_working_days_costs_one_query(holidays_2024_2027, django_assert_num_queries, n):
    with django_assert_num_queries(1):
        end = add_working_days(date(2025, 1, 2), n)
    with django_assert_num_queries(1):
        assert working_days_between(date(2025, 1, 2), end) == n


def test_admin_lists_days(holidays_2024_2027, admin_client):
    response = admin_client.get("/admin/calendar_days/dayoff/?q=Quốc")
    assert response.status_code == 200
    assert "Quốc khánh" in response.content.decode()
