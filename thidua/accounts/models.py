from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """An official. Accounts are created by the Home Affairs Office; there is no self sign-up."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("work unit"),
    )
    must_change_password = models.BooleanField(_("must change password"), default=False)
    # A temporary password given by a reset stops working if unused by then.
    temporary_password_expires_at = models.DateTimeField(
        _("temporary password expires at"), null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    CHAIRMAN = "chairman", _("Chairman / leader")
    HOME_AFFAIRS = "home_affairs", _("Home Affairs officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    FOCAL_OFFICER = "focal_officer", _("Focal officer")
    FINANCE = "finance", _("Finance and Planning officer")
    VIEWER = "viewer", _("Viewer")


class RoleAssignment(models.Model):
    """A user holds a role over a unit; the role reaches the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("unit"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


# Roles that sign or vote on decisions, and the Home Affairs role that approves (else an officer
# could make a puppet approver): granting or removing them, and resetting the password of an
# account that holds them, needs a second person's approval (issue 13).
PROTECTED_ROLES: tuple[str, ...] = (Role.CHAIRMAN, Role.COUNCIL_MEMBER, Role.HOME_AFFAIRS)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RoleChangeAction(models.TextChoices):
    GRANT = "grant", _("Grant")
    REVOKE = "revoke", _("Revoke")


class _ApprovalRequest(models.Model):
    """Asked by one officer, decided by another (never the one who asked)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("account"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-requested_at"]


class RoleChangeRequest(_ApprovalRequest):
    action = models.CharField(_("action"), max_length=8, choices=RoleChangeAction.choices)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    history = HistoricalRecords()

    class Meta(_ApprovalRequest.Meta):
        verbose_name = _("role change request")
        verbose_name_plural = _("role change requests")

    def __str__(self) -> str:
        return (
            f"{self.get_action_display()} · {self.user} · {self.get_role_display()} · {self.unit}"
        )


class PasswordResetRequest(_ApprovalRequest):
    history = HistoricalRecords()

    class Meta(_ApprovalRequest.Meta):
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_status_display()}"
