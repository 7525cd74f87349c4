"""Pages for a dossier's files: evidence uploads and removals, downloads of the stored files
(only through these views, which check who may see the dossier) and the achievement report
rendered as .docx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.http import DOCX_CONTENT_TYPE, download, stored_name
from thidua.core.text import fold

from .. import documents, rules, services
from ..forms import EvidenceForm


def _error_text(error: Exception) -> str:
    if isinstance(error, ApplicationError):
        return error.message
    return " ".join(getattr(error, "messages", [str(error)]))


@login_required
@require_POST
def evidence_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    if not rules.may_edit(request.user, nomination):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("nominations:detail", pk=nomination.pk)
    try:
        added = services.nomination_add_files(
            actor=request.user, nomination=nomination, uploads=form.cleaned_data["files"]
        )
    except (ValidationError, ApplicationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(n)s file(s) added.") % {"n": len(added)})
    return redirect(reverse("nominations:detail", args=[nomination.pk]) + "#files")


@login_required
@require_POST
def evidence_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = rules.access_nomination_file(request.user, pk)
    if not rules.may_edit(request.user, item.nomination):
        raise PermissionDenied
    try:
        services.nomination_file_delete(actor=request.user, item=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("«%(title)s» was removed.") % {"title": item.title})
    return redirect(reverse("nominations:detail", args=[item.nomination_id]) + "#files")


@login_required
def evidence_file(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    item = rules.access_nomination_file(request.user, pk)
    return download(item.file, stored_name(item.file))


@login_required
def dossier_file(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponseBase:
    nomination = rules.access_nomination(request.user, pk)
    if kind == "bao-cao":
        return download(nomination.achievement_file, stored_name(nomination.achievement_file))
    if kind == "bien-ban":
        return download(nomination.review_minutes, stored_name(nomination.review_minutes))
    raise Http404


@login_required
def achievement_docx(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    nomination = rules.access_nomination(request.user, pk)
    content = documents.achievement_docx(nomination)
    slug = "-".join(fold(nomination.candidate_name).split())[:60] or "ho-so"
    return download(content, f"bao-cao-thanh-tich-{nomination.pk}-{slug}.docx", DOCX_CONTENT_TYPE)
