"""The web side of imports and exports shared by every app: the one import page (upload →
checks → import service → errors with the annotated copy, or the importer's success),
.xlsx downloads and the annotated upload.

Each app declares an :class:`Importer` for its table (after its own access check) and hands it
to :func:`import_page`; the page, its form handling, the row-error table, the progress
indicator and the annotated copy are the same for all. ``interchange`` sits below the apps
that import, so everything app-specific comes in through the importer.

The annotated upload is kept in the session, base64-encoded, until the next import.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.interchange import xlsx
from thidua.interchange.forms import ImportForm

ANNOTATED_KEY = "interchange.annotated"
# The error table stays readable; the annotated workbook carries every error.
MAX_ERRORS_SHOWN = 500
PAGE = "interchange/import.html"

# The form's cleaned data: the upload under "file", and the importer's extra fields.
ImportData = Mapping[str, Any]


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


# --- the import page ------------------------------------------------------------------


@dataclass(frozen=True)
class Importer:
    """One importer as the import page sees it. The app's view declares it for the request,
    after its access check, so the pieces it names may carry the request's objects (the
    movement, the units the user may pick)."""

    title: xlsx.StrOrPromise
    spec: xlsx.Spec
    # The import service with the actor and the page's objects bound, given the form's data.
    run: Callable[[ImportData], xlsx.ImportResult]
    # What follows a clean import: a message and a redirect (or the next step).
    done: Callable[[xlsx.ImportResult, ImportData], HttpResponse]
    template_url: str  # the blank template's download
    cancel_url: str
    # The upload form, or a subclass with the fields this import asks for (a unit picker),
    # its choices bound (``functools.partial``).
    form: Callable[..., ImportForm] = ImportForm
    initial: Mapping[str, Any] = field(default_factory=dict)
    page: str = PAGE  # the shared page, or a template that extends it with its own intro
    export_url: str = ""
    export_label: xlsx.StrOrPromise = gettext_lazy("Export current data")
    export_reimports: bool = False  # the export has the template's columns: edit, upload again


def store_annotated(request: HttpRequest, result: xlsx.ImportResult | None, upload) -> None:
    """Keep the annotated copy of the last upload for its download; drop an older one."""
    if result is None or result.annotated is None:
        request.session.pop(ANNOTATED_KEY, None)
        return
    stem = Path(upload.name or "file").stem
    request.session[ANNOTATED_KEY] = {
        "name": _("%(name)s-errors.xlsx") % {"name": stem},
        "data": base64.b64encode(result.annotated).decode("ascii"),
    }


def import_page(
    request: HttpRequest, *, importer: Importer, context: Mapping[str, Any] | None = None
) -> HttpResponse:
    """Upload → whole-file checks → the importer's service, all or nothing → its success, or
    the page again with the row errors and the annotated copy. ``context`` is for the page's
    own template (its intro, breadcrumbs)."""
    posted = request.method == "POST"
    if posted:
        form = importer.form(request.POST, request.FILES)
    else:
        form = importer.form(initial=dict(importer.initial))
    result = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer.run(form.cleaned_data)
        except xlsx.WorkbookError as error:
            form.add_error("file", error.message)
        store_annotated(request, result, upload)
        if result is not None and result.ok:
            return importer.done(result, form.cleaned_data)
    errors = result.errors if result is not None else []
    return render(
        request,
        importer.page,
        {
            **(context or {}),
            "importer": importer,
            "form": form,
            "result": result,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "hidden_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "max_rows": number_format(xlsx.max_rows(), force_grouping=True),
            "empty_run": number_format(xlsx.empty_run(), force_grouping=True),
            "marker": xlsx.EXAMPLE_MARKER,
            "key_header": importer.spec.column(importer.spec.key).header,
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
