"""Numbers in the Vietnamese administrative style, whatever the active locale:
"." groups thousands, "," marks decimals (1.250.000.000 đ; 45,5%).

    {% load vn_format %}
    {{ work.estimated_value|vnd }}      1.250.000.000 đ
    {{ total|vnd:"" }}                  1.250.000.000
    {{ 45.56|pct }}                     45,6%
    {{ 2|pct:0 }}                       2%
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

EMPTY = "—"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def group_thousands(number: Decimal, decimals: int = 0) -> str:
    """Round half up to ``decimals`` places and write it the Vietnamese way."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


@register.filter
def vnd(value: object, unit: str = "đ") -> str:
    """An amount of đồng, whole: 1250000000 → "1.250.000.000 đ"; None → "—"."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    text = group_thousands(number)
    return f"{text} {unit}" if unit else text


@register.filter
def pct(value: object, decimals: int = 1) -> str:
    """A percentage (already ×100): 45.56 → "45,6%", 50 → "50%"; None → "—"."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    try:
        places = max(0, int(decimals))
    except (TypeError, ValueError):
        places = 1
    text = group_thousands(number, places)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"
