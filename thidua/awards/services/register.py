"""Writes of the award register (sổ khen thưởng): recording an earlier paper award and
revocation, and the derived text every award row carries.

Each write is one transaction, saved with attribution so history names the actor. The Home
Affairs Office over the deciding committee or over the recipient records and revokes
(``rules.REGISTRAR_ROLES``).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.award_catalogue.selectors import money_on
from thidua.awards.models import Award
from thidua.awards.rules import REGISTRAR_ROLES, may_record, may_revoke
from thidua.awards.selectors.budget import money_recipient
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc
from thidua.criteria.models import Person
from thidua.movements.models import Movement
from thidua.units.models import Unit

ALREADY_REVOKED = gettext_noop("This award was already revoked on %(day)s.")
DUPLICATE_AWARD = gettext_noop(
    "Decision number: %(recipient)s already has “%(form)s” under decision %(number)s "
    "of %(day)s in the register."
)


# --- derived text -----------------------------------------------------------------------


def award_search_text(award: Award) -> str:
    """The accent-folded text the register searches (recipient, detail, decision number)."""
    parts = (award.recipient_name, award.recipient_detail, award.decision_number)
    return " ".join(fold(part) for part in parts if part)[:600]


def award_refresh_derived(award: Award) -> None:
    """Normalise the written text to NFC and refresh ``search_text`` (call before saving)."""
    award.recipient_name = nfc(award.recipient_name)
    award.recipient_detail = nfc(award.recipient_detail)
    award.decision_number = nfc(award.decision_number)
    award.search_text = award_search_text(award)


def _default_detail(unit: Unit | None, person: Person | None) -> str:
    if person is not None:
        return ", ".join(part for part in (person.position, person.unit.name) if part)
    if unit is not None and unit.parent_id:
        return unit.parent.name
    return ""


@transaction.atomic
def award_record(
    *,
    actor: User,
    award_form: AwardForm,
    deciding_office: str,
    decision_number: str,
    decided_on: date,
    unit: Unit | None = None,
    person: Person | None = None,
    movement: Movement | None = None,
    recipient_name: str = "",
    recipient_detail: str = "",
) -> Award:
    """Enter an earlier paper award in the register (Home Affairs over the recipient).

    The money follows the base salary and the form's multiple in force on the decision
    date, when a multiple is recorded; otherwise the award is listed without money.
    """
    errors: dict[str, list[str]] = {}
    if (unit is None) == (person is None):
        errors["unit"] = [_("Recipient: choose either a collective or an individual.")]
    owner_id = unit.pk if unit is not None else (person.unit_id if person is not None else None)
    if owner_id is not None and owner_id not in reach(actor, REGISTRAR_ROLES):
        raise PermissionDenied
    if owner_id is None and not may_record(actor):
        raise PermissionDenied
    if decided_on and decided_on > timezone.localdate():
        errors["decided_on"] = [_("Decision date: must not be in the future.")]
    if deciding_office not in DecidingOffice.values:
        errors["deciding_office"] = [_("Deciding office: choose one from the list.")]
    number = nfc(decision_number)
    if not number:
        errors["decision_number"] = [_("Decision number: required.")]
    if errors:
        raise ValidationError(errors)
    same = Award.objects.filter(
        award_form=award_form, decision_number=number, decided_on=decided_on
    )
    same = same.filter(unit=unit) if unit is not None else same.filter(person=person)
    if same.exists():
        raise ValidationError(
            {
                "decision_number": [
                    _(DUPLICATE_AWARD)
                    % {
                        "recipient": (unit or person).__str__(),
                        "form": award_form.name,
                        "number": number,
                        "day": f"{decided_on:%d/%m/%Y}",
                    }
                ]
            }
        )
    # The money in force on the decision date; none when no multiple (or base salary) was.
    money = money_on(award_form, decided_on, recipient=money_recipient(person))
    if not recipient_name:
        if unit is not None:
            recipient_name = unit.full_name or unit.name
        elif person is not None:  # always: exactly one of them, checked above
            recipient_name = person.full_name
    award = Award(
        award_form=award_form,
        unit=unit,
        person=person,
        recipient_name=recipient_name,
        recipient_detail=recipient_detail or _default_detail(unit, person),
        movement=movement,
        deciding_office=deciding_office,
        decision_number=number,
        decided_on=decided_on,
        base_salary=money.base_salary,
        multiple=money.multiple,
        amount=money.amount,
        recorded_by=actor,
    )
    award_refresh_derived(award)
    award.full_clean()
    save_attributed(award, actor=actor, reason=_("Recorded from an earlier decision"))
    return award


@transaction.atomic
def award_revoke(
    *,
    actor: User,
    award: Award,
    reason: str,
    revocation_decision: str,
    revoked_on: date,
) -> Award:
    """Revoke an award (Chapter VII of the 2022 Law): the row stays, marked with the date,
    the reason and the revoking decision; its money leaves every total."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("person", "decision")
        .get(pk=award.pk)
    )
    if award.is_revoked:
        raise ApplicationError(_(ALREADY_REVOKED) % {"day": f"{award.revoked_on:%d/%m/%Y}"})
    if not may_revoke(actor, award):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    reason = nfc(reason)
    revocation_decision = nfc(revocation_decision)
    if not reason:
        errors["reason"] = [_("Reason for revocation: required.")]
    if not revocation_decision:
        errors["revocation_decision"] = [_("Revoking decision: required.")]
    if revoked_on is None:
        errors["revoked_on"] = [_("Revoked on: required.")]
    elif revoked_on > timezone.localdate():
        errors["revoked_on"] = [_("Revoked on: must not be in the future.")]
    elif revoked_on < award.decided_on:
        errors["revoked_on"] = [
            _("Revoked on: must not be before the award's decision (%(day)s).")
            % {"day": f"{award.decided_on:%d/%m/%Y}"}
        ]
    if errors:
        raise ValidationError(errors)
    award.revoked_on = revoked_on
    award.revocation_reason = reason
    award.revocation_decision = revocation_decision
    award.revoked_by = actor
    award.full_clean()
    save_attributed(
        award,
        actor=actor,
        reason=_("Revoked: %(reason)s") % {"reason": reason},
        update_fields=["revoked_on", "revocation_reason", "revocation_decision", "revoked_by"],
    )
    return award
