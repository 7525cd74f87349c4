"""Excel import of registered works and the consolidated register export (issue 4, 2–3).

Import: one row per work. A focal officer imports for the unit chosen on the page (a blank
«Unit» cell means that unit) or names each row's unit; the issuer's Home Affairs Office
imports the district's consolidated sheet, every row naming its unit by code or exact name
(case and accents ignored, but it must be unambiguous). Each row is checked with
``services.work_errors(register=True)``, the same rule as the form, plus:

* the unit exists, lies in the actor's reach (``REGISTRAR_ROLES``) and may register in the
  movement (a participant, or a village of a participating commune);
* the same unit + name (case and accents ignored) appears once in the file and does not
  repeat a live (not cancelled) work of that unit in the movement.

All or nothing (``xlsx.run_import``). Good files become registered works exactly as
``services.work_create`` would make them (status, registration date and author, late flag,
people-funded for people's contributions), written with ``bulk_create_with_history``; the
directory, participants and existing works are read once, never per row.

Export: «Tổng hợp đăng ký công trình, phần việc», one row per work visible to the user, its
own layout (title rows, header, total); it is a report, not meant to be imported again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history

from thidua.accounts.scope import reach
from thidua.core.text import fold
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec
from thidua.movements.models import Movement, MovementStatus, Participant
from thidua.units.lookup import UnitDirectory, UnitInfo, unit_option
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit
from thidua.works import selectors, services
from thidua.works.models import (
    FundingSource,
    RegistrationStatus,
    Schedule,
    Work,
    WorkKind,
)
from thidua.works.rules import REGISTRAR_ROLES

BATCH_SIZE = 500
MONEY_FORMAT = "#,##0"
# DecimalField(max_digits=18, decimal_places=0)
MAX_AMOUNT = Decimal(10**18 - 1)


def _verbose(name: str) -> str:
    return capfirst(str(Work._meta.get_field(name).verbose_name))


# Headers follow the model's Vietnamese labels, so the form, the lists and the file agree.
_label = lazy(_verbose, str)

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
        % {"value": xlsx.cell_text(value)},
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


def works_template(*, actor, movement: Movement) -> bytes:
    units = list(selectors.participating_units_for(actor, movement, REGISTRAR_ROLES))
    if actor.unit_id:
        # The actor's own unit first: it is the example's unit.
        units.sort(key=lambda u: u.pk != actor.unit_id)
    return xlsx.build_workbook(_template_spec(movement, units), [], template=True)


# --- checking a file ----------------------------------------------------------------------


class _Plan:
    """The file checked against the directory, the participants and the existing works."""

    def __init__(
        self,
        *,
        actor,
        sheet: Sheet,
        rows: list[ParsedRow],
        movement: Movement,
        default_unit: Unit | None,
    ) -> None:
        self.actor = actor
        self.sheet = sheet
        self.rows = rows
        self.movement = movement
        self.default_unit = default_unit
        self.errors: list[xlsx.RowError] = []
        self.works: list[Work] = []
        self.directory = UnitDirectory()
        self.participants = set(
            Participant.objects.filter(movement=movement).values_list("unit_id", flat=True)
        )
        if actor.is_active and actor.is_superuser:
            self.may_register: Callable[[int], bool] = lambda pk: True
        else:
            area = reach(actor, REGISTRAR_ROLES)
            self.may_register = lambda pk: pk in area
        self.now = timezone.now()
        self.late = services.is_late(movement, self.now)

    def error(self, row: ParsedRow, key: str, message: str, code: str) -> None:
        self.errors.append(xlsx.row_error(self.sheet, WORKS_SPEC, row.number, key, message, code))

    # -- checks ------------------------------------------------------------------------

    def check(self) -> None:
        resolved: list[tuple[ParsedRow, UnitInfo | None]] = [
            (row, self._unit(row)) for row in self.rows
        ]
        existing = self._existing({info.pk for _row, info in resolved if info is not None})
        seen: dict[tuple[int, str], ParsedRow] = {}
        for row, info in resolved:
            values = {name: row.values.get(name) for name in services.WORK_FIELDS}
            problems = services.work_errors(self.movement, values, register=True)
            for name, message in problems.items():
                if name not in row.failed:  # the parser already reported that cell
                    self.error(row, name, message, "invalid")
            name = row.values.get("name")
            duplicate = False
            if info is not None and name:
                duplicate = self._duplicate(row, info, fold(name), seen, existing)
            if info is None or duplicate or problems or row.failed:
                continue
            self.works.append(self._work(row, info))

    def _unit(self, row: ParsedRow) -> UnitInfo | None:
        if "unit" in row.failed:
            return None
        text = row.values.get("unit") or ""
        if not text:
            if self.default_unit is not None:
                unit = self.default_unit
                return UnitInfo.of(unit)
            self.error(
                row,
                "unit",
                _("Name the unit (its code or exact name), or choose a unit on the import page."),
                "unit_required",
            )
            return None
        found = self.directory.find(text)
        if not found:
            self.error(
                row,
                "unit",
                _("No unit has the code or name «%(value)s».") % {"value": text},
                "unknown_unit",
            )
            return None
        mine = [info for info in found if self.may_register(info.pk)]
        if not mine:
            self.error(
                row,
                "unit",
                _("«%(unit)s» is outside your area; you cannot register works for it.")
                % {"unit": text},
                "outside_reach",
            )
            return None
        # A name shared with units that do not take part (or lie elsewhere) is still clear.
        eligible = [info for info in mine if self._takes_part(info)]
        if len(eligible) > 1:
            self.error(
                row,
                "unit",
                _("Several units are named «%(value)s» (codes %(codes)s); write the code instead.")
                % {"value": text, "codes": ", ".join(sorted(i.code for i in eligible))},
                "ambiguous_unit",
            )
            return None
        if not eligible:
            self.error(
                row,
                "unit",
                _("%(unit)s does not take part in this movement.") % {"unit": mine[0].name},
                "not_participating",
            )
            return None
        return eligible[0]

    def _takes_part(self, info: UnitInfo) -> bool:
        """``services.may_register_in`` answered from the preloaded participants."""
        return services.takes_part(info, self.participants)

    def _existing(self, unit_ids: set[int]) -> dict[tuple[int, str], Work]:
        """Live works of these units in the movement, by unit and folded name."""
        found: dict[tuple[int, str], Work] = {}
        for batch in xlsx.chunked(sorted(unit_ids)):
            works = (
                Work.objects.filter(movement=self.movement, unit_id__in=batch)
                .exclude(status=RegistrationStatus.CANCELLED)
                .only("pk", "unit_id", "name", "status")
                .order_by("pk")
            )
            for work in works:
                found.setdefault((work.unit_id, fold(work.name)), work)
        return found

    def _duplicate(
        self,
        row: ParsedRow,
        info: UnitInfo,
        name: str,
        seen: dict[tuple[int, str], ParsedRow],
        existing: dict[tuple[int, str], Work],
    ) -> bool:
        key = (info.pk, name)
        work = existing.get(key)
        if work is not None:
            self.error(
                row,
                "name",
                _("%(unit)s already has the work «%(work)s» in this movement (%(status)s).")
                % {"unit": info.name, "work": work.name, "status": work.get_status_display()},
                "duplicate_existing",
            )
            return True
        first = seen.get(key)
        if first is not None:
            self.error(
                row,
                "name",
                _("The same work of %(unit)s is already on row %(row)s.")
                % {"unit": info.name, "row": first.number},
                "duplicate_row",
            )
            return True
        seen[key] = row
        return False

    # -- writes ------------------------------------------------------------------------

    def _work(self, row: ParsedRow, info: UnitInfo) -> Work:
        values = row.values
        source = values["funding_source"]
        return Work(
            movement=self.movement,
            unit_id=info.pk,
            kind=values["kind"],
            name=values["name"],
            description=values.get("description", ""),
            volume=values["volume"],
            site=values["site"],
            estimated_value=values["estimated_value"],
            funding_source=source,
            people_funded=bool(values.get("people_funded")) or source == FundingSource.PEOPLE,
            expected_completion=values["expected_completion"],
            status=services.registration_status_for(self.actor, info.as_unit()),
            registered_at=self.now,
            registered_by=self.actor,
            is_late=self.late,
            created_by=self.actor,
        )

    def apply(self, actor, result: ImportResult) -> None:
        for work in self.works:
            work.refresh_derived()  # bulk_create skips save()
        bulk_create_with_history(
            self.works,
            Work,
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=_("Imported from Excel"),
        )
        result.created = len(self.works)


def works_import(*, actor, movement: Movement, upload, unit: Unit | None = None) -> ImportResult:
    """Check the whole file, then register all its works in one transaction.

    ``unit`` is the unit chosen on the page, for rows that leave «Unit» blank. Raises
    ``xlsx.WorkbookError`` when the file as a whole is unusable or the movement is not
    running; row errors are returned (with the upload annotated) and nothing is saved.
    """
    if movement.status != MovementStatus.LAUNCHED:
        raise xlsx.WorkbookError(_("Works can be registered only while the movement is running."))
    if unit is not None and not _may_use_default(actor, movement, unit):
        raise xlsx.WorkbookError(
            _("You cannot register works of %(unit)s in this movement.") % {"unit": unit.name}
        )
    return xlsx.run_import(
        actor=actor,
        upload=upload,
        spec=WORKS_SPEC,
        plan_factory=functools.partial(_Plan, movement=movement, default_unit=unit),
        conflict_message=_("The works changed while the file was being imported; try again."),
    )


def _may_use_default(actor, movement: Movement, unit: Unit) -> bool:
    return actor.has_perm("works.register_for_unit", unit) and services.may_register_in(
        movement, unit
    )


# --- export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportColumn:
    header: Callable[[], str]
    value: Callable[[Work], Any]
    width: int = 16
    number_format: str = xlsx.TEXT_FORMAT


def _commune_name(work: Work) -> str:
    """The commune or town of the unit (itself if it is one); blank for district agencies."""
    node: Unit | None = work.unit
    for _level in range(3):  # the unit, its parent and grandparent are selected with it
        if node is None:
            return ""
        if node.kind in COMMUNE_LEVEL_KINDS:
            return node.name
        node = node.parent if node.parent_id else None
    return ""


def _yes(value: bool) -> str:
    return str(_("yes")) if value else ""


def _late(work: Work) -> str:
    if not work.is_late:
        return ""
    if work.registered_at is None:
        return _yes(True)
    when = timezone.localdate(work.registered_at).strftime("%d/%m/%Y")
    return f"{_yes(True)} ({when})"


def _registered_on(work: Work) -> date | None:
    return timezone.localdate(work.registered_at) if work.registered_at else None


def _schedule(work: Work) -> str:
    code = getattr(work, "schedule_code", None) or work.schedule()
    return "" if code == Schedule.NONE else str(Schedule(code).label)


def _export_columns() -> list[ExportColumn]:
    money, day = MONEY_FORMAT, xlsx.DATE_FORMAT
    label = _verbose
    return [
        ExportColumn(lambda: _("No. (STT)"), lambda w: None, 6, "0"),
        ExportColumn(lambda: _("Commune, town"), _commune_name, 18),
        ExportColumn(lambda: _("Unit"), lambda w: w.unit.name, 24),
        ExportColumn(lambda: label("kind"), lambda w: w.get_kind_display(), 12),
        ExportColumn(lambda: label("name"), lambda w: w.name, 40),
        ExportColumn(lambda: label("volume"), lambda w: w.volume, 22),
        ExportColumn(lambda: label("site"), lambda w: w.site, 22),
        ExportColumn(lambda: label("estimated_value"), lambda w: w.estimated_value, 18, money),
        ExportColumn(lambda: label("funding_source"), lambda w: w.get_funding_source_display(), 24),
        ExportColumn(lambda: label("people_funded"), lambda w: _yes(w.people_funded), 12),
        ExportColumn(
            lambda: label("expected_completion"), lambda w: w.expected_completion, 14, day
        ),
        ExportColumn(lambda: _("Registered on"), _registered_on, 14, day),
        ExportColumn(lambda: label("is_late"), _late, 16),
        ExportColumn(lambda: label("status"), lambda w: w.get_status_display(), 16),
        ExportColumn(lambda: label("progress_percent"), lambda w: w.progress_percent, 12, "0"),
        ExportColumn(
            lambda: label("progress_status"), lambda w: w.get_progress_status_display(), 18
        ),
        ExportColumn(lambda: pgettext("works register", "Schedule"), _schedule, 16),
        ExportColumn(lambda: label("actual_completion"), lambda w: w.actual_completion, 14, day),
        ExportColumn(lambda: label("put_into_use"), lambda w: w.put_into_use, 14, day),
        ExportColumn(lambda: label("value_done"), lambda w: w.value_done, 18, money),
    ]


# 1-based positions of the columns summed in the total row.
_TOTALLED = (8, 20)
_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
# The title rows above the header: the header is on this row of the sheet.
HEADER_ROW = 5


def exported_works(user, movement: Movement, filters: selectors.WorkFilters) -> QuerySet[Work]:
    """The register's works: visible to the user, filtered like the list, cancelled ones only
    when asked for by status."""
    works = selectors.works_visible(user, movement)
    if filters.status != RegistrationStatus.CANCELLED:
        works = works.exclude(status=RegistrationStatus.CANCELLED)
    return selectors.filter_works(works, filters).select_related("unit__parent__parent")


def works_export(
    *, actor, movement: Movement, filters: selectors.WorkFilters | None = None
) -> bytes:
    """«Tổng hợp đăng ký công trình, phần việc» as .xlsx, in a fixed number of queries."""
    works = exported_works(actor, movement, filters or selectors.WorkFilters())
    return register_workbook(movement, works.iterator(chunk_size=2000))


def register_workbook(movement: Movement, works: Iterable[Work]) -> bytes:
    columns = _export_columns()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(_("Register of works"))[:31])
    last = get_column_letter(len(columns))
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    def text_cell(value: Any, font: Font | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        if font is not None:
            cell.font = font
        return cell

    ws.append([text_cell(_("CONSOLIDATED REGISTER OF WORKS"), _TITLE_FONT)])
    ws.append([text_cell(movement.title, _BOLD)])
    ws.append(
        [
            text_cell(
                _("Issued by %(unit)s; data as of %(date)s.")
                % {
                    "unit": movement.issuing_unit.name,
                    "date": timezone.localdate().strftime("%d/%m/%Y"),
                }
            )
        ]
    )
    ws.append([])
    for title_row in (1, 2, 3):
        ws.merged_cells.add(f"A{title_row}:{last}{title_row}")
    header = []
    for column in columns:
        cell = text_cell(column.header(), _BOLD)
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        cell.border = _BOX
        header.append(cell)
    ws.append(header)

    # Style each column once and copy the style index array into every cell: assigning
    # font/border objects per cell makes openpyxl hash them, which dominated the export time.
    prototypes = []
    for column in columns:
        prototype = WriteOnlyCell(ws)
        prototype.number_format = column.number_format
        prototype.border = _BOX
        prototype.alignment = _WRAP
        prototypes.append(prototype._style)
    totals = dict.fromkeys(_TOTALLED, Decimal(0))
    count = 0
    for count, work in enumerate(works, start=1):
        row = []
        for position, column in enumerate(columns, start=1):
            value = count if position == 1 else column.value(work)
            if position in totals and value is not None:
                totals[position] += value
            cell = WriteOnlyCell(ws, value=value if value != "" else None)
            cell._style = copy(prototypes[position - 1])
            row.append(cell)
        ws.append(row)

    total_row = []
    for position, column in enumerate(columns, start=1):
        value: Any = None
        if position == 2:
            value = _("Total: %(count)s works") % {"count": count}
        elif position in totals:
            value = totals[position]
        cell = text_cell(value, _BOLD)
        cell.number_format = column.number_format
        cell.border = _BOX
        total_row.append(cell)
    ws.append(total_row)
    if count:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
