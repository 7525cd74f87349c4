"""Accounts to and from Excel: template, import, the initial passwords shown once, export."""

import base64
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
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
from thidua.accounts.typing import AuthenticatedRequest
from thidua.interchange import xlsx
from thidua.interchange.views import dated_filename, import_page, require_perm, xlsx_response

# The initial passwords wait in the session until their one showing and one download.
CREDENTIALS_KEY = "interchange.credentials"
CREDENTIALS_FILE_KEY = "interchange.credentials_file"


@login_required
@require_GET
def accounts_template_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")
    return xlsx_response(accounts_template(), _("accounts-template.xlsx"))


def _accounts_done(request: HttpRequest, result: xlsx.ImportResult) -> HttpResponse:
    messages.success(
        request,
        _("Imported %(total)s rows (%(created)s new accounts, %(updated)s roles added).")
        % {"total": result.total, "created": result.created, "updated": result.updated},
    )
    request.session[CREDENTIALS_KEY] = [asdict(c) for c in result.details]
    return redirect("accounts:credentials")


@login_required
@require_http_methods(["GET", "POST"])
def accounts_import_view(request: AuthenticatedRequest) -> HttpResponse:
    return import_page(
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
            "template_url": "accounts:import_template",
            "export_url": "accounts:export",
            "cancel_url": "accounts:list",
        },
    )


@login_required
@require_GET
@never_cache
def accounts_credentials(request: AuthenticatedRequest) -> HttpResponse:
    """The initial passwords, shown once: reloading the page does not show them again."""
    require_perm(request, "accounts.manage_accounts")
    stored = request.session.pop(CREDENTIALS_KEY, None)
    if stored is None:
        messages.info(request, _("The initial passwords are shown only once, after the import."))
        return redirect("accounts:import")
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
def accounts_credentials_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")
    stored = request.session.pop(CREDENTIALS_FILE_KEY, None)
    if stored is None:
        raise Http404(_("The file of initial passwords can be downloaded only once."))
    return xlsx_response(base64.b64decode(stored), dated_filename(_("initial-passwords")))


@login_required
@require_GET
def accounts_export_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")
    return xlsx_response(accounts_export(actor=request.user), dated_filename(_("accounts")))
