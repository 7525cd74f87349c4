"""Excel import of the other facts of units and people.

One row per target, initiative, contribution, violation or complaint, checked by
``services.fact_record_errors`` like the form; a row equal to a fact already recorded (same
unit or person, year, kind and summary) or to an earlier row is refused. The columns the rows
share with ratings (unit, person, year, document) are those of ``ratings.RATINGS_SPEC``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import User
from thidua.core.numbers import parse_grouped_integer
from thidua.core.text import fold
from thidua.criteria import services
from thidua.criteria.imports.ratings import RATINGS_SPEC
from thidua.criteria.imports.unit_rows import BATCH_SIZE, UnitRowsPlan, with_units
from thidua.criteria.models import FactKind, FactRecord, TargetOutcome
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec


def amount_value(value: Any) -> int:
    """A whole amount of đồng: an Excel number, or text such as 15.000.000 or 15 000 000 đ."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise xlsx.CellError(
                _("Write the amount in đồng as a whole number, for example 15.000.000."),
                "bad_amount",
            )
        return int(value)
    # Read like the form's field (``core.forms.GroupedIntegerField``): 15.000.000 đ.
    try:
        amount = parse_grouped_integer(xlsx.cell_text(value))
    except ValueError:
        amount = None
    if amount is None or amount < 0:
        raise xlsx.CellError(
            _("Write the amount in đồng as a whole number, for example 15.000.000."),
            "bad_amount",
        )
    return amount


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


def facts_template(*, actor: User) -> bytes:
    """The template with the actor's units in the drop-down and the first as the example."""
    return xlsx.build_workbook(with_units(FACTS_SPEC, actor), [], template=True)


class _FactsPlan(UnitRowsPlan):
    """The file checked against the directory, the units' people and the facts recorded."""

    spec = FACTS_SPEC

    def __init__(self, *, actor: User, sheet: Sheet, rows: list[ParsedRow]) -> None:
        super().__init__(actor=actor, sheet=sheet, rows=rows)
        self.new: list[FactRecord] = []

    def check(self) -> None:
        resolved = self._resolve()
        existing = self._existing(resolved)
        seen: dict[tuple[Any, ...], ParsedRow] = {}
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
            for name, message in errors.items():
                self.error(row, name, message, f"invalid_{name}")
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
    def _key(unit_id: int, person_id: int | None, values: dict[str, Any]) -> tuple[Any, ...]:
        owner = ("person", person_id) if person_id else ("unit", unit_id)
        return (*owner, values["year"], values["kind"], fold(values["summary"]))

    def _existing(self, resolved: list[tuple[ParsedRow, int, int | None]]) -> set[tuple[Any, ...]]:
        """Keys of the facts already recorded for the file's units and people and years."""
        found: set[tuple[Any, ...]] = set()
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

    def apply(self, actor: User, result: ImportResult) -> None:
        if self.new:
            bulk_create_with_history(
                self.new,
                FactRecord,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=_("Imported from Excel"),
            )
        result.created = len(self.new)


def facts_import(*, actor: User, upload: UploadedFile) -> ImportResult:
    """Check the whole file, then record all its facts in one transaction (all or nothing)."""
    return xlsx.run_import(
        actor=actor,
        upload=upload,
        spec=FACTS_SPEC,
        plan_factory=_FactsPlan,
        conflict_message=_("The facts changed while the file was being imported; try again."),
    )
