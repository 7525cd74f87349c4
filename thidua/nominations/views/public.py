"""Pages anyone may open without an account: the published notices of candidates, and the
form to send a comment or objection. Nothing internal is shown: no officer, no dossier
file, no status, never the sender's contact."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.http import paginate
from thidua.core.net import client_ip

from .. import achievement, selectors, services
from ..forms import CommentForm


def _thanks() -> str:
    return _(
        "Thank you: your comment was received. The office will review it before it is "
        "published, and publish its answer on this page."
    )


def notice_index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page, rest = paginate(request, selectors.published_notices(), per_page=25)
    for notice in page:
        notice.is_open = selectors.notice_open(notice, today)
    return render(
        request,
        "nominations/public/index.html",
        {"page_obj": page, "querystring_without_page": rest},
    )


@require_http_methods(["GET", "POST"])
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = selectors.public_notice(pk)
    if notice is None:
        raise Http404
    today = timezone.localdate()
    is_open = selectors.notice_open(notice, today)
    candidates = list(selectors.notice_candidates(notice))
    form = CommentForm(
        request.POST or None,
        candidates=selectors.notice_candidates(notice),
        initial={"nomination": request.GET.get("ung-vien")},
    )
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("This notice is closed: comments are no longer taken."))
            return redirect("notices:detail", pk=notice.pk)
        if form.is_bot:
            # Answer a robot as if all went well, and keep nothing.
            messages.success(request, _thanks())
            return redirect(reverse("notices:detail", args=[notice.pk]) + "#gop-y")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.comment_post(
                    notice=notice,
                    data=services.CommentData(
                        author_name=data["author_name"],
                        contact=data["contact"],
                        body=data["body"],
                        nomination=data["nomination"],
                        is_objection=data["is_objection"],
                    ),
                    today=today,
                    client_address=client_ip(request),
                )
            except ValidationError as error:
                add_errors(form, error)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _thanks())
                return redirect(reverse("notices:detail", args=[notice.pk]) + "#gop-y")
    for nomination in candidates:
        # Read by the template as nomination.summary (not a field of the model).
        nomination.__dict__["summary"] = achievement.public_summary(nomination.achievement)
    return render(
        request,
        "nominations/public/notice.html",
        {
            "notice": notice,
            "candidates": candidates,
            "answered": list(selectors.published_comments(notice)),
            "is_open": is_open,
            "is_closed": selectors.notice_closed(notice, today),
            "days_left": selectors.working_days_left(notice, today) if is_open else 0,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
