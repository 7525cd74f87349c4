"""Whole numbers typed the Vietnamese way: «1.800.000.000», «1 800 000 000 đ», «1800000000».

A ``type=number`` field turns «1.800.000.000» into 1.8 and complains about decimals, so money
and quantity fields use a text box (``inputmode=numeric``) and this parser instead; a small
script (static/js/grouped-number.js) groups the digits with dots while the user types.
"""

import contextlib
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.core.templatetags.vn_format import group_thousands

# Grouping (dots, spaces of any width, apostrophes) and the currency written after the amount.
_NOISE = re.compile(r"[\s.'’\u00a0\u202f]|đồng|vnđ|vnd|đ", re.IGNORECASE)

_COMMA_GROUPS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")


def parse_grouped_integer(text: str) -> int | None:
    """«1.800.000.000 đ» → 1800000000; "" → None; anything else → ValueError."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    sign = -1 if cleaned.startswith("-") else 1
    digits = _NOISE.sub("", cleaned.lstrip("-"))
    if _COMMA_GROUPS.fullmatch(digits):  # 1,800,000,000 copied from an English spreadsheet
        digits = digits.replace(",", "")
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(text)
    return sign * int(digits)


class GroupedNumberInput(forms.TextInput):
    """A text box showing 1.800.000.000, with a numeric keypad on phones."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(
            {"inputmode": "numeric", "autocomplete": "off", "data-grouped": "1", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return group_thousands(Decimal(value))
        if isinstance(value, str) and value.strip().isdigit():
            return group_thousands(Decimal(value.strip()))
        return super().format_value(value)


class GroupedIntegerField(forms.Field):
    """A whole number of đồng or of things. Errors name the field (its label)."""

    widget = GroupedNumberInput
    default_error_messages = {
        "invalid": _("«%(field)s» must be a whole number, written like 1.800.000.000."),
        "min_value": _("«%(field)s» must be at least %(limit)s."),
        "max_value": _("«%(field)s» must be at most %(limit)s."),
    }

    def __init__(
        self, *, min_value: int | None = None, max_value: int | None = None, **kwargs
    ) -> None:
        # A model's DecimalField(decimal_places=0) hands its column size over.
        max_digits = kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        if max_value is None and max_digits:
            max_value = 10**max_digits - 1
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def _fail(self, code: str, limit: int | None = None) -> ValidationError:
        params = {"field": self.label or "", "limit": group_thousands(Decimal(limit or 0))}
        message = str(self.error_messages[code])
        with contextlib.suppress(KeyError, TypeError, ValueError):  # a form's own, complete
            message = message % params
        return ValidationError(message, code=code)

    def to_python(self, value) -> int | None:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return int(value)
        try:
            return parse_grouped_integer(str(value or ""))
        except ValueError:
            raise self._fail("invalid") from None

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise self._fail("min_value", self.min_value)
        if self.max_value is not None and value > self.max_value:
            raise self._fail("max_value", self.max_value)

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "data-grouped": "1", "inputmode": "numeric"}


class VndField(GroupedIntegerField):
    """An amount of đồng as a ``Decimal`` (the type of the money columns), read like
    ``GroupedIntegerField``: «1.800.000.000 đ» → Decimal(1800000000)."""

    def to_python(self, value) -> Decimal | None:  # type: ignore[override]
        number = super().to_python(value)
        return None if number is None else Decimal(number)
