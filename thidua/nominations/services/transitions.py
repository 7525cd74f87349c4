"""The workflow steps people take on a dossier: the unit sends it (again) or withdraws it, the
Home Affairs Office accepts or returns it. Each move goes through
``workflow.nomination_transition``, which writes the trail and the history together."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import ApplicationError
from thidua.core.text import nfc

from .. import rules
from ..models import Nomination, NominationStatus
from ..workflow import nomination_transition
from .dossiers import lock_editable, missing_parts

S = NominationStatus


@transaction.atomic
def nomination_submit(*, actor: User, nomination: Nomination) -> Nomination:
    """Send the dossier to the Home Affairs Office for checking (again after a return)."""
    locked = lock_editable(actor, nomination)
    missing = missing_parts(locked)
    if missing:
        raise ValidationError(missing)
    note = _("Sent again after correction") if locked.status == S.RETURNED else ""
    nomination_transition(nomination=nomination, to=S.SUBMITTED, actor=actor, note=note)
    return nomination


@transaction.atomic
def nomination_accept(*, actor: User, nomination: Nomination, note: str = "") -> Nomination:
    """The Home Affairs Office finds the dossier complete and correct."""
    if not rules.is_home_affairs_of(actor, nomination.movement):
        raise PermissionDenied
    if nomination.status != S.SUBMITTED:
        raise ApplicationError(
            _("Only a dossier sent for checking can be accepted; this one is «%(status)s».")
            % {"status": nomination.get_status_display()}
        )
    return nomination_transition(nomination=nomination, to=S.CHECKED, actor=actor, note=nfc(note))


@transaction.atomic
def nomination_return(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    """The Home Affairs Office sends the dossier back for correction, saying why."""
    if not rules.is_home_affairs_of(actor, nomination.movement):
        raise PermissionDenied
    reason = nfc(reason)
    if not reason:
        raise ValidationError(
            {"reason": _("Reason: say what the unit must correct before sending it again.")}
        )
    return nomination_transition(nomination=nomination, to=S.RETURNED, actor=actor, note=reason)


@transaction.atomic
def nomination_withdraw(*, actor: User, nomination: Nomination, note: str = "") -> Nomination:
    """The proposing unit takes its dossier back; the candidate may be proposed again."""
    if not rules.may_propose_for(actor, nomination.proposing_unit_id):
        raise PermissionDenied
    return nomination_transition(nomination=nomination, to=S.WITHDRAWN, actor=actor, note=nfc(note))
