"""Thin views for facts: people, a unit's or a person's facts by year, recording a rating or
a cultural village recognition, and the Excel import of ratings.

Objects are fetched through ``permissions.access_*`` (404 for missing and not yours); the
services check the same reach again and validate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.history import history_entries
from thidua.core.http import paginate
from thidua.core.text import fold
from thidua.criteria import imports, services
from thidua.criteria.forms import PersonForm, RatingForm, RecognitionForm
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    Person,
    PersonKind,
)
from thidua.criteria.permissions import (
    access_person,
    access_unit,
    editable_units,
    may_edit,
    viewable_units,
)
from thidua.interchange import xlsx
from thidua.interchange.views import MAX_ERRORS_SHOWN, ImportForm, _store_annotated, _xlsx_response
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit

# Facts pages always show these years (the criteria's period 2020-2025 and after).
FIRST_SHOWN_YEAR = 2020
FILTER_BOX_FROM = 15


def _units(ids) -> object:
    return Unit.objects.filter(pk__in=ids).select_related("parent").order_by("sort_name")


# --- people -------------------------------------------------------------------------------


@login_required
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    area = viewable_units(request.user)
    if not area:
        raise Http404
    people = Person.objects.filter(unit_id__in=area).select_related("unit")
    q = request.GET.get("q", "").strip()[:200]
    if q:
        people = people.filter(search_text__contains=fold(q))
    unit = request.GET.get("unit", "")
    unit_id = int(unit) if unit.isdigit() and int(unit) in area else None
    if unit_id is not None:
        people = people.filter(unit_id=unit_id)
    kind = request.GET.get("kind", "")
    if kind not in PersonKind.values:
        kind = ""
    if kind:
        people = people.filter(kind=kind)
    page, rest = paginate(request, people, per_page=50)
    units = list(_units(area).only("pk", "name", "kind", "parent__name"))
    return render(
        request,
        "criteria/people_list.html",
        {
            "page_obj": page,
            "querystring_without_page": rest,
            "q": q,
            "unit_id": unit_id,
            "kind": kind,
            "kinds": PersonKind.choices,
            "units": units,
            "filter_box": len(units) > FILTER_BOX_FROM,
            "can_create": bool(editable_units(request.user)),
            "can_import": bool(editable_units(request.user)),
        },
    )


def _person_form_page(
    request: HttpRequest, *, person: Person | None, initial: dict | None = None
) -> HttpResponse:
    units = _units(editable_units(request.user))
    if request.method == "POST":
        form = PersonForm(request.POST, instance=person, units=units)
        if form.is_valid():
            data = {name: form.cleaned_data.get(name) for name in services.PERSON_FIELDS}
            try:
                if person is None:
                    saved = services.person_create(
                        actor=request.user, unit=form.cleaned_data["unit"], data=data
                    )
                else:
                    saved = services.person_update(
                        actor=request.user,
                        person=person,
                        unit=form.cleaned_data["unit"],
                        data=data,
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved %(name)s.") % {"name": saved.full_name})
                return redirect("criteria:person", pk=saved.pk)
    else:
        form = PersonForm(instance=person, units=units, initial=initial)
    return render(
        request,
        "criteria/person_form.html",
        {"form": form, "person": person, "filter_box": units.count() > FILTER_BOX_FROM},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    area = editable_units(request.user)
    if not area:
        raise Http404
    unit = request.GET.get("unit", "")
    initial = {"unit": int(unit)} if unit.isdigit() and int(unit) in area else {}
    if not initial and request.user.unit_id in area:
        initial = {"unit": request.user.unit_id}
    return _person_form_page(request, person=None, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, edit=True)
    return _person_form_page(request, person=person)


# --- facts by year --------------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    rating: AnnualRating | None


def _year_rows(ratings: list[AnnualRating]) -> list[YearRow]:
    """Every year from 2020 to this one (missing ones too), plus earlier recorded years,
    newest first."""
    by_year = {r.year: r for r in ratings}
    years = set(range(FIRST_SHOWN_YEAR, timezone.localdate().year + 1)) | set(by_year)
    return [YearRow(year, by_year.get(year)) for year in sorted(years, reverse=True)]


@login_required
@require_GET
def person_facts(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    ratings = list(person.annual_ratings.select_related("recorded_by"))
    return render(
        request,
        "criteria/person_facts.html",
        {
            "person": person,
            "rows": _year_rows(ratings),
            "can_edit": may_edit(request.user, person.unit_id),
            "history_entries": history_entries(
                person, parts=(AnnualRating.history.filter(person_id=person.pk),)
            ),
        },
    )


@login_required
@require_GET
def unit_facts(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk)
    ratings = list(unit.annual_ratings.select_related("recorded_by"))
    is_village = unit.kind in VILLAGE_LEVEL_KINDS
    recognitions = (
        list(unit.cultural_recognitions.select_related("recorded_by").order_by("-year"))
        if is_village
        else []
    )
    return render(
        request,
        "criteria/unit_facts.html",
        {
            "unit": unit,
            "rows": _year_rows(ratings),
            "is_village": is_village,
            "recognitions": recognitions,
            "people_count": unit.people.count(),
            "can_edit": may_edit(request.user, unit.pk),
        },
    )


# --- recording --------------------------------------------------------------------------


def _initial_year(request: HttpRequest) -> dict:
    year = request.GET.get("year", "")
    return {"year": int(year)} if year.isdigit() else {}


def _rating_page(request: HttpRequest, *, unit: Unit | None, person: Person | None) -> HttpResponse:
    if request.method == "POST":
        form = RatingForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rating, created = services.rating_record(
                    actor=request.user,
                    unit=unit,
                    person=person,
                    year=data["year"],
                    level=data["level"],
                    document_reference=data["document_reference"],
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = (
                    _("Recorded the rating for %(year)s.")
                    if created
                    else _("Replaced the rating for %(year)s.")
                )
                messages.success(request, message % {"year": rating.year})
                if person is not None:
                    return redirect("criteria:person", pk=person.pk)
                return redirect("criteria:unit", pk=unit.pk)
    else:
        form = RatingForm(initial=_initial_year(request))
    return render(
        request, "criteria/rating_form.html", {"form": form, "unit": unit, "person": person}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rating_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _rating_page(request, unit=access_unit(request.user, pk, edit=True), person=None)


@login_required
@require_http_methods(["GET", "POST"])
def person_rating_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _rating_page(request, unit=None, person=access_person(request.user, pk, edit=True))


@login_required
@require_http_methods(["GET", "POST"])
def recognition_record(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, edit=True)
    if unit.kind not in VILLAGE_LEVEL_KINDS:
        raise Http404
    if request.method == "POST":
        form = RecognitionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                recognition, _created = services.recognition_record(
                    actor=request.user,
                    unit=unit,
                    year=data["year"],
                    document_reference=data["document_reference"],
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Recorded the cultural village recognition for %(year)s.")
                    % {"year": recognition.year},
                )
                return redirect("criteria:unit", pk=unit.pk)
    else:
        form = RecognitionForm(initial=_initial_year(request))
    return render(request, "criteria/recognition_form.html", {"form": form, "unit": unit})


# --- evidence files ---------------------------------------------------------------------


def _file_response(field) -> FileResponse:
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=Path(field.name).name)


@login_required
@require_GET
def rating_evidence(request: HttpRequest, pk: int) -> FileResponse:
    rating = AnnualRating.objects.select_related("person").filter(pk=pk).first()
    if rating is None:
        raise Http404
    unit_id = rating.unit_id if rating.unit_id else rating.person.unit_id
    if unit_id not in viewable_units(request.user):
        raise Http404
    return _file_response(rating.evidence)


@login_required
@require_GET
def recognition_evidence(request: HttpRequest, pk: int) -> FileResponse:
    recognition = CulturalVillageRecognition.objects.filter(pk=pk).first()
    if recognition is None:
        raise Http404
    if recognition.unit_id not in viewable_units(request.user):
        raise Http404
    return _file_response(recognition.evidence)


# --- Excel import -----------------------------------------------------------------------


def _require_editor(request: HttpRequest) -> None:
    if not editable_units(request.user):
        raise Http404


@login_required
@require_GET
def ratings_template_download(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    return _xlsx_response(imports.ratings_template(actor=request.user), _("ratings-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def ratings_import_view(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    result = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.ratings_import(actor=request.user, upload=upload)
        except xlsx.WorkbookError as error:
            form.add_error("file", error.message)
        else:
            _store_annotated(request, result, upload)
            if result.ok:
                messages.success(
                    request,
                    _("Imported %(total)s ratings (%(created)s new, %(updated)s replaced).")
                    % {"total": result.total, "created": result.created, "updated": result.updated},
                )
                return redirect("criteria:people")
    errors = result.errors if result is not None else []
    spec = imports.RATINGS_SPEC
    return render(
        request,
        "criteria/ratings_import.html",
        {
            "form": form,
            "result": result,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "hidden_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "max_rows": xlsx.MAX_ROWS,
            "marker": xlsx.EXAMPLE_MARKER,
            "key_header": spec.column(spec.key).header,
        },
    )


urlpatterns = [
    path("nguoi/", people_list, name="people"),
    path("nguoi/them/", person_create, name="person_create"),
    path("nguoi/<int:pk>/", person_facts, name="person"),
    path("nguoi/<int:pk>/sua/", person_update, name="person_update"),
    path("nguoi/<int:pk>/xep-loai/", person_rating_record, name="person_rating"),
    path("don-vi/<int:pk>/", unit_facts, name="unit"),
    path("don-vi/<int:pk>/xep-loai/", unit_rating_record, name="unit_rating"),
    path("don-vi/<int:pk>/thon-van-hoa/", recognition_record, name="recognition"),
    path("xep-loai/<int:pk>/minh-chung/", rating_evidence, name="rating_evidence"),
    path("thon-van-hoa/<int:pk>/minh-chung/", recognition_evidence, name="recognition_evidence"),
    path("xep-loai/mau-nhap/", ratings_template_download, name="ratings_template"),
    path("xep-loai/nhap-excel/", ratings_import_view, name="ratings_import"),
]
