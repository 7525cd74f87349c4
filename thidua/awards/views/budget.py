"""Pages of the award money: the budgets of the movements a user may count, one movement's
budget and its payment list (.xlsx) for the Finance and Planning Office."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.typing import AuthenticatedRequest
from thidua.awards.documents.payment_list import payment_export
from thidua.awards.selectors import budget as budget_selectors
from thidua.interchange.views import dated_filename, xlsx_response
from thidua.movements.rules import access_movement


@login_required
@require_GET
def budget_overview(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "awards/register/budgets.html",
        {"rows": budget_selectors.budget_overview(request.user)},
    )


@login_required
@require_GET
def budget_detail(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_movement(request.user, movement)
    return render(
        request,
        "awards/register/budget.html",
        {"budget": budget_selectors.movement_budget(request.user, movement_obj)},
    )


@login_required
@require_GET
def payment_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_movement(request.user, movement)
    data = payment_export(actor=request.user, movement=movement_obj)
    return xlsx_response(data, dated_filename(_("award-payment-list")))
