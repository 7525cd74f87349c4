"""Decisions to award and proposals to the province: drafting within authority, signing with
a number, recording the awards, issuing the .docx and .pdf.

* The Home Affairs Office of the issuing district or commune drafts from the nominations the
  council passed (``selectors.candidates`` lists them and says why one may not go in).
* The chairman of the issuing unit (a grant on that unit itself) signs. Signing is one
  transaction: authority checked again, the quota reserved (proposals), the next number taken,
  the awards recorded (decisions), the nominations moved, the criterion sets locked, the .docx
  stored. The PDF is made from the stored .docx right after the transaction commits:
  LibreOffice takes seconds and must not hold the database's locks meanwhile; if it fails the
  decision stays signed and the page offers to make the PDF again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.award_catalogue.models import AwardForm
from thidua.award_catalogue.selectors import Money, money_on
from thidua.awards.documents import decisions as decision_documents
from thidua.awards.models import (
    Award,
    Decision,
    DecisionItem,
    DecisionKind,
    DecisionStatus,
    DocumentCounter,
    SignerCapacity,
)
from thidua.awards.rules import (
    MoneyScope,
    is_chairman_of,
    may_draft,
    may_edit,
    movement_area,
)
from thidua.awards.selectors import quotas as quota_selectors
from thidua.awards.selectors.authority import ISSUING_KINDS, P, day_text, issuing_office
from thidua.awards.selectors.budget import money_recipient
from thidua.awards.selectors.candidates import check_items, council_session
from thidua.awards.selectors.decisions import (
    decision_items,
    decision_view,
    recipient_detail,
    recipient_name,
)
from thidua.awards.services import quotas
from thidua.awards.services.register import award_refresh_derived
from thidua.core import documents, pdf
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc
from thidua.criteria.models import CriterionSet, candidate_type_of
from thidua.criteria.sets import criterion_set_for, criterion_set_lock
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination, NominationStatus
from thidua.nominations.workflow import nomination_transition
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind

logger = logging.getLogger(__name__)

SERIES: dict[str, str] = {DecisionKind.DECISION: "QĐ", DecisionKind.PROPOSAL: "TTr"}
SYMBOL = "UBND"

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


# --- drafting -------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftData:
    signed_on: date
    summary: str
    signer_name: str
    signer_title: str = "Chủ tịch"
    signer_capacity: str = SignerCapacity.ON_BEHALF
    distribution_list: str = ""


def default_summary(movement: Movement, kind: str) -> str:
    phrase = decision_documents.movement_phrase(movement.title)
    if kind == DecisionKind.PROPOSAL:
        return (
            "Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho tập thể, cá nhân "
            f"có thành tích xuất sắc trong {phrase}"
        )
    return f"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong {phrase}"


def default_distribution(kind: str, unit: Unit | None = None) -> str:
    """ "Nơi nhận" of a new draft: filed by the office that prepared it — Home Affairs (NV) in
    a district, Culture and Social Affairs (VHXH) in a commune."""
    office = "VHXH" if unit is not None and unit.kind in COMMUNE_LEVEL_KINDS else "NV"
    if kind == DecisionKind.PROPOSAL:
        return f"- Như trên;\n- Sở Nội vụ tỉnh;\n- Lưu: VT, {office}."
    return f"- Như Điều 3;\n- Lưu: VT, {office}."


def default_distributions() -> set[str]:
    """Every list :func:`default_distribution` offers (a form switches between them)."""
    return {f"- Như Điều 3;\n- Lưu: VT, {office}." for office in ("NV", "VHXH")} | {
        f"- Như trên;\n- Sở Nội vụ tỉnh;\n- Lưu: VT, {office}." for office in ("NV", "VHXH")
    }


def default_signer(movement: Movement, unit: Unit) -> str:
    """The issuing unit's chairman: the movement's signer for its own unit, else the active
    user who holds the chairman's role on the unit (blank when there is none)."""
    if unit.pk == movement.issuing_unit_id and movement.signer_name:
        return movement.signer_name
    grant = (
        RoleAssignment.objects.filter(unit=unit, role=Role.CHAIRMAN, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return grant.user.full_name if grant is not None else ""


def is_default_signer(name: str) -> bool:
    """Whether a typed signer is one this page offered (a chairman's name), so switching the
    issuing unit may replace it."""
    name = nfc(name)
    return (
        not name or RoleAssignment.objects.filter(role=Role.CHAIRMAN, user__full_name=name).exists()
    )


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


def _store_items(decision: Decision, nominations: Sequence[Nomination], actor: User) -> None:
    """Replace the draft's list; history records who removed and who added each line."""
    for item in decision.items.all():
        delete_attributed(item, actor=actor)
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
    actor: User,
    movement: Movement,
    issuing_unit: Unit,
    kind: str,
    data: DraftData,
    nomination_ids: Sequence[int],
) -> Decision:
    """A draft decision or proposal of ``issuing_unit`` from passed nominations."""
    if not may_draft(actor, issuing_unit.pk):
        raise ApplicationError(_(NOT_DRAFTER))
    if issuing_unit.kind not in ISSUING_KINDS or issuing_unit.pk not in movement_area(movement):
        raise ValidationError({"issuing_unit": _(UNIT_NOT_ISSUING)})
    decision = Decision(
        kind=kind,
        movement=movement,
        issuing_unit=issuing_unit,
        deciding_office=P if kind == DecisionKind.PROPOSAL else issuing_office(issuing_unit),
        created_by=actor,
    )
    _apply(decision, data)
    nominations, errors = check_items(
        movement=movement,
        issuing_unit=issuing_unit,
        kind=kind,
        day=decision.signed_on,
        nomination_ids=nomination_ids,
        decision=None,
    )
    if errors:
        raise ValidationError({"nominations": errors})
    decision.council_session = council_session(nominations)
    decision.full_clean()
    save_attributed(decision, actor=actor, reason=_("Decision created"))
    _store_items(decision, nominations, actor)
    return decision


@transaction.atomic
def decision_update(
    *, actor: User, decision: Decision, data: DraftData, nomination_ids: Sequence[int]
) -> Decision:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _ensure_draft(locked)
    if not may_edit(actor, locked):
        raise ApplicationError(_(NOT_DRAFTER))
    _apply(locked, data)
    nominations, errors = check_items(
        movement=locked.movement,
        issuing_unit=locked.issuing_unit,
        kind=locked.kind,
        day=locked.signed_on,
        nomination_ids=nomination_ids,
        decision=locked,
    )
    if errors:
        raise ValidationError({"nominations": errors})
    locked.council_session = council_session(nominations)
    locked.full_clean()
    save_attributed(locked, actor=actor, reason=_("Decision changed"))
    _store_items(locked, nominations, actor)
    return locked


@transaction.atomic
def decision_delete(*, actor: User, decision: Decision) -> None:
    """Remove a draft (it reserved nothing: quota is taken only at signing)."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    _ensure_draft(locked)
    if not may_edit(actor, locked):
        raise ApplicationError(_(NOT_DRAFTER))
    locked.items.all().delete()
    delete_attributed(locked, actor=actor, reason=_("Decision deleted"))


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
    """ "01/QĐ-UBND" (the leading zero: ``core.documents.document_number``)."""
    return documents.number_and_symbol(number, f"{SERIES[kind]}-{SYMBOL}")


def lock_criterion_sets(
    *, decision: Decision, nominations: Sequence[Nomination], actor: User
) -> list[CriterionSet]:
    """Lock the criterion sets the document relied on: the movement's set for each candidate
    type (``criterion_set_for``), locked by ``criterion_set_lock`` with the document's number
    and date as the reason. Nothing to lock (no set copied yet): []."""
    candidate_types = {
        candidate_type_of(unit=nomination.candidate_unit, person=nomination.candidate_person)
        for nomination in nominations
    }
    types = sorted(t for t in candidate_types if t is not None)
    sets = (criterion_set_for(decision.movement, t) for t in types)
    found = [s for s in sets if s is not None]
    if not found:
        return []
    kind = "Quyết định" if decision.kind == DecisionKind.DECISION else "Tờ trình"
    reason = f"{kind} số {decision.number_label} ngày {day_text(decision.signed_on)}"
    return criterion_set_lock(sets=found, reason=reason, actor=actor)


def _reserve_quotas(decision: Decision, nominations: Sequence[Nomination], actor: User) -> None:
    counts: dict[int, int] = defaultdict(int)
    forms: dict[int, AwardForm] = {}
    for nomination in nominations:
        counts[nomination.award_form_id] += 1
        forms[nomination.award_form_id] = nomination.award_form
    found = quota_selectors.quotas_for(decision.movement_id, decision.issuing_unit_id, counts)
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


def _record_awards(decision: Decision, nominations: Sequence[Nomination], actor: User) -> None:
    money: dict[tuple[int, str], Money] = {}
    for nomination in nominations:
        form = nomination.award_form
        key = (form.pk, money_recipient(nomination.candidate_person))
        if key not in money:
            money[key] = money_on(form, decision.signed_on, recipient=key[1])
        rates = money[key]
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
def _sign(*, actor: User, decision: Decision, today: date) -> Decision:
    # Lock the decision's row only ("of self"): a plain FOR UPDATE would also lock the joined
    # unit and movement rows and serialise every signature of the unit.
    locked = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuing_unit", "movement", "movement__issuing_unit")
        .get(pk=decision.pk)
    )
    _ensure_draft(locked)
    if not is_chairman_of(actor, locked.issuing_unit_id):
        raise ApplicationError(_(NOT_CHAIRMAN) % {"unit": locked.issuing_unit.name})
    if locked.signed_on > today:
        raise ApplicationError(_(FUTURE_DATE) % {"day": day_text(locked.signed_on)})
    nominations, errors = check_items(
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
        reason=f"{_('Decision signed')} {locked.number_label}",
        update_fields=["number", "number_label", "status", "signed_by", "signed_at"],
    )
    note = f"{locked.number_label} ngày {day_text(locked.signed_on)}"
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
    view = decision_view(decision, money=MoneyScope.whole_of(decision))
    rows = [line.row for line in view.lines]
    if decision.kind == DecisionKind.DECISION:
        return decision_documents.decision_docx(decision, rows)
    province = (
        Unit.objects.ancestors(decision.issuing_unit, include_self=False)
        .filter(kind=UnitKind.PROVINCE)
        .first()
    )
    return decision_documents.proposal_docx(decision, rows, province=province, quotas=view.quotas)


def _store_docx(decision: Decision, *, actor: User) -> None:
    data = render_docx(decision)
    decision.docx.save(
        decision_documents.file_name(decision, "docx"), ContentFile(data), save=False
    )
    save_attributed(
        decision, actor=actor, reason=_("Decision document (.docx) made"), update_fields=["docx"]
    )


def decision_make_pdf(*, actor: User, decision: Decision) -> Decision:
    """Convert the stored .docx to PDF and keep it (again, if the first attempt failed)."""
    if decision.status != DecisionStatus.SIGNED or not decision.docx:
        raise ApplicationError(_(NO_DOCX))
    with decision.docx.open("rb") as handle:
        data = handle.read()
    converted = pdf.docx_to_pdf(data)
    decision.pdf.save(
        decision_documents.file_name(decision, "pdf"), ContentFile(converted), save=False
    )
    save_attributed(decision, actor=actor, reason=_("Decision PDF made"), update_fields=["pdf"])
    return decision


def sign_problems(decision: Decision, *, today: date | None = None) -> list[str]:
    """What would stop the signature now (authority, date, quota), for the confirmation
    page; the signing transaction checks again and is the one that decides."""
    today = today or timezone.localdate()
    items = decision_items(decision)
    _nominations, errors = check_items(
        movement=decision.movement,
        issuing_unit=decision.issuing_unit,
        kind=decision.kind,
        day=decision.signed_on,
        nomination_ids=[item.nomination_id for item in items],
        decision=decision,
    )
    if decision.signed_on > today:
        errors.append(_(FUTURE_DATE) % {"day": day_text(decision.signed_on)})
    if decision.kind == DecisionKind.PROPOSAL:
        lines, missing = quota_selectors.quota_lines(decision, [item.nomination for item in items])
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
    *, actor: User, decision: Decision, today: date | None = None, make_pdf: bool = True
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
