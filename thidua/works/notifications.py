"""E-mails for works; sent after the transaction commits, each recorded with its real outcome
(``core.mail``) against the reminder's recipient unit."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from thidua.accounts.models import User
from thidua.core import mail
from thidua.core.models import EmailStatus, OutboundEmail
from thidua.units.selectors import unit_display_name
from thidua.works.models import Reminder, ReminderRecipient

REMINDER_TOPIC = "works.reminder"


def reminder_emails(recipient_ids: Iterable[int]) -> QuerySet[OutboundEmail]:
    return mail.emails_about(REMINDER_TOPIC, ReminderRecipient, recipient_ids)


def notify_reminder(*, reminder_id: int) -> mail.Outcome:
    """E-mail every active user of each recipient unit (its staff and those holding a role
    on it), one message per person and unit; records how many each unit really received."""
    reminder = Reminder.objects.select_related("movement", "sent_by").get(pk=reminder_id)
    recipients = list(reminder.recipients.select_related("unit", "unit__parent"))
    unit_ids = [r.unit_id for r in recipients]
    users = (
        User.objects.filter(is_active=True)
        .filter(Q(unit_id__in=unit_ids) | Q(role_assignments__unit_id__in=unit_ids))
        .exclude(email="")
        .values_list("email", "unit_id", "role_assignments__unit_id")
        .distinct()
    )
    emails_by_unit: dict[int, set[str]] = {pk: set() for pk in unit_ids}
    for email, home_unit, granted_unit in users:
        for pk in (home_unit, granted_unit):
            if pk in emails_by_unit:
                emails_by_unit[pk].add(email)
    messages = []
    for recipient in recipients:
        body = reminder.message
        if recipient.reason:
            body = f"{unit_display_name(recipient.unit)}: {recipient.reason}\n\n{body}"
        body = f"{reminder.movement.title}\n\n{body}"
        for email in sorted(emails_by_unit[recipient.unit_id]):
            messages.append(mail.Message(email, reminder.subject, body, related=recipient))
    outcome = mail.send(actor=reminder.sent_by, topic=REMINDER_TOPIC, messages=messages)
    count_sent([r.pk for r in recipients])
    return outcome


def count_sent(recipient_ids: list[int]) -> None:
    """Each recipient unit's ``emails_sent``: the messages the server accepted, no more."""
    sent = dict(
        reminder_emails(recipient_ids)
        .filter(status=EmailStatus.SENT)
        .order_by()
        .values("object_id")
        .annotate(n=Count("pk"))
        .values_list("object_id", "n")
    )
    rows = list(ReminderRecipient.objects.filter(pk__in=recipient_ids).only("pk", "emails_sent"))
    for row in rows:
        row.emails_sent = sent.get(row.pk, 0)
    ReminderRecipient.objects.bulk_update(rows, ["emails_sent"], batch_size=500)
