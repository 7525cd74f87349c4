"""Recording, correcting and deleting (after a confirmation page) a rating, a cultural village
recognition or another fact (target, initiative, contribution, violation, complaint), and
their evidence files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.http import download, stored_name
from thidua.core.templatetags.vn_format import vnd
from thidua.criteria import services
from thidua.criteria.forms import FactRecordForm, RatingForm, RecognitionForm
from thidua.criteria.models import FactKind, FactRecord, Person
from thidua.criteria.rules import (
    access_fact,
    access_person,
    access_rating,
    access_recognition,
    access_unit,
)
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit


def _initial_year(request: AuthenticatedRequest) -> dict:
    year = request.GET.get("year", "")
    return {"year": int(year)} if year.isdigit() else {}


def _rating_page(
    request: AuthenticatedRequest, *, unit: Unit | None, person: Person | None
) -> HttpResponse:
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
                return redirect("criteria:unit", pk=rating.unit_id)
    else:
        form = RatingForm(initial=_initial_year(request))
    return render(
        request, "criteria/rating_form.html", {"form": form, "unit": unit, "person": person}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rating_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _rating_page(request, unit=access_unit(request.user, pk, edit=True), person=None)


@login_required
@require_http_methods(["GET", "POST"])
def person_rating_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _rating_page(request, unit=None, person=access_person(request.user, pk, edit=True))


@login_required
@require_http_methods(["GET", "POST"])
def recognition_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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


def _owner_url(unit: Unit | None, person: Person | None, anchor: str = "facts") -> str:
    """The page of the unit or person a record is about, at the record's section."""
    if person is not None:
        return reverse("criteria:person", args=[person.pk]) + f"#{anchor}"
    assert unit is not None, "a record is about a unit or a person"
    return reverse("criteria:unit", args=[unit.pk]) + f"#{anchor}"


def _fact_initial(request: AuthenticatedRequest) -> dict:
    initial = _initial_year(request)
    kind = request.GET.get("kind", "")
    if kind in FactKind.values:
        initial["kind"] = kind
    return initial


def _fact_page(
    request: AuthenticatedRequest,
    *,
    unit: Unit | None,
    person: Person | None,
    fact: FactRecord | None = None,
) -> HttpResponse:
    if request.method == "POST":
        form = FactRecordForm(request.POST, request.FILES, editing=fact is not None)
        if form.is_valid():
            data: dict[str, Any] = {
                name: form.cleaned_data.get(name) for name in services.FACT_FIELDS
            }
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
def unit_fact_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _fact_page(request, unit=access_unit(request.user, pk, edit=True), person=None)


@login_required
@require_http_methods(["GET", "POST"])
def person_fact_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _fact_page(request, unit=None, person=access_person(request.user, pk, edit=True))


@login_required
@require_http_methods(["GET", "POST"])
def fact_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    fact = access_fact(request.user, pk, edit=True)
    return _fact_page(request, unit=fact.unit, person=fact.person, fact=fact)


@dataclass
class Detail:
    label: str
    value: str


def _confirm_delete(
    request: AuthenticatedRequest,
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
def rating_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def recognition_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def fact_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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


@login_required
@require_GET
def rating_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    evidence = access_rating(request.user, pk).evidence
    return download(evidence, stored_name(evidence))


@login_required
@require_GET
def recognition_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    evidence = access_recognition(request.user, pk).evidence
    return download(evidence, stored_name(evidence))


@login_required
@require_GET
def fact_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    evidence = access_fact(request.user, pk).evidence
    return download(evidence, stored_name(evidence))
