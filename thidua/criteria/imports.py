"""Excel imports of annual ratings (xếp loại) and of the other facts of units and people.

Facts (``facts_import``): one row per target, initiative, contribution, violation or
complaint, checked by ``services.fact_record_errors`` like the form; a row equal to a fact
already recorded (same unit or person, year, kind and summary) or to an earlier row is refused.
The rest of this docstring describes the ratings import.

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

import re
from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from thidua.core.text import fold
from thidua.criteria import services
from thidua.criteria.models import (
    AnnualRating,
    FactKind,
    FactRecord,
    Person,
    RatingLevel,
    TargetOutcome,
)
from thidua.criteria.permissions import editable_units
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec
from thidua.units.lookup import UnitDirectory, UnitInfo, unit_option
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


def unit_options(actor) -> list[str]:
    """The drop-down of the units the actor may record for, their own unit first."""
    units = list(
        Unit.objects.filter(pk__in=editable_units(actor)).order_by("sort_name").only("code", "name")
    )
    if actor.unit_id:
        units.sort(key=lambda u: u.pk != actor.unit_id)
    return [unit_option(u) for u in units]


def with_units(spec: Spec, actor, *, example: bool = True) -> Spec:
    """The spec whose «Unit» column offers the actor's units (the first as the example)."""
    options = unit_options(actor)
    sample = f"{xlsx.EXAMPLE_MARKER} {options[0] if options else 'XA'}"

    def adapt(column: Column) -> Column:
        if column.key != "unit":
            return column
        return replace(
            column,
            example=(lambda: sample) if example else column.example,
            options=(lambda: options) if options else None,
        )

    return replace(spec, columns=tuple(adapt(c) for c in spec.columns))


def ratings_template(*, actor) -> bytes:
    """The template with the actor's units in the drop-down and the first as the example."""
    return xlsx.build_workbook(with_units(RATINGS_SPEC, actor), [], template=True)


class UnitRowsPlan:
    """Shared checks of imports whose rows name a unit (and maybe one of its people).

    Subclasses set ``spec`` and the message for a unit outside the actor's area, implement
    ``check`` and ``apply``; the directory is read once and people per named unit once.
    """

    spec: Spec
    outside_message = gettext_lazy("«%(unit)s» is outside your area; you cannot record its facts.")
    ambiguous_person_message = gettext_lazy(
        "%(unit)s has several people named «%(name)s»; record this fact on the form."
    )

    def __init__(self, *, actor, sheet: Sheet, rows: list[ParsedRow]) -> None:
        self.actor = actor
        self.sheet = sheet
        self.rows = rows
        self.errors: list[xlsx.RowError] = []
        self.directory = UnitDirectory()
        self.area = editable_units(actor)

    def error(self, row: ParsedRow, key: str, message: str, code: str) -> None:
        self.errors.append(xlsx.row_error(self.sheet, self.spec, row.number, key, message, code))

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
            self.error(row, "unit", str(self.outside_message) % {"unit": text}, "outside_reach")
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
        """The person's id, None for the unit itself, False after an error."""
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
                str(self.ambiguous_person_message) % {"unit": info.name, "name": name},
                "ambiguous_person",
            )
            return False
        return matches[0]

    def _resolve(self) -> list[tuple[ParsedRow, int, int | None]]:
        """(row, unit id, person id or None) for every row whose unit and person resolve."""
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
        return resolved


class _Plan(UnitRowsPlan):
    """The file checked against the directory, the units' people and their ratings."""

    spec = RATINGS_SPEC
    outside_message = gettext_lazy(
        "«%(unit)s» is outside your area; you cannot record its ratings."
    )
    ambiguous_person_message = gettext_lazy(
        "%(unit)s has several people named «%(name)s»; record this rating on the form."
    )

    def __init__(self, *, actor, sheet: Sheet, rows: list[ParsedRow]) -> None:
        super().__init__(actor=actor, sheet=sheet, rows=rows)
        self.new: list[AnnualRating] = []
        self.changed: list[AnnualRating] = []

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


# --- other facts (targets, initiatives, contributions, violations, complaints) -------------


_AMOUNT_NOISE = re.compile(r"[\s.,]|đồng|đ|vnđ|vnd", re.IGNORECASE)


def amount_value(value: Any) -> int:
    """A whole amount of đồng: an Excel number, or text such as 15.000.000 or 15 000 000 đ."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise xlsx.CellError(
                _("Write the amount in đồng as a whole number, for example 15.000.000."),
                "bad_amount",
            )
        return int(value)
    digits = _AMOUNT_NOISE.sub("", xlsx.cell_text(value))
    if not (digits.isascii() and digits.isdigit()):
        raise xlsx.CellError(
            _("Write the amount in đồng as a whole number, for example 15.000.000."),
            "bad_amount",
        )
    return int(digits)


FACTS_SPEC = Spec(
    sheet_title=gettext_lazy("Facts"),
    key="unit",
    columns=(
        RATINGS_SPEC.column("unit"),
        replace(
            RATINGS_SPEC.column("person"),
            help_text=gettext_lazy(
                "The person's full name, as recorded for that unit. Leave blank for a fact "
                "about the unit itself. People must be recorded first."
            ),
        ),
        RATINGS_SPEC.column("year"),
        Column(
            "kind",
            gettext_lazy("Kind of fact"),
            xlsx.choice(FactKind),
            required=True,
            width=34,
            options=xlsx.choice_labels(FactKind),
            help_text=gettext_lazy("Choose from the list."),
            example=lambda: str(FactKind.TARGET.label),
        ),
        Column(
            "summary",
            gettext_lazy("Summary"),
            xlsx.text(services.SUMMARY_MAX),
            required=True,
            width=50,
            help_text=gettext_lazy("What the fact is, in a sentence; up to 500 characters."),
            example=lambda: "Thu ngân sách trên địa bàn đạt 115% dự toán",
        ),
        Column(
            "outcome",
            gettext_lazy("Outcome"),
            xlsx.choice(TargetOutcome),
            width=20,
            options=xlsx.choice_labels(TargetOutcome),
            help_text=gettext_lazy("Only for a target, and required there. Choose from the list."),
            example=lambda: str(TargetOutcome.EXCEEDED.label),
        ),
        Column(
            "amount",
            gettext_lazy("Amount (VND)"),
            amount_value,
            width=18,
            number_format="#,##0",
            empty=None,
            help_text=gettext_lazy(
                "Only for a contribution, and required there: a whole number of đồng above 0."
            ),
        ),
        replace(
            RATINGS_SPEC.column("document_reference"),
            help_text=gettext_lazy(
                "The document that states the fact, up to 300 characters; for example "
                "Decision No. 12/QĐ-UBND of 20/01/2025. To attach a file, use the form."
            ),
        ),
    ),
)


def facts_template(*, actor) -> bytes:
    """The template with the actor's units in the drop-down and the first as the example."""
    return xlsx.build_workbook(with_units(FACTS_SPEC, actor), [], template=True)


class _FactsPlan(UnitRowsPlan):
    """The file checked against the directory, the units' people and the facts recorded."""

    spec = FACTS_SPEC

    def __init__(self, *, actor, sheet: Sheet, rows: list[ParsedRow]) -> None:
        super().__init__(actor=actor, sheet=sheet, rows=rows)
        self.new: list[FactRecord] = []

    def check(self) -> None:
        resolved = self._resolve()
        existing = self._existing(resolved)
        seen: dict[tuple, ParsedRow] = {}
        now = timezone.now()
        for row, unit_id, person_id in resolved:
            if row.failed:
                continue
            values = row.values
            errors = services.fact_record_errors(
                kind=values["kind"],
                year=values["year"],
                summary=values["summary"],
                outcome=values.get("outcome") or "",
                amount=values.get("amount"),
                document_reference=values["document_reference"],
                has_file=False,
            )
            for key, message in errors.items():
                self.error(row, key, message, f"invalid_{key}")
            if errors:
                continue
            key = self._key(unit_id, person_id, values)
            first = seen.get(key)
            if first is not None:
                self.error(
                    row,
                    "summary",
                    _("The same fact is already on row %(row)s.") % {"row": first.number},
                    "duplicate_row",
                )
                continue
            if key in existing:
                self.error(
                    row,
                    "summary",
                    _("This fact is already recorded for %(year)s; correct it on its page.")
                    % {"year": values["year"]},
                    "already_recorded",
                )
                continue
            seen[key] = row
            self.new.append(
                FactRecord(
                    unit_id=None if person_id else unit_id,
                    person_id=person_id,
                    kind=values["kind"],
                    year=values["year"],
                    summary=values["summary"],
                    outcome=values.get("outcome") or "",
                    amount=values.get("amount"),
                    document_reference=values["document_reference"],
                    recorded_by=self.actor,
                    recorded_at=now,
                )
            )

    @staticmethod
    def _key(unit_id: int, person_id: int | None, values: dict) -> tuple:
        owner = ("person", person_id) if person_id else ("unit", unit_id)
        return (*owner, values["year"], values["kind"], fold(values["summary"]))

    def _existing(self, resolved: list[tuple[ParsedRow, int, int | None]]) -> set[tuple]:
        """Keys of the facts already recorded for the file's units and people and years."""
        found: set[tuple] = set()
        years = sorted({row.values["year"] for row in self.rows if "year" in row.values})
        if not years:
            return found
        unit_ids = sorted({unit_id for _row, unit_id, pid in resolved if pid is None})
        person_ids = sorted({pid for _row, _unit, pid in resolved if pid is not None})
        for kind, ids in (("unit", unit_ids), ("person", person_ids)):
            for batch in xlsx.chunked(ids):
                facts = FactRecord.objects.filter(
                    Q(**{f"{kind}_id__in": batch}), year__in=years
                ).values_list("unit_id", "person_id", "year", "kind", "summary")
                for unit_id, person_id, year, fact_kind, summary in facts:
                    values = {"year": year, "kind": fact_kind, "summary": summary}
                    found.add(self._key(unit_id, person_id, values))
        return found

    def apply(self, actor, result: ImportResult) -> None:
        if self.new:
            bulk_create_with_history(
                self.new,
                FactRecord,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=_("Imported from Excel"),
            )
        result.created = len(self.new)


def facts_import(*, actor, upload) -> ImportResult:
    """Check the whole file, then record all its facts in one transaction (all or nothing)."""
    return xlsx.run_import(
        actor=actor,
        upload=upload,
        spec=FACTS_SPEC,
        plan_factory=_FactsPlan,
        conflict_message=_("The facts changed while the file was being imported; try again."),
    )
