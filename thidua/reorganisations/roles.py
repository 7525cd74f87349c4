"""After applying: the role grants on ended units are moved to a successor or ended, one by one
or several at once. Each change is logged on the reorganisation, so undo restores it too."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.core.audit import delete_attributed
from thidua.reorganisations.models import ChangeAction, Reorganisation
from thidua.reorganisations.services import Applier, successor_ids
from thidua.units.models import Unit

SELF_GRANT = gettext_lazy("Nobody may change their own role grants here: %(grant)s.")
NOT_ENDED = gettext_lazy("The grant %(grant)s is not on a unit this reorganisation ended.")
BAD_SUCCESSOR = gettext_lazy("Choose one of the successor units.")


class GrantAction(models.TextChoices):
    MOVE = "move", gettext_lazy("Move to the successor")
    KEEP_VIEW = "keep_view", gettext_lazy("End it, but keep read access to the old records")
    END = "end", gettext_lazy("End it")


def ended_unit_ids(reorganisation: Reorganisation) -> list[int]:
    return list(
        reorganisation.sources.filter(unit__valid_to__isnull=False).values_list(
            "unit_id", flat=True
        )
    )


def grants_on_ended_units(reorganisation: Reorganisation) -> QuerySet[RoleAssignment]:
    """Grants still on the units the reorganisation ended (one turned into a read-only grant
    here is left out: it has been decided)."""
    kept = reorganisation.changes.filter(section="roles", field="role").values("object_id")
    return (
        RoleAssignment.objects.filter(unit_id__in=ended_unit_ids(reorganisation))
        .exclude(pk__in=kept)
        .select_related("user", "unit")
        .order_by("user__username", "role", "pk")
    )


def successors(reorganisation: Reorganisation) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=successor_ids(reorganisation)).order_by("sort_name")


@transaction.atomic
def grants_resolve(
    *,
    actor: User,
    reorganisation: Reorganisation,
    grants: list[RoleAssignment],
    action: str,
    target: Unit | None = None,
) -> int:
    """Move or end the chosen grants; returns how many were changed."""
    if not actor.has_perm("reorganisations.manage", reorganisation):
        raise PermissionDenied
    if not reorganisation.is_applied:
        raise ValidationError(_("Roles are moved only after the reorganisation is applied."))
    ended = set(ended_unit_ids(reorganisation))
    if action == GrantAction.MOVE and (
        target is None or target.pk not in successor_ids(reorganisation)
    ):
        raise ValidationError({"target": str(BAD_SUCCESSOR)})
    applier = Applier(reorganisation, actor)
    for grant in grants:
        if grant.unit_id not in ended:
            raise ValidationError(str(NOT_ENDED) % {"grant": grant})
        if grant.user_id == actor.pk:
            raise ValidationError(str(SELF_GRANT) % {"grant": grant})
        if action == GrantAction.MOVE:
            assert target is not None
            duplicate = RoleAssignment.objects.filter(
                user_id=grant.user_id, role=grant.role, unit=target
            ).exists()
            if duplicate:
                _end(applier, grant)
            else:
                applier.set_field("roles", grant, "unit_id", target.pk)
        elif action == GrantAction.KEEP_VIEW:
            duplicate = RoleAssignment.objects.filter(
                user_id=grant.user_id, role=Role.VIEWER, unit_id=grant.unit_id
            ).exists()
            if duplicate:
                _end(applier, grant)
            elif grant.role == Role.VIEWER:
                # Already read-only: logged all the same, so the grant counts as decided.
                applier.log("roles", grant, ChangeAction.UPDATE, "role", grant.role, grant.role)
            else:
                applier.set_field("roles", grant, "role", Role.VIEWER)
        elif action == GrantAction.END:
            _end(applier, grant)
        else:
            raise ValidationError({"action": _("Choose what to do with the grants.")})
    return len(grants)


def _end(applier: Applier, grant: RoleAssignment) -> None:
    data = {
        "user_id": grant.user_id,
        "role": grant.role,
        "unit_id": grant.unit_id,
        "created_at": grant.created_at,
    }
    applier.log("roles", grant, ChangeAction.DELETE, old=data)
    delete_attributed(grant, actor=applier.actor, reason=applier.reason)
