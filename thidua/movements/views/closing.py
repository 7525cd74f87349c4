"""Pages for the movement after launch: ending it (with what is still open listed first),
and the standing body completing the plan's number, date and file and the nomination
deadline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.movements import lifecycle
from thidua.movements.forms import NominationDeadlineForm, PlanReferenceForm
from thidua.movements.rules import access_movement


@login_required
@require_http_methods(["GET", "POST"])
def movement_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """«Kết thúc phong trào»: a confirmation page listing what is still open."""
    movement = access_movement(request.user, pk)
    if not request.user.has_perm("movements.close_movement", movement):
        raise PermissionDenied
    if request.method == "POST":
        try:
            lifecycle.movement_close(actor=request.user, movement=movement)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The movement has ended."))
            return redirect("movements:detail", pk=movement.pk)
    items = lifecycle.open_items(movement)
    return render(
        request,
        "movements/close.html",
        {
            "movement": movement,
            "items": items,
            "open_total": sum(item.count for item in items),
            "may_end_now": lifecycle.has_ended(movement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_followup_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The standing body completes the plan's number, date and signed file, and sets the
    nomination deadline."""
    movement = access_movement(request.user, pk)
    may_complete = request.user.has_perm("movements.complete_plan", movement)
    may_set_deadline = request.user.has_perm("movements.set_nomination_deadline", movement)
    if not (may_complete or may_set_deadline):
        raise PermissionDenied
    posted = request.method == "POST"
    action = request.POST.get("action", "")
    plan_form = PlanReferenceForm(
        request.POST if posted and action == "plan" else None,
        request.FILES if posted and action == "plan" else None,
        require_file=False,
        initial={
            "document_number": movement.document_number,
            "document_date": movement.document_date,
        },
    )
    deadline_form = NominationDeadlineForm(
        request.POST if posted and action == "deadline" else None,
        initial={"nomination_deadline": movement.nomination_deadline},
    )
    try:
        if action == "plan" and may_complete and plan_form.is_valid():
            lifecycle.movement_plan_complete(
                actor=request.user,
                movement=movement,
                document_number=plan_form.cleaned_data["document_number"],
                document_date=plan_form.cleaned_data["document_date"],
                signed_file=plan_form.cleaned_data["signed_file"] or None,
            )
            messages.success(request, _("The plan's number and date were saved."))
            return redirect("movements:detail", pk=movement.pk)
        if action == "deadline" and may_set_deadline and deadline_form.is_valid():
            lifecycle.nomination_deadline_set(
                actor=request.user,
                movement=movement,
                deadline=deadline_form.cleaned_data["nomination_deadline"],
            )
            messages.success(request, _("The nomination deadline was saved."))
            return redirect("movements:detail", pk=movement.pk)
    except ValidationError as error:
        add_errors(plan_form if action == "plan" else deadline_form, error)
    return render(
        request,
        "movements/followup.html",
        {
            "movement": movement,
            "plan_form": plan_form if may_complete else None,
            "deadline_form": deadline_form if may_set_deadline else None,
        },
    )
