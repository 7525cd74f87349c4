"""E-mails sent after movement events; always deferred until the transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.scope import EDITOR_ROLES
from thidua.movements.models import Movement
from thidua.units.selectors import unit_display_name


def notify_launch(*, movement_id: int) -> int:
    """Tell the focal officers and leaders of every participating unit that a plan is due.

    One message per person, however many of their units take part; returns how many were sent.
    """
    movement = Movement.objects.select_related("issuing_unit").get(pk=movement_id)
    grants = (
        RoleAssignment.objects.filter(
            role__in=EDITOR_ROLES,
            unit__participations__movement=movement,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "unit", "unit__parent")
        .order_by("user_id", "unit__sort_name")
    )
    units_by_user: dict[str, list[str]] = {}
    for grant in grants:
        units_by_user.setdefault(grant.user.email, []).append(unit_display_name(grant.unit))
    subject = _("New movement: issue your unit's plan")
    messages = []
    for email, units in units_by_user.items():
        body = _(
            "%(issuer)s has launched the movement “%(title)s” (%(start)s – %(end)s).\n\n"
            "Please issue the plan responding to it for: %(units)s.\n"
            "Works registration deadline: %(deadline)s."
        ) % {
            "issuer": movement.issuing_unit.full_name,
            "title": movement.title,
            "start": movement.start_date.strftime("%d/%m/%Y"),
            "end": movement.end_date.strftime("%d/%m/%Y"),
            "units": ", ".join(units),
            "deadline": movement.registration_deadline.strftime("%d/%m/%Y")
            if movement.registration_deadline
            else "—",
        }
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return send_mass_mail(messages, fail_silently=True)
