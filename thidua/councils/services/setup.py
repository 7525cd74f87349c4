"""Writes for setting up a council: the council itself (with the default quorum and
thresholds), its members and its threshold per award form. Only its managers make them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm
from thidua.core.audit import delete_attributed, save_attributed
from thidua.councils import defaults, rules
from thidua.councils.models import Council, CouncilMember, RuleOrigin, Threshold
from thidua.units.models import Unit
from thidua.units.selectors import subtree_ids

COUNCIL_FIELDS = (
    "name",
    "quorum_numerator",
    "quorum_denominator",
    "threshold_percent",
    "threshold_basis",
    "legal_source",
)
MEMBER_FIELDS = ("full_name", "position", "role", "active")


def _ensure_manager(actor: User, council: Council) -> None:
    if not rules.manages(actor, council):
        raise PermissionDenied


def _check_quorum_values(numerator: int | None, denominator: int | None) -> None:
    if numerator is None or denominator is None:
        return
    if numerator < 1 or numerator > denominator:
        raise ValidationError(
            {
                "quorum_numerator": _(
                    "Quorum: the numerator must be between 1 and the denominator "
                    "(for example 2 of 3)."
                )
            }
        )


# --- council setup ------------------------------------------------------------------------


@transaction.atomic
def council_create(*, actor: User, unit: Unit, data: Mapping[str, Any]) -> Council:
    if unit.kind not in rules.COUNCIL_UNIT_KINDS:
        raise ValidationError(
            {"unit": _("A council is set up for a district or a commune (or town).")}
        )
    council = Council(unit=unit, **{name: data[name] for name in COUNCIL_FIELDS if name in data})
    _ensure_manager(actor, council)
    _check_quorum_values(council.quorum_numerator, council.quorum_denominator)
    council.full_clean()
    save_attributed(council, actor=actor, reason=_("Council set up"))
    return council


def default_council_name(unit: Unit) -> str:
    name = unit.name
    return f"Hội đồng Thi đua - Khen thưởng {name[0].lower()}{name[1:]}" if name else ""


@transaction.atomic
def council_create_with_defaults(
    *, actor: User, unit: Unit, data: Mapping[str, Any] | None = None
) -> Council:
    """A council with the default quorum and threshold (``defaults.py``, overridden by
    ``data``) and a Threshold row for each default form that is recorded."""
    values = {"name": default_council_name(unit), **defaults.council_defaults(), **(data or {})}
    council = council_create(actor=actor, unit=unit, data=values)
    council_add_default_thresholds(actor=actor, council=council)
    return council


@transaction.atomic
def council_add_default_thresholds(*, actor: User, council: Council) -> list[Threshold]:
    """A Threshold row for each default form recorded in the database that the council has no
    threshold for yet (existing rows, maybe corrected, are kept)."""
    _ensure_manager(actor, council)
    codes = [row.award_form_code for row in defaults.FORM_THRESHOLDS]
    forms = {form.code: form for form in AwardForm.objects.filter(code__in=codes)}
    have = set(council.thresholds.values_list("award_form__code", "valid_from"))
    created = []
    for row in defaults.FORM_THRESHOLDS:
        form = forms.get(row.award_form_code)
        if form is None or (form.code, row.valid_from) in have:
            continue
        threshold = Threshold(
            council=council,
            award_form=form,
            percent=row.percent,
            basis=row.basis,
            legal_source=row.legal_source,
            origin=row.origin,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        threshold.full_clean()
        save_attributed(threshold, actor=actor, reason=_("Default threshold"))
        created.append(threshold)
    return created


@transaction.atomic
def council_update(*, actor: User, council: Council, data: Mapping[str, Any]) -> Council:
    _ensure_manager(actor, council)
    changed = []
    for name in COUNCIL_FIELDS:
        if name in data and getattr(council, name) != data[name]:
            setattr(council, name, data[name])
            changed.append(name)
    if not changed:
        return council
    _check_quorum_values(council.quorum_numerator, council.quorum_denominator)
    council.full_clean()
    save_attributed(council, actor=actor, update_fields=changed)
    return council


def _check_member_user(council: Council, user: User) -> None:
    if user.unit_id is None or user.unit_id not in subtree_ids([council.unit_id]):
        raise ValidationError(
            {
                "user": _("%(user)s does not work in %(unit)s or a unit below it.")
                % {"user": user.display_name, "unit": council.unit.name}
            }
        )


@transaction.atomic
def member_add(
    *, actor: User, council: Council, user: User, data: Mapping[str, Any]
) -> CouncilMember:
    _ensure_manager(actor, council)
    _check_member_user(council, user)
    if CouncilMember.objects.filter(council=council, user=user).exists():
        raise ValidationError(
            {
                "user": _("%(user)s is already a member of this council.")
                % {"user": user.display_name}
            }
        )
    member = CouncilMember(council=council, user=user)
    for name in MEMBER_FIELDS:
        if name in data:
            setattr(member, name, data[name])
    member.full_name = (member.full_name or "").strip() or user.display_name
    member.position = (member.position or "").strip() or user.position
    member.full_clean()
    save_attributed(member, actor=actor, reason=_("Member added"))
    return member


@transaction.atomic
def member_update(*, actor: User, member: CouncilMember, data: Mapping[str, Any]) -> CouncilMember:
    _ensure_manager(actor, member.council)
    changed = []
    for name in MEMBER_FIELDS:
        if name in data and getattr(member, name) != data[name]:
            setattr(member, name, data[name])
            changed.append(name)
    if not changed:
        return member
    member.full_name = member.full_name.strip() or member.user.display_name
    member.full_clean()
    save_attributed(member, actor=actor, update_fields=changed)
    return member


def _check_no_overlap(threshold: Threshold) -> None:
    """Two rows of one form may not both apply to a session's day."""
    others = Threshold.objects.filter(
        council=threshold.council, award_form=threshold.award_form
    ).exclude(pk=threshold.pk)
    start, end = threshold.valid_from, threshold.valid_to
    for other in others:
        if (other.valid_to is None or start is None or start <= other.valid_to) and (
            other.valid_from is None or end is None or other.valid_from <= end
        ):
            raise ValidationError(
                {
                    "valid_from": _(
                        "«%(form)s» already has a threshold for sessions held %(period)s; "
                        "end that one first or choose dates that do not overlap."
                    )
                    % {"form": threshold.award_form.name, "period": period_text(other)}
                }
            )


def period_text(threshold: Threshold) -> str:
    start, end = threshold.valid_from, threshold.valid_to
    if start and end:
        return _("from %(start)s to %(end)s") % {
            "start": start.strftime("%d/%m/%Y"),
            "end": end.strftime("%d/%m/%Y"),
        }
    if start:
        return _("from %(start)s") % {"start": start.strftime("%d/%m/%Y")}
    if end:
        return _("until %(end)s") % {"end": end.strftime("%d/%m/%Y")}
    return _("at any date")


@transaction.atomic
def threshold_set(
    *,
    actor: User,
    council: Council,
    award_form: AwardForm,
    percent: int,
    basis: str,
    legal_source: str = "",
    origin: str = RuleOrigin.OWN_RULES,
    valid_from: date | None = None,
    valid_to: date | None = None,
    threshold: Threshold | None = None,
) -> Threshold:
    """Create a threshold for one award form (or change ``threshold``, or the form's row
    starting on the same day), for the sessions held in its period; periods of one form may
    not overlap."""
    _ensure_manager(actor, council)
    if threshold is None:
        threshold = Threshold.objects.filter(
            council=council, award_form=award_form, valid_from=valid_from
        ).first() or Threshold(council=council, award_form=award_form)
    elif threshold.council_id != council.pk:
        raise PermissionDenied
    threshold.percent = percent
    threshold.basis = basis
    threshold.legal_source = legal_source
    threshold.origin = origin
    threshold.valid_from = valid_from
    threshold.valid_to = valid_to
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    _check_no_overlap(threshold)
    threshold.full_clean()
    save_attributed(threshold, actor=actor)
    return threshold


@transaction.atomic
def threshold_delete(*, actor: User, threshold: Threshold) -> None:
    _ensure_manager(actor, threshold.council)
    delete_attributed(threshold, actor=actor)
