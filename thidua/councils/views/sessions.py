"""Pages for council sessions: a council's sessions, planning one, the agenda page, the roll
call, opening and closing the vote, the minutes (.docx), and a member's own sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.http import DOCX_CONTENT_TYPE, download, paginate
from thidua.councils import documents, rules, selectors, services
from thidua.councils.forms import AgendaForm, AttendanceForm, CloseForm, SessionForm
from thidua.councils.models import AgendaItem, CouncilSession, SessionStatus


@login_required
@require_GET
def session_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council, rights = rules.access_council_sessions(request.user, pk)
    page, rest = paginate(request, selectors.sessions_of(council), per_page=50)
    return render(
        request,
        "councils/session_list.html",
        {
            "council": council,
            "rights": rights,
            "page_obj": page,
            "querystring_without_page": rest,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council, rights = rules.access_council_sessions(request.user, pk)
    if not rights.runs:
        raise Http404
    form = SessionForm(request.POST or None, movements=selectors.movements_for_council(council))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user,
                council=council,
                movement=form.cleaned_data["movement"],
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The session is planned: now put nominations on its agenda.")
            )
            return redirect("councils:session", pk=session.pk)
    return render(
        request, "councils/session_form.html", {"form": form, "council": council, "session": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session(request.user, pk, run=True)
    if session.status == SessionStatus.CLOSED:
        raise Http404
    form = SessionForm(
        request.POST or None,
        movements=selectors.movements_for_council(session.council),
        fixed_movement=True,
        initial={
            "movement": session.movement_id,
            "held_on": session.held_on,
            "place": session.place,
            "notes": session.notes,
        },
    )
    if session.status != SessionStatus.PLANNED:
        form.fields["held_on"].disabled = True
        form.fields["place"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                actor=request.user,
                session=session,
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:session", pk=session.pk)
    return render(
        request,
        "councils/session_form.html",
        {"form": form, "council": session.council, "session": session},
    )


def _outcomes(session: CouncilSession, items: list[AgendaItem]) -> dict[int, services.Outcome]:
    return {item.pk: services.item_outcome(item, session) for item in items if item.result}


@login_required
@require_GET
def session_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The agenda page: what everyone who may see the session sees, and the actions of the
    user's part in it."""
    session, rights = rules.access_session(request.user, pk)
    items = list(selectors.session_items(session))
    closed = session.status == SessionStatus.CLOSED
    me = rights.member
    attendance = selectors.session_attendance(session)
    my_attendance = next((row for row in attendance if me and row.member_id == me.pk), None)
    context = {
        "session": session,
        "council": session.council,
        "rights": rights,
        "items": items,
        "attendance": attendance if rights.runs else [],
        "my_attendance": my_attendance,
        "my_receipt": selectors.my_receipt(session, me),
        "ballots": (
            selectors.ballots_cast(session) if session.status != SessionStatus.PLANNED else None
        ),
        "show_tally": closed and rights.sees_tally,
        "show_minutes": closed and (rights.sees_tally or my_attendance is not None),
    }
    if rights.runs and session.status == SessionStatus.VOTING:
        context["voted"] = selectors.voted_member_ids(session)
    if context["show_tally"]:
        outcomes = _outcomes(session, items)
        context["rows"] = [
            (
                item,
                outcomes.get(item.pk),
                selectors.rule_phrase(
                    session.council, item.threshold_origin, item.threshold_source
                ),
            )
            for item in items
        ]
    else:
        context["rows"] = [(item, None, "") for item in items]
    if rights.runs and session.status == SessionStatus.PLANNED:
        on_agenda = {item.nomination_id for item in items}
        candidates = selectors.agenda_candidates(session.council, session.movement).exclude(
            pk__in=on_agenda
        )
        context["agenda_form"] = AgendaForm(candidates=candidates)
    return render(request, "councils/session_detail.html", context)


@login_required
@require_POST
def agenda_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session(request.user, pk, run=True)
    candidates = selectors.agenda_candidates(session.council, session.movement)
    form = AgendaForm(request.POST, candidates=candidates)
    if not form.is_valid() or not form.cleaned_data["nominations"]:
        messages.error(request, _("Choose at least one nomination."))
        return redirect("councils:session", pk=session.pk)
    try:
        added = services.agenda_add(
            actor=request.user, session=session, nominations=form.cleaned_data["nominations"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Added to the agenda: %(count)s.") % {"count": len(added)},
        )
    return redirect("councils:session", pk=session.pk)


@login_required
@require_POST
def agenda_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item, _rights = rules.access_agenda_item(request.user, pk)
    session = item.session
    try:
        services.agenda_remove(actor=request.user, item=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed from the agenda; the nomination is back on notice."))
    return redirect("councils:session", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session(request.user, pk, run=True)
    if session.status != SessionStatus.PLANNED:
        raise Http404
    members = session.council.members.filter(active=True).order_by(
        selectors.role_rank(), "full_name", "pk"
    )
    recorded = list(session.attendance.values_list("member_id", "present"))
    initial = (
        [member_id for member_id, present in recorded if present]
        if recorded
        else list(members.values_list("pk", flat=True))
    )
    form = AttendanceForm(request.POST or None, members=members, initial={"present": initial})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                actor=request.user, session=session, present=form.cleaned_data["present"]
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect("councils:session", pk=session.pk)
    return render(
        request,
        "councils/attendance_form.html",
        {"form": form, "session": session, "council": session.council},
    )


@login_required
@require_POST
def voting_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session(request.user, pk, run=True)
    try:
        services.voting_open(actor=request.user, session=session)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Voting is open."))
    return redirect("councils:session", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session(request.user, pk, run=True)
    if session.status != SessionStatus.VOTING:
        raise Http404
    waiting = selectors.present_without_ballot(session)
    # Bound on every POST: closing with every ballot in posts nothing but the token.
    form = CloseForm(
        request.POST if request.method == "POST" else None, reason_required=bool(waiting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_close(
                actor=request.user,
                session=session,
                early_reason=form.cleaned_data["early_reason"] if waiting else "",
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The session is closed and the results are recorded."))
        return redirect("councils:session", pk=session.pk)
    return render(
        request,
        "councils/session_close.html",
        {
            "session": session,
            "council": session.council,
            "ballots": selectors.ballots_cast(session),
            "item_count": session.items.count(),
            "waiting": waiting,
            "form": form,
        },
    )


@login_required
@require_GET
def minutes_docx(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    session, rights = rules.access_session(request.user, pk)
    if not rules.may_download_minutes(session, rights):
        raise Http404
    return download(
        documents.minutes_docx(session), documents.file_name(session), DOCX_CONTENT_TYPE
    )


@login_required
@require_GET
def my_sessions(request: AuthenticatedRequest) -> HttpResponse:
    page, rest = paginate(request, selectors.my_sessions(request.user), per_page=50)
    return render(
        request,
        "councils/my_sessions.html",
        {"page_obj": page, "querystring_without_page": rest},
    )
