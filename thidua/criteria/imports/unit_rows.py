"""What the imports whose rows name a unit (and maybe one of its people) share: the «Unit»
drop-down of the actor's units and the checks of the unit and person named on a row. The
directory is read once and the people of the named units once, never per row."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.core.text import fold
from thidua.criteria.models import Person
from thidua.criteria.rules import editable_units
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ParsedRow, Sheet, Spec
from thidua.units.lookup import UnitDirectory, UnitInfo, unit_option
from thidua.units.models import Unit

BATCH_SIZE = 500


def unit_options(actor: User) -> list[str]:
    """The drop-down of the units the actor may record for, their own unit first."""
    units = list(
        Unit.objects.filter(pk__in=editable_units(actor)).order_by("sort_name").only("code", "name")
    )
    if actor.unit_id:
        units.sort(key=lambda u: u.pk != actor.unit_id)
    return [unit_option(u) for u in units]


def with_units(spec: Spec, actor: User, *, example: bool = True) -> Spec:
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


class UnitRowsPlan(xlsx.ImportPlan):
    """Shared checks of imports whose rows name a unit (and maybe one of its people).

    Subclasses set ``spec`` and the message for a unit outside the actor's area, implement
    ``check`` and ``apply``; the directory is read once and people per named unit once.
    """

    spec: Spec
    outside_message = gettext_lazy("«%(unit)s» is outside your area; you cannot record its facts.")
    ambiguous_person_message = gettext_lazy(
        "%(unit)s has several people named «%(name)s»; record this fact on the form."
    )

    def __init__(self, *, actor: User, sheet: Sheet, rows: list[ParsedRow]) -> None:
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
