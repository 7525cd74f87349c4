import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.scope import forget
from thidua.core.audit import delete_attributed, save_attributed
from thidua.units.models import Unit

# Readable without ambiguity on paper: no 0/O, 1/l/I.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password(length: int = 12) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


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
    role_grant(actor=actor, user=user, role=role, unit=unit)
    return user, initial


@transaction.atomic
def role_grant(*, actor: User, user: User, role: str, unit: Unit) -> RoleAssignment:
    if not actor.has_perm("accounts.manage_accounts", unit):
        raise PermissionDenied
    assignment = RoleAssignment(user=user, role=role, unit=unit)
    assignment.full_clean()
    save_attributed(assignment, actor=actor)
    forget(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    if not actor.has_perm("accounts.manage_accounts", assignment.unit):
        raise PermissionDenied
    delete_attributed(assignment, actor=actor)
    forget(assignment.user)


@transaction.atomic
def account_set_active(*, actor: User, user: User, active: bool) -> User:
    if user.unit is None or not actor.has_perm("accounts.manage_accounts", user.unit):
        raise PermissionDenied
    user.is_active = active
    save_attributed(user, actor=actor, update_fields=["is_active"])
    return user


@transaction.atomic
def account_reset_password(*, actor: User, user: User) -> str:
    if user.unit is None or not actor.has_perm("accounts.manage_accounts", user.unit):
        raise PermissionDenied
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    save_attributed(user, actor=actor, update_fields=["password", "must_change_password"])
    return password
