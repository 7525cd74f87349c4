"""What the award register lends to criteria (which sits below and cannot import it): the
awards a rule counts and the «Awards received» section of the unit and person pages.
Registered by ``AwardsConfig.ready``."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q
from django.urls import reverse

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.awards.models import Award
from thidua.awards.rules import REGISTRAR_ROLES, mark_money
from thidua.awards.selectors.register import awards_of_person, awards_of_unit
from thidua.criteria import extensions
from thidua.criteria.models import Person
from thidua.units.models import Unit

SECTION_TEMPLATE = "awards/register/_awards_section.html"


def award_rows(unit_ids: Collection[int], person_ids: Collection[int]) -> list:
    """Awards not revoked of the units and people, any movement (earlier paper awards too),
    oldest first: one query."""
    whose = Q(unit_id__in=unit_ids) | Q(person_id__in=person_ids)
    return list(
        Award.objects.filter(whose, revoked_on__isnull=True)
        .order_by("decided_on", "pk")
        .values_list("unit_id", "person_id", "award_form__name", "decision_number", "decided_on")
    )


def _record_url(user: User, unit_id: int, **query: int) -> str:
    """Home Affairs over the unit may record an earlier paper award for it."""
    if unit_id not in reach(user, REGISTRAR_ROLES):
        return ""
    ((key, value),) = query.items()
    return f"{reverse('awards:record')}?{key}={value}"


def unit_section(user: User, unit: Unit) -> dict:
    return {
        "awards": mark_money(user, awards_of_unit(unit, include_predecessors=True)),
        "record_url": _record_url(user, unit.pk, unit=unit.pk),
    }


def person_section(user: User, person: Person) -> dict:
    return {
        "awards": mark_money(user, awards_of_person(person)),
        "record_url": _record_url(user, person.unit_id, person=person.pk),
    }


def register() -> None:
    extensions.register_award_source(award_rows)
    extensions.register_section("unit", extensions.PageSection(SECTION_TEMPLATE, unit_section))
    extensions.register_section("person", extensions.PageSection(SECTION_TEMPLATE, person_section))
