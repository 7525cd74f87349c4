"""Which passed nominations may go into a draft decision or proposal, and every reason to
refuse a chosen one: the checks that drafting, the signing confirmation page and the signing
transaction share.

A decision lists what the issuing chairman may award on the decision's date; a proposal
lists what only the provincial chairman may award.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.models import Decision, DecisionItem, DecisionKind, DecisionStatus
from thidua.awards.selectors.authority import (
    OFFICE_SHORT,
    AuthorityCheck,
    P,
    candidate_label,
    candidate_level,
    candidate_unit_id,
    day_text,
    issuing_office,
)
from thidua.awards.selectors.budget import MoneyRates, money_recipient
from thidua.awards.selectors.decisions import NOMINATION_RELATED, annex_order
from thidua.councils.models import AgendaItem, CouncilSession, ItemResult
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination, NominationStatus
from thidua.units.models import Unit
from thidua.units.selectors import subtree_ids

SELF_AWARDABLE = gettext_noop(
    "%(candidate)s: on %(day)s the %(office)s may award “%(form)s” itself; put it in a "
    "decision, not in a proposal to the province."
)
NOT_PASSED = gettext_noop("%(candidate)s: the dossier is «%(status)s», not passed by the council.")
OUTSIDE_UNIT = gettext_noop("%(candidate)s is not under %(unit)s.")
OTHER_MOVEMENT = gettext_noop("A chosen dossier does not belong to this movement.")
IN_OTHER_DRAFT = gettext_noop("%(candidate)s is already listed in another draft (%(summary)s).")
NO_ITEMS = gettext_noop("Choose at least one candidate.")
BEFORE_COUNCIL = gettext_noop(
    "%(candidate)s: the council passed the dossier on %(held)s; the document cannot be dated "
    "%(day)s, before that."
)


# --- candidates for a draft -----------------------------------------------------------


@dataclass
class Candidate:
    nomination: Nomination
    level: str
    within: bool
    reason: str
    amount: Decimal | None
    other_draft: Decision | None


def passed_nominations(movement: Movement, issuing_unit: Unit) -> list[Nomination]:
    area = subtree_ids([issuing_unit.pk])
    rows = (
        Nomination.objects.filter(movement=movement, status=NominationStatus.PASSED)
        .filter(Q(candidate_unit_id__in=area) | Q(candidate_person__unit_id__in=area))
        .select_related(*NOMINATION_RELATED)
    )
    return sorted(rows, key=annex_order)


def other_drafts(nomination_ids: Iterable[int], decision: Decision | None) -> dict[int, Decision]:
    items = DecisionItem.objects.filter(
        nomination_id__in=list(nomination_ids), decision__status=DecisionStatus.DRAFT
    ).select_related("decision")
    if decision is not None and decision.pk:
        items = items.exclude(decision=decision)
    return {item.nomination_id: item.decision for item in items}


def draft_candidates(
    *,
    movement: Movement,
    issuing_unit: Unit,
    kind: str,
    day: date,
    decision: Decision | None = None,
) -> list[Candidate]:
    """Passed nominations under the issuing unit, each marked within authority on ``day`` or
    not (with the reason). A proposal offers those the issuing chairman may not award."""
    office = issuing_office(issuing_unit)
    check = AuthorityCheck(day)
    rates = MoneyRates() if kind == DecisionKind.DECISION else None
    nominations = passed_nominations(movement, issuing_unit)
    if decision is not None and decision.pk:
        # A draft's own items stay listed even if they no longer qualify, so they can be removed.
        listed = {item.nomination_id for item in decision.items.all()}
    else:
        listed = set()
    others = other_drafts([n.pk for n in nominations], decision)
    candidates = []
    for nomination in nominations:
        level = candidate_level(nomination)
        if kind == DecisionKind.PROPOSAL:
            if check.allows_nomination(office, nomination) and nomination.pk not in listed:
                continue  # the issuing chairman awards it: it belongs in a decision
            within = check.allows_nomination(P, nomination)
            reason = "" if within else check.refusal(P, nomination)
            amount = None
        else:
            within = check.allows_nomination(office, nomination)
            reason = "" if within else check.refusal(office, nomination)
            amount = (
                rates.amount(
                    nomination.award_form_id, day, money_recipient(nomination.candidate_person)
                )
                if rates is not None
                else None
            )
        candidates.append(
            Candidate(
                nomination=nomination,
                level=level,
                within=within,
                reason=reason,
                amount=amount,
                other_draft=others.get(nomination.pk),
            )
        )
    return candidates


# --- checks shared by drafting and signing --------------------------------------------


def check_items(
    *,
    movement: Movement,
    issuing_unit: Unit,
    kind: str,
    day: date,
    nomination_ids: Sequence[int],
    decision: Decision | None,
) -> tuple[list[Nomination], list[str]]:
    """The chosen nominations in annex order, and every reason to refuse them."""
    ids = list(dict.fromkeys(int(pk) for pk in nomination_ids))
    if not ids:
        return [], [_(NO_ITEMS)]
    nominations = list(
        Nomination.objects.filter(pk__in=ids, movement=movement).select_related(*NOMINATION_RELATED)
    )
    errors: list[str] = []
    if len(nominations) != len(ids):
        errors.append(_(OTHER_MOVEMENT))
    office = issuing_office(issuing_unit)
    asked = P if kind == DecisionKind.PROPOSAL else office
    check = AuthorityCheck(day)
    area = subtree_ids([issuing_unit.pk])
    others = other_drafts(ids, decision)
    for nomination in sorted(nominations, key=annex_order):
        label = candidate_label(nomination)
        if nomination.status != NominationStatus.PASSED:
            errors.append(
                _(NOT_PASSED) % {"candidate": label, "status": nomination.get_status_display()}
            )
            continue
        if candidate_unit_id(nomination) not in area:
            errors.append(_(OUTSIDE_UNIT) % {"candidate": label, "unit": issuing_unit.name})
            continue
        if nomination.pk in others:
            errors.append(
                _(IN_OTHER_DRAFT) % {"candidate": label, "summary": others[nomination.pk].summary}
            )
            continue
        if kind == DecisionKind.PROPOSAL and check.allows_nomination(office, nomination):
            errors.append(
                _(SELF_AWARDABLE)
                % {
                    "candidate": label,
                    "day": day_text(day),
                    "office": OFFICE_SHORT[office],
                    "form": nomination.award_form.name,
                }
            )
            continue
        if not check.allows_nomination(asked, nomination):
            errors.append(check.refusal(asked, nomination))
    # A decision follows the council's vote: it cannot be dated before the session.
    held = dict(
        AgendaItem.objects.filter(nomination__in=ids, result=ItemResult.PASSED).values_list(
            "nomination_id", "session__held_on"
        )
    )
    for nomination in sorted(nominations, key=annex_order):
        held_on = held.get(nomination.pk)
        if held_on is not None and day < held_on:
            errors.append(
                _(BEFORE_COUNCIL)
                % {
                    "candidate": candidate_label(nomination),
                    "held": day_text(held_on),
                    "day": day_text(day),
                }
            )
    return sorted(nominations, key=annex_order), errors


def council_session(nominations: Sequence[Nomination]) -> CouncilSession | None:
    """The latest council session that passed one of the nominations (for the bases)."""
    item = (
        AgendaItem.objects.filter(nomination__in=nominations, result=ItemResult.PASSED)
        .select_related("session", "session__council")
        .order_by("-session__held_on", "-session_id")
        .first()
    )
    return item.session if item else None
