"""The Excel imports of people, ratings and facts: templates, upload, checks, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.criteria.forms import PeopleImportForm
from thidua.criteria.imports import facts, people, ratings
from thidua.criteria.rules import editable_units
from thidua.criteria.views.common import FILTER_BOX_FROM, picker_units
from thidua.interchange import xlsx
from thidua.interchange.views import MAX_ERRORS_SHOWN, ImportForm, store_annotated, xlsx_response


def _require_editor(request: AuthenticatedRequest) -> None:
    if not editable_units(request.user):
        raise Http404


@login_required
@require_GET
def ratings_template_download(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(ratings.ratings_template(actor=request.user), _("ratings-template.xlsx"))


def _run_import_page(
    request: AuthenticatedRequest,
    *,
    form,
    run,
    spec: xlsx.Spec,
    template: str,
    on_success,
    context: dict | None = None,
) -> HttpResponse:
    """The shared flow: upload → checks → all-or-nothing import → errors or success."""
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = run(form.cleaned_data)
        except xlsx.WorkbookError as error:
            form.add_error("file", error.message)
        else:
            store_annotated(request, result, upload)
            if result.ok:
                return on_success(result, form.cleaned_data)
    errors = result.errors if result is not None else []
    return render(
        request,
        template,
        {
            **(context or {}),
            "form": form,
            "result": result,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "hidden_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "max_rows": xlsx.MAX_ROWS,
            "marker": xlsx.EXAMPLE_MARKER,
            "key_header": spec.column(spec.key).header,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ratings_import_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    posted = request.method == "POST"

    def done(result, _data) -> HttpResponse:
        messages.success(
            request,
            _("Imported %(total)s ratings (%(created)s new, %(updated)s replaced).")
            % {"total": result.total, "created": result.created, "updated": result.updated},
        )
        return redirect("criteria:people")

    return _run_import_page(
        request,
        form=ImportForm(request.POST, request.FILES) if posted else ImportForm(),
        run=lambda data: ratings.ratings_import(actor=request.user, upload=data["file"]),
        spec=ratings.RATINGS_SPEC,
        template="criteria/ratings_import.html",
        on_success=done,
    )


@login_required
@require_GET
def people_template_download(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(people.people_template(actor=request.user), _("people-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def people_import_view(request: AuthenticatedRequest) -> HttpResponse:
    area = editable_units(request.user)
    if not area:
        raise Http404
    units = picker_units(area)
    if request.method == "POST":
        form = PeopleImportForm(request.POST, request.FILES, units=units)
    else:
        unit = request.GET.get("unit", "")
        chosen = int(unit) if unit.isdigit() and int(unit) in area else None
        if chosen is None and request.user.unit_id is not None and request.user.unit_id in area:
            chosen = request.user.unit_id
        form = PeopleImportForm(units=units, initial={"unit": chosen})

    def done(result, data) -> HttpResponse:
        messages.success(
            request,
            ngettext("Imported %(count)s person.", "Imported %(count)s people.", result.created)
            % {"count": result.created},
        )
        url = reverse("criteria:people")
        if data.get("unit") is not None:
            url += f"?unit={data['unit'].pk:d}"
        return redirect(url)

    return _run_import_page(
        request,
        form=form,
        run=lambda data: people.people_import(
            actor=request.user, upload=data["file"], default_unit=data.get("unit")
        ),
        spec=people.PEOPLE_SPEC,
        template="criteria/people_import.html",
        on_success=done,
        context={"filter_box": units.count() > FILTER_BOX_FROM},
    )


@login_required
@require_GET
def facts_template_download(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(facts.facts_template(actor=request.user), _("facts-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def facts_import_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    posted = request.method == "POST"

    def done(result, _data) -> HttpResponse:
        messages.success(
            request,
            ngettext("Imported %(count)s fact.", "Imported %(count)s facts.", result.created)
            % {"count": result.created},
        )
        return redirect("criteria:people")

    return _run_import_page(
        request,
        form=ImportForm(request.POST, request.FILES) if posted else ImportForm(),
        run=lambda data: facts.facts_import(actor=request.user, upload=data["file"]),
        spec=facts.FACTS_SPEC,
        template="criteria/facts_import.html",
        on_success=done,
    )
