"""Reads of the quotas of upward proposals (chỉ tiêu phân bổ): which units receive one, the
quotas a user sees, and how a proposal stands against them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.award_catalogue.models import AwardForm
from thidua.awards.documents.decisions import QuotaLine
from thidua.awards.models import Decision, DecisionStatus, Quota
from thidua.awards.rules import DRAFTER_ROLES, ISSUER_STAFF_ROLES, movement_area
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind

# Units that receive a quota: the levels whose People's Committee proposes to the province.
QUOTA_UNIT_KINDS = (UnitKind.DISTRICT, *COMMUNE_LEVEL_KINDS)


def quota_units(user: User, movement: Movement) -> QuerySet[Unit]:
    """Districts, communes and towns of the movement's area the user's Home Affairs role covers."""
    mine = reach(user, DRAFTER_ROLES)
    area = movement_area(movement)
    return Unit.objects.filter(pk__in=mine & area, kind__in=QUOTA_UNIT_KINDS).order_by("sort_name")


def quotas_visible(user: User, movement: Movement) -> QuerySet[Quota]:
    """The movement's quotas of units under the user's Home Affairs or chairman role."""
    mine = reach(user, ISSUER_STAFF_ROLES)
    return (
        Quota.objects.filter(movement=movement, unit_id__in=mine)
        .select_related("unit", "award_form")
        .order_by("unit__sort_name", "award_form__position", "pk")
    )


def quotas_for(movement_id: int, unit_id: int, form_ids: Iterable[int]) -> dict[int, Quota]:
    """The quotas of a unit for some award forms, by award form id (one query)."""
    rows = Quota.objects.filter(
        movement_id=movement_id, unit_id=unit_id, award_form_id__in=list(form_ids)
    ).select_related("award_form", "unit")
    return {quota.award_form_id: quota for quota in rows}


def quota_lines(
    decision: Decision, nominations: Sequence[Nomination]
) -> tuple[list[QuotaLine], list[str]]:
    """The quota per form: after signing as recorded; for a draft, as it would be after it.
    Also the names of the forms the unit has no quota of."""
    counts: dict[int, int] = defaultdict(int)
    forms: dict[int, AwardForm] = {}
    for nomination in nominations:
        counts[nomination.award_form_id] += 1
        forms[nomination.award_form_id] = nomination.award_form
    found = quotas_for(decision.movement_id, decision.issuing_unit_id, counts)
    lines, missing = [], []
    for form_id, count in sorted(counts.items(), key=lambda pair: forms[pair[0]].position):
        quota = found.get(form_id)
        if quota is None:
            missing.append(forms[form_id].name)
            continue
        used = quota.used if decision.status == DecisionStatus.SIGNED else quota.used + count
        lines.append(
            QuotaLine(
                form=forms[form_id].name,
                allocated=quota.allocated,
                used=used,
                remaining=quota.allocated - used,
                document_reference=quota.document_reference,
            )
        )
    return lines, missing
