"""Pages for a work's progress: recording it with photos and documents, and serving those
files only to those who may see the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.http import download, stored_name
from thidua.movements.lifecycle import ensure_running
from thidua.works import services
from thidua.works.forms import ProgressForm
from thidua.works.rules import access_evidence, access_work


@login_required
@require_http_methods(["GET", "POST"])
def progress_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    work = access_work(request.user, pk)
    try:
        ensure_running(work.movement)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("works:detail", pk=work.pk)
    if not request.user.has_perm("works.record_progress", work):
        raise PermissionDenied
    initial = {
        "status": work.progress_status,
        "percent": work.progress_percent,
        "actual_completion": work.actual_completion,
        "put_into_use": work.put_into_use,
        "value_done": work.value_done,
    }
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = services.ProgressData(
            percent=form.cleaned_data["percent"],
            status=form.cleaned_data["status"],
            actual_completion=form.cleaned_data["actual_completion"],
            put_into_use=form.cleaned_data["put_into_use"],
            value_done=form.cleaned_data["value_done"],
            note=form.cleaned_data["note"],
        )
        try:
            services.progress_record(
                actor=request.user, work=work, data=data, files=form.cleaned_data["files"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("works:detail", pk=work.pk)
    return render(request, "works/progress_form.html", {"work": work, "form": form})


@login_required
def evidence_file(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """Served only to those who may see the work; photos inline, documents as downloads."""
    item = access_evidence(request.user, pk)
    return download(item.file, item.original_name, inline=item.is_image)


@login_required
def evidence_thumbnail(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    item = access_evidence(request.user, pk)
    # Thumbnails are small and unchanging: the browser may keep them (never a proxy).
    return download(
        item.thumbnail,
        stored_name(item.thumbnail),
        "image/jpeg",
        inline=True,
        cache="private, max-age=86400",
    )
