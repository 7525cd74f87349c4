"""Pages for registering, following and urging works: thin views over services/selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.scope import reach
from thidua.core.errors import ApplicationError
from thidua.core.history import history_entries
from thidua.core.http import access, paginate
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.selectors import communes_in
from thidua.units.models import Unit
from thidua.works import selectors, services
from thidua.works.forms import (
    COMPLIANCE_STATES,
    ComplianceFilterForm,
    FlagshipForm,
    ProgressForm,
    ReasonForm,
    ReminderForm,
    WorkFilterForm,
    WorkForm,
)
from thidua.works.models import (
    Evidence,
    FlagshipWork,
    ProgressUpdate,
    RegistrationStatus,
    ReminderRecipient,
    Schedule,
    Work,
)
from thidua.works.rules import REGISTRAR_ROLES

WORK_DATA_FIELDS = services.WORK_FIELDS


# --- access helpers ---------------------------------------------------------------------


def access_movement(request: HttpRequest, pk: int, perm: str = "movements.view_movement"):
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    movement = access(request.user, perm, movement)
    if movement.status == MovementStatus.DRAFT:
        raise Http404  # works exist only once a movement is launched
    return movement


def access_work(request: HttpRequest, pk: int, perm: str = "works.view_work") -> Work:
    work = (
        Work.objects.select_related(
            "movement", "movement__issuing_unit", "unit", "unit__parent", "registered_by"
        )
        .filter(pk=pk)
        .first()
    )
    return access(request.user, perm, work)


def _registrable_units(request: HttpRequest, movement: Movement):
    return selectors.participating_units_for(request.user, movement, REGISTRAR_ROLES)


def _error_message(error: Exception) -> str:
    if isinstance(error, ApplicationError):
        return error.message
    return " ".join(getattr(error, "messages", [str(error)]))


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


# --- list -------------------------------------------------------------------------------


def _work_filters(form: WorkFilterForm) -> selectors.WorkFilters:
    if not form.is_valid():
        return selectors.WorkFilters()
    data = form.cleaned_data
    return selectors.WorkFilters(
        kind=data["kind"],
        unit_kind=data["unit_kind"],
        commune=data["commune"].pk if data["commune"] else None,
        status=data["status"],
        progress=data["progress"],
        schedule=data["schedule"],
        funding_source=data["funding_source"],
        late=data["late"],
        q=data["q"],
    )


@login_required
def work_list(request: HttpRequest, movement: int) -> HttpResponse:
    movement = access_movement(request, movement)
    form = WorkFilterForm(
        request.GET or None,
        communes=communes_in(movement.issuing_unit_id).order_by("sort_name"),
    )
    works = selectors.filter_works(
        selectors.works_visible(request.user, movement), _work_filters(form)
    )
    counts = works.order_by().aggregate(
        total=Count("pk", filter=~Q(status=RegistrationStatus.CANCELLED)),
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        drafts=Count(
            "pk", filter=Q(status__in=[RegistrationStatus.DRAFT, RegistrationStatus.RETURNED])
        ),
        late=Count("pk", filter=Q(is_late=True) & ~Q(status=RegistrationStatus.CANCELLED)),
        overdue=Count("pk", filter=Q(schedule_code=Schedule.OVERDUE)),
    )
    page, rest = paginate(request, works.select_related("flagship"), per_page=50)
    user = request.user
    return render(
        request,
        "works/list.html",
        {
            "movement": movement,
            "filter_form": form,
            "counts": counts,
            "page_obj": page,
            "querystring_without_page": rest,
            "can_register": movement.status == MovementStatus.LAUNCHED
            and bool(reach(user, REGISTRAR_ROLES)),
            "can_monitor": user.has_perm("movements.monitor_movement", movement),
            "can_select_flagship": user.has_perm("works.select_flagship", movement),
            "pending_for_me": selectors.pending_for_commune(user, movement)[:50],
            "today": timezone.localdate(),
        },
    )


# --- register and edit ------------------------------------------------------------------


def _work_data(form: WorkForm) -> dict:
    return {name: form.cleaned_data.get(name) for name in WORK_DATA_FIELDS}


def _valid(form: WorkForm, movement: Movement, *, register: bool) -> bool:
    """The form's own checks plus the plan's, so one submission shows every problem."""
    valid = form.is_valid()
    if not valid:
        values = {n: getattr(form.instance, n, None) for n in WORK_DATA_FIELDS}
        values.update(form.cleaned_data)
        for field, message in services.work_errors(movement, values, register=register).items():
            if field in form.fields and not form.has_error(field):
                form.add_error(field, message)
    return valid


@login_required
@require_http_methods(["GET", "POST"])
def work_create(request: HttpRequest, movement: int) -> HttpResponse:
    movement = access_movement(request, movement)
    units = _registrable_units(request, movement)
    if movement.status != MovementStatus.LAUNCHED or not units.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    elif request.user.unit_id and units.filter(pk=request.user.unit_id).exists():
        initial["unit"] = request.user.unit_id
    form = WorkForm(request.POST or None, units=units, initial=initial)
    register = "draft" not in request.POST
    if request.method == "POST" and _valid(form, movement, register=register):
        try:
            work = services.work_create(
                actor=request.user,
                movement=movement,
                unit=form.cleaned_data["unit"],
                data=_work_data(form),
                register=register,
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _registered_message(work))
            if "another" in request.POST:
                return redirect(
                    f"{request.path}?unit={work.unit_id}"
                )  # register the next work of the same unit
            return redirect("works:detail", pk=work.pk)
    return render(request, "works/form.html", {"movement": movement, "form": form, "work": None})


def _registered_message(work: Work) -> str:
    if work.status == RegistrationStatus.DRAFT:
        return _("«%(name)s» was saved as a draft; register it when its data is complete.") % {
            "name": work.name
        }
    if work.status == RegistrationStatus.PENDING:
        return _("«%(name)s» was sent to %(commune)s for acceptance.") % {
            "name": work.name,
            "commune": work.unit.parent.name,
        }
    if work.is_late:
        return _(
            "«%(name)s» is registered. The deadline was %(deadline)s, so it is marked as late."
        ) % {
            "name": work.name,
            "deadline": work.movement.registration_deadline.strftime("%d/%m/%Y"),
        }
    return _("«%(name)s» is registered.") % {"name": work.name}


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request: HttpRequest, pk: int) -> HttpResponse:
    work = access_work(request, pk)
    if not request.user.has_perm("works.change_work", work):
        raise PermissionDenied
    units = Unit.objects.filter(pk=work.unit_id)  # the unit is fixed once created
    form = WorkForm(request.POST or None, instance=work, units=units)
    if request.method == "POST" and _valid(form, work.movement, register=True):
        try:
            work = services.work_update(
                actor=request.user,
                work=work,
                data=_work_data(form),
                register="draft" not in request.POST,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _registered_message(work) if work.registered_at else _("Changes saved.")
            )
            return redirect("works:detail", pk=work.pk)
    return render(
        request, "works/form.html", {"movement": work.movement, "form": form, "work": work}
    )


@login_required
def work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    work = access_work(request, pk)
    updates = list(
        work.updates.select_related("recorded_by")
        .prefetch_related("evidence")
        .order_by("-recorded_at", "-pk")
    )
    user = request.user
    flagship = FlagshipWork.objects.filter(work=work).select_related("selected_by").first()
    return render(
        request,
        "works/detail.html",
        {
            "work": work,
            "movement": work.movement,
            "updates": updates,
            "flagship": flagship,
            "missing": work.missing_fields() if work.status != RegistrationStatus.CANCELLED else [],
            "can_change": user.has_perm("works.change_work", work),
            "can_accept": user.has_perm("works.accept_work", work),
            "can_progress": user.has_perm("works.record_progress", work),
            "history_entries": history_entries(
                work,
                parts=(
                    ProgressUpdate.history.filter(work_id=work.pk),
                    FlagshipWork.history.filter(work_id=work.pk),
                ),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    work = access_work(request, pk)
    if not request.user.has_perm("works.change_work", work):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_cancel(actor=request.user, work=work, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("«%(name)s» was cancelled.") % {"name": work.name})
            return redirect("works:detail", pk=work.pk)
    return render(
        request,
        "works/reason.html",
        {
            "work": work,
            "form": form,
            "title": _("Cancel this work"),
            "intro": _(
                "The work stays in the register and its history, marked as cancelled with your "
                "reason. It no longer counts towards the unit's minimum."
            ),
            "button": _("Cancel the work"),
            "danger": True,
        },
    )


@login_required
@require_POST
def work_accept(request: HttpRequest, pk: int) -> HttpResponse:
    work = access_work(request, pk)
    services.work_accept(actor=request.user, work=work)
    messages.success(request, _("«%(name)s» was accepted.") % {"name": work.name})
    if request.POST.get("next") == "list":
        return redirect("works:list", movement=work.movement_id)
    return redirect("works:detail", pk=work.pk)


@login_required
@require_http_methods(["GET", "POST"])
def work_return(request: HttpRequest, pk: int) -> HttpResponse:
    work = access_work(request, pk)
    if not request.user.has_perm("works.accept_work", work):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.work_return(actor=request.user, work=work, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("«%(name)s» was returned to %(unit)s.") % {"name": work.name, "unit": work.unit.name},
        )
        return redirect("works:detail", pk=work.pk)
    return render(
        request,
        "works/reason.html",
        {
            "work": work,
            "form": form,
            "title": _("Return the registration"),
            "intro": _(
                "The village sees your reason, corrects the registration and sends it again."
            ),
            "button": _("Return"),
            "danger": False,
        },
    )


# --- progress and evidence --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    work = access_work(request, pk)
    if not request.user.has_perm("works.record_progress", work):
        raise PermissionDenied
    initial = {
        "status": work.progress_status,
        "percent": work.progress_percent,
        "actual_completion": work.actual_completion,
        "put_into_use": work.put_into_use,
        "value_done": work.value_done,
    }
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = services.ProgressData(
            percent=form.cleaned_data["percent"],
            status=form.cleaned_data["status"],
            actual_completion=form.cleaned_data["actual_completion"],
            put_into_use=form.cleaned_data["put_into_use"],
            value_done=form.cleaned_data["value_done"],
            note=form.cleaned_data["note"],
        )
        try:
            services.progress_record(
                actor=request.user, work=work, data=data, files=form.cleaned_data["files"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("works:detail", pk=work.pk)
    return render(request, "works/progress_form.html", {"work": work, "form": form})


def _access_evidence(request: HttpRequest, pk: int) -> Evidence:
    item = Evidence.objects.select_related("update__work__movement").filter(pk=pk).first()
    if item is None:
        raise Http404
    access(request.user, "works.view_work", item.update.work)
    return item


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Served only to those who may see the work; photos inline, documents as downloads."""
    item = _access_evidence(request, pk)
    return FileResponse(
        item.file.open("rb"), as_attachment=not item.is_image, filename=item.original_name
    )


@login_required
def evidence_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    item = _access_evidence(request, pk)
    if not item.thumbnail:
        raise Http404
    response = FileResponse(item.thumbnail.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response


# --- compliance and reminders -----------------------------------------------------------


def _compliance(request: HttpRequest, movement: Movement, data):
    form = ComplianceFilterForm(
        data, communes=communes_in(movement.issuing_unit_id).order_by("sort_name")
    )
    filters = selectors.ComplianceFilters()
    if form.is_valid():
        commune = form.cleaned_data["commune"]
        filters = selectors.ComplianceFilters(
            unit_kind=form.cleaned_data["unit_kind"],
            commune=commune.pk if commune else None,
            state=form.cleaned_data["state"],
            q=form.cleaned_data["q"],
        )
    return form, selectors.compliance_rows(movement, filters)


@login_required
def compliance(request: HttpRequest, movement: int) -> HttpResponse:
    """Per participating unit: registered against the minimum, late, incomplete, reminded."""
    movement = access_movement(request, movement, "movements.monitor_movement")
    form, rows = _compliance(request, movement, request.GET or None)
    counts = selectors.compliance_counts(rows)
    page, rest = paginate(request, rows, per_page=50)
    return render(
        request,
        "works/compliance.html",
        {
            "movement": movement,
            "filter_form": form,
            "counts": counts,
            "states": COMPLIANCE_STATES,
            "page_obj": page,
            "querystring_without_page": rest,
            "lagging": sum(1 for r in rows if r.states - {selectors.ComplianceState.AWAITING}),
            "can_remind": request.user.has_perm("works.send_reminder", movement),
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
def reminder_send(request: HttpRequest, movement: int) -> HttpResponse:
    """Compose and send a reminder to the units chosen on the compliance page (or to every
    lagging unit that matches its filters)."""
    movement = access_movement(request, movement, "works.send_reminder")
    source = request.POST if request.method == "POST" else request.GET
    _form, rows = _compliance(request, movement, source or None)
    chosen = {int(v) for v in source.getlist("unit") if v.isdigit()}
    if source.get("all") == "1":
        rows = [r for r in rows if r.states - {selectors.ComplianceState.AWAITING}]
    else:
        rows = [r for r in rows if r.unit.pk in chosen]
    deadline = (
        movement.registration_deadline.strftime("%d/%m/%Y")
        if movement.registration_deadline
        else "—"
    )
    form = ReminderForm(
        request.POST if "send" in request.POST else None,
        initial={
            "subject": _("Reminder: register your works for the movement"),
            "message": _(
                "The Home Affairs Office asks your unit to register its works for the movement "
                "“%(title)s” (deadline %(deadline)s), with their volume, site, estimated value, "
                "funding source and expected completion, and to keep their progress up to date."
            )
            % {"title": movement.title, "deadline": deadline},
        },
    )
    if "send" in request.POST and form.is_valid():
        try:
            reminder = services.reminder_send(
                actor=request.user,
                movement=movement,
                unit_ids=[r.unit.pk for r in rows],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                reasons={r.unit.pk: _reason_for(r) for r in rows},
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The reminder was sent to %(count)s units.")
                % {"count": reminder.recipients.count()},
            )
            return redirect("works:compliance", movement=movement.pk)
    return render(
        request,
        "works/reminder_form.html",
        {
            "movement": movement,
            "form": form,
            "rows": [(r, _reason_for(r)) for r in rows],
            "source": source,
        },
    )


@login_required
def reminders_sent(request: HttpRequest, movement: int) -> HttpResponse:
    movement = access_movement(request, movement, "movements.monitor_movement")
    reminders = selectors.reminders_of_movement(movement)
    page, rest = paginate(request, reminders, per_page=20)
    recipients = (
        ReminderRecipient.objects.filter(reminder__in=[r.pk for r in page])
        .select_related("unit", "acknowledged_by")
        .order_by("unit__sort_name")
    )
    by_reminder: dict[int, list] = {}
    for recipient in recipients:
        by_reminder.setdefault(recipient.reminder_id, []).append(recipient)
    for reminder in page:
        reminder.recipient_list = by_reminder.get(reminder.pk, [])
    return render(
        request,
        "works/reminders_sent.html",
        {"movement": movement, "page_obj": page, "querystring_without_page": rest},
    )


@login_required
def my_reminders(request: HttpRequest) -> HttpResponse:
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
def reminder_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    recipient = selectors.reminders_for_me(request.user).filter(pk=pk).first()
    if recipient is None:
        raise Http404
    services.reminder_acknowledge(actor=request.user, recipient=recipient)
    messages.success(request, _("Marked as read."))
    return redirect("works:my_reminders")


# --- flagship works ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def flagship_select(request: HttpRequest, movement: int) -> HttpResponse:
    movement = access_movement(request, movement, "works.select_flagship")
    current = {f.work_id: f for f in movement.flagship_works.all()}
    first = next(iter(current.values()), None)
    form = FlagshipForm(
        request.POST or None,
        initial={"congress": first.congress if first else ""},
    )
    q = request.GET.get("q", "")
    candidates = selectors.filter_works(
        Work.objects.filter(movement=movement, status=RegistrationStatus.REGISTERED).select_related(
            "unit", "unit__parent"
        ),
        selectors.WorkFilters(q=q),
    ).order_by("-estimated_value", "pk")
    chosen_ids = [int(v) for v in request.POST.getlist("work") if v.isdigit()]
    reasons = {pk: request.POST.get(f"reason-{pk}", "") for pk in chosen_ids}
    error_list: list[str] = []
    if request.method == "POST" and form.is_valid():
        works = Work.objects.in_bulk(chosen_ids)
        choices = [
            services.FlagshipChoice(work=works[pk], reason=reasons[pk])
            for pk in chosen_ids
            if pk in works
        ]
        try:
            services.flagship_select(
                actor=request.user,
                movement=movement,
                choices=choices,
                congress=form.cleaned_data["congress"],
            )
        except ValidationError as error:
            for field, errs in error.message_dict.items():
                if field == "congress":
                    form.add_error("congress", errs)
                else:
                    error_list.extend(errs)
        except ApplicationError as error:
            error_list.append(error.message)
        else:
            messages.success(request, _("The flagship works are selected."))
            return redirect("works:list", movement=movement.pk)
    if request.method != "POST":
        chosen_ids = list(current)
        reasons = {pk: f.reason for pk, f in current.items()}
    # The chosen works first, then the largest; the list is long only in a big district.
    shown = list(Work.objects.filter(pk__in=chosen_ids).select_related("unit", "unit__parent"))
    shown += [w for w in candidates[:100] if w.pk not in set(chosen_ids)]
    return render(
        request,
        "works/flagship.html",
        {
            "movement": movement,
            "form": form,
            "works": shown,
            "chosen": set(chosen_ids),
            "reasons": reasons,
            "errors": error_list,
            "q": q,
        },
    )


urlpatterns = [
    path("phong-trao/<int:movement>/", work_list, name="list"),
    path("phong-trao/<int:movement>/dang-ky/", work_create, name="create"),
    path("phong-trao/<int:movement>/tuan-thu/", compliance, name="compliance"),
    path("phong-trao/<int:movement>/don-doc/", reminder_send, name="remind"),
    path("phong-trao/<int:movement>/da-don-doc/", reminders_sent, name="reminders_sent"),
    path("phong-trao/<int:movement>/tieu-bieu/", flagship_select, name="flagship"),
    path("<int:pk>/", work_detail, name="detail"),
    path("<int:pk>/sua/", work_edit, name="edit"),
    path("<int:pk>/huy/", work_cancel, name="cancel"),
    path("<int:pk>/tiep-nhan/", work_accept, name="accept"),
    path("<int:pk>/tra-lai/", work_return, name="return"),
    path("<int:pk>/tien-do/", progress_create, name="progress"),
    path("minh-chung/<int:pk>/", evidence_file, name="evidence"),
    path("minh-chung/<int:pk>/anh-nho/", evidence_thumbnail, name="evidence_thumbnail"),
    path("don-doc/", my_reminders, name="my_reminders"),
    path("don-doc/<int:pk>/da-xem/", reminder_acknowledge, name="acknowledge"),
]
