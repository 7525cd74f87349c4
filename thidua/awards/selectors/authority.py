"""Authority to award: which chairman's office issues for a unit, and whether an office may
award a nomination's form on a day, with the reason when it may not.

Authority is data (``Authority`` rows with effective dates), so a decision dated after
1/7/2025 uses the rules in force then.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from thidua.award_catalogue.models import Authority, DecidingOffice
from thidua.award_catalogue.selectors import authorities_on
from thidua.criteria.models import Person
from thidua.nominations.models import Nomination
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind, rule_kinds

P, D, C = (
    DecidingOffice.PROVINCE_CHAIRMAN,
    DecidingOffice.DISTRICT_CHAIRMAN,
    DecidingOffice.COMMUNE_CHAIRMAN,
)
# Whose People's Committee issues, and which chairman's authority that is.
OFFICE_OF_KIND: dict[str, str] = {
    UnitKind.PROVINCE: P,
    UnitKind.DISTRICT: D,
    **dict.fromkeys(COMMUNE_LEVEL_KINDS, C),
}
ISSUING_KINDS = (UnitKind.DISTRICT, *COMMUNE_LEVEL_KINDS)

OFFICE_SHORT: dict[str, Promise] = {
    P: gettext_lazy("Chairman of the provincial PC"),
    D: gettext_lazy("Chairman of the district PC"),
    C: gettext_lazy("Chairman of the commune PC"),
}
OFFICE_LEVEL: dict[str, Promise] = {
    P: pgettext_lazy("level of government", "province"),
    D: pgettext_lazy("level of government", "district"),
    C: pgettext_lazy("level of government", "commune"),
}

AUTHORITY_ENDED = gettext_noop(
    "On %(day)s the %(office)s no longer has the authority to award “%(form)s” to "
    "%(candidate)s (the %(level)s authority ended on %(end)s)."
)
AUTHORITY_NOT_YET = gettext_noop(
    "On %(day)s the %(office)s does not yet have the authority to award “%(form)s” to "
    "%(candidate)s (it starts on %(start)s)."
)
AUTHORITY_NONE = gettext_noop(
    "On %(day)s the %(office)s has no authority to award “%(form)s” to %(candidate)s (%(kind)s)."
)
AUTHORITY_HOLDERS = gettext_noop("On that day it is awarded by: %(offices)s.")


def day_text(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def office_for(unit: Unit) -> str | None:
    return OFFICE_OF_KIND.get(unit.kind)


def issuing_office(unit: Unit) -> str:
    """The office of a unit that issues decisions and proposals (``ISSUING_KINDS``)."""
    office = office_for(unit)
    assert office is not None, f"a {unit.kind} does not issue decisions"
    return office


def candidate_person(nomination: Nomination) -> Person:
    """The individual candidate of a nomination that names no unit (a nomination names one
    or the other: ``nomination_unit_xor_person``)."""
    person = nomination.candidate_person
    assert person is not None, "a nomination names a unit or a person"
    return person


def candidate_level(nomination: Nomination) -> str:
    """The candidate's level: the kind of the unit that manages it (Art. 83)."""
    if nomination.candidate_unit is not None:
        return nomination.candidate_unit.kind
    return candidate_person(nomination).unit.kind


def candidate_unit_id(nomination: Nomination) -> int:
    if nomination.candidate_unit_id:
        return nomination.candidate_unit_id
    return candidate_person(nomination).unit_id


def candidate_label(nomination: Nomination) -> str:
    if nomination.candidate_unit is not None:
        return nomination.candidate_unit.name
    return candidate_person(nomination).full_name


class AuthorityCheck:
    """The authorities in force on a day (one query), and the reasons for a refusal."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.in_force = set(
            authorities_on(day).values_list("deciding_office", "award_form_id", "unit_level")
        )
        self._rows: list[Authority] | None = None

    def allows(self, office: str, form_id: int, level: str) -> bool:
        # A ward or special zone is judged on the commune rows (``rule_kinds``).
        return any((office, form_id, key) in self.in_force for key in rule_kinds(level))

    def allows_nomination(self, office: str, nomination: Nomination) -> bool:
        return self.allows(office, nomination.award_form_id, candidate_level(nomination))

    def _all_rows(self) -> list[Authority]:
        if self._rows is None:
            self._rows = list(Authority.objects.all())
        return self._rows

    def refusal(self, office: str, nomination: Nomination) -> str:
        """Why ``office`` may not award the nomination's form on the day, from the data."""
        form = nomination.award_form
        level = candidate_level(nomination)
        same = [
            row
            for row in self._all_rows()
            if row.deciding_office == office
            and row.award_form_id == form.pk
            and row.unit_level in rule_kinds(level)
        ]
        values = {
            "day": day_text(self.day),
            "office": OFFICE_SHORT[office],
            "form": form.name,
            "candidate": candidate_label(nomination),
            "level": OFFICE_LEVEL[office],
            "kind": str(UnitKind(level).label).lower() if level in UnitKind.values else level,
        }
        ended = [row for row in same if row.valid_to is not None and row.valid_to < self.day]
        later = [row for row in same if row.valid_from > self.day]
        if ended:
            # ``ended`` keeps only the rows with an end date.
            last_end = max(row.valid_to for row in ended if row.valid_to is not None)
            text = _(AUTHORITY_ENDED) % {
                **values,
                "end": day_text(last_end + timedelta(days=1)),
            }
        elif later:
            first = min(later, key=lambda row: row.valid_from)
            text = _(AUTHORITY_NOT_YET) % {**values, "start": day_text(first.valid_from)}
        else:
            text = _(AUTHORITY_NONE) % values
        holders = sorted(
            {
                o
                for (o, f, lvl) in self.in_force
                if f == form.pk and lvl in rule_kinds(level) and o != office
            }
        )
        if holders:
            offices = ", ".join(str(OFFICE_SHORT[o]) for o in holders)
            text += " " + _(AUTHORITY_HOLDERS) % {"offices": offices}
        return text
