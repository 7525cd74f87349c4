"""Pages for following registration: the compliance table per participating unit, sending
reminders to lagging units, the reminders sent, and a unit's own reminders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.scope import reach
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core import mail
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.http import paginate
from thidua.core.mail_pages import outcome_message, resend_page
from thidua.movements.models import Movement
from thidua.movements.selectors import communes_in
from thidua.movements.wording import movement_name
from thidua.works import reviews, selectors, services
from thidua.works.forms import COMPLIANCE_STATES, ComplianceFilterForm, ReminderForm
from thidua.works.models import ReminderRecipient, ReviewKind
from thidua.works.notifications import count_sent, reminder_emails
from thidua.works.rules import REGISTRAR_ROLES, access_works_movement


def _compliance(request: AuthenticatedRequest, movement: Movement, data):
    form = ComplianceFilterForm(
        data, communes=communes_in(movement.issuing_unit_id).order_by("sort_name")
    )
    # As at ``?ngay=`` (today by default): units that had ended or not yet begun are left out.
    filters = selectors.ComplianceFilters(as_at=timezone.localdate())
    if form.is_valid():
        commune = form.cleaned_data["commune"]
        filters = selectors.ComplianceFilters(
            unit_kind=form.cleaned_data["unit_kind"],
            commune=commune.pk if commune else None,
            state=form.cleaned_data["state"],
            q=form.cleaned_data["q"],
            as_at=form.cleaned_data["ngay"] or timezone.localdate(),
        )
    return form, filters, selectors.compliance_rows(movement, filters)


@login_required
def compliance(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """Per participating unit: registered against the minimum, late, incomplete, reminded."""
    movement_obj = access_works_movement(request.user, movement, "movements.monitor_movement")
    form, filters, rows = _compliance(request, movement_obj, request.GET or None)
    counts = selectors.compliance_counts(rows)
    page, rest = paginate(request, rows, per_page=50)
    return render(
        request,
        "works/compliance.html",
        {
            "movement": movement_obj,
            "filter_form": form,
            "counts": counts,
            "states": COMPLIANCE_STATES,
            "page_obj": page,
            "querystring_without_page": rest,
            "lagging": sum(1 for r in rows if r.states - {selectors.ComplianceState.AWAITING}),
            "can_remind": request.user.has_perm("works.send_reminder", movement_obj),
            "as_at": filters.as_at,
        },
    )


def _reason_for(row: selectors.ComplianceRow) -> str:
    parts = []
    if selectors.ComplianceState.NOT_REGISTERED in row.states:
        parts.append(_("no work registered yet (minimum %(minimum)s)") % {"minimum": row.minimum})
    if selectors.ComplianceState.BELOW_MINIMUM in row.states:
        parts.append(
            _("%(count)s of the minimum %(minimum)s works registered")
            % {"count": row.counted, "minimum": row.minimum}
        )
    if selectors.ComplianceState.LATE in row.states:
        parts.append(_("registered after the deadline"))
    if selectors.ComplianceState.MISSING_DATA in row.states:
        parts.append(_("%(count)s works lack required data") % {"count": row.missing})
    return "; ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_send(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """Compose and send a reminder to the units chosen on the compliance page (or to every
    lagging unit that matches its filters)."""
    movement_obj = access_works_movement(request.user, movement, "works.send_reminder")
    source = request.POST if request.method == "POST" else request.GET
    _form, _filters, rows = _compliance(request, movement_obj, source or None)
    chosen = {int(v) for v in source.getlist("unit") if v.isdigit()}
    if source.get("all") == "1":
        rows = [r for r in rows if r.states - {selectors.ComplianceState.AWAITING}]
    else:
        rows = [r for r in rows if r.unit.pk in chosen]
    deadline = (
        movement_obj.registration_deadline.strftime("%d/%m/%Y")
        if movement_obj.registration_deadline
        else "—"
    )
    form = ReminderForm(
        request.POST if "send" in request.POST else None,
        initial={
            "subject": _("Reminder: register your works for the movement"),
            "message": _(
                "The Home Affairs Office asks your unit to register its works for "
                "%(movement)s (deadline %(deadline)s), with their volume, site, estimated value, "
                "funding source and expected completion, and to keep their progress up to date."
            )
            % {"movement": movement_name(movement_obj.title), "deadline": deadline},
        },
    )
    if "send" in request.POST and form.is_valid():
        try:
            reminder = services.reminder_send(
                actor=request.user,
                movement=movement_obj,
                unit_ids=[r.unit.pk for r in rows],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                reasons={r.unit.pk: _reason_for(r) for r in rows},
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            recipient_ids = list(reminder.recipients.values_list("pk", flat=True))
            messages.success(
                request,
                _("The reminder was sent to %(count)s units.") % {"count": len(recipient_ids)},
            )
            # The e-mails went out when the reminder committed; say how that went.
            summary = mail.summarize(reminder_emails(recipient_ids))
            outcome_message(request, mail.Outcome(summary.sent, summary.failures))
            return redirect("works:compliance", movement=movement_obj.pk)
    return render(
        request,
        "works/reminder_form.html",
        {
            "movement": movement_obj,
            "form": form,
            "rows": [(r, _reason_for(r)) for r in rows],
            "source": source,
        },
    )


@login_required
def reminders_sent(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_works_movement(request.user, movement, "movements.monitor_movement")
    reminders = selectors.reminders_of_movement(movement_obj)
    page, rest = paginate(request, reminders, per_page=20)
    recipients = (
        ReminderRecipient.objects.filter(reminder__in=[r.pk for r in page])
        .select_related("unit", "unit__parent", "acknowledged_by")
        .order_by("unit__sort_name")
    )
    by_reminder: dict[int, list] = {}
    for recipient in recipients:
        by_reminder.setdefault(recipient.reminder_id, []).append(recipient)
    emails_by_recipient: dict[int | None, list] = {}
    for email in reminder_emails([r.pk for r in recipients]).order_by("recipient", "pk"):
        emails_by_recipient.setdefault(email.object_id, []).append(email)
    for reminder in page:
        reminder.recipient_list = by_reminder.get(reminder.pk, [])
        reminder.mail = mail.summarize(
            e for r in reminder.recipient_list for e in emails_by_recipient.get(r.pk, [])
        )
        for recipient in reminder.recipient_list:
            recipient.mail = mail.summarize(emails_by_recipient.get(recipient.pk, []))
    return render(
        request,
        "works/reminders_sent.html",
        {
            "movement": movement_obj,
            "page_obj": page,
            "querystring_without_page": rest,
            "can_resend": request.user.has_perm("works.send_reminder", movement_obj),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reminder_mail_resend(request: AuthenticatedRequest, movement: int, pk: int) -> HttpResponse:
    """Resend a reminder's failed e-mails; whoever may send reminders for the movement may."""
    movement_obj = access_works_movement(request.user, movement, "works.send_reminder")
    reminder = get_object_or_404(movement_obj.reminders, pk=pk)
    recipient_ids = list(reminder.recipients.values_list("pk", flat=True))
    return resend_page(
        request,
        emails=reminder_emails(recipient_ids),
        title=_("Reminder “%(subject)s”") % {"subject": reminder.subject},
        back_url=reverse("works:reminders_sent", args=[movement_obj.pk]),
        after=lambda: count_sent(recipient_ids),
    )


@login_required
def my_reminders(request: AuthenticatedRequest) -> HttpResponse:
    recipients = selectors.reminders_for_me(request.user)
    page, rest = paginate(request, recipients, per_page=20)
    return render(
        request,
        "works/my_reminders.html",
        {
            "page_obj": page,
            "querystring_without_page": rest,
            "can_acknowledge": reach(request.user, REGISTRAR_ROLES),
        },
    )


@login_required
@require_POST
def reminder_acknowledge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    recipient = selectors.reminders_for_me(request.user).filter(pk=pk).first()
    if recipient is None:
        raise Http404
    services.reminder_acknowledge(actor=request.user, recipient=recipient)
    messages.success(request, _("Marked as read."))
    return redirect("works:my_reminders")


@login_required
@require_http_methods(["GET", "POST"])
def review_reminder_send(request: AuthenticatedRequest, movement: int, kind: str) -> HttpResponse:
    """Urge the participating units that have not submitted their interim or final review;
    the same reminder (in the app and by e-mail) as for registration."""
    movement_obj = access_works_movement(request.user, movement, "works.send_reminder")
    if kind not in ReviewKind.values:
        raise Http404
    label = ReviewKind(kind).label
    units = list(reviews.units_without_review(movement_obj, kind))
    rows = [
        (
            unit,
            _("%(review)s not submitted (draft)") % {"review": label}
            if getattr(unit, f"{kind}_status")
            else _("%(review)s not started") % {"review": label},
        )
        for unit in units
    ]
    form = ReminderForm(
        request.POST or None,
        initial={
            "subject": _("Reminder: submit your %(review)s") % {"review": str(label).lower()},
            "message": _(
                "The Home Affairs Office asks your unit to fill in and submit its %(review)s of "
                "%(movement)s: the results of its registered works, its figures and its "
                "assessment."
            )
            % {"review": str(label).lower(), "movement": movement_name(movement_obj.title)},
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            reminder = services.reminder_send(
                actor=request.user,
                movement=movement_obj,
                unit_ids=[unit.pk for unit, _reason in rows],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                reasons={unit.pk: reason for unit, reason in rows},
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The reminder was sent to %(count)s units.")
                % {"count": reminder.recipients.count()},
            )
            return redirect("works:reviews", movement=movement_obj.pk)
    return render(
        request,
        "works/review_reminder_form.html",
        {"movement": movement_obj, "form": form, "rows": rows, "kind_label": label},
    )
