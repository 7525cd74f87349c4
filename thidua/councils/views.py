"""Pages of the councils area: thin views over services, selectors and rules.

Councils live under hoi-dong/<pk>/, one session under hoi-dong/phien/<pk>/. A member's own
sessions are at hoi-dong/cua-toi/.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.errors import ApplicationError
from thidua.core.http import paginate
from thidua.councils import defaults, minutes, rules, selectors, services
from thidua.councils.forms import (
    AgendaForm,
    AttendanceForm,
    BallotForm,
    CouncilForm,
    MemberForm,
    SessionForm,
    ThresholdForm,
)
from thidua.councils.models import (
    AgendaItem,
    CouncilMember,
    SessionStatus,
    Threshold,
)
from thidua.councils.rules import COUNCIL_UNIT_KINDS

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- councils -----------------------------------------------------------------------------


@login_required
@require_GET
def council_list(request: HttpRequest) -> HttpResponse:
    councils = list(selectors.councils_for(request.user))
    managed = {c.pk for c in councils if rules.manages(request.user, c)}
    return render(
        request,
        "councils/council_list.html",
        {
            "councils": councils,
            "managed": managed,
            "can_create": rules.may_create_council(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_create_council(request.user):
        raise Http404
    units = selectors.council_units_for(request.user, COUNCIL_UNIT_KINDS)
    form = CouncilForm(request.POST or None, units=units, initial=defaults.council_defaults())
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        if not data.get("name"):
            data.pop("name", None)
        try:
            council = services.council_create_with_defaults(
                actor=request.user, unit=form.cleaned_data["unit"], data=data
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The council is set up with the default thresholds."))
            return redirect("councils:detail", pk=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": None})


@login_required
@require_GET
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = rules.access_council(request.user, pk)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "members": list(selectors.council_members(council)),
            "thresholds": list(selectors.council_thresholds(council)),
            "sessions": list(selectors.sessions_of(council)[:5]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = rules.access_council(request.user, pk)
    units = selectors.council_units_for(request.user, COUNCIL_UNIT_KINDS)
    form = CouncilForm(request.POST or None, instance=council, units=units)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        data["name"] = data.get("name") or services.default_council_name(council.unit)
        try:
            services.council_update(actor=request.user, council=council, data=data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:detail", pk=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": council})


def _member_form(request, council, instance=None) -> MemberForm:
    return MemberForm(
        request.POST or None,
        instance=instance,
        users=selectors.member_candidates(council.unit_id),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = rules.access_council(request.user, pk)
    form = _member_form(request, council)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "user"}
        try:
            services.member_add(
                actor=request.user, council=council, user=form.cleaned_data["user"], data=data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The member is added."))
            if "another" in request.POST:
                return redirect("councils:member_create", pk=council.pk)
            return redirect("councils:detail", pk=council.pk)
    return render(
        request, "councils/member_form.html", {"form": form, "council": council, "member": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = rules.access_member(request.user, pk)
    council = member.council
    form = _member_form(request, council, instance=member)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "user"}
        try:
            services.member_update(actor=request.user, member=member, data=data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:detail", pk=council.pk)
    return render(
        request, "councils/member_form.html", {"form": form, "council": council, "member": member}
    )


def _access_threshold(request: HttpRequest, pk: int) -> Threshold:
    threshold = (
        Threshold.objects.select_related("council", "council__unit", "award_form")
        .filter(pk=pk)
        .first()
    )
    if threshold is None or not rules.manages(request.user, threshold.council):
        raise Http404
    return threshold


def _threshold_page(request: HttpRequest, council, threshold=None) -> HttpResponse:
    form = ThresholdForm(request.POST or None, instance=threshold)
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_set(
                actor=request.user,
                council=council,
                award_form=threshold.award_form if threshold else form.cleaned_data["award_form"],
                percent=form.cleaned_data["percent"],
                basis=form.cleaned_data["basis"],
                legal_source=form.cleaned_data["legal_source"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:detail", pk=council.pk)
    return render(
        request,
        "councils/threshold_form.html",
        {"form": form, "council": council, "threshold": threshold},
    )


@login_required
@require_http_methods(["GET", "POST"])
def threshold_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _threshold_page(request, rules.access_council(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def threshold_edit(request: HttpRequest, pk: int) -> HttpResponse:
    threshold = _access_threshold(request, pk)
    return _threshold_page(request, threshold.council, threshold)


@login_required
@require_POST
def threshold_delete(request: HttpRequest, pk: int) -> HttpResponse:
    threshold = _access_threshold(request, pk)
    council = threshold.council
    services.threshold_delete(actor=request.user, threshold=threshold)
    messages.success(request, _("The threshold is removed; the council's default applies."))
    return redirect("councils:detail", pk=council.pk)


# --- sessions -----------------------------------------------------------------------------


@login_required
@require_GET
def session_list(request: HttpRequest, pk: int) -> HttpResponse:
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
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
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
            _add_errors(form, error)
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
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session_to_run(request.user, pk)
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
            _add_errors(form, error)
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


def _outcomes(session, items) -> dict[int, services.Outcome]:
    return {item.pk: services.item_outcome(item, session) for item in items if item.result}


@login_required
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
    }
    if rights.runs and session.status == SessionStatus.VOTING:
        context["voted"] = selectors.voted_member_ids(session)
    if context["show_tally"]:
        outcomes = _outcomes(session, items)
        context["rows"] = [(item, outcomes.get(item.pk)) for item in items]
    else:
        context["rows"] = [(item, None) for item in items]
    if rights.runs and session.status == SessionStatus.PLANNED:
        on_agenda = {item.nomination_id for item in items}
        candidates = selectors.agenda_candidates(session.council, session.movement).exclude(
            pk__in=on_agenda
        )
        context["agenda_form"] = AgendaForm(candidates=candidates)
    return render(request, "councils/session_detail.html", context)


@login_required
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session_to_run(request.user, pk)
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
def agenda_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = AgendaItem.objects.select_related("session", "nomination").filter(pk=pk).first()
    if item is None:
        raise Http404
    session, _rights = rules.access_session_to_run(request.user, item.session_id)
    item.session = session
    try:
        services.agenda_remove(actor=request.user, item=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed from the agenda; the nomination is back on notice."))
    return redirect("councils:session", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session_to_run(request.user, pk)
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
            _add_errors(form, error)
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
def voting_open(request: HttpRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session_to_run(request.user, pk)
    try:
        services.voting_open(actor=request.user, session=session)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Voting is open."))
    return redirect("councils:session", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    session, _rights = rules.access_session_to_run(request.user, pk)
    if session.status != SessionStatus.VOTING:
        raise Http404
    if request.method == "POST":
        try:
            services.session_close(actor=request.user, session=session)
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
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
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
def written_vote(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """The secretary records the written vote of an absent member."""
    session, rights = rules.access_session(request.user, pk)
    if not rights.records_written_votes or session.status != SessionStatus.VOTING:
        raise Http404
    absent = CouncilMember.objects.filter(
        pk=member, council=session.council, attendance__session=session, attendance__present=False
    ).first()
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


@login_required
@require_GET
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    session, rights = rules.access_session(request.user, pk)
    if session.status != SessionStatus.CLOSED or not rights.sees_tally:
        raise Http404
    response = HttpResponse(minutes.minutes_docx(session), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=minutes.file_name(session)
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    page, rest = paginate(request, selectors.my_sessions(request.user), per_page=50)
    return render(
        request,
        "councils/my_sessions.html",
        {"page_obj": page, "querystring_without_page": rest},
    )


urlpatterns = [
    path("", council_list, name="list"),
    path("moi/", council_create, name="create"),
    path("cua-toi/", my_sessions, name="my_sessions"),
    path("<int:pk>/", council_detail, name="detail"),
    path("<int:pk>/sua/", council_edit, name="edit"),
    path("<int:pk>/thanh-vien/them/", member_create, name="member_create"),
    path("thanh-vien/<int:pk>/sua/", member_edit, name="member_edit"),
    path("<int:pk>/nguong/them/", threshold_create, name="threshold_create"),
    path("nguong/<int:pk>/sua/", threshold_edit, name="threshold_edit"),
    path("nguong/<int:pk>/xoa/", threshold_delete, name="threshold_delete"),
    path("<int:pk>/phien-hop/", session_list, name="sessions"),
    path("<int:pk>/phien-hop/moi/", session_create, name="session_create"),
    path("phien/<int:pk>/", session_detail, name="session"),
    path("phien/<int:pk>/sua/", session_edit, name="session_edit"),
    path("phien/<int:pk>/chuong-trinh/them/", agenda_add, name="agenda_add"),
    path("phien/muc/<int:pk>/go/", agenda_remove, name="agenda_remove"),
    path("phien/<int:pk>/diem-danh/", attendance, name="attendance"),
    path("phien/<int:pk>/mo-bieu-quyet/", voting_open, name="open"),
    path("phien/<int:pk>/ket-thuc/", session_close, name="close"),
    path("phien/<int:pk>/phieu/", ballot, name="ballot"),
    path(
        "phien/<int:pk>/phieu-van-ban/<int:member>/",
        written_vote,
        name="written_vote",
    ),
    path("phien/<int:pk>/bien-ban.docx", minutes_docx, name="minutes"),
]
