"""Reads of decisions to award and proposals to the province: the units a user drafts for,
the annex as a page and the .docx show it (with money), the movement's list, and the signed
decisions the public pages publish.

Money on a draft decision is the rates in force on its date (``MoneyRates``); once signed,
the awards as recorded. Proposals carry no money (the province pays) but show the quota.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.award_catalogue.models import AwardKind
from thidua.awards.documents import decisions as decision_documents
from thidua.awards.models import Award, Decision, DecisionItem, DecisionKind, DecisionStatus
from thidua.awards.rules import DRAFTER_ROLES, MoneyScope, movement_area, visible_decisions
from thidua.awards.selectors.authority import ISSUING_KINDS, candidate_person
from thidua.awards.selectors.budget import MoneyRates, money_recipient, recipient_expression
from thidua.awards.selectors.quotas import quota_lines
from thidua.awards.selectors.register import PUBLIC_HIDDEN
from thidua.core.text import nfc
from thidua.criteria.models import PersonKind
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination
from thidua.units.models import Unit


def drafting_units(user: User, movement: Movement) -> QuerySet[Unit]:
    """Districts, communes and towns of the movement's area where the user is Home Affairs."""
    area = movement_area(movement)
    return Unit.objects.filter(
        pk__in=reach(user, DRAFTER_ROLES) & area, kind__in=ISSUING_KINDS
    ).order_by("kind", "sort_name")


# --- rows of the annex ----------------------------------------------------------------


def recipient_kind(nomination: Nomination) -> str:
    if nomination.candidate_unit_id:
        return decision_documents.COLLECTIVE
    if candidate_person(nomination).kind == PersonKind.HOUSEHOLD:
        return decision_documents.HOUSEHOLD
    return decision_documents.INDIVIDUAL


def recipient_name(nomination: Nomination) -> str:
    unit = nomination.candidate_unit
    if unit is not None:
        return nfc(unit.full_name or unit.name)
    return nfc(candidate_person(nomination).full_name)


def recipient_detail(nomination: Nomination) -> str:
    """ "Chủ tịch Hội Nông dân, Xã A" for a person; the unit above for a collective."""
    if nomination.candidate_unit is not None:
        parent = nomination.candidate_unit.parent
        return nfc(parent.name) if parent else ""
    person = candidate_person(nomination)
    return ", ".join(part for part in (nfc(person.position), nfc(person.unit.name)) if part)


NOMINATION_RELATED = (
    "award_form",
    "candidate_unit",
    "candidate_unit__parent",
    "candidate_person",
    "candidate_person__unit",
)


def annex_order(nomination: Nomination) -> tuple[int, int, str, int]:
    """The annex's order: collectives first, then by award form and name."""
    collective = 0 if nomination.candidate_unit_id else 1
    if nomination.candidate_unit is not None:
        name = nomination.candidate_unit.sort_name
    else:
        name = candidate_person(nomination).sort_name
    return (collective, nomination.award_form.position, name, nomination.pk)


def make_row(nomination: Nomination, amount: Decimal | None) -> decision_documents.Row:
    return decision_documents.Row(
        name=recipient_name(nomination),
        detail=recipient_detail(nomination),
        form=nomination.award_form.name,
        form_is_title=nomination.award_form.kind == AwardKind.TITLE,
        recipient=recipient_kind(nomination),
        amount=amount,
    )


@dataclass
class ItemLine:
    """An item of a decision as a page shows it."""

    item: DecisionItem
    nomination: Nomination
    row: decision_documents.Row
    amount: Decimal | None
    has_money: bool  # a decision (proposals carry no money: the province pays)
    money_shown: bool = True  # False: another unit's award (``rules.MoneyScope``)
    revoked: Award | None = None  # the award, once revoked: marked, left out of the total


@dataclass
class DecisionView:
    decision: Decision
    lines: list[ItemLine]
    total: Decimal
    missing_money: int
    hidden_money: int = 0  # lines whose money the user may not see (left out of the total)
    quotas: list[decision_documents.QuotaLine] = field(default_factory=list)
    forms_without_quota: list[str] = field(default_factory=list)


def decision_items(decision: Decision) -> list[DecisionItem]:
    return list(
        decision.items.select_related(*(f"nomination__{name}" for name in NOMINATION_RELATED))
        .prefetch_related("nomination__award")
        .order_by("position", "pk")
    )


def _recipient_unit_id(nomination: Nomination) -> int | None:
    if nomination.candidate_unit_id:
        return nomination.candidate_unit_id
    person = nomination.candidate_person
    return person.unit_id if person is not None else None


def decision_view(decision: Decision, *, money: MoneyScope) -> DecisionView:
    """The annex with money (awards as recorded once signed; the rates in force on the date
    while a draft) and, for a proposal, the quota it uses. Money the user may not see
    (``money``: another unit's award) is neither shown nor counted in the total."""
    items = decision_items(decision)
    whole = money.sees_whole(decision)
    is_decision = decision.kind == DecisionKind.DECISION
    rates = MoneyRates() if is_decision and decision.status == DecisionStatus.DRAFT else None
    lines = []
    for item in items:
        nomination = item.nomination
        amount = None
        revoked = None
        if is_decision:
            if decision.status == DecisionStatus.SIGNED:
                award = getattr(nomination, "award", None)
                amount = award.amount if award is not None else None
                revoked = award if award is not None and award.is_revoked else None
            elif rates is not None:  # always for a draft
                amount = rates.amount(
                    nomination.award_form_id,
                    decision.signed_on,
                    money_recipient(nomination.candidate_person),
                )
        shown = whole or money.sees(
            issuing_unit_id=decision.issuing_unit_id,
            recipient_unit_id=_recipient_unit_id(nomination),
        )
        if not shown:
            amount = None
        lines.append(
            ItemLine(
                item=item,
                nomination=nomination,
                row=make_row(nomination, amount),
                amount=amount,
                has_money=is_decision,
                money_shown=shown,
                revoked=revoked,
            )
        )
    standing = [line for line in lines if line.revoked is None]
    total = sum((line.amount for line in standing if line.amount is not None), Decimal(0))
    missing = sum(
        1 for line in standing if is_decision and line.money_shown and line.amount is None
    )
    hidden = sum(1 for line in lines if is_decision and not line.money_shown)
    view = DecisionView(
        decision=decision, lines=lines, total=total, missing_money=missing, hidden_money=hidden
    )
    if not is_decision:
        view.quotas, view.forms_without_quota = quota_lines(decision, [i.nomination for i in items])
    return view


# --- lists ----------------------------------------------------------------------------


@dataclass
class ListRow:
    decision: Decision
    items: int
    total: Decimal | None
    partial: bool = False  # only the awards of the user's own units are counted


def decision_list(
    user: User,
    movement: Movement,
    *,
    money: MoneyScope,
    kind: str = "",
    status: str = "",
    q: str = "",
) -> QuerySet[Decision]:
    """The movement's decisions and proposals the user may see, newest first, with their
    item counts (a subquery) and money: recorded awards once signed, in full
    (``awarded_total``) and only those whose money the user sees (``visible_total``)."""
    items = (
        DecisionItem.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    awarded = (
        Award.objects.filter(decision=OuterRef("pk"), revoked_on__isnull=True)
        .order_by()
        .values("decision")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    visible = (
        Award.objects.filter(decision=OuterRef("pk"))
        .filter(money.q())
        .order_by()
        .values("decision")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    qs = (
        visible_decisions(user)
        .filter(movement=movement)
        .select_related("issuing_unit")
        .annotate(
            item_count=Coalesce(Subquery(items, output_field=IntegerField()), Value(0)),
            awarded_total=Subquery(awarded, output_field=DecimalField(max_digits=16)),
            visible_total=Subquery(visible, output_field=DecimalField(max_digits=16)),
        )
        .order_by("-signed_on", "-pk")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if q:
        terms = q.strip()
        qs = qs.filter(Q(number_label__icontains=terms) | Q(summary__icontains=terms))
    return qs


def list_rows(decisions: Sequence[Decision], *, money: MoneyScope) -> list[ListRow]:
    """Money per row: the awards' sum once signed (only the awards whose money the user sees,
    unless they see the whole decision); for draft decisions, the rates in force on each
    draft's date (one query for the drafts' forms, two for the rates)."""
    drafts = [
        d.pk
        for d in decisions
        if d.kind == DecisionKind.DECISION and d.status == DecisionStatus.DRAFT
    ]
    per_form: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    rates = None
    if drafts:
        for row in (
            DecisionItem.objects.filter(decision_id__in=drafts)
            .annotate(recipient=recipient_expression("nomination__candidate_person"))
            .values("decision_id", "nomination__award_form_id", "recipient")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            per_form[row["decision_id"]].append(
                (row["nomination__award_form_id"], row["recipient"], row["n"])
            )
        rates = MoneyRates()
    rows = []
    for decision in decisions:
        total: Decimal | None = None
        partial = False
        if decision.kind == DecisionKind.DECISION:
            if decision.status == DecisionStatus.SIGNED:
                # ``awarded_total`` and ``item_count`` are annotations of ``decision_list``.
                partial = not money.sees_whole(decision)
                field_name = "visible_total" if partial else "awarded_total"
                total = getattr(decision, field_name, None) or Decimal(0)
            else:
                total = Decimal(0)
                for form_id, recipient, n in per_form.get(decision.pk, ()):
                    amount = (
                        rates.amount(form_id, decision.signed_on, recipient)
                        if rates is not None
                        else None
                    )
                    if amount is not None:
                        total += amount * n
        rows.append(
            ListRow(
                decision=decision,
                items=getattr(decision, "item_count", 0),
                total=total,
                partial=partial,
            )
        )
    return rows


# --- published (the public pages) -------------------------------------------------------


def published_decisions() -> QuerySet[Decision]:
    """Signed award decisions: public documents (Law Art. 5: public and transparent)."""
    return Decision.objects.filter(
        kind=DecisionKind.DECISION, status=DecisionStatus.SIGNED
    ).select_related("issuing_unit", "movement")


def published_decision_index(q: str = "") -> QuerySet[Decision]:
    """Signed award decisions, newest first, searched by number or summary."""
    decisions = published_decisions().order_by("-signed_on", "-pk")
    if q:
        decisions = decisions.filter(Q(number_label__icontains=q) | Q(summary__icontains=q))
    return decisions


def published_decision_with_awards() -> QuerySet[Decision]:
    """Published decisions with their awards (and forms) prefetched, for the public page."""
    return published_decisions().prefetch_related(
        Prefetch(
            "awards",
            queryset=Award.objects.select_related("award_form")
            .defer(*PUBLIC_HIDDEN, "token")
            .order_by("unit_id", "recipient_name", "pk"),
        )
    )
