"""Thin views: upload → checks → import service → result; templates and exports as downloads.

Files kept between requests live in the session, base64-encoded: the annotated upload
(until the next import) and the initial passwords (until their one download).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.imports import (
    ACCOUNTS_SPEC,
    Credential,
    accounts_export,
    accounts_import,
    accounts_template,
    credentials_workbook,
)
from thidua.core.files import is_xlsx, validate_size
from thidua.interchange import xlsx
from thidua.units.imports import UNITS_SPEC, units_export, units_import, units_template

ANNOTATED_KEY = "interchange.annotated"
CREDENTIALS_KEY = "interchange.credentials"
CREDENTIALS_FILE_KEY = "interchange.credentials_file"
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


def _require(request: HttpRequest, perm: str) -> None:
    """Only Home Affairs officers (anywhere) reach these pages; the services check each unit."""
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=xlsx.safe_filename(filename)
    )
    response["Cache-Control"] = "no-store"
    return response


def _dated(name: str) -> str:
    return f"{name}-{timezone.localdate():%Y%m%d}.xlsx"


# --- shared import flow -----------------------------------------------------------------


def _store_annotated(request: HttpRequest, result: xlsx.ImportResult, upload) -> None:
    if result.annotated is None:
        request.session.pop(ANNOTATED_KEY, None)
        return
    stem = Path(upload.name or "file").stem
    request.session[ANNOTATED_KEY] = {
        "name": _("%(name)s-errors.xlsx") % {"name": stem},
        "data": base64.b64encode(result.annotated).decode("ascii"),
    }


def _import_page(
    request: HttpRequest,
    *,
    perm: str,
    service: Callable[..., xlsx.ImportResult],
    spec: xlsx.Spec,
    on_success: Callable[[HttpRequest, xlsx.ImportResult], HttpResponse],
    context: dict,
) -> HttpResponse:
    _require(request, perm)
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
            _store_annotated(request, result, upload)
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


# --- units ------------------------------------------------------------------------------


@login_required
@require_GET
def units_template_download(request: HttpRequest) -> HttpResponse:
    _require(request, "units.manage_directory")
    return _xlsx_response(units_template(), _("units-template.xlsx"))


def _units_done(request: HttpRequest, result: xlsx.ImportResult) -> HttpResponse:
    messages.success(
        request,
        _("Imported %(total)s units (%(created)s new, %(updated)s updated).")
        % {"total": result.total, "created": result.created, "updated": result.updated},
    )
    return redirect("units:list")


@login_required
@require_http_methods(["GET", "POST"])
def units_import_view(request: HttpRequest) -> HttpResponse:
    return _import_page(
        request,
        perm="units.manage_directory",
        service=units_import,
        spec=UNITS_SPEC,
        on_success=_units_done,
        context={
            "title": _("Import units from Excel"),
            "intro": _(
                "Each row is a unit identified by its code: a new code creates a unit, an "
                "existing code updates it. Every unit names its parent by code; the parent "
                "may be another row of the same file."
            ),
            "template_url": "interchange:units_template",
            "export_url": "interchange:units_export",
            "cancel_url": "units:list",
        },
    )


@login_required
@require_GET
def units_export_download(request: HttpRequest) -> HttpResponse:
    # Anyone holding a role may export what they can see.
    _require(request, "units.view_unit")
    return _xlsx_response(units_export(actor=request.user), _dated(_("units")))


# --- accounts ---------------------------------------------------------------------------


@login_required
@require_GET
def accounts_template_download(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.manage_accounts")
    return _xlsx_response(accounts_template(), _("accounts-template.xlsx"))


def _accounts_done(request: HttpRequest, result: xlsx.ImportResult) -> HttpResponse:
    messages.success(
        request,
        _("Imported %(total)s rows (%(created)s new accounts, %(updated)s roles added).")
        % {"total": result.total, "created": result.created, "updated": result.updated},
    )
    request.session[CREDENTIALS_KEY] = [asdict(c) for c in result.details]
    return redirect("interchange:accounts_credentials")


@login_required
@require_http_methods(["GET", "POST"])
def accounts_import_view(request: HttpRequest) -> HttpResponse:
    return _import_page(
        request,
        perm="accounts.manage_accounts",
        service=accounts_import,
        spec=ACCOUNTS_SPEC,
        on_success=_accounts_done,
        context={
            "title": _("Import accounts from Excel"),
            "intro": _(
                "Each row gives a person an account on a unit with a role. New accounts get an "
                "initial password, shown once after the import, that must be changed at the "
                "first login. A username that already exists in your area only receives the "
                "role; its other details are not changed."
            ),
            "template_url": "interchange:accounts_template",
            "export_url": "interchange:accounts_export",
            "cancel_url": "accounts:list",
        },
    )


@login_required
@require_GET
@never_cache
def accounts_credentials(request: HttpRequest) -> HttpResponse:
    """The initial passwords, shown once: reloading the page does not show them again."""
    _require(request, "accounts.manage_accounts")
    stored = request.session.pop(CREDENTIALS_KEY, None)
    if stored is None:
        messages.info(request, _("The initial passwords are shown only once, after the import."))
        return redirect("interchange:accounts_import")
    credentials = [Credential(**item) for item in stored]
    has_passwords = any(c.password for c in credentials)
    if has_passwords:
        data = credentials_workbook(c for c in credentials if c.password)
        request.session[CREDENTIALS_FILE_KEY] = base64.b64encode(data).decode("ascii")
    return render(
        request,
        "interchange/credentials.html",
        {"credentials": credentials, "has_passwords": has_passwords},
    )


@login_required
@require_GET
@never_cache
def accounts_credentials_download(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.manage_accounts")
    stored = request.session.pop(CREDENTIALS_FILE_KEY, None)
    if stored is None:
        raise Http404(_("The file of initial passwords can be downloaded only once."))
    return _xlsx_response(base64.b64decode(stored), _dated(_("initial-passwords")))


@login_required
@require_GET
def accounts_export_download(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.manage_accounts")
    return _xlsx_response(accounts_export(actor=request.user), _dated(_("accounts")))


# --- annotated upload -------------------------------------------------------------------


@login_required
@require_GET
@never_cache
def annotated_download(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(ANNOTATED_KEY)
    if stored is None:
        raise Http404
    return _xlsx_response(base64.b64decode(stored["data"]), stored["name"])
