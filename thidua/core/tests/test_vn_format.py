"""Money and percentages in the Vietnamese style, whatever the active language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from thidua.core.templatetags.vn_format import pct, vnd


@pytest.mark.parametrize(
    "value,expected",
    [
        (1_250_000_000, "1.250.000.000 đ"),
        (Decimal("1250000000"), "1.250.000.000 đ"),
        (Decimal("999.5"), "1.000 đ"),  # whole đồng, rounded half up
        (0, "0 đ"),
        (-2_500_000, "-2.500.000 đ"),
        ("750000", "750.000 đ"),
        (None, "—"),
        ("", "—"),
        ("không phải số", "—"),
    ],
)
def test_vnd(value, expected):
    assert vnd(value) == expected


def test_vnd_without_unit():
    assert vnd(12_345, "") == "12.345"


@pytest.mark.parametrize(
    "value,decimals,expected",
    [
        (45.56, 1, "45,6%"),
        (40.0, 1, "40%"),
        (Decimal("8.05"), 1, "8,1%"),
        (2, 0, "2%"),
        (33.333, 2, "33,33%"),
        (1234.5, 1, "1.234,5%"),
        (None, 1, "—"),
        (12, "x", "12%"),
    ],
)
def test_pct(value, decimals, expected):
    assert pct(value, decimals) == expected


def test_filters_in_a_template_ignore_the_language():
    template = Template("{% load vn_format %}{{ v|vnd }} · {{ p|pct }}")
    with translation.override("en"):
        assert template.render(Context({"v": 1_250_000_000, "p": 12.25})) == (
            "1.250.000.000 đ · 12,3%"
        )
