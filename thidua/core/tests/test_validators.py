"""The one «not in the future» rule: dates after today and years after this one are refused
with a message naming the field; today and the past pass."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from thidua.core.validators import NotInFuture, future_date_error

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_a_date_after_today_is_refused_naming_the_field():
    assert future_date_error(date(2026, 12, 20), "Ngày ban hành", TODAY) == (
        "«Ngày ban hành» không được sau ngày hôm nay (03/12/2026): đã nhập 20/12/2026."
    )
    assert future_date_error(TODAY, "Ngày ban hành", TODAY) is None
    assert future_date_error(TODAY - timedelta(days=400), "Ngày ban hành", TODAY) is None
    assert future_date_error(None, "Ngày ban hành", TODAY) is None


def test_a_year_after_this_one_is_refused():
    assert future_date_error(2027, "Năm", TODAY) == "«Năm» không được sau năm hiện tại (2026)."
    assert future_date_error(2026, "Năm", TODAY) is None


def test_the_field_validator_uses_the_same_rule():
    validator = NotInFuture("Ngày hoàn thành")
    validator(date(2000, 1, 1))
    with pytest.raises(ValidationError, match="«Ngày hoàn thành» không được sau ngày hôm nay"):
        validator(date(2999, 1, 1))
