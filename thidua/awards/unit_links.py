"""What the award register lends to the unit page (units sits below and cannot import it):
the awards its predecessors received. Registered by ``AwardsConfig.ready``."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import Award
from thidua.units import extensions


def predecessor_awards(unit_ids: Collection[int]) -> list[extensions.HistoryItem]:
    """The collective awards of these units, newest first, revoked ones said so (one query)."""
    awards = (
        Award.objects.filter(unit_id__in=unit_ids)
        .select_related("award_form")
        .order_by("-decided_on", "pk")
    )
    items = []
    for award in awards:
        detail = _("Decision %(number)s of %(day)s") % {
            "number": award.decision_number,
            "day": award.decided_on.strftime("%d/%m/%Y"),
        }
        if award.revoked_on:
            detail += " · " + _("revoked")
        items.append(
            extensions.HistoryItem(
                unit_id=award.unit_id or 0,
                label=award.award_form.name,
                detail=detail,
                url=reverse("awards:award", args=[award.pk]),
            )
        )
    return items


def register() -> None:
    extensions.register_section(
        extensions.UnitPageSection(
            key="awards",
            title=gettext_lazy("Awards received"),
            icon="award",
            position=30,
            items=predecessor_awards,
        )
    )
