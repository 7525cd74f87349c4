"""Quotas of upward proposals (chỉ tiêu phân bổ): what the province allows a district or
commune to propose for an award form in a movement, and how much of it is used.

``used`` grows only through :func:`quota_reserve`, one conditional UPDATE: the database adds
the places only while they fit under ``allocated``, so two proposals signed at the same
moment cannot both take the last place (on PostgreSQL the second UPDATE waits for the first
transaction and then re-reads the row; SQLite serialises writers). A proposal reserves its
places when it is signed, in the signing transaction, so a refused signature uses nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm
from thidua.awards.models import Quota
from thidua.awards.rules import may_manage_quota
from thidua.awards.selectors.quotas import QUOTA_UNIT_KINDS
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.movements.models import Movement
from thidua.units.models import Unit

QUOTA_EXCEEDED = gettext_noop(
    "Above the quota: the province allocated %(allocated)s “%(form)s”, %(used)s already "
    "proposed, %(remaining)s left; this proposal asks for %(count)s."
)
NO_QUOTA = gettext_noop(
    "The province has not allocated a quota of “%(form)s” to %(unit)s for this movement: "
    "record the quota before signing the proposal."
)
ALLOCATED_BELOW_USED = gettext_noop(
    "Allocated: %(used)s places are already used by signed proposals; the quota cannot be "
    "less than that."
)
QUOTA_UNIT_NOT_ALLOWED = gettext_noop(
    "Unit: you do not manage quotas for this unit in this movement."
)


@transaction.atomic
def quota_set(
    *,
    actor: User,
    movement: Movement,
    unit: Unit,
    award_form: AwardForm,
    allocated: int,
    document_reference: str = "",
) -> Quota:
    """Record (or correct) the province's allocation to a unit for an award form.

    Lowering ``allocated`` is a conditional UPDATE too, so it cannot slip under places a
    proposal is taking at the same moment."""
    if not may_manage_quota(actor, unit.pk) or unit.kind not in QUOTA_UNIT_KINDS:
        raise ApplicationError(_(QUOTA_UNIT_NOT_ALLOWED))
    quota = Quota.objects.filter(movement=movement, unit=unit, award_form=award_form).first()
    if quota is None:
        quota = Quota(
            movement=movement,
            unit=unit,
            award_form=award_form,
            allocated=allocated,
            document_reference=document_reference,
        )
        quota.full_clean()
        save_attributed(quota, actor=actor, reason=_("Quota set"))
        return quota
    changed = Quota.objects.filter(pk=quota.pk, used__lte=allocated).update(
        allocated=allocated, document_reference=document_reference
    )
    quota.refresh_from_db()
    if not changed:
        raise ApplicationError(_(ALLOCATED_BELOW_USED) % {"used": quota.used})
    _record(quota, actor=actor, reason=_("Quota set"))
    return quota


def _record(quota: Quota, *, actor: User | None, reason: str) -> None:
    """The history row an UPDATE skips (django-simple-history writes it only on save)."""
    Quota.history.bulk_history_create(
        [quota], update=True, default_user=actor, default_change_reason=reason
    )


@transaction.atomic
def quota_reserve(
    *, quota: Quota, count: int, actor: User | None = None, reason: str = ""
) -> Quota:
    """Take ``count`` places of the quota, or refuse with the figures if they do not fit.

    The check and the increment are one statement, whatever the caller has in memory:
    ``UPDATE … SET used = used + n WHERE pk = … AND used <= allocated - n``."""
    if count <= 0:
        return quota
    changed = Quota.objects.filter(pk=quota.pk, used__lte=F("allocated") - count).update(
        used=F("used") + count
    )
    quota.refresh_from_db()
    if not changed:
        raise ApplicationError(
            _(QUOTA_EXCEEDED)
            % {
                "allocated": quota.allocated,
                "form": quota.award_form.name,
                "used": quota.used,
                "remaining": quota.remaining,
                "count": count,
            },
            extra={"quota": quota.pk},
        )
    _record(quota, actor=actor, reason=reason or f"+{count}")
    return quota


def no_quota_error_text(*, form: str, unit: Unit) -> str:
    return _(NO_QUOTA) % {"form": form, "unit": unit.name}


def no_quota_error(*, form: AwardForm, unit: Unit) -> ApplicationError:
    return ApplicationError(no_quota_error_text(form=form.name, unit=unit))
