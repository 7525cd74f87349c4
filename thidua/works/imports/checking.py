"""Checking an uploaded works file and registering its works (issue 4, 2).

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
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.core.errors import ApplicationError
from thidua.core.text import fold
from thidua.interchange import xlsx
from thidua.interchange.xlsx import ImportResult, ParsedRow, Sheet
from thidua.movements.lifecycle import ensure_registration_open
from thidua.movements.models import Movement, Participant
from thidua.units.lookup import UnitDirectory, UnitInfo
from thidua.units.models import Unit
from thidua.works import services
from thidua.works.imports.spec import WORKS_SPEC
from thidua.works.models import FundingSource, RegistrationStatus, Work
from thidua.works.rules import REGISTRAR_ROLES

BATCH_SIZE = 500


class _Plan:
    """The file checked against the directory, the participants and the existing works."""

    def __init__(
        self,
        *,
        actor: User,
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
            work_name = row.values.get("name")
            duplicate = False
            if info is not None and work_name:
                duplicate = self._duplicate(row, info, fold(work_name), seen, existing)
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

    def apply(self, actor: User, result: ImportResult) -> None:
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


def works_import(
    *, actor: User, movement: Movement, upload, unit: Unit | None = None
) -> ImportResult:
    """Check the whole file, then register all its works in one transaction.

    ``unit`` is the unit chosen on the page, for rows that leave «Unit» blank. Raises
    ``xlsx.WorkbookError`` when the file as a whole is unusable or the movement is not
    running; row errors are returned (with the upload annotated) and nothing is saved.
    """
    try:
        ensure_registration_open(movement)
    except ApplicationError as error:
        raise xlsx.WorkbookError(error.message) from error
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


def _may_use_default(actor: User, movement: Movement, unit: Unit) -> bool:
    return actor.has_perm("works.register_for_unit", unit) and services.may_register_in(
        movement, unit
    )
