from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from thidua.accounts import selectors as accounts
from thidua.accounts.typing import AuthenticatedRequest
from thidua.awards.selectors import desk as awards
from thidua.councils import selectors as councils
from thidua.movements import selectors as movements
from thidua.nominations import selectors as nominations
from thidua.works import selectors as works

# Each app answers for its own part of the desk through one small function, in this order.
DESK_PARTS = (
    accounts.desk_items,
    movements.desk_items,
    works.desk_items,
    nominations.desk_items,
    councils.desk_items,
    awards.desk_items,
)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The user's desk: what each of their roles has to do now (only that), then the
    movements that concern them."""
    context: dict = {}
    for part in DESK_PARTS:
        context.update(part(request.user))
    return render(request, "desk/home.html", context)
