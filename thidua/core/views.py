from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.accounts.models import RoleAssignment
from thidua.movements.selectors import movements_visible, plans_to_issue
from thidua.nominations.selectors import tasks_by_movement
from thidua.works.selectors import reminders_for_me, works_awaiting_me


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's desk: roles held, plans to issue, reminders, village registrations to accept,
    movements that concern them."""
    grants = RoleAssignment.objects.filter(user=request.user).select_related("unit")
    tasks = plans_to_issue(request.user)
    reminders = reminders_for_me(request.user).filter(acknowledged_at__isnull=True)
    awaiting = works_awaiting_me(request.user)
    return render(
        request,
        "core/home.html",
        {
            "grants": grants,
            "tasks": tasks[:20],
            "task_count": tasks.count(),
            "movements": movements_visible(request.user)[:10],
            "reminders": reminders[:5],
            "reminder_count": reminders.count(),
            "awaiting": awaiting[:10],
            "awaiting_count": awaiting.count(),
            "nomination_tasks": tasks_by_movement(request.user),
        },
    )


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
