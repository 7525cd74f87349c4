"""``{{ unit|unit_name }}``: a unit named as everywhere else (``selectors.unit_display_name``)."""

from django import template

from thidua.units.models import Unit
from thidua.units.selectors import unit_display_name

register = template.Library()


@register.filter
def unit_name(unit: Unit | None) -> str:
    return unit_display_name(unit) if unit is not None else ""
