"""Pages for the quotas of proposals: the province's allocations to the units of a movement,
recorded and corrected by Home Affairs, seen by Home Affairs and the chairmen of the area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.awards import rules
from thidua.awards.forms import QuotaForm
from thidua.awards.selectors import quotas as quota_selectors
from thidua.awards.services import quotas
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.movements.rules import access_movement


@login_required
@require_http_methods(["GET", "POST"])
def quota_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """The province's allocations to the units of the movement: allocated, used, remaining."""
    movement_obj = access_movement(request.user, movement)
    if not rules.sees_quotas(request.user, movement_obj):
        raise Http404
    units = quota_selectors.quota_units(request.user, movement_obj)
    form = None
    if units.exists():
        form = QuotaForm(request.POST or None, units=units)
        if request.method == "POST" and form.is_valid():
            try:
                quotas.quota_set(
                    actor=request.user,
                    movement=movement_obj,
                    unit=form.cleaned_data["unit"],
                    award_form=form.cleaned_data["award_form"],
                    allocated=form.cleaned_data["allocated"],
                    document_reference=form.cleaned_data["document_reference"],
                )
            except ValidationError as error:
                add_errors(form, error)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The quota was recorded."))
                return redirect("awards:quota_list", movement_obj.pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = list(quota_selectors.quotas_visible(request.user, movement_obj))
    return render(
        request,
        "awards/decisions/quotas.html",
        {
            "movement": movement_obj,
            "form": form,
            "rows": [
                {"quota": q, "can_edit": rules.may_manage_quota(request.user, q.unit_id)}
                for q in rows
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quota_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    quota = rules.access_quota(request.user, pk)
    movement = quota.movement
    units = quota_selectors.quota_units(request.user, movement)
    initial = {
        "unit": quota.unit,
        "award_form": quota.award_form,
        "allocated": quota.allocated,
        "document_reference": quota.document_reference,
    }
    form = QuotaForm(request.POST or None, initial=initial, units=units, fixed=True)
    if request.method == "POST" and form.is_valid():
        try:
            quotas.quota_set(
                actor=request.user,
                movement=movement,
                unit=quota.unit,
                award_form=quota.award_form,
                allocated=form.cleaned_data["allocated"],
                document_reference=form.cleaned_data["document_reference"],
            )
        except ApplicationError as error:
            form.add_error("allocated", error.message)
        else:
            messages.success(request, _("The quota was recorded."))
            return redirect("awards:quota_list", movement.pk)
    return render(
        request,
        "awards/decisions/quota_form.html",
        {"movement": movement, "quota": quota, "form": form},
    )
