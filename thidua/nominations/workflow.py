"""The nomination workflow: the allowed moves and the one service that makes them.

Every other app moves a dossier only through ``nomination_transition`` so that the trail
(``NominationEvent``) and the history are always written, in the same transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError

from .models import Nomination, NominationEvent
from .models import NominationStatus as S

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SUBMITTED, S.WITHDRAWN),
    S.SUBMITTED: (S.CHECKED, S.RETURNED, S.WITHDRAWN),
    S.RETURNED: (S.SUBMITTED, S.WITHDRAWN),
    S.CHECKED: (S.ON_NOTICE, S.RETURNED, S.WITHDRAWN),
    S.ON_NOTICE: (S.AT_COUNCIL, S.RETURNED, S.WITHDRAWN),
    S.AT_COUNCIL: (S.PASSED, S.REJECTED, S.ON_NOTICE),
    S.PASSED: (S.DECIDED, S.PROPOSED, S.REJECTED),
    S.PROPOSED: (S.DECIDED, S.REJECTED),
    S.DECIDED: (),
    S.REJECTED: (),
    S.WITHDRAWN: (),
}

# Statuses in which the proposing unit may still edit the dossier.
EDITABLE = (S.DRAFT, S.RETURNED)


def may_move(nomination: Nomination, to: str) -> bool:
    return to in TRANSITIONS.get(nomination.status, ())


@transaction.atomic
def nomination_transition(
    *, nomination: Nomination, to: str, actor: User, note: str = ""
) -> Nomination:
    """Move a dossier to ``to`` if the workflow allows it, recording who, when and why."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not may_move(locked, to):
        raise ApplicationError(
            _("This dossier is «%(status)s» and cannot become «%(to)s».")
            % {"status": locked.get_status_display(), "to": S(to).label}
        )
    previous = locked.status
    locked.status = to
    fields = ["status"]
    if to == S.SUBMITTED:
        locked.submitted_at = timezone.now()
        fields.append("submitted_at")
    if to == S.RETURNED:
        locked.return_reason = note
        fields.append("return_reason")
    # The history names the actor also outside a request (commands, other apps' services);
    # the trail row below is the dossier's own record of the step, shown on its page.
    save_attributed(
        locked,
        actor=actor,
        reason=note or f"{S(previous).label} → {S(to).label}",
        update_fields=fields,
    )
    NominationEvent.objects.create(
        nomination=locked, from_status=previous, to_status=to, actor=actor, note=note
    )
    nomination.status = locked.status
    nomination.submitted_at = locked.submitted_at
    nomination.return_reason = locked.return_reason
    return nomination
