"""Thin views for facts: people, a unit's or a person's facts by year, recording, correcting
and deleting (after a confirmation page) a rating, a cultural village recognition or another
fact (target, initiative, contribution, violation, complaint), and the Excel imports of
people, ratings and facts.

Objects are fetched through ``permissions.access_*`` (404 for missing and not yours); the
services check the same reach again and validate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.history import history_entries
from thidua.core.http import paginate
from thidua.core.templatetags.vn_format import vnd
from thidua.core.text import fold
from thidua.criteria import extensions, imports, people_import, services
from thidua.criteria.forms import (
    FactRecordForm,
    PeopleImportForm,
    PersonForm,
    RatingForm,
    RecognitionForm,
)
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactKind,
    FactRecord,
    Person,
    PersonKind,
)
from thidua.criteria.permissions import (
    access_fact,
    access_person,
    access_rating,
    access_recognition,
    access_unit,
    editable_units,
    may_edit,
    viewable_units,
)
from thidua.interchange import xlsx
from thidua.interchange.views import MAX_ERRORS_SHOWN, ImportForm, store_annotated, xlsx_response
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


@dataclass
class FactGroup:
    kind: str
    label: str
    facts: list[FactRecord]


@dataclass
class FactYear:
    year: int
    groups: list[FactGroup] = field(default_factory=list)


_KIND_ORDER = {value: index for index, value in enumerate(FactKind.values)}


def facts_by_year(facts: list[FactRecord]) -> list[FactYear]:
    """Recorded facts grouped by year (newest first), then by kind in the list's order."""
    by_year: dict[int, dict[str, list[FactRecord]]] = {}
    for fact in facts:
        by_year.setdefault(fact.year, {}).setdefault(fact.kind, []).append(fact)
    labels = dict(FactKind.choices)
    return [
        FactYear(
            year,
            [
                FactGroup(kind, str(labels.get(kind, kind)), items)
                for kind, items in sorted(kinds.items(), key=lambda i: _KIND_ORDER.get(i[0], 99))
            ],
        )
        for year, kinds in sorted(by_year.items(), reverse=True)
    ]


def _facts_of(queryset) -> list[FactYear]:
    return facts_by_year(list(queryset.select_related("recorded_by").order_by("-year", "pk")))


def _movements_of(unit) -> list:
    """Launched movements the unit takes part in (the works rule: a village through its
    commune), for links to its criteria check."""
    from thidua.movements.models import MovementStatus, Participant
    from thidua.works.services import takes_part

    ids = [unit.pk, unit.parent_id] if unit.parent_id else [unit.pk]
    rows = Participant.objects.filter(
        unit_id__in=ids, movement__status=MovementStatus.LAUNCHED
    ).select_related("movement")
    movements, participants = {}, {}
    for row in rows:
        movements[row.movement_id] = row.movement
        participants.setdefault(row.movement_id, set()).add(row.unit_id)
    return [m for pk, m in movements.items() if takes_part(unit, participants[pk])]


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
            "fact_years": _facts_of(person.fact_records),
            "fact_kinds": FactKind.choices,
            "can_edit": may_edit(request.user, person.unit_id),
            "sections": extensions.sections("person", request.user, person),
            "check_movements": _movements_of(person.unit),
            "history_entries": history_entries(
                person,
                parts=(
                    AnnualRating.history.filter(person_id=person.pk),
                    FactRecord.history.filter(person_id=person.pk),
                ),
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
            "fact_years": _facts_of(unit.fact_records),
            "fact_kinds": FactKind.choices,
            "people_count": unit.people.count(),
            "can_edit": may_edit(request.user, unit.pk),
            "sections": extensions.sections("unit", request.user, unit),
            "check_movements": _movements_of(unit),
        },
    )


@login_required
@require_GET
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who recorded, changed or deleted the unit's facts (deleted rows stay here)."""
    unit = access_unit(request.user, pk)
    return render(
        request,
        "criteria/unit_history.html",
        {
            "unit": unit,
            "history_entries": history_entries(
                unit,
                parts=(
                    AnnualRating.history.filter(unit_id=unit.pk),
                    CulturalVillageRecognition.history.filter(unit_id=unit.pk),
                    FactRecord.history.filter(unit_id=unit.pk),
                ),
            ),
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


# --- other facts -----------------------------------------------------------------------


def _owner_url(unit: Unit | None, person: Person | None, anchor: str = "facts") -> str:
    """The page of the unit or person a record is about, at the record's section."""
    if person is not None:
        return reverse("criteria:person", args=[person.pk]) + f"#{anchor}"
    return reverse("criteria:unit", args=[unit.pk]) + f"#{anchor}"


def _fact_initial(request: HttpRequest) -> dict:
    initial = _initial_year(request)
    kind = request.GET.get("kind", "")
    if kind in FactKind.values:
        initial["kind"] = kind
    return initial


def _fact_page(
    request: HttpRequest,
    *,
    unit: Unit | None,
    person: Person | None,
    fact: FactRecord | None = None,
) -> HttpResponse:
    if request.method == "POST":
        form = FactRecordForm(request.POST, request.FILES, editing=fact is not None)
        if form.is_valid():
            data = {name: form.cleaned_data.get(name) for name in services.FACT_FIELDS}
            try:
                if fact is None:
                    services.fact_record_create(
                        actor=request.user,
                        unit=unit,
                        person=person,
                        data=data,
                        evidence=form.cleaned_data["evidence"],
                    )
                else:
                    services.fact_record_update(
                        actor=request.user,
                        fact=fact,
                        data=data,
                        evidence=form.cleaned_data["evidence"],
                        clear_evidence=form.cleaned_data["remove_evidence"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                kind = FactKind(data["kind"]).label
                messages.success(
                    request,
                    _("Saved the fact «%(kind)s» for %(year)s.")
                    % {"kind": kind, "year": data["year"]},
                )
                return redirect(_owner_url(unit, person))
    elif fact is not None:
        initial = {name: getattr(fact, name) for name in services.FACT_FIELDS}
        form = FactRecordForm(initial=initial, editing=True)
    else:
        form = FactRecordForm(initial=_fact_initial(request))
    return render(
        request,
        "criteria/fact_form.html",
        {
            "form": form,
            "unit": unit,
            "person": person,
            "fact": fact,
            "evidence_name": Path(fact.evidence.name).name if fact and fact.evidence else "",
            "back_url": _owner_url(unit, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_fact_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _fact_page(request, unit=access_unit(request.user, pk, edit=True), person=None)


@login_required
@require_http_methods(["GET", "POST"])
def person_fact_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _fact_page(request, unit=None, person=access_person(request.user, pk, edit=True))


@login_required
@require_http_methods(["GET", "POST"])
def fact_update(request: HttpRequest, pk: int) -> HttpResponse:
    fact = access_fact(request.user, pk, edit=True)
    return _fact_page(request, unit=fact.unit, person=fact.person, fact=fact)


# --- deleting, after a confirmation page -------------------------------------------------


@dataclass
class Detail:
    label: str
    value: str


def _confirm_delete(
    request: HttpRequest,
    *,
    title: str,
    details: list[Detail],
    unit: Unit | None,
    person: Person | None,
    delete,
    done: str,
    anchor: str,
) -> HttpResponse:
    """GET shows what will be deleted; POST deletes it and goes back to its owner's page."""
    back_url = _owner_url(unit, person, anchor)
    if request.method == "POST":
        delete()
        messages.success(request, done)
        return redirect(back_url)
    return render(
        request,
        "criteria/confirm_delete.html",
        {
            "title": title,
            "details": details,
            "unit": unit,
            "person": person,
            "back_url": back_url,
        },
    )


def _evidence_details(record) -> list[Detail]:
    details = []
    if record.document_reference:
        details.append(Detail(_("Document reference"), record.document_reference))
    if record.evidence:
        details.append(Detail(_("Evidence file"), Path(record.evidence.name).name))
    return details


@login_required
@require_http_methods(["GET", "POST"])
def rating_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access_rating(request.user, pk, edit=True)
    year = f"{rating.year:d}"
    return _confirm_delete(
        request,
        title=_("Delete the rating for %(year)s?") % {"year": year},
        details=[
            Detail(_("Year"), year),
            Detail(_("Rating"), rating.get_level_display()),
            *_evidence_details(rating),
        ],
        unit=rating.unit,
        person=rating.person,
        delete=lambda: services.rating_delete(actor=request.user, rating=rating),
        done=_("Deleted the rating for %(year)s.") % {"year": year},
        anchor="ratings",
    )


@login_required
@require_http_methods(["GET", "POST"])
def recognition_delete(request: HttpRequest, pk: int) -> HttpResponse:
    recognition = access_recognition(request.user, pk, edit=True)
    year = f"{recognition.year:d}"
    return _confirm_delete(
        request,
        title=_("Delete the cultural village recognition for %(year)s?") % {"year": year},
        details=[Detail(_("Year"), year), *_evidence_details(recognition)],
        unit=recognition.unit,
        person=None,
        delete=lambda: services.recognition_delete(actor=request.user, recognition=recognition),
        done=_("Deleted the cultural village recognition for %(year)s.") % {"year": year},
        anchor="recognitions",
    )


@login_required
@require_http_methods(["GET", "POST"])
def fact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    fact = access_fact(request.user, pk, edit=True)
    year = f"{fact.year:d}"
    details = [
        Detail(_("Year"), year),
        Detail(_("Kind of fact"), fact.get_kind_display()),
        Detail(_("Summary"), fact.summary),
    ]
    if fact.outcome:
        details.append(Detail(_("Outcome"), fact.get_outcome_display()))
    if fact.amount is not None:
        details.append(Detail(_("Amount (VND)"), vnd(fact.amount)))
    return _confirm_delete(
        request,
        title=_("Delete this fact?"),
        details=[*details, *_evidence_details(fact)],
        unit=fact.unit,
        person=fact.person,
        delete=lambda: services.fact_record_delete(actor=request.user, fact=fact),
        anchor="facts",
        done=_("Deleted the fact «%(kind)s» for %(year)s.")
        % {"kind": fact.get_kind_display(), "year": year},
    )


# --- evidence files ---------------------------------------------------------------------


def _file_response(field) -> FileResponse:
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=Path(field.name).name)


@login_required
@require_GET
def rating_evidence(request: HttpRequest, pk: int) -> FileResponse:
    return _file_response(access_rating(request.user, pk).evidence)


@login_required
@require_GET
def recognition_evidence(request: HttpRequest, pk: int) -> FileResponse:
    return _file_response(access_recognition(request.user, pk).evidence)


@login_required
@require_GET
def fact_evidence(request: HttpRequest, pk: int) -> FileResponse:
    return _file_response(access_fact(request.user, pk).evidence)


# --- Excel import -----------------------------------------------------------------------


def _require_editor(request: HttpRequest) -> None:
    if not editable_units(request.user):
        raise Http404


@login_required
@require_GET
def ratings_template_download(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(imports.ratings_template(actor=request.user), _("ratings-template.xlsx"))


def _run_import_page(
    request: HttpRequest,
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
def ratings_import_view(request: HttpRequest) -> HttpResponse:
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
        run=lambda data: imports.ratings_import(actor=request.user, upload=data["file"]),
        spec=imports.RATINGS_SPEC,
        template="criteria/ratings_import.html",
        on_success=done,
    )


@login_required
@require_GET
def people_template_download(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(
        people_import.people_template(actor=request.user), _("people-template.xlsx")
    )


@login_required
@require_http_methods(["GET", "POST"])
def people_import_view(request: HttpRequest) -> HttpResponse:
    area = editable_units(request.user)
    if not area:
        raise Http404
    units = _units(area)
    if request.method == "POST":
        form = PeopleImportForm(request.POST, request.FILES, units=units)
    else:
        unit = request.GET.get("unit", "")
        chosen = int(unit) if unit.isdigit() and int(unit) in area else None
        if chosen is None and request.user.unit_id in area:
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
        run=lambda data: people_import.people_import(
            actor=request.user, upload=data["file"], default_unit=data.get("unit")
        ),
        spec=people_import.PEOPLE_SPEC,
        template="criteria/people_import.html",
        on_success=done,
        context={"filter_box": units.count() > FILTER_BOX_FROM},
    )


@login_required
@require_GET
def facts_template_download(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    return xlsx_response(imports.facts_template(actor=request.user), _("facts-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def facts_import_view(request: HttpRequest) -> HttpResponse:
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
        run=lambda data: imports.facts_import(actor=request.user, upload=data["file"]),
        spec=imports.FACTS_SPEC,
        template="criteria/facts_import.html",
        on_success=done,
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
    path("xep-loai/<int:pk>/xoa/", rating_delete, name="rating_delete"),
    path("thon-van-hoa/<int:pk>/xoa/", recognition_delete, name="recognition_delete"),
    path("don-vi/<int:pk>/du-kien/them/", unit_fact_create, name="unit_fact_create"),
    path("don-vi/<int:pk>/lich-su/", unit_history, name="unit_history"),
    path("nguoi/<int:pk>/du-kien/them/", person_fact_create, name="person_fact_create"),
    path("du-kien/<int:pk>/sua/", fact_update, name="fact_update"),
    path("du-kien/<int:pk>/xoa/", fact_delete, name="fact_delete"),
    path("du-kien/<int:pk>/minh-chung/", fact_evidence, name="fact_evidence"),
    path("du-kien/mau-nhap/", facts_template_download, name="facts_template"),
    path("du-kien/nhap-excel/", facts_import_view, name="facts_import"),
    path("nguoi/mau-nhap/", people_template_download, name="people_template"),
    path("nguoi/nhap-excel/", people_import_view, name="people_import"),
]
