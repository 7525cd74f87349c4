"""What every rule shares: the verdicts, an outcome with its reason, the candidate, and how
years and dates read in the reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.criteria.models import Person, candidate_type_of
from thidua.units.models import Unit


class Verdict(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    NOT_MET = "not_met", gettext_lazy("Not met")
    UNKNOWN = "unknown", gettext_lazy("Not yet known")


@dataclass(frozen=True)
class Outcome:
    verdict: str
    reason: str
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A unit or a person being checked. A person's ``unit`` must be loaded."""

    unit: Unit | None = None
    person: Person | None = None

    def __post_init__(self) -> None:
        if (self.unit is None) == (self.person is None):
            raise ValueError("A candidate is a unit or a person.")

    @classmethod
    def of(cls, obj: Unit | Person) -> Candidate:
        return cls(person=obj) if isinstance(obj, Person) else cls(unit=obj)

    @property
    def own_unit(self) -> Unit:
        """The unit of a unit candidate (there is one whenever there is no person)."""
        assert self.unit is not None, "a person candidate has no own unit"
        return self.unit

    @property
    def key(self) -> tuple[str, int]:
        return ("person", self.person.pk) if self.person is not None else ("unit", self.own_unit.pk)

    @property
    def type(self) -> str | None:
        return candidate_type_of(unit=self.unit, person=self.person)

    @property
    def name(self) -> str:
        return self.person.full_name if self.person is not None else self.own_unit.name

    @property
    def home_unit(self) -> Unit:
        """The unit itself, or the person's managing unit (whose works count for them)."""
        return self.person.unit if self.person is not None else self.own_unit

    @property
    def is_person(self) -> bool:
        return self.person is not None


Source = tuple[str, int]  # ("unit", id) or ("person", id)


def years_text(first: int | None, last: int | None) -> str:
    if first is None and last is None:
        return _("any year")
    if first is None:
        return _("up to %(year)s") % {"year": last}
    if last is None:
        return _("from %(year)s") % {"year": first}
    if first == last:
        return str(first)
    return f"{first}–{last}"


def date_text(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"
