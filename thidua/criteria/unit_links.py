"""What criteria lends to the unit page (units sits below and cannot import it): the annual
ratings of its predecessors. Registered by ``CriteriaConfig.ready``."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext_lazy

from thidua.criteria.models import AnnualRating
from thidua.units import extensions


def predecessor_ratings(unit_ids: Collection[int]) -> list[extensions.HistoryItem]:
    """The collective ratings of these units, newest year first (one query)."""
    ratings = AnnualRating.objects.filter(unit_id__in=unit_ids).order_by("-year", "unit_id")
    return [
        extensions.HistoryItem(
            unit_id=rating.unit_id,
            label=f"{rating.year}: {rating.get_level_display()}",
            detail=rating.document_reference,
            url=reverse("criteria:unit", args=[rating.unit_id]),
        )
        for rating in ratings
        if rating.unit_id is not None  # always: the query filters on it
    ]


def register() -> None:
    extensions.register_section(
        extensions.UnitPageSection(
            key="ratings",
            title=gettext_lazy("Annual ratings"),
            icon="clipboard-data",
            position=20,
            items=predecessor_ratings,
        )
    )
