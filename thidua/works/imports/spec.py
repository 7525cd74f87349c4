"""The works import's table (issue 4, 2): its columns, their parsers and help, and the
template built from them for a movement and the actor's units.

Headers follow the model's Vietnamese labels, so the form, the lists and the file agree.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from thidua.accounts.models import User
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, Spec
from thidua.movements.models import Movement
from thidua.units.lookup import unit_option
from thidua.units.models import Unit
from thidua.works import selectors
from thidua.works.models import FundingSource, Work, WorkKind, column
from thidua.works.rules import REGISTRAR_ROLES

MONEY_FORMAT = "#,##0"
# DecimalField(max_digits=18, decimal_places=0)
MAX_AMOUNT = Decimal(10**18 - 1)


def field_header(name: str) -> str:
    """A work field's Vietnamese label, as the headers of the template and the register."""
    return capfirst(str(column(Work, name).verbose_name))


# Headers follow the model's Vietnamese labels, so the form, the lists and the file agree.
_label = lazy(field_header, str)

# --- parsers ------------------------------------------------------------------------------

_CURRENCY = re.compile(r"(?:vnđ|vnd|đồng|đ)\.?$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


def amount(value: Any) -> Decimal:
    """A whole number of đồng: an Excel number, or text like 850000000, 850.000.000 or
    850,000,000 (a trailing "đồng", "đ" or "VND" is allowed)."""
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise _not_a_number(value)
    else:
        raw = "".join(xlsx.cell_text(value).split())
        raw = _CURRENCY.sub("", raw)
        sign = ""
        if raw.startswith("-"):
            sign, raw = "-", raw[1:]
        if _GROUPED.match(raw):
            raw = raw.replace(".", "").replace(",", "")
        elif not (raw.isascii() and raw.isdigit()):
            raise _not_a_number(value)
        number = Decimal(sign + raw)
    if not number.is_finite():
        raise _not_a_number(value)
    if number != number.to_integral_value():
        raise xlsx.CellError(_("Write a whole number of đồng."), "not_whole")
    if abs(number) > MAX_AMOUNT:
        raise xlsx.CellError(_("The amount is too large."), "too_large")
    return number.quantize(Decimal(1))


def _not_a_number(value: Any) -> xlsx.CellError:
    return xlsx.CellError(
        _("«%(value)s» is not a number; write the amount in đồng, for example 850000000.")
        % {"value": xlsx.shown(value)},
        "bad_number",
    )


# --- the table ----------------------------------------------------------------------------

WORKS_SPEC = Spec(
    sheet_title=gettext_lazy("Works"),
    key="name",
    columns=(
        Column(
            "unit",
            gettext_lazy("Unit"),
            xlsx.text(300),
            width=26,
            help_text=gettext_lazy(
                "The unit's code or its exact name (case and accents do not matter). Leave "
                "blank to register the work for the unit chosen on the import page; required "
                "in a consolidated sheet of several units. The unit must be in your area and "
                "take part in the movement (a village may register when its commune does)."
            ),
        ),
        Column(
            "kind",
            _label("kind"),
            xlsx.choice(WorkKind),
            required=True,
            width=14,
            options=xlsx.choice_labels(WorkKind),
            help_text=gettext_lazy("Construction or task: choose from the list."),
            example=lambda: str(WorkKind.CONSTRUCTION.label),
        ),
        Column(
            "name",
            _label("name"),
            xlsx.text(300),
            required=True,
            width=40,
            help_text=gettext_lazy(
                "Up to 300 characters. A unit cannot register two works with the same name "
                "in one movement."
            ),
            example=lambda: "{} {}".format(
                xlsx.EXAMPLE_MARKER, _("Concrete road in village 1, 1.2 km")
            ),
        ),
        Column(
            "description",
            _label("description"),
            xlsx.text(4000),
            width=40,
            help_text=gettext_lazy("Optional, up to 4000 characters."),
            example=lambda: _("Concrete road 3 m wide linking village 1 to the commune centre."),
        ),
        Column(
            "volume",
            _label("volume"),
            xlsx.text(300),
            required=True,
            width=22,
            help_text=gettext_lazy("Required by the plan; for example 1.2 km, 1 house of 120 m²."),
            example=lambda: _("1.2 km of concrete road"),
        ),
        Column(
            "site",
            _label("site"),
            xlsx.text(300),
            required=True,
            width=24,
            help_text=gettext_lazy("Required by the plan: where the work is carried out."),
            example=lambda: _("Village 1"),
        ),
        Column(
            "estimated_value",
            pgettext_lazy("works import column", "Estimated value"),
            amount,
            required=True,
            width=18,
            number_format=MONEY_FORMAT,
            empty=None,
            help_text=gettext_lazy(
                "Required by the plan: a positive whole number of đồng (VND), for example "
                "850000000 or 850.000.000."
            ),
            example=lambda: 850_000_000,
        ),
        Column(
            "funding_source",
            _label("funding_source"),
            xlsx.choice(FundingSource),
            required=True,
            width=26,
            options=xlsx.choice_labels(FundingSource),
            help_text=gettext_lazy("Required by the plan: choose from the list."),
            example=lambda: str(FundingSource.COMBINED.label),
        ),
        Column(
            "people_funded",
            _label("people_funded"),
            xlsx.boolean,
            width=14,
            options=xlsx.boolean_labels,
            empty=False,
            help_text=gettext_lazy(
                "Yes if the people contribute money, materials or labour (criterion 7.1.c); "
                "blank means no. Always yes for «Contributions of the people»."
            ),
            example=lambda: str(_("yes")),
        ),
        Column(
            "expected_completion",
            _label("expected_completion"),
            xlsx.date_value,
            required=True,
            width=16,
            number_format=xlsx.DATE_FORMAT,
            empty=None,
            help_text=gettext_lazy(
                "Required by the plan: a date dd/mm/yyyy, not before the movement starts."
            ),
            example=lambda: date(2025, 6, 30),
        ),
    ),
)


def _template_spec(movement: Movement, units: list[Unit]) -> Spec:
    """The spec with this movement's dates and the actor's units in the example and lists."""
    options = [unit_option(u) for u in units]
    example_unit = options[0] if options else ""
    example_date = movement.end_date

    def adapt(column: Column) -> Column:
        if column.key == "unit":
            listed = (lambda: options) if options else None
            return replace(column, example=lambda: example_unit, options=listed)
        if column.key == "expected_completion":
            return replace(column, example=lambda: example_date)
        return column

    return replace(WORKS_SPEC, columns=tuple(adapt(c) for c in WORKS_SPEC.columns))


def works_template(*, actor: User, movement: Movement) -> bytes:
    units = list(selectors.participating_units_for(actor, movement, REGISTRAR_ROLES))
    if actor.unit_id:
        # The actor's own unit first: it is the example's unit.
        units.sort(key=lambda u: u.pk != actor.unit_id)
    return xlsx.build_workbook(_template_spec(movement, units), [], template=True)
