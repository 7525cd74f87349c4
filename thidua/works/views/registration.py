"""Pages for registering works: the movement's list, registering and editing a work, its
page, cancelling, and the commune's acceptance or return of a village's registration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.scope import reach
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.history import history_entries
from thidua.core.http import paginate
from thidua.movements.lifecycle import ensure_registration_open, has_ended
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.selectors import communes_in
from thidua.units.models import Unit
from thidua.works import selectors, services
from thidua.works.forms import ReasonForm, WorkFilterForm, WorkForm
from thidua.works.models import (
    FlagshipWork,
    ProgressUpdate,
    RegistrationStatus,
    Work,
)
from thidua.works.rules import REGISTRAR_ROLES, access_work, access_works_movement
from thidua.works.services import WORK_FIELDS


def _registrable_units(request: AuthenticatedRequest, movement: Movement):
    # The picker names a village's commune: its parent comes in the same query.
    units = selectors.participating_units_for(request.user, movement, REGISTRAR_ROLES)
    return units.select_related("parent")


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
def work_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_works_movement(request.user, movement)
    form = WorkFilterForm(
        request.GET or None,
        communes=communes_in(movement_obj.issuing_unit_id).order_by("sort_name"),
    )
    works = selectors.filter_works(
        selectors.works_visible(request.user, movement_obj), _work_filters(form)
    )
    counts = selectors.work_counts(works)
    page, rest = paginate(request, works.select_related("flagship"), per_page=50)
    user = request.user
    return render(
        request,
        "works/list.html",
        {
            "movement": movement_obj,
            "filter_form": form,
            "counts": counts,
            "page_obj": page,
            "querystring_without_page": rest,
            "can_register": movement_obj.status == MovementStatus.LAUNCHED
            and not has_ended(movement_obj)
            and bool(reach(user, REGISTRAR_ROLES)),
            "can_monitor": user.has_perm("movements.monitor_movement", movement_obj),
            "can_select_flagship": user.has_perm("works.select_flagship", movement_obj),
            "pending_for_me": selectors.pending_for_commune(user, movement_obj)[:50],
            "today": timezone.localdate(),
        },
    )


# --- register and edit ------------------------------------------------------------------


def _work_data(form: WorkForm) -> dict:
    return {name: form.cleaned_data.get(name) for name in WORK_FIELDS}


def _valid(form: WorkForm, movement: Movement, *, register: bool) -> bool:
    """The form's own checks plus the plan's, so one submission shows every problem."""
    valid = form.is_valid()
    if not valid:
        values = {n: getattr(form.instance, n, None) for n in WORK_FIELDS}
        values.update(form.cleaned_data)
        for field, message in services.work_errors(movement, values, register=register).items():
            if field in form.fields and not form.has_error(field):
                form.add_error(field, message)
    return valid


@login_required
@require_http_methods(["GET", "POST"])
def work_create(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_works_movement(request.user, movement)
    try:
        ensure_registration_open(movement_obj)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("works:list", movement=movement_obj.pk)
    units = _registrable_units(request, movement_obj)
    if not units.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    elif request.user.unit_id and units.filter(pk=request.user.unit_id).exists():
        initial["unit"] = request.user.unit_id
    form = WorkForm(request.POST or None, units=units, initial=initial)
    register = "draft" not in request.POST
    if request.method == "POST" and _valid(form, movement_obj, register=register):
        try:
            work = services.work_create(
                actor=request.user,
                movement=movement_obj,
                unit=form.cleaned_data["unit"],
                data=_work_data(form),
                register=register,
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _registered_message(work))
            if "another" in request.POST:
                return redirect(
                    f"{request.path}?unit={work.unit_id}"
                )  # register the next work of the same unit
            return redirect("works:detail", pk=work.pk)
    return render(
        request, "works/form.html", {"movement": movement_obj, "form": form, "work": None}
    )


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
    deadline = work.movement.registration_deadline
    if work.is_late and deadline is not None:
        return _(
            "«%(name)s» is registered. The deadline was %(deadline)s, so it is marked as late."
        ) % {
            "name": work.name,
            "deadline": deadline.strftime("%d/%m/%Y"),
        }
    return _("«%(name)s» is registered.") % {"name": work.name}


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    work = access_work(request.user, pk)
    if not request.user.has_perm("works.change_work", work):
        raise PermissionDenied
    # The unit is fixed once created.
    units = Unit.objects.filter(pk=work.unit_id).select_related("parent")
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
            add_errors(form, error)
        else:
            messages.success(
                request, _registered_message(work) if work.registered_at else _("Changes saved.")
            )
            return redirect("works:detail", pk=work.pk)
    return render(
        request, "works/form.html", {"movement": work.movement, "form": form, "work": work}
    )


@login_required
def work_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    work = access_work(request.user, pk)
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
def work_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    work = access_work(request.user, pk)
    if not request.user.has_perm("works.change_work", work):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_cancel(actor=request.user, work=work, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
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
def work_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    work = access_work(request.user, pk)
    services.work_accept(actor=request.user, work=work)
    messages.success(request, _("«%(name)s» was accepted.") % {"name": work.name})
    if request.POST.get("next") == "list":
        return redirect("works:list", movement=work.movement_id)
    return redirect("works:detail", pk=work.pk)


@login_required
@require_http_methods(["GET", "POST"])
def work_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    work = access_work(request.user, pk)
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
