"""What works lends to the unit page (units sits below and cannot import it): the works its
predecessors registered. Registered by ``WorksConfig.ready``."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext_lazy

from thidua.units import extensions
from thidua.works.models import Work


def predecessor_works(unit_ids: Collection[int]) -> list[extensions.HistoryItem]:
    """The works of these units in every movement, newest movement first (one query)."""
    works = (
        Work.objects.filter(unit_id__in=unit_ids)
        .select_related("movement")
        .order_by("-movement__launched_at", "movement_id", "pk")
    )
    return [
        extensions.HistoryItem(
            unit_id=work.unit_id,
            label=work.name,
            detail=f"{work.movement.title} · {work.get_status_display()}",
            url=reverse("works:detail", args=[work.pk]),
        )
        for work in works
    ]


def register() -> None:
    extensions.register_section(
        extensions.UnitPageSection(
            key="works",
            title=gettext_lazy("Works"),
            icon="hammer",
            position=10,
            items=predecessor_works,
        )
    )
