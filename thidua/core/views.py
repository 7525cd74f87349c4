from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.accounts.models import RoleAssignment
from thidua.movements.selectors import movements_visible, plans_to_issue


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's desk: roles held, plans waiting to be issued, movements that concern them."""
    grants = RoleAssignment.objects.filter(user=request.user).select_related("unit")
    tasks = plans_to_issue(request.user)
    return render(
        request,
        "core/home.html",
        {
            "grants": grants,
            "tasks": tasks[:20],
            "task_count": tasks.count(),
            "movements": movements_visible(request.user)[:10],
        },
    )


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
