"""E-mails for works; sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q

from thidua.accounts.models import User
from thidua.units.selectors import unit_display_name
from thidua.works.models import Reminder, ReminderRecipient


def notify_reminder(*, reminder_id: int) -> int:
    """E-mail every active user of each recipient unit (its staff and those holding a role
    on it); records how many went to each unit and returns the total."""
    reminder = Reminder.objects.select_related("movement").get(pk=reminder_id)
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
            messages.append((reminder.subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    sent = send_mass_mail(messages, fail_silently=True)
    for recipient in recipients:
        count = len(emails_by_unit[recipient.unit_id])
        if count:
            ReminderRecipient.objects.filter(pk=recipient.pk).update(emails_sent=count)
    return sent
