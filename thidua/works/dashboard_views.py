"""The movement's works dashboard (issue 4, points 6 and 8)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.core.http import access
from thidua.movements.models import Movement
from thidua.works.dashboard import movement_dashboard


@login_required
@require_GET
def dashboard_view(request: HttpRequest, movement: int) -> HttpResponse:
    """The issuer's staff see the whole movement; a unit's users the units in their reach."""
    found = Movement.objects.select_related("issuing_unit").filter(pk=movement).first()
    movement_obj = access(request.user, "movements.view_movement", found)
    dashboard = movement_dashboard(
        user=request.user, movement=movement_obj, today=timezone.localdate()
    )
    return render(
        request,
        "works/dashboard.html",
        {"movement": movement_obj, "dashboard": dashboard, "figures": dashboard.figures},
    )


urlpatterns = [
    path("phong-trao/<int:movement>/tong-quan/", dashboard_view, name="dashboard"),
]
