"""The movement's works dashboard (issue 4, points 6 and 8)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.accounts.typing import AuthenticatedRequest
from thidua.movements.rules import access_movement
from thidua.units.forms import as_at_day
from thidua.works.dashboard import movement_dashboard


@login_required
@require_GET
def dashboard_view(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """The issuer's staff see the whole movement; a unit's users the units in their reach."""
    movement_obj = access_movement(request.user, movement)
    day, as_at_form = as_at_day(request.GET)
    dashboard = movement_dashboard(user=request.user, movement=movement_obj, today=day)
    return render(
        request,
        "works/dashboard.html",
        {
            "movement": movement_obj,
            "dashboard": dashboard,
            "figures": dashboard.figures,
            "as_at_form": as_at_form,
        },
    )
