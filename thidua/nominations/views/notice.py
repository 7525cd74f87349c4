"""The Home Affairs Office's pages for the public notice: prepare it from the checked
dossiers, publish it, approve or reject the comments it receives (held until then) and
answer them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.movements.models import Movement

from .. import rules, selectors, services
from ..forms import AnswerForm, NoticeForm
from ..models import CommentStatus, Nomination, NominationStatus, PublicNotice


def _notice_data(form: NoticeForm) -> services.NoticeData:
    return services.NoticeData(
        title=form.cleaned_data["title"],
        introduction=form.cleaned_data["introduction"],
        working_days=form.cleaned_data["working_days"],
    )


def _choices(movement: Movement, notice: PublicNotice | None = None) -> QuerySet[Nomination]:
    return (
        services.selectable_for_notice(movement, notice)
        .select_related("award_form")
        .order_by("award_form__position", "candidate_name", "pk")
    )


@login_required
def notice_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = rules.access_movement(request.user, movement, notices=True)
    today = timezone.localdate()
    notices = list(selectors.notices_of_movement(movement_obj))
    for notice in notices:
        # Read by the template as notice.is_closed (not a field of the model).
        notice.__dict__["is_closed"] = selectors.notice_closed(notice, today)
    return render(
        request,
        "nominations/notice_list.html",
        {
            "movement": movement_obj,
            "notices": notices,
            "checked_waiting": services.selectable_for_notice(movement_obj)
            .filter(notice__isnull=True)
            .count(),
            "ready_count": selectors.ready_for_council(movement_obj, today).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_create(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = rules.access_movement(request.user, movement, notices=True)
    choices = _choices(movement_obj)
    form = NoticeForm(
        request.POST or None,
        nominations=choices,
        initial={
            "title": services.default_title(movement_obj),
            "working_days": 10,
            "nominations": list(choices),  # every checked dossier, by default
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused publication keeps nothing
                notice = services.notice_create(
                    actor=request.user,
                    movement=movement_obj,
                    data=_notice_data(form),
                    nominations=form.cleaned_data["nominations"],
                )
                if "publish" in request.POST:
                    services.notice_publish(actor=request.user, notice=notice)
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _published_message(notice))
            return redirect("nominations:notice_detail", pk=notice.pk)
    return render(
        request,
        "nominations/notice_form.html",
        {"movement": movement_obj, "form": form, "notice": None},
    )


def _published_message(notice: PublicNotice) -> str:
    if notice.published_on is None:
        return _("The notice was saved; publish it when the list is final.")
    assert notice.closes_on is not None, "publishing sets the closing day"
    return _(
        "The notice is published. Comments are taken until the end of %(date)s "
        "(%(n)s working days)."
    ) % {"date": notice.closes_on.strftime("%d/%m/%Y"), "n": notice.working_days}


@login_required
@require_http_methods(["GET", "POST"])
def notice_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = rules.access_notice(request.user, pk)
    if notice.published_on is not None:
        messages.error(request, _("A published notice can no longer be changed."))
        return redirect("nominations:notice_detail", pk=notice.pk)
    choices = _choices(notice.movement, notice)
    form = NoticeForm(
        request.POST or None,
        nominations=choices,
        initial={
            "title": notice.title,
            "introduction": notice.introduction,
            "working_days": notice.working_days,
            "nominations": list(notice.nominations.filter(status=NominationStatus.CHECKED)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.notice_update(
                    actor=request.user,
                    notice=notice,
                    data=_notice_data(form),
                    nominations=form.cleaned_data["nominations"],
                )
                if "publish" in request.POST:
                    services.notice_publish(actor=request.user, notice=notice)
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            notice.refresh_from_db()
            messages.success(request, _published_message(notice))
            return redirect("nominations:notice_detail", pk=notice.pk)
    return render(
        request,
        "nominations/notice_form.html",
        {"movement": notice.movement, "form": form, "notice": notice},
    )


@login_required
@require_POST
def notice_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = rules.access_notice(request.user, pk)
    try:
        services.notice_publish(actor=request.user, notice=notice)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _published_message(notice))
    return redirect("nominations:notice_detail", pk=notice.pk)


@login_required
def notice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = rules.access_notice(request.user, pk)
    today = timezone.localdate()
    comments = list(selectors.office_comments(notice))
    return render(
        request,
        "nominations/notice_detail.html",
        {
            "notice": notice,
            "movement": notice.movement,
            "listed": list(selectors.notice_listed(notice)),
            "comments": comments,
            "unanswered": sum(
                1 for c in comments if c.answered_at is None and c.status != CommentStatus.REJECTED
            ),
            "pending": sum(1 for c in comments if c.status == CommentStatus.PENDING),
            "is_closed": selectors.notice_closed(notice, today),
            "days_left": selectors.working_days_left(notice, today),
            "public_url": request.build_absolute_uri(reverse("notices:detail", args=[notice.pk])),
        },
    )


@login_required
@require_POST
def comment_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    comment = rules.access_comment(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.comment_answer(
                actor=request.user, comment=comment, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The answer was published under the comment."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect(
        reverse("nominations:notice_detail", args=[comment.notice_id]) + f"#y-kien-{comment.pk}"
    )


@login_required
@require_POST
def comment_moderate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Approve (publish) or reject (never show) a held comment."""
    comment = rules.access_comment(request.user, pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("Choose to approve or to reject the comment."))
    else:
        approve = decision == "approve"
        services.comment_moderate(actor=request.user, comment=comment, approve=approve)
        messages.success(
            request,
            _("The comment is approved and published.")
            if approve
            else _("The comment is rejected; it will not be published."),
        )
    return redirect(
        reverse("nominations:notice_detail", args=[comment.notice_id]) + f"#y-kien-{comment.pk}"
    )
