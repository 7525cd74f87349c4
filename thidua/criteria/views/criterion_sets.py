"""A movement's criterion sets: copying the plan's, versions, and adding, editing, deleting and
moving criteria."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.criteria import sets
from thidua.criteria.evaluation import PARAMS, default_params, describe_params
from thidua.criteria.forms import CriterionForm, criterion_initial
from thidua.criteria.models import CandidateType, Criterion, CriterionKind, CriterionSet, RuleKey
from thidua.criteria.rules import (
    access_criterion,
    access_criterion_set,
    may_manage_sets,
    may_view_sets,
)
from thidua.criteria.views.common import error_text, movement_or_404
from thidua.movements.models import Movement


def _movement_for_sets(request: AuthenticatedRequest, pk: int) -> Movement:
    movement = movement_or_404(pk, launched=False)
    if not may_view_sets(request.user, movement):
        raise Http404
    return movement


@login_required
@require_GET
def sets_view(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = _movement_for_sets(request, movement)
    versions = sets.movement_set_versions(movement_obj)
    rows = [
        {"type": value, "label": label, "versions": versions.get(value, [])}
        for value, label in CandidateType.choices
    ]
    return render(
        request,
        "criteria/assessment/sets.html",
        {
            "movement": movement_obj,
            "rows": rows,
            "missing": any(not row["versions"] for row in rows),
            "can_manage": may_manage_sets(request.user, movement_obj),
        },
    )


@login_required
@require_POST
def sets_create(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = _movement_for_sets(request, movement)
    if not may_manage_sets(request.user, movement_obj):
        raise Http404
    try:
        sets.criterion_sets_for_movement(movement=movement_obj, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Copied the plan's criteria to the movement."))
    return redirect("criteria:sets", movement=movement_obj.pk)


@login_required
@require_GET
def set_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion_set = access_criterion_set(request.user, pk)
    criteria = list(criterion_set.criteria.order_by("position", "pk"))
    for criterion in criteria:
        # Shown by the template as ``criterion.summary``; not a field of the model.
        setattr(  # noqa: B010
            criterion,
            "summary",
            describe_params(criterion.rule, criterion.params) if criterion.is_computed else "",
        )
    movement = criterion_set.movement
    assert movement is not None, "access_criterion_set gives only sets of a movement"
    versions = list(
        CriterionSet.objects.filter(
            movement_id=movement.pk, candidate_type=criterion_set.candidate_type
        ).order_by("-version")
    )
    can_manage = may_manage_sets(request.user, movement)
    return render(
        request,
        "criteria/assessment/set_detail.html",
        {
            "criterion_set": criterion_set,
            "movement": criterion_set.movement,
            "criteria": criteria,
            "versions": versions,
            "is_latest": versions[0].pk == criterion_set.pk,
            "can_manage": can_manage,
            "can_edit": can_manage and not criterion_set.is_locked,
        },
    )


@login_required
@require_POST
def set_new_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion_set = access_criterion_set(request.user, pk, manage=True)
    try:
        copy = sets.criterion_set_new_version(criterion_set=criterion_set, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("criteria:set_detail", pk=criterion_set.pk)
    messages.success(request, _("Created version %(v)s.") % {"v": copy.version})
    return redirect("criteria:set_detail", pk=copy.pk)


def _criterion_page(
    request: AuthenticatedRequest, criterion_set: CriterionSet, criterion: Criterion | None
) -> HttpResponse:
    if criterion_set.is_locked:
        messages.error(request, error_text(sets.locked_error(criterion_set)))
        return redirect("criteria:set_detail", pk=criterion_set.pk)
    if request.method == "POST":
        posted_rule = request.POST.get("rule", "")
        shown = request.POST.get("shown_rule", "")
        computed = request.POST.get("kind") == CriterionKind.COMPUTED
        if computed and posted_rule in PARAMS and posted_rule != shown:
            # The rule changed: show its parameters (with their defaults) before saving.
            initial = {
                name: request.POST.get(name, "") for name in ("code", "text", "kind", "rule")
            }
            initial.update({f"param_{n}": v for n, v in default_params(posted_rule).items()})
            form = CriterionForm(initial=initial, rule=posted_rule)
            messages.info(request, _("Check the parameters of the chosen rule, then save."))
        else:
            form = CriterionForm(request.POST, rule=shown if computed else "")
            if form.is_valid():
                try:
                    if criterion is None:
                        saved = sets.criterion_add(
                            criterion_set=criterion_set,
                            actor=request.user,
                            data=form.service_data(),
                        )
                    else:
                        saved = sets.criterion_update(
                            criterion=criterion, actor=request.user, data=form.service_data()
                        )
                except ValidationError as error:
                    add_errors(form, error)
                except ApplicationError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Saved criterion %(code)s.") % {"code": saved.code})
                    return redirect("criteria:set_detail", pk=criterion_set.pk)
    else:
        rule = request.GET.get("rule", "")
        if rule not in PARAMS:
            rule = criterion.rule if criterion is not None else ""
        initial = criterion_initial(criterion, rule)
        if criterion is None:
            initial.setdefault("kind", CriterionKind.COMPUTED if rule else CriterionKind.ATTESTED)
            initial["rule"] = rule
        elif rule:
            initial["rule"] = rule
        form = CriterionForm(initial=initial, rule=rule)
    return render(
        request,
        "criteria/assessment/criterion_form.html",
        {
            "form": form,
            "criterion_set": criterion_set,
            "movement": criterion_set.movement,
            "criterion": criterion,
            "shown_rule_label": RuleKey(form.params_rule).label if form.params_rule else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion_set = access_criterion_set(request.user, pk, manage=True)
    return _criterion_page(request, criterion_set, None)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion = access_criterion(request.user, pk)
    return _criterion_page(request, criterion.criterion_set, criterion)


@login_required
@require_POST
def criterion_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion = access_criterion(request.user, pk)
    try:
        sets.criterion_delete(criterion=criterion, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deleted criterion %(code)s.") % {"code": criterion.code})
    return redirect("criteria:set_detail", pk=criterion.criterion_set_id)


@login_required
@require_POST
def criterion_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion = access_criterion(request.user, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        sets.criterion_move(criterion=criterion, actor=request.user, offset=offset)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(
        f"{reverse('criteria:set_detail', args=[criterion.criterion_set_id])}#criterion-{criterion.pk}"
    )
