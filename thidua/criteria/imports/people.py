"""Excel import of the people units manage and nominate (cadres, village workers, households…).

One row per person: the unit (code or exact name; blank means the unit chosen on the import
page), the full name, the kind of individual (from the drop-down), the position, the year
of birth and, optionally, the date of birth, sex and ethnic group (for the sector's statistics). Rules (all or nothing: with any error nothing is saved):

* the unit exists and the actor may record its facts (``rules.may_edit``);
* the name, kind and year of birth pass ``services.person_errors`` (the form's rule);
* the same person, meaning the same unit, the same name (case and accents ignored) and the
  same year of birth (or both blank), appears once in the file and is not already recorded.

The directory and the existing people of the named units are read once, never per row; the
people are written with ``bulk_create_with_history`` so each has its "created" history entry.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import User
from thidua.core.text import fold
from thidua.criteria import services
from thidua.criteria.imports.unit_rows import BATCH_SIZE, UnitRowsPlan, with_units
from thidua.criteria.models import Ethnicity, Person, PersonKind, Sex
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec
from thidua.units.lookup import UnitInfo
from thidua.units.models import Unit


def birth_year_value(value: Any) -> int:
    """A year of birth: an Excel number or text like 1985."""
    text = xlsx.cell_text(value)
    if not (text.isascii() and text.isdigit()):
        raise xlsx.CellError(
            _("«%(value)s» is not a year; write four digits, for example 1985.")
            % {"value": xlsx.shown(value)},
            "bad_year",
        )
    year = int(text)
    message = services.person_errors(
        {"full_name": "x", "kind": PersonKind.CADRE, "birth_year": year}
    )
    if message:
        raise xlsx.CellError(message["birth_year"], "year_out_of_range")
    return year


def birth_date_value(value: Any) -> date:
    """A date of birth: an Excel date or dd/mm/yyyy text, not in the future."""
    born = xlsx.date_value(value)
    message = services.person_errors(
        {"full_name": "x", "kind": PersonKind.CADRE, "date_of_birth": born}
    )
    if message:
        raise xlsx.CellError(message["date_of_birth"], "bad_birth_date")
    return born


PEOPLE_SPEC = Spec(
    sheet_title=gettext_lazy("People"),
    key="full_name",
    columns=(
        Column(
            "unit",
            gettext_lazy("Unit"),
            xlsx.text(300),
            width=30,
            help_text=gettext_lazy(
                "The managing unit's code or its exact name (case and accents do not matter), "
                "within your area. Leave blank for the unit chosen on the import page."
            ),
        ),
        Column(
            "full_name",
            pgettext_lazy("person", "Full name"),
            xlsx.text(200),
            required=True,
            width=30,
            help_text=gettext_lazy("Up to 200 characters."),
            example=lambda: f"{xlsx.EXAMPLE_MARKER} Nguyễn Văn An",
        ),
        Column(
            "kind",
            gettext_lazy("Kind of individual"),
            xlsx.choice(PersonKind),
            required=True,
            width=34,
            options=xlsx.choice_labels(PersonKind),
            help_text=gettext_lazy("Choose from the list."),
            example=lambda: str(PersonKind.CIVIL_SERVANT.label),
        ),
        Column(
            "position",
            gettext_lazy("Position"),
            xlsx.text(200),
            width=30,
            help_text=gettext_lazy("Optional, up to 200 characters."),
            example=lambda: "Công chức Văn hóa - Xã hội",
        ),
        Column(
            "birth_year",
            gettext_lazy("Year of birth"),
            birth_year_value,
            width=12,
            number_format="0",
            empty=None,
            help_text=gettext_lazy(
                "Optional; four digits. Two people of a unit with the same name need different "
                "years of birth."
            ),
            example=lambda: 1985,
        ),
        Column(
            "date_of_birth",
            gettext_lazy("Date of birth"),
            birth_date_value,
            width=14,
            number_format=xlsx.DATE_FORMAT,
            empty=None,
            help_text=gettext_lazy("Optional; dd/mm/yyyy. Fills a blank year of birth."),
            example=lambda: date(1985, 3, 12),
        ),
        Column(
            "sex",
            gettext_lazy("Sex"),
            xlsx.choice(Sex),
            width=10,
            options=xlsx.choice_labels(Sex),
            help_text=gettext_lazy("Optional; choose from the list."),
            example=lambda: str(Sex.MALE.label),
        ),
        Column(
            "ethnicity",
            gettext_lazy("Ethnic group"),
            xlsx.choice(Ethnicity),
            width=16,
            options=xlsx.choice_labels(Ethnicity),
            help_text=gettext_lazy(
                "Optional; choose from the list of Vietnam's 54 ethnic groups (or type its code)."
            ),
            example=lambda: str(Ethnicity.KINH.label),
        ),
    ),
)


def people_template(*, actor: User) -> bytes:
    """The template with the actor's units in the «Unit» drop-down."""
    return xlsx.build_workbook(with_units(PEOPLE_SPEC, actor, example=False), [], template=True)


PersonKey = tuple[int, str, int | None]


class _Plan(UnitRowsPlan):
    """The file checked against the directory and the people already recorded."""

    spec = PEOPLE_SPEC
    outside_message = gettext_lazy("«%(unit)s» is outside your area; you cannot record its people.")

    def __init__(
        self, *, actor: User, sheet: Sheet, rows: list[ParsedRow], default_unit: Unit | None = None
    ) -> None:
        super().__init__(actor=actor, sheet=sheet, rows=rows)
        self.default_unit = default_unit
        self.new: list[Person] = []

    def _row_unit(self, row: ParsedRow) -> UnitInfo | None:
        if "unit" in row.failed:
            return None
        if row.values.get("unit"):
            return self._unit(row)
        if self.default_unit is None:
            self.error(
                row,
                "unit" if self.sheet.has("unit") else "full_name",
                _(
                    "No unit: write the unit's code or name in «%(column)s», or choose the unit "
                    "for rows without one on the import page."
                )
                % {"column": PEOPLE_SPEC.column("unit").header},
                "no_unit",
            )
            return None
        if self.default_unit.pk not in self.area:
            self.error(
                row,
                "unit" if self.sheet.has("unit") else "full_name",
                str(self.outside_message) % {"unit": self.default_unit.name},
                "outside_reach",
            )
            return None
        return UnitInfo.of(self.default_unit)

    def _existing(self, unit_ids: list[int]) -> set[PersonKey]:
        found: set[PersonKey] = set()
        for batch in xlsx.chunked(unit_ids):
            rows = Person.objects.filter(unit_id__in=batch).values_list(
                "unit_id", "full_name", "birth_year"
            )
            for unit_id, name, birth_year in rows:
                found.add((unit_id, fold(name), birth_year))
        return found

    def check(self) -> None:
        units = {row.number: self._row_unit(row) for row in self.rows}
        existing = self._existing(sorted({u.pk for u in units.values() if u is not None}))
        seen: dict[PersonKey, ParsedRow] = {}
        for row in self.rows:
            info = units[row.number]
            if info is None or row.failed:
                continue
            values = row.values
            born = values.get("date_of_birth")
            if born is not None and values.get("birth_year") is None:
                values["birth_year"] = born.year
            if born is not None and values["birth_year"] != born.year:
                message = services.person_errors({**values, "kind": PersonKind.CADRE})
                self.error(row, "birth_year", message["birth_year"], "birth_year_mismatch")
                continue
            key = (info.pk, fold(values["full_name"]), values.get("birth_year"))
            first = seen.get(key)
            if first is not None:
                self.error(
                    row,
                    "full_name",
                    _("The same person (unit, name and year of birth) is already on row %(row)s.")
                    % {"row": first.number},
                    "duplicate_row",
                )
                continue
            if key in existing:
                self.error(
                    row,
                    "full_name",
                    _(
                        "%(unit)s already has a person named «%(name)s» with this year of birth; "
                        "they are not imported twice."
                    )
                    % {"unit": info.name, "name": values["full_name"]},
                    "already_recorded",
                )
                continue
            seen[key] = row
            person = Person(
                unit_id=info.pk,
                full_name=values["full_name"],
                kind=values["kind"],
                position=values.get("position") or "",
                birth_year=values.get("birth_year"),
                date_of_birth=values.get("date_of_birth"),
                sex=values.get("sex") or "",
                ethnicity=values.get("ethnicity") or "",
            )
            person.refresh_derived()  # bulk_create skips save(), which fills these
            self.new.append(person)

    def apply(self, actor: User, result: ImportResult) -> None:
        if self.new:
            bulk_create_with_history(
                self.new,
                Person,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=_("Imported from Excel"),
                default_date=timezone.now(),
            )
        result.created = len(self.new)


def people_import(
    *, actor: User, upload: UploadedFile, default_unit: Unit | None = None
) -> ImportResult:
    """Check the whole file, then create all its people in one transaction.

    ``default_unit`` is the unit of rows whose «Unit» is blank. Raises ``xlsx.WorkbookError``
    when the file as a whole is unusable; row errors are returned (with the upload
    annotated) and nothing is saved.
    """
    return xlsx.run_import(
        actor=actor,
        upload=upload,
        spec=PEOPLE_SPEC,
        plan_factory=functools.partial(_Plan, default_unit=default_unit),
        conflict_message=_("The people changed while the file was being imported; try again."),
    )
