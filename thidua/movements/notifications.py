"""E-mails sent after movement events; always deferred until the transaction commits."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.scope import EDITOR_ROLES
from thidua.core import mail
from thidua.core.models import OutboundEmail
from thidua.movements.models import Movement
from thidua.movements.wording import movement_name
from thidua.units.selectors import unit_display_name

LAUNCH_TOPIC = "movements.launch"


def launch_emails(movement: Movement) -> QuerySet[OutboundEmail]:
    return mail.emails_about(LAUNCH_TOPIC, Movement, [movement.pk])


def notify_launch(*, movement_id: int) -> mail.Outcome:
    """Tell the focal officers and leaders of every participating unit that a plan is due.

    One message per person, however many of their units take part; each is recorded with its
    real outcome (``launch_emails``), failures included.
    """
    movement = Movement.objects.select_related("issuing_unit", "launched_by").get(pk=movement_id)
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
            "%(issuer)s has launched %(movement)s (%(start)s – %(end)s).\n\n"
            "Please issue the plan responding to it for: %(units)s.\n"
            "Works registration deadline: %(deadline)s."
        ) % {
            "issuer": movement.issuing_unit.full_name,
            "movement": movement_name(movement.title),
            "start": movement.start_date.strftime("%d/%m/%Y"),
            "end": movement.end_date.strftime("%d/%m/%Y"),
            "units": ", ".join(units),
            "deadline": movement.registration_deadline.strftime("%d/%m/%Y")
            if movement.registration_deadline
            else "—",
        }
        messages.append(mail.Message(email, subject, body, related=movement))
    return mail.send(actor=movement.launched_by, topic=LAUNCH_TOPIC, messages=messages)
