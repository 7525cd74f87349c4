"""Excel import of works (template, upload) and the consolidated register export.

Thin views over ``thidua.works.imports`` and ``thidua.works.documents.register``; the import
page, the annotated-file download (``interchange:annotated``) and the .xlsx response come
from the shared import machinery.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.interchange import xlsx
from thidua.interchange.views import (
    ImportData,
    Importer,
    dated_filename,
    import_page,
    xlsx_response,
)
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.rules import access_movement
from thidua.units.models import Unit, UnitKind
from thidua.works import imports, selectors
from thidua.works.documents import register
from thidua.works.forms import WorkImportForm
from thidua.works.models import (
    FundingSource,
    ProgressStatus,
    RegistrationStatus,
    Schedule,
    WorkKind,
)
from thidua.works.rules import REGISTRAR_ROLES


def _importing_movement(request: AuthenticatedRequest, pk: int) -> tuple[Movement, QuerySet[Unit]]:
    """The launched movement and the units the user may register for in it; 404 otherwise
    (missing, not launched, or nothing of the user's takes part)."""
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if movement.status != MovementStatus.LAUNCHED:
        raise Http404
    units = selectors.participating_units_for(request.user, movement, REGISTRAR_ROLES)
    units = units.select_related("parent")
    if not units.exists():
        raise Http404
    return movement, units


@login_required
@require_GET
def works_template_download(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj, _units = _importing_movement(request, movement)
    data = imports.works_template(actor=request.user, movement=movement_obj)
    return xlsx_response(data, _("works-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def works_import_view(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj, units = _importing_movement(request, movement)
    own = request.user.unit_id if units.filter(pk=request.user.unit_id).exists() else None

    def done(result: xlsx.ImportResult, _data: ImportData) -> HttpResponse:
        messages.success(request, _("Imported %(count)s works.") % {"count": result.created})
        return redirect("works:list", movement=movement_obj.pk)

    importer = Importer(
        title=_("Import works from Excel"),
        spec=imports.WORKS_SPEC,
        run=lambda data: imports.works_import(
            actor=request.user, movement=movement_obj, upload=data["file"], unit=data["unit"]
        ),
        done=done,
        template_url=reverse("works:import_template", args=[movement_obj.pk]),
        cancel_url=reverse("works:list", args=[movement_obj.pk]),
        form=partial(WorkImportForm, units=units),
        initial={"unit": own},
        page="works/import/import.html",
        export_url=reverse("works:export", args=[movement_obj.pk]),
        export_label=_("Export the consolidated register"),
    )
    return import_page(request, importer=importer, context={"movement": movement_obj})


# --- export -------------------------------------------------------------------------------


def _choice(params: QueryDict, name: str, allowed: list[str]) -> str:
    value = params.get(name, "")
    return value if value in allowed else ""


def _flag(params: QueryDict, name: str) -> bool:
    return params.get(name, "").lower() in ("1", "on", "true", "yes")


def filters_from(params: QueryDict) -> selectors.WorkFilters:
    """The works list's GET filters; unknown values are ignored like an empty filter."""
    commune = params.get("commune", "")
    return selectors.WorkFilters(
        kind=_choice(params, "kind", WorkKind.values),
        unit_kind=_choice(params, "unit_kind", UnitKind.values),
        commune=int(commune) if commune.isdigit() else None,
        status=_choice(params, "status", RegistrationStatus.values),
        progress=_choice(params, "progress", ProgressStatus.values),
        schedule=_choice(params, "schedule", Schedule.values),
        funding_source=_choice(params, "funding_source", FundingSource.values),
        late=_flag(params, "late"),
        people_funded=_flag(params, "people_funded"),
        q=params.get("q", "")[:200],
    )


@login_required
@require_GET
def works_export_download(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """The consolidated register of what the user may see, with the list's filters."""
    movement_obj = access_movement(request.user, movement)
    data = register.works_export(
        actor=request.user, movement=movement_obj, filters=filters_from(request.GET)
    )
    return xlsx_response(data, dated_filename(_("works-register")))
