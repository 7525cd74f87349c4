from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.models import Role, User
from thidua.accounts.scope import holds, reach
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core import mail
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.history import history_entries
from thidua.core.http import download, paginate, stored_name
from thidua.core.mail_pages import outcome_message, resend_page
from thidua.movements import lifecycle, selectors, services
from thidua.movements.forms import (
    ContentAreaFormSet,
    LaunchForm,
    MovementForm,
    PlanFilterForm,
    UnitPlanForm,
    WorkMinimumFormSet,
)
from thidua.movements.models import (
    ContentArea,
    Movement,
    MovementStatus,
    ParticipantSource,
    PlanStatus,
    UnitPlan,
    WorkMinimum,
)
from thidua.movements.notifications import launch_emails
from thidua.movements.rules import access_movement, access_plan
from thidua.movements.wording import movement_name
from thidua.units.models import COMMUNE_LEVEL_KINDS, ENDED_KINDS, Unit, UnitKind

ISSUER_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, *COMMUNE_LEVEL_KINDS)


@login_required
def movement_list(request: AuthenticatedRequest) -> HttpResponse:
    movements = selectors.movements_visible(request.user)
    status = request.GET.get("status", "")
    if status in MovementStatus.values:
        movements = movements.filter(status=status)
    movements = selectors.movement_search(movements, request.GET.get("q", ""))
    page, rest = paginate(request, movements.order_by("-start_date", "-pk"), per_page=25)
    return render(
        request,
        "movements/list.html",
        {
            "page_obj": page,
            "querystring_without_page": rest,
            "statuses": MovementStatus.choices,
            "status": status,
            "q": request.GET.get("q", ""),
            "can_create": holds(request.user, (Role.HOME_AFFAIRS,)),
        },
    )


def _issuers(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(
        pk__in=reach(user, (Role.HOME_AFFAIRS,)), kind__in=ISSUER_KINDS
    ).order_by("sort_name")


def _area_units(user: User) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(pk__in=reach(user, (Role.HOME_AFFAIRS,)))
        .select_related("parent")
        .order_by("sort_name")
    )


def _editor_forms(request: AuthenticatedRequest, movement: Movement | None):
    data = request.POST if request.method == "POST" else None
    if movement is None:
        initial = {
            "collective_kinds": [
                k for k in UnitKind.values if k not in (UnitKind.PROVINCE, *ENDED_KINDS)
            ],
            "individual_kinds": [],
            "signer_title": "Chủ tịch",
            "default_work_minimum": 1,
        }
        issuers = _issuers(request.user)
        if issuers:
            initial["issuing_unit"] = issuers[0].pk
        areas_initial = [{"label": "a"}]
        minimums_initial = [
            {"unit_kind": UnitKind.COMMUNE, "minimum": 2},
            {"unit_kind": UnitKind.TOWN, "minimum": 2},
        ]
    else:
        initial = {
            "manual_units": list(
                movement.participants.filter(source=ParticipantSource.MANUAL).values_list(
                    "unit_id", flat=True
                )
            )
        }
        areas_initial = [
            {"label": a.label, "content": a.content, "target": a.target}
            for a in movement.content_areas.all()
        ]
        minimums_initial = [
            {"unit_kind": m.unit_kind, "minimum": m.minimum} for m in movement.work_minimums.all()
        ]
    form = MovementForm(
        data,
        instance=movement,
        initial=initial,
        issuers=_issuers(request.user),
        area_units=_area_units(request.user),
    )
    # Initial rows only on GET: a posted row equal to its initial would count as unchanged
    # and be dropped by the formset.
    on_get = data is None
    areas = ContentAreaFormSet(data, prefix="areas", initial=areas_initial if on_get else None)
    minimums = WorkMinimumFormSet(
        data, prefix="minimums", initial=minimums_initial if on_get else None
    )
    return form, areas, minimums


def _collected(areas, minimums):
    content = [
        services.ContentAreaData(
            label=f.cleaned_data.get("label", ""),
            content=f.cleaned_data["content"],
            target=f.cleaned_data.get("target", ""),
        )
        for f in areas.forms
        if f.cleaned_data and f.cleaned_data.get("content") and not f.cleaned_data.get("DELETE")
    ]
    work_minimums = {
        f.cleaned_data["unit_kind"]: f.cleaned_data["minimum"]
        for f in minimums.forms
        if f.cleaned_data and f.cleaned_data.get("unit_kind") and not f.cleaned_data.get("DELETE")
    }
    return content, work_minimums


@login_required
@require_http_methods(["GET", "POST"])
def movement_create_view(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("movements.create_movement"):
        raise PermissionDenied
    return _movement_editor(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    movement = access_movement(request.user, pk)
    if not request.user.has_perm("movements.change_movement", movement):
        raise PermissionDenied
    return _movement_editor(request, movement)


def _movement_editor(request: AuthenticatedRequest, movement: Movement | None) -> HttpResponse:
    form, areas, minimums = _editor_forms(request, movement)
    if request.method == "POST" and all([form.is_valid(), areas.is_valid(), minimums.is_valid()]):
        content, work_minimums = _collected(areas, minimums)
        data = {k: v for k, v in form.cleaned_data.items() if k != "manual_units"}
        try:
            if movement is None:
                movement = services.movement_create(
                    actor=request.user,
                    data=data,
                    content_areas=content,
                    work_minimums=work_minimums,
                    manual_units=form.cleaned_data["manual_units"],
                )
                messages.success(request, _("The movement was saved as a draft."))
            else:
                services.movement_update(
                    actor=request.user,
                    movement=movement,
                    data=data,
                    content_areas=content,
                    work_minimums=work_minimums,
                    manual_units=form.cleaned_data["manual_units"],
                )
                messages.success(request, _("Changes saved."))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("movements:detail", pk=movement.pk)
    return render(
        request,
        "movements/form.html",
        {"form": form, "areas": areas, "minimums": minimums, "movement": movement},
    )


@login_required
def movement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    movement = access_movement(request.user, pk)
    my_plans = selectors.plans_of_movement_for(request.user, movement).filter(
        unit_id__in=reach(request.user, (Role.FOCAL_OFFICER, Role.CHAIRMAN))
    )
    monitor = request.user.has_perm("movements.monitor_movement", movement)
    return render(
        request,
        "movements/detail.html",
        {
            "movement": movement,
            "content_areas": movement.content_areas.all(),
            "work_minimums": movement.work_minimums.all(),
            "manual_participants": movement.participants.filter(
                source=ParticipantSource.MANUAL
            ).select_related("unit", "unit__parent"),
            "participant_count": movement.participants.count(),
            "counts": selectors.plan_counts(movement.unit_plans.all()) if monitor else None,
            "my_plans": my_plans[:50],
            "can_edit": request.user.has_perm("movements.change_movement", movement),
            "can_launch": request.user.has_perm("movements.launch_movement", movement),
            "can_close": request.user.has_perm("movements.close_movement", movement),
            "has_ended": lifecycle.has_ended(movement),
            "can_complete": request.user.has_perm("movements.complete_plan", movement),
            "can_monitor": monitor,
            "launch_mail": mail.summarize(launch_emails(movement)) if monitor else None,
            "can_resend_launch_mail": request.user.has_perm(
                "movements.resend_launch_mail", movement
            ),
            "history_entries": history_entries(
                movement,
                parts=(
                    ContentArea.history.filter(movement_id=movement.pk),
                    WorkMinimum.history.filter(movement_id=movement.pk),
                ),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_launch_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    movement = access_movement(request.user, pk)
    if not request.user.has_perm("movements.launch_movement", movement):
        raise PermissionDenied
    form = LaunchForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        require_file=not movement.signed_file,
        initial={
            "document_number": movement.document_number,
            "document_date": movement.document_date,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_launch(
                actor=request.user,
                movement=movement,
                document_number=form.cleaned_data["document_number"],
                document_date=form.cleaned_data["document_date"],
                signed_file=form.cleaned_data["signed_file"] or None,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The movement is launched; every participating unit has been asked to issue its plan."
                ),
            )
            # The e-mails went out when the launch committed; say how that went.
            summary = mail.summarize(launch_emails(movement))
            outcome_message(request, mail.Outcome(summary.sent, summary.failures))
            return redirect("movements:detail", pk=movement.pk)
    candidates = services.launch_candidates(movement)
    by_kind: dict[str, int] = {}
    for unit in candidates:
        label = unit.get_kind_display()
        by_kind[label] = by_kind.get(label, 0) + 1
    return render(
        request,
        "movements/launch.html",
        {
            "movement": movement,
            "form": form,
            "candidate_count": len(candidates),
            "by_kind": sorted(by_kind.items()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def launch_mail_resend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    movement = access_movement(request.user, pk)
    if not request.user.has_perm("movements.resend_launch_mail", movement):
        raise PermissionDenied
    return resend_page(
        request,
        emails=launch_emails(movement),
        title=_("Launch of %(movement)s") % {"movement": movement_name(movement.title)},
        back_url=reverse("movements:detail", args=[movement.pk]),
    )


@login_required
def plan_monitor(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Which participating units have issued their plan: filters, counts, pagination."""
    movement = access_movement(request.user, pk, "movements.monitor_movement")
    form = PlanFilterForm(
        request.GET or None,
        communes=selectors.communes_in(movement.issuing_unit_id).order_by("sort_name"),
        statuses=PlanStatus.choices,
    )
    filters = selectors.PlanFilters()
    if form.is_valid():
        commune = form.cleaned_data["commune"]
        filters = selectors.PlanFilters(
            kind=form.cleaned_data["kind"],
            commune=commune.pk if commune else None,
            status=form.cleaned_data["status"],
            q=form.cleaned_data["q"],
        )
    plans = selectors.filter_plans(
        movement.unit_plans.select_related("unit", "unit__parent", "submitted_by"), filters
    )
    counts = selectors.plan_counts(plans)
    page, rest = paginate(request, plans, per_page=50)
    return render(
        request,
        "movements/plan_monitor.html",
        {
            "movement": movement,
            "filter_form": form,
            "counts": counts,
            "page_obj": page,
            "querystring_without_page": rest,
        },
    )


@login_required
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    return render(
        request,
        "movements/plan_detail.html",
        {
            "plan": plan,
            "can_submit": request.user.has_perm("movements.submit_plan", plan),
            "history_entries": history_entries(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_submit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    try:
        lifecycle.ensure_running(plan.movement)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("movements:plan_detail", pk=plan.pk)
    if not request.user.has_perm("movements.submit_plan", plan):
        raise PermissionDenied
    form = UnitPlanForm(request.POST or None, request.FILES or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "signed_file"}
        fresh = UnitPlan.objects.get(pk=plan.pk)
        try:
            services.plan_submit(
                actor=request.user,
                plan=fresh,
                data=data,
                signed_file=form.cleaned_data.get("signed_file") or None,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The plan of %(unit)s has been submitted.") % {"unit": plan.unit.name}
            )
            return redirect("movements:plan_detail", pk=plan.pk)
    return render(request, "movements/plan_form.html", {"plan": plan, "form": form})


@login_required
def movement_file(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """The movement's signed plan, for those who may see the movement."""
    movement = access_movement(request.user, pk)
    return download(movement.signed_file, stored_name(movement.signed_file))


@login_required
def plan_file(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """Serve the signed file only to those who may see the plan."""
    plan = access_plan(request.user, pk)
    return download(plan.signed_file, stored_name(plan.signed_file))


@login_required
def my_plans(request: AuthenticatedRequest) -> HttpResponse:
    plans = (
        UnitPlan.objects.filter(
            unit_id__in=reach(request.user, (Role.FOCAL_OFFICER, Role.CHAIRMAN)),
            movement__status__in=[MovementStatus.LAUNCHED, MovementStatus.CLOSED],
        )
        .select_related("unit", "unit__parent", "movement")
        .order_by("status", "movement__registration_deadline", "unit__sort_name")
    )
    page, rest = paginate(request, plans, per_page=50)
    return render(
        request, "movements/my_plans.html", {"page_obj": page, "querystring_without_page": rest}
    )
