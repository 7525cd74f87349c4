"""The Excel imports of people, ratings and facts: templates and the shared import page."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.criteria.forms import PeopleImportForm
from thidua.criteria.imports import facts, people, ratings
from thidua.criteria.rules import editable_units
from thidua.criteria.views.common import picker_units
from thidua.interchange import xlsx
from thidua.interchange.views import ImportData, Importer, import_page, xlsx_response


def _require_editor(request: AuthenticatedRequest) -> frozenset[int]:
    """The units whose facts the user records; 404 for a user who records none."""
    area = editable_units(request.user)
    if not area:
        raise Http404
    return area


def _to_people(request: AuthenticatedRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("criteria:people")


@login_required
@require_GET
def ratings_template_download(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(ratings.ratings_template(actor=request.user), _("ratings-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def ratings_import_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)

    def done(result: xlsx.ImportResult, _data: ImportData) -> HttpResponse:
        return _to_people(
            request,
            _(
                "Imported %(total)s ratings (%(created)s new, %(updated)s replaced, "
                "%(unchanged)s unchanged)."
            )
            % {
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )

    importer = Importer(
        title=_("Import annual ratings from Excel"),
        spec=ratings.RATINGS_SPEC,
        run=lambda data: ratings.ratings_import(actor=request.user, upload=data["file"]),
        done=done,
        template_url=reverse("criteria:ratings_template"),
        cancel_url=reverse("criteria:people"),
        page="criteria/ratings_import.html",
    )
    return import_page(request, importer=importer)


@login_required
@require_GET
def people_template_download(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(people.people_template(actor=request.user), _("people-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def people_import_view(request: AuthenticatedRequest) -> HttpResponse:
    area = _require_editor(request)
    unit = request.GET.get("unit", "")
    chosen = int(unit) if unit.isdigit() and int(unit) in area else None
    if chosen is None and request.user.unit_id is not None and request.user.unit_id in area:
        chosen = request.user.unit_id

    def done(result: xlsx.ImportResult, data: ImportData) -> HttpResponse:
        messages.success(
            request,
            ngettext("Imported %(count)s person.", "Imported %(count)s people.", result.created)
            % {"count": result.created},
        )
        url = reverse("criteria:people")
        if data.get("unit") is not None:
            url += f"?unit={data['unit'].pk:d}"
        return redirect(url)

    importer = Importer(
        title=_("Import people from Excel"),
        spec=people.PEOPLE_SPEC,
        run=lambda data: people.people_import(
            actor=request.user, upload=data["file"], default_unit=data.get("unit")
        ),
        done=done,
        template_url=reverse("criteria:people_template"),
        cancel_url=reverse("criteria:people"),
        form=partial(PeopleImportForm, units=picker_units(area)),
        initial={"unit": chosen},
        page="criteria/people_import.html",
    )
    return import_page(request, importer=importer)


@login_required
@require_GET
def facts_template_download(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(facts.facts_template(actor=request.user), _("facts-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def facts_import_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)

    def done(result: xlsx.ImportResult, _data: ImportData) -> HttpResponse:
        return _to_people(
            request,
            ngettext("Imported %(count)s fact.", "Imported %(count)s facts.", result.created)
            % {"count": result.created},
        )

    importer = Importer(
        title=_("Import facts from Excel"),
        spec=facts.FACTS_SPEC,
        run=lambda data: facts.facts_import(actor=request.user, upload=data["file"]),
        done=done,
        template_url=reverse("criteria:facts_template"),
        cancel_url=reverse("criteria:people"),
        page="criteria/facts_import.html",
    )
    return import_page(request, importer=importer)
