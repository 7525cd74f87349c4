"""The unit directory to and from Excel: template, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.interchange import xlsx
from thidua.interchange.views import dated_filename, import_page, require_perm, xlsx_response
from thidua.units.imports import UNITS_SPEC, units_export, units_import, units_template


@login_required
@require_GET
def units_template_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "units.manage_directory")
    return xlsx_response(units_template(), _("units-template.xlsx"))


def _units_done(request: HttpRequest, result: xlsx.ImportResult) -> HttpResponse:
    messages.success(
        request,
        _("Imported %(total)s units (%(created)s new, %(updated)s updated).")
        % {"total": result.total, "created": result.created, "updated": result.updated},
    )
    return redirect("units:list")


@login_required
@require_http_methods(["GET", "POST"])
def units_import_view(request: AuthenticatedRequest) -> HttpResponse:
    return import_page(
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
            "template_url": "units:import_template",
            "export_url": "units:export",
            "cancel_url": "units:list",
        },
    )


@login_required
@require_GET
def units_export_download(request: AuthenticatedRequest) -> HttpResponse:
    # Anyone holding a role may export what they can see.
    require_perm(request, "units.view_unit")
    return xlsx_response(units_export(actor=request.user), dated_filename(_("units")))
