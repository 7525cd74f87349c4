"""The page that resends a feature's failed e-mails: a confirmation on GET, the resend on POST.
The feature's own view checks who may resend (whoever could send the original) first."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core import mail
from thidua.core.models import EmailStatus, OutboundEmail


def outcome_message(request: HttpRequest, outcome: mail.Outcome) -> None:
    counts = {"sent": outcome.sent, "failed": len(outcome.failed)}
    if outcome.failed:
        messages.warning(request, _("E-mails: %(sent)s sent, %(failed)s failed.") % counts)
    elif outcome.sent:
        messages.success(request, _("E-mails: %(sent)s sent, %(failed)s failed.") % counts)


def resend_page(
    request: HttpRequest,
    *,
    emails: QuerySet[OutboundEmail],
    title: str,
    back_url: str,
    after: Callable[[], None] | None = None,
) -> HttpResponse:
    """``after`` runs once the messages were tried (e.g. to refresh a feature's counts)."""
    pending = emails.exclude(status=EmailStatus.SENT).order_by("recipient", "pk")
    if request.method == "POST":
        outcome = mail.resend(pending)
        if after is not None:
            after()
        if not outcome.sent and not outcome.failed:
            messages.info(request, _("No e-mail is waiting to be resent."))
        outcome_message(request, outcome)
        return redirect(back_url)
    return render(
        request,
        "core/mail_resend.html",
        {"title": title, "pending": list(pending), "back_url": back_url},
    )
