"""Money and quantities typed the Vietnamese way: «1.800.000.000 đ» is 1800000000."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from thidua.core.forms import GroupedIntegerField, VndField
from thidua.core.numbers import parse_grouped_integer


class BudgetForm(forms.Form):
    budget = GroupedIntegerField(label="Kinh phí", required=False, min_value=0)
    places = GroupedIntegerField(label="Số suất", required=False, max_value=100)


@pytest.mark.parametrize(
    "typed",
    [
        "1.800.000.000",
        "1.800.000.000 đ",
        "1.800.000.000đ",
        "1.800.000.000 đồng",
        "1 800 000 000",
        "1\u00a0800\u00a0000\u00a0000 VNĐ",
        "1800000000",
        " 1,800,000,000 ",
    ],
)
def test_form_reads_the_ways_people_write_an_amount(typed):
    form = BudgetForm({"budget": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget"] == 1_800_000_000


def test_blank_is_none():
    form = BudgetForm({"budget": "  "})
    assert form.is_valid()
    assert form.cleaned_data["budget"] is None
    assert parse_grouped_integer("") is None


@pytest.mark.parametrize("typed", ["1,5", "15 triệu", "1.8e9", "abc", "1.800.000,50"])
def test_anything_else_is_refused_naming_the_field(typed):
    with translation.override("vi"):
        form = BudgetForm({"budget": typed})
        assert not form.is_valid()
        message = form.errors["budget"][0]
    assert "«Kinh phí»" in message
    assert "1.800.000.000" in message


def test_limits_are_named_with_grouped_numbers():
    with translation.override("vi"):
        form = BudgetForm({"budget": "-5", "places": "1.000"})
        assert not form.is_valid()
    assert "«Kinh phí»" in form.errors["budget"][0]
    assert "«Số suất»" in form.errors["places"][0] and "100" in form.errors["places"][0]


def test_widget_is_a_grouped_numeric_text_box():
    html = str(BudgetForm(initial={"budget": 1_800_000_000})["budget"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert "data-grouped" in html
    assert 'value="1.800.000.000"' in html


def test_vnd_field_gives_a_decimal_for_money_columns():
    class MoneyForm(forms.Form):
        amount = VndField(label="Số tiền")

    form = MoneyForm({"amount": "1.800.000.000 đ"})
    assert form.is_valid()
    assert form.cleaned_data["amount"] == Decimal(1_800_000_000)
    assert isinstance(form.cleaned_data["amount"], Decimal)
