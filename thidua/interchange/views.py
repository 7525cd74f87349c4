"""The web side of imports and exports shared by every app: the upload form, the import page
(upload → checks → import service → result), .xlsx downloads and the annotated upload.

The annotated upload is kept in the session, base64-encoded, until the next import.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.core.files import is_xlsx, validate_size
from thidua.interchange import xlsx

ANNOTATED_KEY = "interchange.annotated"
# The error table stays readable; the annotated workbook carries every error.
MAX_ERRORS_SHOWN = 500


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_size(upload)
        if not is_xlsx(upload):
            raise ValidationError(
                _(
                    "This is not an Excel workbook (.xlsx). Save the file in Excel as "
                    "“Excel Workbook (*.xlsx)” and upload it again."
                ),
                code="not_xlsx",
            )
        return upload


# --- permissions ------------------------------------------------------------------------


def require_perm(request: HttpRequest, perm: str) -> None:
    """Only Home Affairs officers (anywhere) reach these pages; the services check each unit."""
    if not request.user.has_perm(perm):
        raise PermissionDenied


def attachment_header(filename: str) -> str:
    """The ``Content-Disposition`` of a download. Django's result is optional only for an
    inline response without a file name, never for an attachment."""
    return cast(str, content_disposition_header(as_attachment=True, filename=filename))


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = attachment_header(xlsx.safe_filename(filename))
    response["Cache-Control"] = "no-store"
    return response


def dated_filename(name: str) -> str:
    return f"{name}-{timezone.localdate():%Y%m%d}.xlsx"


# --- shared import flow -----------------------------------------------------------------


def store_annotated(request: HttpRequest, result: xlsx.ImportResult, upload) -> None:
    if result.annotated is None:
        request.session.pop(ANNOTATED_KEY, None)
        return
    stem = Path(upload.name or "file").stem
    request.session[ANNOTATED_KEY] = {
        "name": _("%(name)s-errors.xlsx") % {"name": stem},
        "data": base64.b64encode(result.annotated).decode("ascii"),
    }


def import_page(
    request: HttpRequest,
    *,
    perm: str,
    service: Callable[..., xlsx.ImportResult],
    spec: xlsx.Spec,
    on_success: Callable[[HttpRequest, xlsx.ImportResult], HttpResponse],
    context: dict,
) -> HttpResponse:
    require_perm(request, perm)
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    result = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = service(actor=request.user, upload=upload)
        except xlsx.WorkbookError as error:
            form.add_error("file", error.message)
        else:
            store_annotated(request, result, upload)
            if result.ok:
                return on_success(request, result)
    errors = result.errors if result is not None else []
    return render(
        request,
        "interchange/import.html",
        {
            **context,
            "form": form,
            "result": result,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "hidden_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "max_rows": xlsx.MAX_ROWS,
            "marker": xlsx.EXAMPLE_MARKER,
            "key_header": spec.column(spec.key).header,
        },
    )


# --- annotated upload -------------------------------------------------------------------


@login_required
@require_GET
@never_cache
def annotated_download(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(ANNOTATED_KEY)
    if stored is None:
        raise Http404
    return xlsx_response(base64.b64decode(stored["data"]), stored["name"])
