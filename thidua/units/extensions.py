"""Where apps above units add to the unit page without units importing them.

A unit that continues others (a commune formed by merging communes on 1/7/2025) keeps their
history: its page lists their works, ratings and awards, each marked «từ Xã X (cũ)». Those
live in ``works``, ``criteria`` and ``awards``, above units; each registers a section here in
its ``AppConfig.ready`` (``<app>/unit_links.py``), so every import still points down.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.units.models import Unit
from thidua.units.selectors import predecessors_of

FROM_PREDECESSOR = gettext_noop("from %(name)s (former)")


@dataclass(frozen=True)
class HistoryItem:
    """One work, rating or award of a predecessor, as the unit page lists it."""

    unit_id: int
    label: str
    detail: str = ""
    url: str = ""
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class UnitPageSection:
    """A section of the unit page: its title, a Bootstrap icon name and the function giving
    the items of the predecessors (their ids in, one query)."""

    key: str
    title: Any
    icon: str
    position: int
    items: Callable[[Collection[int]], Iterable[HistoryItem]]


_sections: dict[str, UnitPageSection] = {}


def register_section(section: UnitPageSection) -> None:
    _sections[section.key] = section


def predecessor_sections(unit: Unit) -> list[dict[str, Any]]:
    """The registered sections filled with the items of the unit's predecessors (any depth),
    each marked with the predecessor it comes from; empty when the unit continues none.
    Two queries, then one per section."""
    predecessors = predecessors_of(unit.pk)
    if not predecessors:
        return []
    ids = sorted(predecessors)
    origins = {pk: _(FROM_PREDECESSOR) % {"name": u.name} for pk, u in predecessors.items()}
    return [
        {
            "key": section.key,
            "title": section.title,
            "icon": section.icon,
            "items": [
                replace(item, origin=origins.get(item.unit_id, "")) for item in section.items(ids)
            ],
        }
        for section in sorted(_sections.values(), key=lambda s: s.position)
    ]
