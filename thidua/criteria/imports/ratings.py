"""Excel import of annual ratings (xếp loại).

One row per rating: the unit (code or exact name), the person (full name; blank means the
unit's own rating), the year, the rating and the document that states it. Rules (all or
nothing: with any error nothing is saved):

* the unit exists and the actor may record its facts (``rules.may_edit``);
* a named person is already known for that unit (people are created first, by form); a name
  shared by two people of the unit is refused as ambiguous;
* the year lies in FIRST_YEAR..this year, the rating comes from the list and a document
  reference is given (``services.rating_errors``, the same rule as the form);
* the same unit or person and year appears once in the file.

A rating already recorded for that year is replaced (counted as updated) when the row says
something else; a row equal to it (same rating and document) leaves it alone, with no history
entry (counted as unchanged). The directory, the
people of the named units and their existing ratings are read once, never per row; writes are
``bulk_create_with_history`` and ``bulk_update_with_history``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from thidua.accounts.models import User
from thidua.criteria import services
from thidua.criteria.imports.unit_rows import BATCH_SIZE, UnitRowsPlan, with_units
from thidua.criteria.models import AnnualRating, RatingLevel
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec

UPDATED_FIELDS = ["level", "document_reference", "recorded_by", "recorded_at"]


def year_value(value: Any) -> int:
    """A whole year: an Excel number or text like 2024."""
    text = xlsx.cell_text(value)
    if not (text.isascii() and text.isdigit()):
        raise xlsx.CellError(
            _("«%(value)s» is not a year; write four digits, for example 2024.")
            % {"value": xlsx.shown(value)},
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


def ratings_template(*, actor: User) -> bytes:
    """The template with the actor's units in the drop-down and the first as the example."""
    return xlsx.build_workbook(with_units(RATINGS_SPEC, actor), [], template=True)


class _Plan(UnitRowsPlan):
    """The file checked against the directory, the units' people and their ratings."""

    spec = RATINGS_SPEC
    outside_message = gettext_lazy(
        "«%(unit)s» is outside your area; you cannot record its ratings."
    )
    ambiguous_person_message = gettext_lazy(
        "%(unit)s has several people named «%(name)s»; record this rating on the form."
    )

    def __init__(self, *, actor: User, sheet: Sheet, rows: list[ParsedRow]) -> None:
        super().__init__(actor=actor, sheet=sheet, rows=rows)
        self.new: list[AnnualRating] = []
        self.changed: list[AnnualRating] = []
        self.unchanged = 0

    # -- checks ----------------------------------------------------------------------------

    def check(self) -> None:
        resolved = self._resolve()
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
        now: datetime,
    ) -> None:
        values = row.values
        if rating is None:
            rating = AnnualRating(
                year=values["year"],
                unit_id=None if person_id else unit_id,
                person_id=person_id,
            )
            self.new.append(rating)
        elif (rating.level, rating.document_reference) == (
            values["level"],
            values["document_reference"],
        ):
            self.unchanged += 1  # the same rating again: no write, no history entry
            return
        else:
            self.changed.append(rating)
        rating.level = values["level"]
        rating.document_reference = values["document_reference"]
        rating.recorded_by = self.actor
        rating.recorded_at = now

    # -- writes ----------------------------------------------------------------------------

    def apply(self, actor: User, result: ImportResult) -> None:
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
        result.unchanged = self.unchanged


def ratings_import(*, actor: User, upload: UploadedFile) -> ImportResult:
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
