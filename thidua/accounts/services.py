import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from thidua.accounts.models import PROTECTED_ROLES, RoleAssignment, User
from thidua.accounts.notify import notify_owner
from thidua.accounts.scope import forget
from thidua.core.audit import delete_attributed, save_attributed
from thidua.units.models import Unit

# Readable without ambiguity on paper: no 0/O, 1/l/I.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# A temporary password handed out by a reset stops working if unused for this long.
TEMPORARY_PASSWORD_LIFETIME = timedelta(hours=24)


def generate_password(length: int = 12) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def refuse_self_grant(actor: User, user: User) -> None:
    """Nobody grants a role to themselves: it is how an officer could make itself the signer."""
    if actor.pk == user.pk:
        raise ValidationError(
            _("You cannot grant a role to your own account: another officer must do it.")
        )


def refuse_protected(role: str) -> None:
    if role in PROTECTED_ROLES:
        raise ValidationError(
            _(
                "Granting or removing the chairman, council member or Home Affairs role needs the approval "
                "of a second officer: send a request instead."
            )
        )


@transaction.atomic
def account_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    unit: Unit,
    role: str,
    email: str = "",
    phone: str = "",
    position: str = "",
    password: str | None = None,
) -> tuple[User, str]:
    """Create an account for a unit with its first role; returns the user and the initial password.

    The initial password must be changed at first login.
    """
    if not actor.has_perm("accounts.manage_accounts", unit):
        raise PermissionDenied
    initial = password or generate_password()
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        position=position.strip(),
        unit=unit,
        must_change_password=password is None,
    )
    user.full_clean(exclude=["password"])
    if password is not None:
        validate_password(password, user)
    user.set_password(initial)
    save_attributed(user, actor=actor)
    if role in PROTECTED_ROLES:
        # The account is made now; the signing role waits for a second officer's approval.
        from thidua.accounts.approvals import role_change_request

        role_change_request(actor=actor, user=user, role=role, unit=unit)
    else:
        role_grant(actor=actor, user=user, role=role, unit=unit)
    return user, initial


@transaction.atomic
def role_grant(*, actor: User, user: User, role: str, unit: Unit) -> RoleAssignment:
    if not actor.has_perm("accounts.manage_accounts", unit):
        raise PermissionDenied
    refuse_self_grant(actor, user)
    refuse_protected(role)
    assignment = RoleAssignment(user=user, role=role, unit=unit)
    assignment.full_clean()
    save_attributed(assignment, actor=actor)
    forget(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    if not actor.has_perm("accounts.manage_accounts", assignment.unit):
        raise PermissionDenied
    refuse_protected(assignment.role)
    delete_attributed(assignment, actor=actor)
    forget(assignment.user)


@transaction.atomic
def account_set_active(*, actor: User, user: User, active: bool) -> User:
    if user.unit is None or not actor.has_perm("accounts.manage_accounts", user.unit):
        raise PermissionDenied
    user.is_active = active
    save_attributed(user, actor=actor, update_fields=["is_active"])
    return user


@dataclass
class ResetOutcome:
    """What a reset did. ``temporary_password`` is set only when the owner has no e-mail."""

    link_sent_to: str = ""
    temporary_password: str = ""


def perform_reset(*, actor: User, user: User, site_url: str) -> ResetOutcome:
    """Reset without showing a usable password to whoever asked: the owner gets a one-time link
    by e-mail; an owner without e-mail gets a temporary password that expires unused."""
    if user.email:
        user.set_unusable_password()  # the old password stops working at once
        user.must_change_password = False
        user.temporary_password_expires_at = None
        reason = _("Password reset: a one-time link was e-mailed to the owner")
        save_attributed(
            user,
            actor=actor,
            reason=reason,
            update_fields=["password", "must_change_password", "temporary_password_expires_at"],
        )
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        notify_owner(
            actor=actor,
            user=user,
            subject=_("Set a new password for your Thi đua account"),
            body=_(
                "Your password was reset by %(actor)s. Open this link within %(days)s days to "
                "choose a new password (it works once):\n%(link)s"
            )
            % {"actor": actor.display_name, "days": _reset_link_days(), "link": site_url + path},
        )
        return ResetOutcome(link_sent_to=user.email)
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.temporary_password_expires_at = timezone.now() + TEMPORARY_PASSWORD_LIFETIME
    save_attributed(
        user,
        actor=actor,
        reason=_("Password reset: a temporary password was issued"),
        update_fields=["password", "must_change_password", "temporary_password_expires_at"],
    )
    return ResetOutcome(temporary_password=password)


def _reset_link_days() -> int:
    from django.conf import settings

    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


@transaction.atomic
def account_reset_password(*, actor: User, user: User, site_url: str) -> ResetOutcome:
    """Reset an ordinary account's password (chairman, council and Home Affairs accounts go through
    ``approvals.password_reset_request``)."""
    if user.unit is None or not actor.has_perm("accounts.manage_accounts", user.unit):
        raise PermissionDenied
    if RoleAssignment.objects.filter(user=user, role__in=PROTECTED_ROLES).exists():
        raise ValidationError(
            _(
                "Resetting the password of a chairman, council member or Home Affairs officer needs a second officer's approval."
            )
        )
    return perform_reset(actor=actor, user=user, site_url=site_url)


def record_password_change(*, user: User, reason: str) -> None:
    """The owner set a new password: clear the forced change and the temporary expiry, and log it."""
    user.must_change_password = False
    user.temporary_password_expires_at = None
    save_attributed(
        user,
        actor=user,
        reason=reason,
        update_fields=["must_change_password", "temporary_password_expires_at"],
    )
