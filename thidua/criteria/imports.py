"""Excel import of annual ratings (xếp loại) of units and people.

One row per rating: the unit (code or exact name), the person (full name; blank means the
unit's own rating), the year, the rating and the document that states it. Rules (all or
nothing: with any error nothing is saved):

* the unit exists and the actor may record its facts (``permissions.may_edit``);
* a named person is already known for that unit (people are created first, by form); a name
  shared by two people of the unit is refused as ambiguous;
* the year lies in FIRST_YEAR..this year, the rating comes from the list and a document
  reference is given (``services.rating_errors``, the same rule as the form);
* the same unit or person and year appears once in the file.

A rating already recorded for that year is replaced (counted as updated). The directory, the
people of the named units and their existing ratings are read once, never per row; writes are
``bulk_create_with_history`` and ``bulk_update_with_history``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from thidua.core.text import fold
from thidua.criteria import services
from thidua.criteria.models import AnnualRating, Person, RatingLevel
from thidua.criteria.permissions import editable_units
from thidua.interchange import xlsx
from thidua.interchange.unit_lookup import UnitDirectory, UnitInfo, unit_option
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec
from thidua.units.models import Unit

BATCH_SIZE = 500
UPDATED_FIELDS = ["level", "document_reference", "recorded_by", "recorded_at"]


def year_value(value: Any) -> int:
    """A whole year: an Excel number or text like 2024."""
    text = xlsx.cell_text(value)
    if not (text.isascii() and text.isdigit()):
        raise xlsx.CellError(
            _("«%(value)s» is not a year; write four digits, for example 2024.") % {"value": text},
            "bad_year",
        )
    year = int(text)
    message = services.year_error(year)
    if message is not None:
        raise xlsx.CellError(message, "year_out_of_range")
    return year


RATINGS_SPEC = Spec(
    sheet_title=gettext_lazy("Annual ratings"),
    key="unit",
    columns=(
        Column(
            "unit",
            gettext_lazy("Unit"),
            xlsx.text(300),
            required=True,
            width=30,
            help_text=gettext_lazy(
                "The unit's code or its exact name (case and accents do not matter), within "
                "your area. For a person: the unit that manages them."
            ),
        ),
        Column(
            "person",
            gettext_lazy("Person"),
            xlsx.text(200),
            width=28,
            help_text=gettext_lazy(
                "The person's full name, as recorded for that unit. Leave blank for the unit's "
                "own rating. People must be recorded first."
            ),
            example=lambda: "Nguyễn Văn An",
        ),
        Column(
            "year",
            gettext_lazy("Year"),
            year_value,
            required=True,
            width=10,
            number_format="0",
            empty=None,
            help_text=gettext_lazy("Four digits, from 2000 to the current year."),
            example=lambda: timezone.localdate().year - 1,
        ),
        Column(
            "level",
            gettext_lazy("Rating"),
            xlsx.choice(RatingLevel),
            required=True,
            width=34,
            options=xlsx.choice_labels(RatingLevel),
            help_text=gettext_lazy("Choose from the list."),
            example=lambda: str(RatingLevel.GOOD.label),
        ),
        Column(
            "document_reference",
            gettext_lazy("Document reference"),
            xlsx.text(300),
            required=True,
            width=40,
            help_text=gettext_lazy(
                "The document that states the rating, up to 300 characters; for example "
                "Decision No. 12/QĐ-UBND of 20/01/2025."
            ),
            example=lambda: "Quyết định số 12/QĐ-UBND ngày 20/01/2025",
        ),
    ),
)


def ratings_template(*, actor) -> bytes:
    """The template with the actor's units in the drop-down and the first as the example."""
    units = list(
        Unit.objects.filter(pk__in=editable_units(actor)).order_by("sort_name").only("code", "name")
    )
    if actor.unit_id:
        units.sort(key=lambda u: u.pk != actor.unit_id)
    options = [unit_option(u) for u in units]
    example = f"{xlsx.EXAMPLE_MARKER} {options[0] if options else 'XA'}"

    def adapt(column: Column) -> Column:
        if column.key == "unit":
            return replace(
                column, example=lambda: example, options=(lambda: options) if options else None
            )
        return column

    spec = replace(RATINGS_SPEC, columns=tuple(adapt(c) for c in RATINGS_SPEC.columns))
    return xlsx.build_workbook(spec, [], template=True)


class _Plan:
    """The file checked against the directory, the units' people and their ratings."""

    def __init__(self, *, actor, sheet: Sheet, rows: list[ParsedRow]) -> None:
        self.actor = actor
        self.sheet = sheet
        self.rows = rows
        self.errors: list[xlsx.RowError] = []
        self.directory = UnitDirectory()
        self.area = editable_units(actor)
        self.new: list[AnnualRating] = []
        self.changed: list[AnnualRating] = []

    def error(self, row: ParsedRow, key: str, message: str, code: str) -> None:
        self.errors.append(xlsx.row_error(self.sheet, RATINGS_SPEC, row.number, key, message, code))

    # -- checks ----------------------------------------------------------------------------

    def check(self) -> None:
        units = {row.number: self._unit(row) for row in self.rows}
        unit_ids = sorted({info.pk for info in units.values() if info is not None})
        people = self._people(unit_ids)
        resolved: list[tuple[ParsedRow, int, int | None]] = []
        for row in self.rows:
            info = units[row.number]
            if info is None:
                continue
            person_id = self._person(row, info, people)
            if person_id is not False:
                resolved.append((row, info.pk, person_id))
        existing = self._existing(
            {unit_id for _row, unit_id, pid in resolved if pid is None},
            {pid for _row, _unit, pid in resolved if pid is not None},
        )
        seen: dict[tuple[str, int, int], ParsedRow] = {}
        now = timezone.now()
        for row, unit_id, person_id in resolved:
            if row.failed:
                continue
            year = row.values["year"]
            key = ("person", person_id, year) if person_id else ("unit", unit_id, year)
            first = seen.get(key)
            if first is not None:
                self.error(
                    row,
                    "person" if person_id and self.sheet.has("person") else "unit",
                    _("The same rating for %(year)s is already on row %(row)s.")
                    % {"year": row.values["year"], "row": first.number},
                    "duplicate_row",
                )
                continue
            seen[key] = row
            self._stage(row, unit_id, person_id, existing.get(key), now)

    def _unit(self, row: ParsedRow) -> UnitInfo | None:
        if "unit" in row.failed:
            return None
        text = row.values.get("unit") or ""
        found = self.directory.find(text)
        if not found:
            self.error(
                row,
                "unit",
                _("No unit has the code or name «%(value)s».") % {"value": text},
                "unknown_unit",
            )
            return None
        mine = [info for info in found if info.pk in self.area]
        if not mine:
            self.error(
                row,
                "unit",
                _("«%(unit)s» is outside your area; you cannot record its ratings.")
                % {"unit": text},
                "outside_reach",
            )
            return None
        if len(mine) > 1:
            self.error(
                row,
                "unit",
                _("Several units are named «%(value)s» (codes %(codes)s); write the code instead.")
                % {"value": text, "codes": ", ".join(sorted(i.code for i in mine))},
                "ambiguous_unit",
            )
            return None
        return mine[0]

    def _people(self, unit_ids: list[int]) -> dict[tuple[int, str], list[int]]:
        found: dict[tuple[int, str], list[int]] = {}
        if not self.sheet.has("person"):
            return found
        for batch in xlsx.chunked(unit_ids):
            rows = Person.objects.filter(unit_id__in=batch).order_by("pk")
            for pk, unit_id, name in rows.values_list("pk", "unit_id", "full_name"):
                found.setdefault((unit_id, fold(name)), []).append(pk)
        return found

    def _person(
        self, row: ParsedRow, info: UnitInfo, people: dict[tuple[int, str], list[int]]
    ) -> int | None | bool:
        """The person's id, None for the unit's own rating, False after an error."""
        if "person" in row.failed:
            return False
        name = row.values.get("person") or ""
        if not name:
            return None
        matches = people.get((info.pk, fold(name)), [])
        if not matches:
            self.error(
                row,
                "person",
                _(
                    "%(unit)s has no person named «%(name)s»; record the person first "
                    "(People › New person)."
                )
                % {"unit": info.name, "name": name},
                "unknown_person",
            )
            return False
        if len(matches) > 1:
            self.error(
                row,
                "person",
                _("%(unit)s has several people named «%(name)s»; record this rating on the form.")
                % {"unit": info.name, "name": name},
                "ambiguous_person",
            )
            return False
        return matches[0]

    def _existing(
        self, unit_ids: set[int], person_ids: set[int]
    ) -> dict[tuple[str, int, int], AnnualRating]:
        found: dict[tuple[str, int, int], AnnualRating] = {}
        years = sorted({row.values["year"] for row in self.rows if "year" in row.values})
        if not years:
            return found
        for kind, ids in (("unit", unit_ids), ("person", person_ids)):
            for batch in xlsx.chunked(sorted(ids)):
                ratings = AnnualRating.objects.filter(
                    Q(**{f"{kind}_id__in": batch}), year__in=years
                )
                for rating in ratings:
                    found[(kind, getattr(rating, f"{kind}_id"), rating.year)] = rating
        return found

    def _stage(
        self,
        row: ParsedRow,
        unit_id: int,
        person_id: int | None,
        rating: AnnualRating | None,
        now,
    ) -> None:
        values = row.values
        if rating is None:
            rating = AnnualRating(
                year=values["year"],
                unit_id=None if person_id else unit_id,
                person_id=person_id,
            )
            self.new.append(rating)
        else:
            self.changed.append(rating)
        rating.level = values["level"]
        rating.document_reference = values["document_reference"]
        rating.recorded_by = self.actor
        rating.recorded_at = now

    # -- writes ----------------------------------------------------------------------------

    def apply(self, actor, result: ImportResult) -> None:
        reason = _("Imported from Excel")
        if self.new:
            bulk_create_with_history(
                self.new,
                AnnualRating,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=reason,
            )
        if self.changed:
            bulk_update_with_history(
                self.changed,
                AnnualRating,
                fields=UPDATED_FIELDS,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=reason,
            )
        result.created = len(self.new)
        result.updated = len(self.changed)


def ratings_import(*, actor, upload) -> ImportResult:
    """Check the whole file, then record all its ratings in one transaction.

    Raises ``xlsx.WorkbookError`` when the file as a whole is unusable; row errors are
    returned (with the upload annotated) and nothing is saved.
    """
    return xlsx.run_import(
        actor=actor,
        upload=upload,
        spec=RATINGS_SPEC,
        plan_factory=_Plan,
        conflict_message=_("The ratings changed while the file was being imported; try again."),
    )
