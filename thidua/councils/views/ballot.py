"""The ballot pages: a present member votes yes or no on every item, once; the secretary (or
the Home Affairs Office) records the written vote of an absent member. Never shown: who chose
what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.councils import rules, selectors, services
from thidua.councils.forms import BallotForm
from thidua.councils.models import SessionStatus


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A present member's ballot: yes or no on every item, once."""
    session, rights = rules.access_session(request.user, pk)
    member = rights.member
    if member is None or session.status != SessionStatus.VOTING:
        raise Http404
    present = session.attendance.filter(member=member, present=True).exists()
    if not present:
        raise Http404
    if selectors.my_receipt(session, member) is not None:
        messages.info(request, _("You have already voted in this session."))
        return redirect("councils:session", pk=session.pk)
    form = BallotForm(request.POST or None, items=selectors.session_items(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(actor=request.user, session=session, votes=form.votes())
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("councils:session", pk=session.pk)
        messages.success(request, _("Your ballot is recorded. Thank you."))
        return redirect("councils:session", pk=session.pk)
    return render(
        request,
        "councils/ballot.html",
        {"form": form, "session": session, "council": session.council, "member": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def written_vote(request: AuthenticatedRequest, pk: int, member: int) -> HttpResponse:
    """The secretary records the written vote of an absent member."""
    session, rights = rules.access_session(request.user, pk)
    if not rights.records_written_votes or session.status != SessionStatus.VOTING:
        raise Http404
    absent = selectors.absent_member(session, member)
    if absent is None:
        raise Http404
    if selectors.my_receipt(session, absent) is not None:
        messages.info(
            request,
            _("The written vote of %(member)s is already recorded.") % {"member": absent.full_name},
        )
        return redirect("councils:session", pk=session.pk)
    form = BallotForm(request.POST or None, items=selectors.session_items(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_record_written(
                actor=request.user, session=session, member=absent, votes=form.votes()
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("councils:session", pk=session.pk)
        messages.success(
            request,
            _("The written vote of %(member)s is recorded.") % {"member": absent.full_name},
        )
        return redirect("councils:session", pk=session.pk)
    return render(
        request,
        "councils/ballot.html",
        {"form": form, "session": session, "council": session.council, "member": absent},
    )
