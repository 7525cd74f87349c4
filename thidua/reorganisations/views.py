"""Reorganisation pages: list, the steps of a new one (kind → units → legal basis → preview and
confirmation), the detail of what moved, the roles to move, and undo."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.models import Role
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.forms import add_errors
from thidua.core.history import history_entries
from thidua.core.http import paginate
from thidua.reorganisations import roles, selectors, services
from thidua.reorganisations.forms import (
    UNITS_FORMS,
    BasisForm,
    ConfirmForm,
    GrantsForm,
    KindForm,
    ListFilterForm,
)
from thidua.reorganisations.models import ReorganisationChange, ReorganisationKind
from thidua.reorganisations.rules import access_reorganisation, officer_reach
from thidua.reorganisations.sections import SECTIONS
from thidua.units.models import Unit


def _ensure_officer(request: AuthenticatedRequest) -> None:
    if not request.user.has_perm("reorganisations.view"):
        raise PermissionDenied


def _current_units(request: AuthenticatedRequest) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(pk__in=officer_reach(request.user), valid_to__isnull=True)
        .select_related("parent")
        .order_by("sort_name")
    )


@login_required
@require_http_methods(["GET"])
def reorganisation_list(request: AuthenticatedRequest) -> HttpResponse:
    _ensure_officer(request)
    form = ListFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.reorganisation_list(
        request.user,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        q=filters.get("q", ""),
    )
    page, rest = paginate(request, items, per_page=25)
    return render(
        request,
        "reorganisations/list.html",
        {"page_obj": page, "querystring_without_page": rest, "filter_form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reorganisation_new(request: AuthenticatedRequest) -> HttpResponse:
    _ensure_officer(request)
    form = KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("reorganisations:new_units", kind=form.cleaned_data["kind"])
    return render(request, "reorganisations/new_kind.html", {"form": form, "step": 1})


@login_required
@require_http_methods(["GET", "POST"])
def reorganisation_new_units(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    _ensure_officer(request)
    if kind not in UNITS_FORMS:
        raise Http404
    form = UNITS_FORMS[kind](request.POST or None, units=_current_units(request))
    if request.method == "POST" and form.is_valid():
        try:
            reorganisation = services.reorganisation_create(
                actor=request.user, kind=kind, sources=form.sources(), targets=form.targets()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("reorganisations:basis", pk=reorganisation.pk)
    return render(
        request,
        "reorganisations/new_units.html",
        {"form": form, "step": 2, "kind_label": ReorganisationKind(kind).label},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reorganisation_basis(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reorganisation = access_reorganisation(request.user, pk)
    if not reorganisation.is_draft:
        return redirect("reorganisations:detail", pk=pk)
    children: list[Unit] = []
    targets: list[tuple[int, str]] = []
    if reorganisation.kind == ReorganisationKind.SPLIT:
        children = list(
            Unit.objects.filter(parent__in=reorganisation.sources.values("unit")).order_by(
                "sort_name"
            )
        )
        targets = [(t.pk, str(t)) for t in reorganisation.targets.all()]
    initial: dict[str, Any] = {
        "document_number": reorganisation.document_number,
        "document_date": reorganisation.document_date,
        "issuer": reorganisation.issuer,
        "effective_date": reorganisation.effective_date,
    }
    initial.update(
        {f"child_{c.child_id}": c.target_id for c in reorganisation.split_children.all()}
    )
    form = BasisForm(request.POST or None, initial=initial, children=children, targets=targets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reorganisation_set_basis(
                actor=request.user,
                reorganisation=reorganisation,
                document_number=data["document_number"],
                document_date=data["document_date"],
                issuer=data["issuer"],
                effective_date=data["effective_date"],
                split_children=form.split_children(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("reorganisations:detail", pk=pk)
    return render(
        request,
        "reorganisations/basis.html",
        {"form": form, "step": 3, "reorganisation": reorganisation},
    )


@login_required
@require_http_methods(["GET"])
def reorganisation_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reorganisation = access_reorganisation(request.user, pk)
    context = {"reorganisation": reorganisation, "history_entries": history_entries(reorganisation)}
    if reorganisation.is_draft:
        context.update(selectors.preview(reorganisation))
        context["confirm_form"] = ConfirmForm()
        context["step"] = 4
    else:
        changes = reorganisation.changes.all()
        page, rest = paginate(request, changes, per_page=50)
        _label_changes(page)
        context.update(
            {
                "summary": selectors.moved_summary(reorganisation),
                "page_obj": page,
                "querystring_without_page": rest,
                "sources": [s.unit for s in reorganisation.sources.select_related("unit")],
                "targets": list(reorganisation.targets.select_related("unit", "parent")),
                "grants_left": roles.grants_on_ended_units(reorganisation).count()
                if reorganisation.is_applied
                else 0,
            }
        )
    return render(request, "reorganisations/detail.html", context)


@login_required
@require_http_methods(["POST"])
def reorganisation_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reorganisation = access_reorganisation(request.user, pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the confirmation before applying."))
        return redirect("reorganisations:detail", pk=pk)
    try:
        services.reorganisation_apply(actor=request.user, reorganisation=reorganisation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("reorganisations:detail", pk=pk)
    messages.success(request, _("The reorganisation has been applied."))
    return redirect("reorganisations:roles", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def reorganisation_roles(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reorganisation = access_reorganisation(request.user, pk)
    if not reorganisation.is_applied:
        return redirect("reorganisations:detail", pk=pk)
    grants = roles.grants_on_ended_units(reorganisation)
    successors = roles.successors(reorganisation)
    form = GrantsForm(request.POST or None, grants=grants, successors=successors)
    if request.method == "POST" and form.is_valid() and not request.POST.get("confirmed"):
        # First say exactly what will happen to whom; the officer confirms on that page.
        return render(
            request,
            "reorganisations/roles_confirm.html",
            {"reorganisation": reorganisation, "form": form, "data": form.cleaned_data},
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = roles.grants_resolve(
                actor=request.user,
                reorganisation=reorganisation,
                grants=list(data["grants"]),
                action=data["action"],
                target=data.get("target"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(count)s grants changed.") % {"count": count})
            return redirect("reorganisations:roles", pk=pk)
    return render(
        request,
        "reorganisations/roles.html",
        {
            "reorganisation": reorganisation,
            "form": form,
            "grants": grants,
            "successors": successors,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reorganisation_undo(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reorganisation = access_reorganisation(request.user, pk)
    if not reorganisation.is_applied:
        return redirect("reorganisations:detail", pk=pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reorganisation_undo(actor=request.user, reorganisation=reorganisation)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The reorganisation has been undone."))
            return redirect("reorganisations:detail", pk=pk)
    return render(
        request,
        "reorganisations/undo.html",
        {
            "reorganisation": reorganisation,
            "form": form,
            "blockers": services.undo_blockers(reorganisation),
            "summary": selectors.moved_summary(reorganisation),
        },
    )


def _label_changes(changes: Iterable[ReorganisationChange]) -> None:
    """Name the units a logged change moved between (one query for the page)."""
    rows = list(changes)
    unit_ids = {
        value
        for change in rows
        if change.field.endswith("unit_id") or change.field == "parent_id"
        for value in (change.old_value, change.new_value)
        if isinstance(value, int)
    }
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    others = selectors.change_labels()
    for change in rows:
        section = SECTIONS.get(change.section)
        label = section.label if section else others.get(change.section, change.section)
        change.section_label = label  # type: ignore[attr-defined]
        shown = names if change.field != "role" else dict(Role.choices)
        change.old_label = _shown(change.old_value, shown)  # type: ignore[attr-defined]
        change.new_label = _shown(change.new_value, shown)  # type: ignore[attr-defined]


def _shown(value: Any, names: dict[Any, Any]) -> Any:
    """A logged value as a person reads it: a unit's name, a role, a date as dd/mm/yyyy."""
    if value in names:
        return names[value]
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value
