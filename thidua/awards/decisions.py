"""Decisions to award and proposals to the province: drafting within authority, signing with
a number, recording the awards, issuing the .docx and .pdf.

* The Home Affairs Office of the issuing district or commune drafts from the nominations the
  council passed. A decision lists what the issuing chairman may award on the decision's date;
  a proposal lists what only the provincial chairman may award. Authority is data
  (``Authority`` rows with effective dates), so a decision dated after 1/7/2025 uses the rules
  in force then.
* The chairman of the issuing unit (a grant on that unit itself) signs. Signing is one
  transaction: authority checked again, the quota reserved (proposals), the next number taken,
  the awards recorded (decisions), the nominations moved, the .docx stored. The PDF is made from
  the stored .docx right after the transaction commits: LibreOffice takes seconds and must not
  hold the database's locks meanwhile; if it fails the decision stays signed and the page offers
  to make the PDF again.
"""

from __future__ import annotations

import importlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import Role
from thidua.accounts.scope import ALL_ROLES, grant_roots, reach
from thidua.award_catalogue.models import (
    Authority,
    AwardForm,
    AwardKind,
    BaseSalary,
    DecidingOffice,
    MoneyMultiple,
)
from thidua.award_catalogue.selectors import Money, authorities_on, money_on
from thidua.awards import decision_documents, quotas
from thidua.awards.models import (
    Award,
    Decision,
    DecisionItem,
    DecisionKind,
    DecisionStatus,
    DocumentCounter,
    SignerCapacity,
)
from thidua.awards.register import award_refresh_derived
from thidua.core import pdf
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc
from thidua.councils.models import AgendaItem, ItemResult
from thidua.criteria import models as criteria_models
from thidua.criteria.models import PersonKind
from thidua.nominations.models import Nomination, NominationStatus
from thidua.nominations.workflow import nomination_transition
from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import subtree_ids

logger = logging.getLogger(__name__)

P, D, C = (
    DecidingOffice.PROVINCE_CHAIRMAN,
    DecidingOffice.DISTRICT_CHAIRMAN,
    DecidingOffice.COMMUNE_CHAIRMAN,
)
# Whose People's Committee issues, and which chairman's authority that is.
OFFICE_OF_KIND: dict[str, str] = {
    UnitKind.PROVINCE: P,
    UnitKind.DISTRICT: D,
    UnitKind.COMMUNE: C,
    UnitKind.TOWN: C,
}
ISSUING_KINDS = (UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.TOWN)
SERIES = {DecisionKind.DECISION: "QĐ", DecisionKind.PROPOSAL: "TTr"}
SYMBOL = "UBND"

OFFICE_SHORT = {
    P: gettext_lazy("Chairman of the provincial PC"),
    D: gettext_lazy("Chairman of the district PC"),
    C: gettext_lazy("Chairman of the commune PC"),
}
OFFICE_LEVEL = {
    P: pgettext_lazy("level of government", "province"),
    D: pgettext_lazy("level of government", "district"),
    C: pgettext_lazy("level of government", "commune"),
}

# --- messages -------------------------------------------------------------------------
AUTHORITY_ENDED = gettext_noop(
    "On %(day)s the %(office)s no longer has the authority to award “%(form)s” to "
    "%(candidate)s (the %(level)s authority ended on %(end)s)."
)
AUTHORITY_NOT_YET = gettext_noop(
    "On %(day)s the %(office)s does not yet have the authority to award “%(form)s” to "
    "%(candidate)s (it starts on %(start)s)."
)
AUTHORITY_NONE = gettext_noop(
    "On %(day)s the %(office)s has no authority to award “%(form)s” to %(candidate)s (%(kind)s)."
)
AUTHORITY_HOLDERS = gettext_noop("On that day it is awarded by: %(offices)s.")
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
NOT_DRAFTER = gettext_noop("You do not draft decisions for this unit.")
UNIT_NOT_ISSUING = gettext_noop(
    "Issuing unit: a decision is issued by the People's Committee of a district, commune or "
    "town within the movement's area."
)
NOT_DRAFT = gettext_noop("This document is already signed (%(number)s) and cannot change.")
NOT_CHAIRMAN = gettext_noop(
    "Only the chairman of %(unit)s (a role granted on that unit) signs its documents."
)
FUTURE_DATE = gettext_noop(
    "The date of the document (%(day)s) is after today: correct the date before signing."
)
DEPUTY_TITLE = gettext_noop(
    "Signer's title: signing “for the chairman” (KT.) is for a vice chairman."
)
NO_DOCX = gettext_noop("This document has no stored .docx to convert.")


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


# --- who may do what ------------------------------------------------------------------


def office_for(unit: Unit) -> str | None:
    return OFFICE_OF_KIND.get(unit.kind)


def may_draft(user, unit_id: int) -> bool:
    return unit_id in reach(user, (Role.HOME_AFFAIRS,))


def may_edit(user, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and may_draft(user, decision.issuing_unit_id)


def may_sign(user, decision: Decision) -> bool:
    """The chairman of the issuing unit itself: a chairman of the district does not sign for
    a commune's People's Committee."""
    return decision.status == DecisionStatus.DRAFT and decision.issuing_unit_id in grant_roots(
        user, (Role.CHAIRMAN,)
    )


def _staff_reach(user) -> frozenset[int]:
    return reach(user, (Role.HOME_AFFAIRS, Role.CHAIRMAN))


def visible_decisions(user) -> QuerySet[Decision]:
    """Drafts and signed documents of the units the user drafts or signs for; signed ones
    that award someone in the user's part of the tree."""
    mine = reach(user, ALL_ROLES)
    awards_mine = DecisionItem.objects.filter(decision=OuterRef("pk")).filter(
        Q(nomination__candidate_unit_id__in=mine)
        | Q(nomination__candidate_person__unit_id__in=mine)
    )
    return Decision.objects.filter(
        Q(issuing_unit_id__in=_staff_reach(user))
        | (Q(status=DecisionStatus.SIGNED) & Exists(awards_mine))
    )


def access_decision(user, pk: int) -> Decision:
    """The decision if the user may see it; the same 404 for missing and not yours."""
    decision = (
        visible_decisions(user)
        .select_related(
            "movement",
            "movement__issuing_unit",
            "issuing_unit",
            "issuing_unit__parent",
            "council_session",
            "council_session__council",
            "signed_by",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def drafting_units(user, movement) -> QuerySet[Unit]:
    """Districts, communes and towns of the movement's area where the user is Home Affairs."""
    area = quotas.movement_area(movement)
    return Unit.objects.filter(
        pk__in=reach(user, (Role.HOME_AFFAIRS,)) & area, kind__in=ISSUING_KINDS
    ).order_by("kind", "sort_name")


# --- authority ------------------------------------------------------------------------


def candidate_level(nomination: Nomination) -> str:
    """The candidate's level: the kind of the unit that manages it (Art. 83)."""
    if nomination.candidate_unit_id:
        return nomination.candidate_unit.kind
    return nomination.candidate_person.unit.kind


def candidate_unit_id(nomination: Nomination) -> int:
    if nomination.candidate_unit_id:
        return nomination.candidate_unit_id
    return nomination.candidate_person.unit_id


def candidate_label(nomination: Nomination) -> str:
    if nomination.candidate_unit_id:
        return nomination.candidate_unit.name
    return nomination.candidate_person.full_name


class AuthorityCheck:
    """The authorities in force on a day (one query), and the reasons for a refusal."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.in_force = set(
            authorities_on(day).values_list("deciding_office", "award_form_id", "unit_level")
        )
        self._rows: list[Authority] | None = None

    def allows(self, office: str, form_id: int, level: str) -> bool:
        return (office, form_id, level) in self.in_force

    def allows_nomination(self, office: str, nomination: Nomination) -> bool:
        return self.allows(office, nomination.award_form_id, candidate_level(nomination))

    def _all_rows(self) -> list[Authority]:
        if self._rows is None:
            self._rows = list(Authority.objects.all())
        return self._rows

    def refusal(self, office: str, nomination: Nomination) -> str:
        """Why ``office`` may not award the nomination's form on the day, from the data."""
        form = nomination.award_form
        level = candidate_level(nomination)
        same = [
            row
            for row in self._all_rows()
            if row.deciding_office == office
            and row.award_form_id == form.pk
            and row.unit_level == level
        ]
        values = {
            "day": _day(self.day),
            "office": OFFICE_SHORT[office],
            "form": form.name,
            "candidate": candidate_label(nomination),
            "level": OFFICE_LEVEL[office],
            "kind": str(UnitKind(level).label).lower() if level in UnitKind.values else level,
        }
        ended = [row for row in same if row.valid_to is not None and row.valid_to < self.day]
        later = [row for row in same if row.valid_from > self.day]
        if ended:
            last = max(ended, key=lambda row: row.valid_to)
            text = _(AUTHORITY_ENDED) % {**values, "end": _day(last.valid_to + timedelta(days=1))}
        elif later:
            first = min(later, key=lambda row: row.valid_from)
            text = _(AUTHORITY_NOT_YET) % {**values, "start": _day(first.valid_from)}
        else:
            text = _(AUTHORITY_NONE) % values
        holders = sorted(
            {o for (o, f, lvl) in self.in_force if f == form.pk and lvl == level and o != office}
        )
        if holders:
            offices = ", ".join(str(OFFICE_SHORT[o]) for o in holders)
            text += " " + _(AUTHORITY_HOLDERS) % {"offices": offices}
        return text


# --- money ----------------------------------------------------------------------------


class MoneyRates:
    """Base salary × the form's multiple in force on any day, from the two small reference
    tables read once (two queries), for pages that show many drafts' money at once. Signing
    records the money through the selectors (``award_amount`` and friends)."""

    def __init__(self) -> None:
        self.salaries = list(BaseSalary.objects.order_by("-valid_from"))
        self.multiples: dict[int, list[MoneyMultiple]] = defaultdict(list)
        for row in MoneyMultiple.objects.order_by("-valid_from"):
            self.multiples[row.award_form_id].append(row)

    @staticmethod
    def _in_force(rows, day: date):
        for row in rows:  # newest first
            if row.valid_from <= day and (row.valid_to is None or row.valid_to >= day):
                return row
        return None

    def amount(self, form_id: int, day: date) -> Decimal | None:
        salary = self._in_force(self.salaries, day)
        multiple = self._in_force(self.multiples.get(form_id, ()), day)
        if salary is None or multiple is None:
            return None
        return (Decimal(salary.amount) * Decimal(multiple.multiple)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )


# --- rows of the annex ----------------------------------------------------------------


def recipient_kind(nomination: Nomination) -> str:
    if nomination.candidate_unit_id:
        return decision_documents.COLLECTIVE
    if nomination.candidate_person.kind == PersonKind.HOUSEHOLD:
        return decision_documents.HOUSEHOLD
    return decision_documents.INDIVIDUAL


def recipient_name(nomination: Nomination) -> str:
    if nomination.candidate_unit_id:
        unit = nomination.candidate_unit
        return nfc(unit.full_name or unit.name)
    return nfc(nomination.candidate_person.full_name)


def recipient_detail(nomination: Nomination) -> str:
    """ "Chủ tịch Hội Nông dân, Xã A" for a person; the unit above for a collective."""
    if nomination.candidate_unit_id:
        parent = nomination.candidate_unit.parent
        return nfc(parent.name) if parent else ""
    person = nomination.candidate_person
    return ", ".join(part for part in (nfc(person.position), nfc(person.unit.name)) if part)


NOMINATION_RELATED = (
    "award_form",
    "candidate_unit",
    "candidate_unit__parent",
    "candidate_person",
    "candidate_person__unit",
)


def _order_key(nomination: Nomination):
    collective = 0 if nomination.candidate_unit_id else 1
    if nomination.candidate_unit_id:
        name = nomination.candidate_unit.sort_name
    else:
        name = nomination.candidate_person.sort_name
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


@dataclass
class DecisionView:
    decision: Decision
    lines: list[ItemLine]
    total: Decimal
    missing_money: int
    quotas: list[decision_documents.QuotaLine] = field(default_factory=list)
    forms_without_quota: list[str] = field(default_factory=list)


def decision_items(decision: Decision) -> list[DecisionItem]:
    return list(
        decision.items.select_related(*(f"nomination__{name}" for name in NOMINATION_RELATED))
        .prefetch_related("nomination__award")
        .order_by("position", "pk")
    )


def decision_view(decision: Decision) -> DecisionView:
    """The annex with money (awards as recorded once signed; the rates in force on the date
    while a draft) and, for a proposal, the quota it uses."""
    items = decision_items(decision)
    is_decision = decision.kind == DecisionKind.DECISION
    rates = MoneyRates() if is_decision and decision.status == DecisionStatus.DRAFT else None
    lines = []
    for item in items:
        nomination = item.nomination
        amount = None
        if is_decision:
            if decision.status == DecisionStatus.SIGNED:
                award = getattr(nomination, "award", None)
                amount = award.amount if award is not None else None
            else:
                amount = rates.amount(nomination.award_form_id, decision.signed_on)
        lines.append(
            ItemLine(
                item=item,
                nomination=nomination,
                row=make_row(nomination, amount),
                amount=amount,
                has_money=is_decision,
            )
        )
    total = sum((line.amount for line in lines if line.amount is not None), Decimal(0))
    missing = sum(1 for line in lines if is_decision and line.amount is None)
    view = DecisionView(decision=decision, lines=lines, total=total, missing_money=missing)
    if not is_decision:
        view.quotas, view.forms_without_quota = _quota_lines(
            decision, [i.nomination for i in items]
        )
    return view


def _quota_lines(
    decision: Decision, nominations: Sequence[Nomination]
) -> tuple[list[decision_documents.QuotaLine], list[str]]:
    """The quota per form: after signing as recorded; for a draft, as it would be after it."""
    counts: dict[int, int] = defaultdict(int)
    forms: dict[int, AwardForm] = {}
    for nomination in nominations:
        counts[nomination.award_form_id] += 1
        forms[nomination.award_form_id] = nomination.award_form
    found = quotas.quotas_for(decision.movement_id, decision.issuing_unit_id, counts)
    lines, missing = [], []
    for form_id, count in sorted(counts.items(), key=lambda pair: forms[pair[0]].position):
        quota = found.get(form_id)
        if quota is None:
            missing.append(forms[form_id].name)
            continue
        used = quota.used if decision.status == DecisionStatus.SIGNED else quota.used + count
        lines.append(
            decision_documents.QuotaLine(
                form=forms[form_id].name,
                allocated=quota.allocated,
                used=used,
                remaining=quota.allocated - used,
                document_reference=quota.document_reference,
            )
        )
    return lines, missing


# --- candidates for a draft -----------------------------------------------------------


@dataclass
class Candidate:
    nomination: Nomination
    level: str
    within: bool
    reason: str
    amount: Decimal | None
    other_draft: Decision | None


def passed_nominations(movement, issuing_unit: Unit) -> list[Nomination]:
    area = subtree_ids([issuing_unit.pk])
    rows = (
        Nomination.objects.filter(movement=movement, status=NominationStatus.PASSED)
        .filter(Q(candidate_unit_id__in=area) | Q(candidate_person__unit_id__in=area))
        .select_related(*NOMINATION_RELATED)
    )
    return sorted(rows, key=_order_key)


def _other_drafts(nomination_ids: Iterable[int], decision: Decision | None) -> dict[int, Decision]:
    items = DecisionItem.objects.filter(
        nomination_id__in=list(nomination_ids), decision__status=DecisionStatus.DRAFT
    ).select_related("decision")
    if decision is not None and decision.pk:
        items = items.exclude(decision=decision)
    return {item.nomination_id: item.decision for item in items}


def draft_candidates(
    *, movement, issuing_unit: Unit, kind: str, day: date, decision: Decision | None = None
) -> list[Candidate]:
    """Passed nominations under the issuing unit, each marked within authority on ``day`` or
    not (with the reason). A proposal offers those the issuing chairman may not award."""
    office = office_for(issuing_unit)
    check = AuthorityCheck(day)
    rates = MoneyRates() if kind == DecisionKind.DECISION else None
    nominations = passed_nominations(movement, issuing_unit)
    if decision is not None and decision.pk:
        # A draft's own items stay listed even if they no longer qualify, so they can be removed.
        listed = {item.nomination_id for item in decision.items.all()}
    else:
        listed = set()
    others = _other_drafts([n.pk for n in nominations], decision)
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
            amount = rates.amount(nomination.award_form_id, day)
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


def _check_items(
    *,
    movement,
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
    office = office_for(issuing_unit)
    asked = P if kind == DecisionKind.PROPOSAL else office
    check = AuthorityCheck(day)
    area = subtree_ids([issuing_unit.pk])
    others = _other_drafts(ids, decision)
    for nomination in sorted(nominations, key=_order_key):
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
                    "day": _day(day),
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
    for nomination in sorted(nominations, key=_order_key):
        held_on = held.get(nomination.pk)
        if held_on is not None and day < held_on:
            errors.append(
                _(BEFORE_COUNCIL)
                % {
                    "candidate": candidate_label(nomination),
                    "held": _day(held_on),
                    "day": _day(day),
                }
            )
    return sorted(nominations, key=_order_key), errors


def _council_session(nominations: Sequence[Nomination]):
    """The latest council session that passed one of the nominations (for the bases)."""
    item = (
        AgendaItem.objects.filter(nomination__in=nominations, result=ItemResult.PASSED)
        .select_related("session", "session__council")
        .order_by("-session__held_on", "-session_id")
        .first()
    )
    return item.session if item else None


# --- drafting -------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftData:
    signed_on: date
    summary: str
    signer_name: str
    signer_title: str = "Chủ tịch"
    signer_capacity: str = SignerCapacity.ON_BEHALF
    distribution_list: str = ""


def default_summary(movement, kind: str) -> str:
    phrase = decision_documents.movement_phrase(movement.title)
    if kind == DecisionKind.PROPOSAL:
        return (
            "Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho tập thể, cá nhân "
            f"có thành tích xuất sắc trong {phrase}"
        )
    return f"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong {phrase}"


def default_distribution(kind: str) -> str:
    if kind == DecisionKind.PROPOSAL:
        return "- Như trên;\n- Sở Nội vụ tỉnh;\n- Lưu: VT, NV."
    return "- Như Điều 3;\n- Lưu: VT, NV."


def _apply(decision: Decision, data: DraftData) -> None:
    decision.signed_on = data.signed_on
    decision.summary = nfc(data.summary)
    decision.signer_name = nfc(data.signer_name)
    decision.signer_title = nfc(data.signer_title) or "Chủ tịch"
    decision.signer_capacity = data.signer_capacity
    decision.distribution_list = "\n".join(
        nfc(line) for line in data.distribution_list.splitlines() if line.strip()
    )
    if decision.signer_capacity == SignerCapacity.DEPUTY and not fold(
        decision.signer_title
    ).startswith("pho"):
        raise ValidationError({"signer_title": _(DEPUTY_TITLE)})


def _store_items(decision: Decision, nominations: Sequence[Nomination], actor) -> None:
    """Replace the draft's list; history records who removed and who added each line."""
    for item in decision.items.all():
        item._history_user = actor
        item.delete()
    bulk_create_with_history(
        [
            DecisionItem(decision=decision, nomination=nomination, position=index)
            for index, nomination in enumerate(nominations, start=1)
        ],
        DecisionItem,
        default_user=actor,
    )


@transaction.atomic
def decision_create(
    *,
    actor,
    movement,
    issuing_unit: Unit,
    kind: str,
    data: DraftData,
    nomination_ids: Sequence[int],
) -> Decision:
    """A draft decision or proposal of ``issuing_unit`` from passed nominations."""
    if not may_draft(actor, issuing_unit.pk):
        raise ApplicationError(_(NOT_DRAFTER))
    if issuing_unit.kind not in ISSUING_KINDS or issuing_unit.pk not in quotas.movement_area(
        movement
    ):
        raise ValidationError({"issuing_unit": _(UNIT_NOT_ISSUING)})
    decision = Decision(
        kind=kind,
        movement=movement,
        issuing_unit=issuing_unit,
        deciding_office=P if kind == DecisionKind.PROPOSAL else office_for(issuing_unit),
        created_by=actor,
    )
    _apply(decision, data)
    nominations, errors = _check_items(
        movement=movement,
        issuing_unit=issuing_unit,
        kind=kind,
        day=decision.signed_on,
        nomination_ids=nomination_ids,
        decision=None,
    )
    if errors:
        raise ValidationError({"nominations": errors})
    decision.council_session = _council_session(nominations)
    decision.full_clean()
    save_attributed(decision, actor=actor, reason="decision_create")
    _store_items(decision, nominations, actor)
    return decision


@transaction.atomic
def decision_update(
    *, actor, decision: Decision, data: DraftData, nomination_ids: Sequence[int]
) -> Decision:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _ensure_draft(locked)
    if not may_edit(actor, locked):
        raise ApplicationError(_(NOT_DRAFTER))
    _apply(locked, data)
    nominations, errors = _check_items(
        movement=locked.movement,
        issuing_unit=locked.issuing_unit,
        kind=locked.kind,
        day=locked.signed_on,
        nomination_ids=nomination_ids,
        decision=locked,
    )
    if errors:
        raise ValidationError({"nominations": errors})
    locked.council_session = _council_session(nominations)
    locked.full_clean()
    save_attributed(locked, actor=actor, reason="decision_update")
    _store_items(locked, nominations, actor)
    return locked


@transaction.atomic
def decision_delete(*, actor, decision: Decision) -> None:
    """Remove a draft (it reserved nothing: quota is taken only at signing)."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _ensure_draft(locked)
    if not may_edit(actor, locked):
        raise ApplicationError(_(NOT_DRAFTER))
    locked.items.all().delete()
    delete_attributed(locked, actor=actor, reason="decision_delete")


def _ensure_draft(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise ApplicationError(_(NOT_DRAFT) % {"number": decision.number_label})


# --- signing --------------------------------------------------------------------------


def next_number(*, unit: Unit, year: int, series: str) -> int:
    """The series' next number for the unit and year. The counter row is locked (PostgreSQL)
    and incremented in the database, inside the caller's transaction, so two signatures never
    share a number; SQLite serialises the writing transactions anyway."""
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        unit=unit, year=year, series=series
    )
    DocumentCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def number_label(number: int, kind: str) -> str:
    return f"{number}/{SERIES[kind]}-{SYMBOL}"


def lock_criterion_sets(*, decision: Decision, nominations: Sequence[Nomination], actor) -> list:
    """Lock the criterion sets the document relied on (the movement's set for each candidate
    type), through ``thidua.criteria.sets``: ``criterion_set_for`` finds them and
    ``criterion_set_lock(sets=…, reason=…, actor=…)`` locks them. A no-op (returns []) while
    the criteria app does not offer those functions, so signing never depends on it."""
    try:
        criteria_sets = importlib.import_module("thidua.criteria.sets")
    except ModuleNotFoundError as error:
        if error.name == "thidua.criteria.sets":
            return []
        raise
    lock = getattr(criteria_sets, "criterion_set_lock", None)
    find = getattr(criteria_sets, "criterion_set_for", None)
    type_of = getattr(criteria_models, "candidate_type_of", None)
    if lock is None or find is None or type_of is None:
        return []
    types = {
        type_of(unit=nomination.candidate_unit, person=nomination.candidate_person)
        for nomination in nominations
    } - {None}
    found = [s for s in (find(decision.movement, t) for t in sorted(types)) if s is not None]
    if not found:
        return []
    kind = "Quyết định" if decision.kind == DecisionKind.DECISION else "Tờ trình"
    reason = f"{kind} số {decision.number_label} ngày {_day(decision.signed_on)}"
    return lock(sets=found, reason=reason, actor=actor)


def _reserve_quotas(decision: Decision, nominations: Sequence[Nomination], actor) -> None:
    counts: dict[int, int] = defaultdict(int)
    forms: dict[int, AwardForm] = {}
    for nomination in nominations:
        counts[nomination.award_form_id] += 1
        forms[nomination.award_form_id] = nomination.award_form
    found = quotas.quotas_for(decision.movement_id, decision.issuing_unit_id, counts)
    # Fixed order, so two signatures lock the quota rows in the same order (no deadlock).
    for form_id in sorted(counts):
        quota = found.get(form_id)
        if quota is None:
            raise quotas.no_quota_error(form=forms[form_id], unit=decision.issuing_unit)
    for form_id in sorted(counts):
        quotas.quota_reserve(
            quota=found[form_id],
            count=counts[form_id],
            actor=actor,
            reason=f"{decision.number_label or decision.summary[:60]}",
        )


def _record_awards(decision: Decision, nominations: Sequence[Nomination], actor) -> None:
    money: dict[int, Money] = {}
    for nomination in nominations:
        form = nomination.award_form
        if form.pk not in money:
            money[form.pk] = money_on(form, decision.signed_on)
        rates = money[form.pk]
        name = recipient_name(nomination)
        detail = recipient_detail(nomination)
        award = Award(
            award_form=form,
            unit=nomination.candidate_unit,
            person=nomination.candidate_person,
            recipient_name=name[:300],
            recipient_detail=detail[:500],
            movement=decision.movement,
            decision=decision,
            nomination=nomination,
            deciding_office=decision.deciding_office,
            decision_number=decision.number_label,
            decided_on=decision.signed_on,
            base_salary=rates.base_salary,
            multiple=rates.multiple,
            amount=rates.amount,
            recorded_by=actor,
        )
        award_refresh_derived(award)  # the register's search text, as it writes it
        award.full_clean()
        save_attributed(award, actor=actor, reason=decision.number_label)


@transaction.atomic
def _sign(*, actor, decision: Decision, today: date) -> Decision:
    # Lock the decision's row only ("of self"): a plain FOR UPDATE would also lock the joined
    # unit and movement rows and serialise every signature of the unit.
    locked = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuing_unit", "movement", "movement__issuing_unit")
        .get(pk=decision.pk)
    )
    _ensure_draft(locked)
    if locked.issuing_unit_id not in grant_roots(actor, (Role.CHAIRMAN,)):
        raise ApplicationError(_(NOT_CHAIRMAN) % {"unit": locked.issuing_unit.name})
    if locked.signed_on > today:
        raise ApplicationError(_(FUTURE_DATE) % {"day": _day(locked.signed_on)})
    nominations, errors = _check_items(
        movement=locked.movement,
        issuing_unit=locked.issuing_unit,
        kind=locked.kind,
        day=locked.signed_on,
        nomination_ids=list(
            locked.items.order_by("position").values_list("nomination_id", flat=True)
        ),
        decision=locked,
    )
    if errors:
        raise ApplicationError(" ".join(errors), extra={"errors": errors})
    if locked.kind == DecisionKind.PROPOSAL:
        _reserve_quotas(locked, nominations, actor)
    locked.number = next_number(
        unit=locked.issuing_unit, year=locked.signed_on.year, series=SERIES[locked.kind]
    )
    locked.number_label = number_label(locked.number, locked.kind)
    locked.status = DecisionStatus.SIGNED
    locked.signed_by = actor
    locked.signed_at = timezone.now()
    save_attributed(
        locked,
        actor=actor,
        reason=f"decision_sign {locked.number_label}",
        update_fields=["number", "number_label", "status", "signed_by", "signed_at"],
    )
    note = f"{locked.number_label} ngày {_day(locked.signed_on)}"
    if locked.kind == DecisionKind.DECISION:
        _record_awards(locked, nominations, actor)
        target = NominationStatus.DECIDED
    else:
        target = NominationStatus.PROPOSED
    for nomination in nominations:
        nomination_transition(nomination=nomination, to=target, actor=actor, note=note)
    lock_criterion_sets(decision=locked, nominations=nominations, actor=actor)
    _store_docx(locked, actor=actor)
    return locked


def render_docx(decision: Decision) -> bytes:
    """The document of a decision or proposal as it stands (a draft has no number yet)."""
    view = decision_view(decision)
    rows = [line.row for line in view.lines]
    if decision.kind == DecisionKind.DECISION:
        return decision_documents.decision_docx(decision, rows)
    province = (
        Unit.objects.ancestors(decision.issuing_unit, include_self=False)
        .filter(kind=UnitKind.PROVINCE)
        .first()
    )
    return decision_documents.proposal_docx(decision, rows, province=province, quotas=view.quotas)


def _store_docx(decision: Decision, *, actor) -> None:
    data = render_docx(decision)
    decision.docx.save(
        decision_documents.file_name(decision, "docx"), ContentFile(data), save=False
    )
    save_attributed(decision, actor=actor, reason="docx", update_fields=["docx"])


def decision_make_pdf(*, actor, decision: Decision) -> Decision:
    """Convert the stored .docx to PDF and keep it (again, if the first attempt failed)."""
    if decision.status != DecisionStatus.SIGNED or not decision.docx:
        raise ApplicationError(_(NO_DOCX))
    with decision.docx.open("rb") as handle:
        data = handle.read()
    converted = pdf.docx_to_pdf(data)
    decision.pdf.save(
        decision_documents.file_name(decision, "pdf"), ContentFile(converted), save=False
    )
    save_attributed(decision, actor=actor, reason="pdf", update_fields=["pdf"])
    return decision


def sign_problems(decision: Decision, *, today: date | None = None) -> list[str]:
    """What would stop the signature now (authority, date, quota), for the confirmation
    page; the signing transaction checks again and is the one that decides."""
    today = today or timezone.localdate()
    items = decision_items(decision)
    _nominations, errors = _check_items(
        movement=decision.movement,
        issuing_unit=decision.issuing_unit,
        kind=decision.kind,
        day=decision.signed_on,
        nomination_ids=[item.nomination_id for item in items],
        decision=decision,
    )
    if decision.signed_on > today:
        errors.append(_(FUTURE_DATE) % {"day": _day(decision.signed_on)})
    if decision.kind == DecisionKind.PROPOSAL:
        lines, missing = _quota_lines(decision, [item.nomination for item in items])
        for name in missing:
            errors.append(quotas.no_quota_error_text(form=name, unit=decision.issuing_unit))
        for line in lines:
            if line.remaining < 0:
                count = sum(1 for item in items if item.nomination.award_form.name == line.form)
                errors.append(
                    _(quotas.QUOTA_EXCEEDED)
                    % {
                        "allocated": line.allocated,
                        "form": line.form,
                        "used": line.used - count,
                        "remaining": line.allocated - (line.used - count),
                        "count": count,
                    }
                )
    return errors


def decision_sign(
    *, actor, decision: Decision, today: date | None = None, make_pdf: bool = True
) -> Decision:
    """Sign: number, awards or quota, nominations moved and .docx stored in one transaction;
    then the PDF (``make_pdf=False`` leaves it to the page's «Tạo PDF», as the demo loader
    does). ``signed.pdf_error`` holds the reason when the PDF could not be made."""
    signed = _sign(actor=actor, decision=decision, today=today or timezone.localdate())
    signed.pdf_error = ""
    if not make_pdf:
        return signed
    try:
        decision_make_pdf(actor=actor, decision=signed)
    except ApplicationError as error:
        logger.warning("PDF of decision %s not made: %s", signed.pk, error.message)
        signed.pdf_error = error.message
    return signed


# --- lists ----------------------------------------------------------------------------


@dataclass
class ListRow:
    decision: Decision
    items: int
    total: Decimal | None


def decision_list(user, movement, *, kind: str = "", status: str = "", q: str = ""):
    """The movement's decisions and proposals the user may see, newest first, with their
    item counts (a subquery) and money: recorded awards once signed."""
    items = (
        DecisionItem.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    awarded = (
        Award.objects.filter(decision=OuterRef("pk"))
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


def list_rows(decisions: Sequence[Decision]) -> list[ListRow]:
    """Money per row: the awards' sum once signed; for draft decisions, the rates in force on
    each draft's date (one query for the drafts' forms, two for the rates)."""
    drafts = [
        d.pk
        for d in decisions
        if d.kind == DecisionKind.DECISION and d.status == DecisionStatus.DRAFT
    ]
    per_form: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rates = None
    if drafts:
        for row in (
            DecisionItem.objects.filter(decision_id__in=drafts)
            .values("decision_id", "nomination__award_form_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            per_form[row["decision_id"]].append((row["nomination__award_form_id"], row["n"]))
        rates = MoneyRates()
    rows = []
    for decision in decisions:
        total: Decimal | None = None
        if decision.kind == DecisionKind.DECISION:
            if decision.status == DecisionStatus.SIGNED:
                total = decision.awarded_total or Decimal(0)
            else:
                total = Decimal(0)
                for form_id, n in per_form.get(decision.pk, ()):
                    amount = rates.amount(form_id, decision.signed_on)
                    if amount is not None:
                        total += amount * n
        rows.append(ListRow(decision=decision, items=decision.item_count, total=total))
    return rows
