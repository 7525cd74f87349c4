"""Quotas of upward proposals (chỉ tiêu phân bổ): what the province allows a district or
commune to propose for an award form in a movement, and how much of it is used.

``used`` grows only through :func:`quota_reserve`, one conditional UPDATE: the database adds
the places only while they fit under ``allocated``, so two proposals signed at the same
moment cannot both take the last place (on PostgreSQL the second UPDATE waits for the first
transaction and then re-reads the row; SQLite serialises writers). A proposal reserves its
places when it is signed, in the signing transaction, so a refused signature uses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import Role
from thidua.accounts.scope import reach
from thidua.award_catalogue.models import AwardForm
from thidua.awards.models import Quota
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import subtree_ids

# Units that receive a quota: the levels whose People's Committee proposes to the province.
QUOTA_UNIT_KINDS = (UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.TOWN)

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


def movement_area(movement) -> set[int]:
    """Ids of the units under the movement's issuing unit (one query, kept on the object)."""
    area = movement.__dict__.get("_thidua_area")
    if area is None:
        area = subtree_ids([movement.issuing_unit_id])
        movement.__dict__["_thidua_area"] = area
    return area


def quota_units(user, movement) -> QuerySet[Unit]:
    """Districts, communes and towns of the movement's area the user's Home Affairs role covers."""
    mine = reach(user, (Role.HOME_AFFAIRS,))
    area = movement_area(movement)
    return Unit.objects.filter(pk__in=mine & area, kind__in=QUOTA_UNIT_KINDS).order_by("sort_name")


def may_manage_quota(user, unit_id: int) -> bool:
    return unit_id in reach(user, (Role.HOME_AFFAIRS,))


def quotas_visible(user, movement) -> QuerySet[Quota]:
    """The movement's quotas of units under the user's Home Affairs or chairman role."""
    mine = reach(user, (Role.HOME_AFFAIRS, Role.CHAIRMAN))
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


@transaction.atomic
def quota_set(
    *,
    actor,
    movement,
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
        save_attributed(quota, actor=actor, reason="quota_set")
        return quota
    changed = Quota.objects.filter(pk=quota.pk, used__lte=allocated).update(
        allocated=allocated, document_reference=document_reference
    )
    quota.refresh_from_db()
    if not changed:
        raise ApplicationError(_(ALLOCATED_BELOW_USED) % {"used": quota.used})
    _record(quota, actor=actor, reason="quota_set")
    return quota


def _record(quota: Quota, *, actor, reason: str) -> None:
    """The history row an UPDATE skips (django-simple-history writes it only on save)."""
    Quota.history.bulk_history_create(
        [quota], update=True, default_user=actor, default_change_reason=reason
    )


@transaction.atomic
def quota_reserve(*, quota: Quota, count: int, actor=None, reason: str = "") -> Quota:
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
