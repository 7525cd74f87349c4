"""Checking one candidate (a unit or a person) against the movement's criteria, and
attesting the criteria people judge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.http import download, stored_name
from thidua.criteria import sets
from thidua.criteria.evaluation import Candidate, evaluate_candidate
from thidua.criteria.forms import AttestationForm
from thidua.criteria.models import CandidateType, CriterionKind
from thidua.criteria.rules import (
    access_attestation,
    access_person,
    access_unit,
    may_check_in,
    may_edit,
    may_manage_sets,
)
from thidua.criteria.views.common import error_text, movement_or_404
from thidua.movements.models import Movement


@login_required
@require_http_methods(["GET", "POST"])
def check_unit(request: AuthenticatedRequest, movement: int, pk: int) -> HttpResponse:
    movement_obj = movement_or_404(movement)
    unit = access_unit(request.user, pk)
    if not may_check_in(request.user, movement_obj, unit):
        raise Http404
    return _check_page(request, movement_obj, Candidate(unit=unit))


@login_required
@require_http_methods(["GET", "POST"])
def check_person(request: AuthenticatedRequest, movement: int, pk: int) -> HttpResponse:
    movement_obj = movement_or_404(movement)
    person = access_person(request.user, pk)
    if not may_check_in(request.user, movement_obj, person.unit):
        raise Http404
    return _check_page(request, movement_obj, Candidate(person=person))


def _check_url(movement: Movement, candidate: Candidate) -> str:
    name = "criteria:check_person" if candidate.is_person else "criteria:check_unit"
    pk = candidate.person.pk if candidate.person is not None else candidate.own_unit.pk
    return reverse(name, args=[movement.pk, pk])


def _check_page(
    request: AuthenticatedRequest, movement: Movement, candidate: Candidate
) -> HttpResponse:
    evaluation = evaluate_candidate(movement, unit=candidate.unit, person=candidate.person)
    can_attest = may_edit(request.user, candidate.home_unit.pk)
    bound: dict[int, AttestationForm] = {}
    if request.method == "POST":
        if not can_attest:
            raise Http404
        criterion_id = request.POST.get("criterion", "")
        attestable = {
            r.criterion.pk: r.criterion
            for r in evaluation.results
            if r.criterion.kind == CriterionKind.ATTESTED
        }
        criterion = attestable.get(int(criterion_id)) if criterion_id.isdigit() else None
        if criterion is None:
            raise Http404
        form = AttestationForm(request.POST, request.FILES, prefix=f"c{criterion.pk}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                sets.attestation_record(
                    actor=request.user,
                    criterion=criterion,
                    movement=movement,
                    unit=candidate.unit,
                    person=candidate.person,
                    verdict=data["verdict"],
                    note=data["note"],
                    document_reference=data["document_reference"],
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                add_errors(form, error)
            except (ApplicationError, PermissionDenied) as error:
                form.add_error(None, error_text(error) or _("You may not attest this."))
            else:
                messages.success(
                    request,
                    _("Recorded the attestation of criterion %(code)s.") % {"code": criterion.code},
                )
                return redirect(f"{_check_url(movement, candidate)}#criterion-{criterion.pk}")
        bound[criterion.pk] = form
    rows = [
        {
            "result": result,
            "form": bound.get(result.criterion.pk)
            or AttestationForm(prefix=f"c{result.criterion.pk}"),
            "open": result.criterion.pk in bound,
        }
        for result in evaluation.results
    ]
    return render(
        request,
        "criteria/assessment/check.html",
        {
            "movement": movement,
            "candidate": candidate,
            "candidate_type_label": CandidateType(candidate.type).label if candidate.type else "",
            "evaluation": evaluation,
            "rows": rows,
            "can_attest": can_attest,
            "can_manage_sets": may_manage_sets(request.user, movement),
        },
    )


@login_required
@require_GET
def attestation_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    evidence = access_attestation(request.user, pk).evidence
    return download(evidence, stored_name(evidence))
