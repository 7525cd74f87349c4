"""Two-person control over the accounts that sign and vote: granting or removing a chairman or
council member role, and resetting such an account's password, is asked by one officer and
applied only when ANOTHER approves — a Home Affairs officer over the unit (or an ancestor), or
the province's administrator (a superuser). The requester and the account's owner never approve."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import (
    PROTECTED_ROLES,
    PasswordResetRequest,
    RequestStatus,
    Role,
    RoleAssignment,
    RoleChangeAction,
    RoleChangeRequest,
    User,
)
from thidua.accounts.notify import notify_owner
from thidua.accounts.scope import forget, reach
from thidua.accounts.services import ResetOutcome, perform_reset, refuse_self_grant
from thidua.core.audit import delete_attributed, save_attributed
from thidua.units.models import Unit


def may_approve(actor: User, *, requested_by_id: int, user_id: int, unit: Unit | None) -> bool:
    if actor.pk in (requested_by_id, user_id) or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    return unit is not None and unit.pk in reach(actor, (Role.HOME_AFFAIRS,))


def _require_manager(actor: User, unit: Unit | None) -> None:
    if unit is None or not actor.has_perm("accounts.manage_accounts", unit):
        raise PermissionDenied


@transaction.atomic
def role_change_request(
    *, actor: User, user: User, role: str, unit: Unit, action: str = RoleChangeAction.GRANT
) -> RoleChangeRequest:
    _require_manager(actor, unit)
    if role not in PROTECTED_ROLES:
        raise ValidationError(
            _("Only the chairman, council member and Home Affairs roles need an approval.")
        )
    if action == RoleChangeAction.GRANT:
        refuse_self_grant(actor, user)
        if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
            raise ValidationError(_("This account already holds that role on that unit."))
    elif not RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        raise ValidationError(_("This account does not hold that role on that unit."))
    pending = RoleChangeRequest.objects.filter(
        user=user, role=role, unit=unit, action=action, status=RequestStatus.PENDING
    ).first()
    if pending is not None:
        return pending
    request = RoleChangeRequest(user=user, role=role, unit=unit, action=action, requested_by=actor)
    save_attributed(request, actor=actor, reason=_("Requested"))
    notify_owner(
        actor=actor,
        user=user,
        subject=_("A change to your Thi đua roles is waiting for approval"),
        body=_("%(actor)s asked: %(change)s. A second officer must approve it.")
        % {"actor": actor.display_name, "change": str(request)},
    )
    return request


@transaction.atomic
def password_reset_request(*, actor: User, user: User) -> PasswordResetRequest:
    _require_manager(actor, user.unit)
    pending = PasswordResetRequest.objects.filter(user=user, status=RequestStatus.PENDING).first()
    if pending is not None:
        return pending
    request = PasswordResetRequest(user=user, requested_by=actor)
    save_attributed(request, actor=actor, reason=_("Requested"))
    notify_owner(
        actor=actor,
        user=user,
        subject=_("A reset of your Thi đua password is waiting for approval"),
        body=_(
            "%(actor)s asked to reset your password. A second officer must approve it; if you "
            "did not expect this, tell the Home Affairs Office."
        )
        % {"actor": actor.display_name},
    )
    return request


def _decide(request: RoleChangeRequest | PasswordResetRequest, actor: User, status: str) -> None:
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    unit = request.unit if isinstance(request, RoleChangeRequest) else request.user.unit
    if actor.pk == request.requested_by_id:
        raise ValidationError(_("You cannot approve or reject your own request."))
    if not may_approve(
        actor, requested_by_id=request.requested_by_id, user_id=request.user_id, unit=unit
    ):
        raise PermissionDenied
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    save_attributed(request, actor=actor, reason=str(RequestStatus(status).label))


@transaction.atomic
def role_change_approve(*, actor: User, request: RoleChangeRequest) -> None:
    _decide(request, actor, RequestStatus.APPROVED)
    user = request.user
    reason = _("Approved request by %(name)s") % {"name": request.requested_by.display_name}
    if request.action == RoleChangeAction.GRANT:
        assignment = RoleAssignment(user=user, role=request.role, unit=request.unit)
        assignment.full_clean()
        save_attributed(assignment, actor=actor, reason=reason)
    else:
        for assignment in RoleAssignment.objects.filter(
            user=user, role=request.role, unit=request.unit
        ):
            delete_attributed(assignment, actor=actor, reason=reason)
    forget(user)
    notify_owner(
        actor=actor,
        user=user,
        subject=_("Your Thi đua roles have changed"),
        body=_("%(change)s — asked by %(requester)s, approved by %(approver)s.")
        % {
            "change": str(request),
            "requester": request.requested_by.display_name,
            "approver": actor.display_name,
        },
    )


@transaction.atomic
def password_reset_approve(
    *, actor: User, request: PasswordResetRequest, site_url: str
) -> ResetOutcome:
    """Applied by the approver: the link goes to the owner, or the temporary password is shown
    to the approver — never to the officer who asked."""
    _decide(request, actor, RequestStatus.APPROVED)
    return perform_reset(actor=actor, user=request.user, site_url=site_url)


@transaction.atomic
def request_reject(*, actor: User, request: RoleChangeRequest | PasswordResetRequest) -> None:
    _decide(request, actor, RequestStatus.REJECTED)


def pending_for(actor: User) -> tuple[QuerySet[RoleChangeRequest], QuerySet[PasswordResetRequest]]:
    """The pending requests this officer may decide (not their own, not about themselves)."""
    roles = RoleChangeRequest.objects.filter(status=RequestStatus.PENDING).exclude(
        Q(requested_by=actor) | Q(user=actor)
    )
    resets = PasswordResetRequest.objects.filter(status=RequestStatus.PENDING).exclude(
        Q(requested_by=actor) | Q(user=actor)
    )
    if not actor.is_superuser:
        area = reach(actor, (Role.HOME_AFFAIRS,))
        roles = roles.filter(unit_id__in=area)
        resets = resets.filter(user__unit_id__in=area)
    related = ("user", "requested_by")
    return (
        roles.select_related(*related, "unit").order_by("requested_at"),
        resets.select_related(*related, "user__unit").order_by("requested_at"),
    )
