"""Where apps above criteria plug in without criteria importing them.

The award register lives in ``awards``, above criteria, yet a rule counts the awards a candidate
received and the unit and person pages list them. ``awards`` registers its answers here when
Django starts (``AwardsConfig.ready``), so every import still points down.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.accounts.models import User
from thidua.criteria.models import Person
from thidua.units.models import Unit

# (unit id, person id, award form name, decision number, decided on) of one award not revoked.
AwardRow = tuple[int | None, int | None, str, str, date]
AwardRowsSource = Callable[[Collection[int], Collection[int]], Iterable[AwardRow]]

_award_sources: list[AwardRowsSource] = []


def register_award_source(source: AwardRowsSource) -> None:
    if source not in _award_sources:
        _award_sources.append(source)


def award_rows(unit_ids: Collection[int], person_ids: Collection[int]) -> list[AwardRow]:
    """The awards not revoked of these units and people, oldest first (one query a source)."""
    return [row for source in _award_sources for row in source(unit_ids, person_ids)]


@dataclass(frozen=True)
class PageSection:
    """A section another app adds to the unit or person facts page: its template and the
    function giving its context (``context(user, subject)``, subject a Unit or a Person)."""

    template_name: str
    context: Callable[[Any, Any], dict]


_sections: dict[str, list[PageSection]] = {"unit": [], "person": []}


def register_section(page: str, section: PageSection) -> None:
    if section not in _sections[page]:
        _sections[page].append(section)


def sections(page: str, user: User, subject: Unit | Person) -> list[dict[str, Any]]:
    """The sections of ``page`` ("unit" or "person") for this user and subject, each a dict
    with ``template_name`` and ``context`` for ``{% include %}``."""
    return [
        {"template_name": s.template_name, "context": s.context(user, subject)}
        for s in _sections[page]
    ]
