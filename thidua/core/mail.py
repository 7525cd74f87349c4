"""Sending e-mail: each message on its own, its real outcome recorded (``OutboundEmail``), never
a silent failure. Features call ``send`` after their transaction commits, show ``summary`` on
their pages and offer ``resend`` for the failed ones."""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.models import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)

MAX_ERROR = 500


@dataclass(frozen=True)
class Message:
    recipient: str
    subject: str
    body: str
    related: Model | None = None


@dataclass
class Outcome:
    sent: int = 0
    failed: list[OutboundEmail] = field(default_factory=list)


def describe_error(error: BaseException) -> str:
    """What went wrong, in words an officer can pass on to whoever runs the mail server, with
    the technical detail after them."""
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    text: str
    if isinstance(error, smtplib.SMTPAuthenticationError):
        text = _(
            "The mail server refused the user name or password (EMAIL_HOST_USER, EMAIL_HOST_PASSWORD)."
        )
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = _("The mail server refused the recipient address.")
    elif isinstance(error, smtplib.SMTPSenderRefused):
        text = _("The mail server refused the sender address (DEFAULT_FROM_EMAIL).")
    elif isinstance(error, smtplib.SMTPServerDisconnected):
        text = _("The mail server %(server)s closed the connection.") % {"server": server}
    elif isinstance(error, smtplib.SMTPException):
        text = _("The mail server refused the message.")
    elif isinstance(error, ssl.SSLError):
        text = _(
            "The secure connection to the mail server failed: check EMAIL_USE_TLS, EMAIL_USE_SSL "
            "and the port."
        )
    elif isinstance(error, socket.gaierror):
        text = _("The mail server name %(host)s cannot be found.") % {"host": settings.EMAIL_HOST}
    elif isinstance(error, TimeoutError | socket.timeout):
        text = _("The mail server %(server)s did not answer in time.") % {"server": server}
    elif isinstance(error, OSError):
        text = _("Cannot connect to the mail server %(server)s.") % {"server": server}
    else:
        text = _("The message could not be sent.")
    detail = f"{type(error).__name__}: {error}".strip()
    return f"{text} ({detail})"[:MAX_ERROR]


def queue(*, actor: Any, topic: str, messages: Iterable[Message]) -> list[OutboundEmail]:
    """Record the messages as queued (one row each), before anything is sent."""
    rows = []
    for message in messages:
        related = message.related
        rows.append(
            OutboundEmail(
                recipient=message.recipient,
                subject=message.subject[:255],
                body=message.body,
                topic=topic,
                content_type=ContentType.objects.get_for_model(related) if related else None,
                object_id=related.pk if related else None,
                created_by=actor,
            )
        )
    return OutboundEmail.objects.bulk_create(rows, batch_size=500)


def _fail(email: OutboundEmail, error: BaseException) -> None:
    email.status = EmailStatus.FAILED
    email.attempts += 1
    email.last_error = describe_error(error)
    email.save(update_fields=["status", "attempts", "last_error"])
    logger.warning("E-mail %s to %s failed: %s", email.pk, email.recipient, email.last_error)


def deliver(emails: Sequence[OutboundEmail]) -> Outcome:
    """Send each message on one connection and record what happened to it. A message the
    server refuses fails alone; a connection that cannot be opened fails them all."""
    outcome = Outcome()
    if not emails:
        return outcome
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 -- any failure is recorded on every message
        for email in emails:
            _fail(email, error)
        outcome.failed.extend(emails)
        return outcome
    try:
        for email in emails:
            message = EmailMessage(
                email.subject,
                email.body,
                settings.DEFAULT_FROM_EMAIL,
                [email.recipient],
                connection=connection,
            )
            try:
                accepted = message.send(fail_silently=False)
                if not accepted:
                    raise smtplib.SMTPException(_("not accepted"))
            except Exception as error:  # noqa: BLE001 -- recorded, and the next one is tried
                _fail(email, error)
                outcome.failed.append(email)
                _reconnect(connection)
                continue
            email.status = EmailStatus.SENT
            email.attempts += 1
            email.last_error = ""
            email.sent_at = timezone.now()
            email.save(update_fields=["status", "attempts", "last_error", "sent_at"])
            outcome.sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 -- the outcomes are already recorded
            logger.warning("Closing the mail connection failed", exc_info=True)
    return outcome


def _reconnect(connection: Any) -> None:
    """After a failure the SMTP session may be broken: start the next message afresh."""
    try:
        connection.close()
        connection.open()
    except Exception:  # noqa: BLE001 -- the next message records its own failure
        logger.info("Reopening the mail connection failed", exc_info=True)


def send(*, actor: Any, topic: str, messages: Iterable[Message]) -> Outcome:
    return deliver(queue(actor=actor, topic=topic, messages=messages))


def emails_about(topic: str, model: type[Model], ids: Iterable[int]) -> QuerySet[OutboundEmail]:
    """The messages a feature sent about these objects of one model."""
    return OutboundEmail.objects.filter(
        topic=topic,
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=list(ids),
    )


def resend(emails: QuerySet[OutboundEmail]) -> Outcome:
    """Try again the failed (and never tried) messages among these."""
    pending = list(emails.exclude(status=EmailStatus.SENT).order_by("pk"))
    return deliver(pending)


@dataclass
class Summary:
    sent: int = 0
    failed: int = 0
    queued: int = 0
    failures: list[OutboundEmail] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.queued


def summarize(emails: Iterable[OutboundEmail]) -> Summary:
    summary = Summary()
    for email in emails:
        if email.status == EmailStatus.SENT:
            summary.sent += 1
        elif email.status == EmailStatus.FAILED:
            summary.failed += 1
            summary.failures.append(email)
        else:
            summary.queued += 1
    return summary
