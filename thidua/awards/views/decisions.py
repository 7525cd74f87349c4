"""Pages for decisions to award and proposals to the province.

Home Affairs over the issuing unit drafts; the chairman of the issuing unit signs; a unit
sees the signed documents that award someone in its part of the tree; everyone else gets 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.typing import AuthenticatedRequest
from thidua.awards import rules
from thidua.awards.documents import decisions as decision_documents
from thidua.awards.forms import DecisionDraftForm, DecisionFilterForm
from thidua.awards.models import Decision, DecisionKind, DecisionStatus, SignerCapacity
from thidua.awards.selectors import candidates as candidate_selectors
from thidua.awards.selectors import decisions as decision_selectors
from thidua.awards.selectors.candidates import Candidate
from thidua.awards.services import decisions
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.history import history_entries
from thidua.core.http import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, download, paginate
from thidua.interchange.xlsx import safe_filename
from thidua.movements.models import Movement
from thidua.movements.rules import access_movement
from thidua.units.models import Unit

FIELD_NAMES = (
    "signed_on",
    "summary",
    "signer_name",
    "signer_title",
    "signer_capacity",
    "distribution_list",
)


# --- list -----------------------------------------------------------------------------


@login_required
@require_GET
def decision_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """The movement's decisions and proposals the user may see, with items and money."""
    movement_obj = access_movement(request.user, movement)
    form = DecisionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    money = rules.money_scope(request.user)
    queryset = decision_selectors.decision_list(
        request.user,
        movement_obj,
        money=money,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        q=filters.get("q", ""),
    )
    page, rest = paginate(request, queryset, per_page=50)
    units = decision_selectors.drafting_units(request.user, movement_obj)
    return render(
        request,
        "awards/decisions/list.html",
        {
            "movement": movement_obj,
            "filter_form": form,
            "page_obj": page,
            "rows": decision_selectors.list_rows(list(page), money=money),
            "querystring_without_page": rest,
            "can_draft": units.exists(),
            "sees_quotas": rules.sees_quotas(request.user, movement_obj),
        },
    )


# --- drafting -------------------------------------------------------------------------


def _candidates(
    movement: Movement, unit: Unit, kind: str, day: date, decision: Decision | None = None
) -> list[Candidate]:
    return candidate_selectors.draft_candidates(
        movement=movement, issuing_unit=unit, kind=kind, day=day, decision=decision
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _date(value: str | None) -> date | None:
    field = forms.DateField(required=False)
    try:
        return field.clean(value)
    except ValidationError:
        return None


def _default_ids(candidates: Iterable[Candidate]) -> list[int]:
    return [c.nomination.pk for c in candidates if c.within and c.other_draft is None]


def _selection(form: DecisionDraftForm, fallback: dict[str, Any]) -> tuple[Unit, str, date]:
    """Issuing unit, kind and date from the submitted form, the fallback where invalid."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    unit = data.get("issuing_unit") or fallback["issuing_unit"]
    kind = data.get("kind") or fallback["kind"]
    day = data.get("signed_on") or fallback["signed_on"]
    return unit, kind, day


def _initial_for(movement: Movement, unit: Unit, kind: str, day: date) -> dict[str, Any]:
    return {
        "issuing_unit": unit,
        "kind": kind,
        "signed_on": day,
        "summary": decisions.default_summary(movement, kind),
        "signer_name": decisions.default_signer(movement, unit),
        "signer_title": "Chủ tịch",
        "signer_capacity": SignerCapacity.ON_BEHALF,
        "distribution_list": decisions.default_distribution(kind, unit),
    }


def _refreshed_initial(
    form: DecisionDraftForm, movement: Movement, unit: Unit, kind: str, day: date
) -> dict[str, Any]:
    """After "show candidates": keep what was typed, switch the defaults that follow the kind."""
    initial = {name: form.data.get(name, "") for name in FIELD_NAMES}
    initial.update({"issuing_unit": unit, "kind": kind, "signed_on": day})
    defaults = {decisions.default_summary(movement, k) for k in DecisionKind.values}
    if not initial["summary"].strip() or initial["summary"].strip() in defaults:
        initial["summary"] = decisions.default_summary(movement, kind)
    typed = initial["distribution_list"].strip().replace("\r", "")
    if not typed or typed in decisions.default_distributions():
        initial["distribution_list"] = decisions.default_distribution(kind, unit)
    if decisions.is_default_signer(initial["signer_name"]) or (
        initial["signer_name"].strip() == movement.signer_name
    ):
        initial["signer_name"] = decisions.default_signer(movement, unit)
    return initial


def _data(form: DecisionDraftForm) -> decisions.DraftData:
    data = form.cleaned_data
    return decisions.DraftData(
        signed_on=data["signed_on"],
        summary=data["summary"],
        signer_name=data["signer_name"],
        signer_title=data["signer_title"],
        signer_capacity=data["signer_capacity"],
        distribution_list=data["distribution_list"],
    )


def _render_form(
    request: AuthenticatedRequest,
    movement: Movement,
    form: DecisionDraftForm,
    candidates: list[Candidate],
    *,
    decision: Decision | None = None,
    kind: str,
    day: date,
) -> HttpResponse:
    chosen = form.chosen()
    return render(
        request,
        "awards/decisions/form.html",
        {
            "movement": movement,
            "decision": decision,
            "form": form,
            "kind": kind,
            "is_proposal": kind == DecisionKind.PROPOSAL,
            "day": day,
            "candidates": [{"c": c, "checked": str(c.nomination.pk) in chosen} for c in candidates],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_movement(request.user, movement)
    units = decision_selectors.drafting_units(request.user, movement_obj)
    default_unit = units.filter(pk=movement_obj.issuing_unit_id).first() or units.first()
    if default_unit is None:
        raise Http404
    kind = request.GET.get("kind", DecisionKind.DECISION)
    if kind not in DecisionKind.values:
        kind = DecisionKind.DECISION
    if request.method == "GET":
        # ?kind=…&unit=…&date=dd/mm/yyyy preselect (links from other pages); bad values are ignored.
        default_unit = units.filter(pk=_int(request.GET.get("unit"))).first() or default_unit
        day = _date(request.GET.get("date")) or timezone.localdate()
        fallback = _initial_for(movement_obj, default_unit, kind, day)
        unit = default_unit
        candidates = _candidates(movement_obj, unit, kind, day)
        form = DecisionDraftForm(
            initial={**fallback, "nominations": _default_ids(candidates)}, units=units
        )
        form.set_candidates(candidates)
        return _render_form(request, movement_obj, form, candidates, kind=kind, day=day)
    fallback = _initial_for(movement_obj, default_unit, kind, timezone.localdate())
    form = DecisionDraftForm(request.POST, units=units)
    unit, kind, day = _selection(form, fallback)
    candidates = _candidates(movement_obj, unit, kind, day)
    if request.POST.get("action") == "refresh":
        initial = _refreshed_initial(form, movement_obj, unit, kind, day)
        form = DecisionDraftForm(
            initial={**initial, "nominations": _default_ids(candidates)}, units=units
        )
        form.set_candidates(candidates)
        return _render_form(request, movement_obj, form, candidates, kind=kind, day=day)
    form = DecisionDraftForm(request.POST, units=units)
    form.set_candidates(candidates)
    if form.is_valid():
        try:
            created = decisions.decision_create(
                actor=request.user,
                movement=movement_obj,
                issuing_unit=form.cleaned_data["issuing_unit"],
                kind=form.cleaned_data["kind"],
                data=_data(form),
                nomination_ids=[int(pk) for pk in form.cleaned_data["nominations"]],
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("awards:decision_detail", created.pk)
    return _render_form(request, movement_obj, form, candidates, kind=kind, day=day)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = rules.access_decision_to_edit(request.user, pk)
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("A signed document cannot be changed."))
        return redirect("awards:decision_detail", decision.pk)
    movement = decision.movement
    units = decision_selectors.drafting_units(request.user, movement)
    initial = {
        "issuing_unit": decision.issuing_unit,
        "kind": decision.kind,
        **{name: getattr(decision, name) for name in FIELD_NAMES},
        "nominations": list(decision.items.values_list("nomination_id", flat=True)),
    }
    if request.method == "GET":
        day = decision.signed_on
        candidates = _candidates(movement, decision.issuing_unit, decision.kind, day, decision)
        form = DecisionDraftForm(initial=initial, units=units, fixed=True)
        form.set_candidates(candidates)
        return _render_form(
            request, movement, form, candidates, decision=decision, kind=decision.kind, day=day
        )
    form = DecisionDraftForm(request.POST, initial=initial, units=units, fixed=True)
    _unit, _kind, day = _selection(form, initial)
    candidates = _candidates(movement, decision.issuing_unit, decision.kind, day, decision)
    if request.POST.get("action") == "refresh":
        typed = {name: form.data.get(name, "") for name in FIELD_NAMES}
        form = DecisionDraftForm(
            initial={
                **initial,
                **typed,
                "signed_on": day,
                "nominations": _default_ids(candidates),
            },
            units=units,
            fixed=True,
        )
        form.set_candidates(candidates)
        return _render_form(
            request, movement, form, candidates, decision=decision, kind=decision.kind, day=day
        )
    form = DecisionDraftForm(request.POST, initial=initial, units=units, fixed=True)
    form.set_candidates(candidates)
    if form.is_valid():
        try:
            decisions.decision_update(
                actor=request.user,
                decision=decision,
                data=_data(form),
                nomination_ids=[int(pk) for pk in form.cleaned_data["nominations"]],
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("awards:decision_detail", decision.pk)
    return _render_form(
        request, movement, form, candidates, decision=decision, kind=decision.kind, day=day
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = rules.access_decision_to_edit(request.user, pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Http404
    if request.method == "POST":
        movement_pk = decision.movement_id
        try:
            decisions.decision_delete(actor=request.user, decision=decision)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("awards:decision_detail", decision.pk)
        messages.success(request, _("The draft was deleted."))
        return redirect("awards:decision_list", movement_pk)
    return render(request, "awards/decisions/delete.html", {"decision": decision})


# --- detail, signing, files -----------------------------------------------------------


@login_required
@require_GET
def decision_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = rules.access_decision(request.user, pk)
    view = decision_selectors.decision_view(decision, money=rules.money_scope(request.user))
    user = request.user
    staff = rules.is_issuer_staff(user, decision)
    return render(
        request,
        "awards/decisions/detail.html",
        {
            "decision": decision,
            "movement": decision.movement,
            "view": view,
            "can_edit": rules.may_edit(user, decision),
            "can_sign": rules.may_sign(user, decision),
            "staff": staff,
            "may_download": rules.may_download_decision(user, decision),
            "history_entries": history_entries(decision) if staff else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_sign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Confirm, then sign: the number is given and the document can no longer change."""
    decision = rules.access_decision(request.user, pk)
    if decision.status != DecisionStatus.DRAFT:
        messages.info(request, _("This document is already signed."))
        return redirect("awards:decision_detail", decision.pk)
    if not rules.may_sign(request.user, decision):
        raise PermissionDenied
    if request.method == "POST":
        try:
            signed = decisions.decision_sign(actor=request.user, decision=decision)
        except ApplicationError as error:
            for text in error.extra.get("errors", [error.message]):
                messages.error(request, text)
            return redirect("awards:decision_sign", decision.pk)
        messages.success(request, _("Signed as No. %(number)s.") % {"number": signed.number_label})
        if signed.pdf_error:
            messages.warning(request, signed.pdf_error)
        return redirect("awards:decision_detail", signed.pk)
    view = decision_selectors.decision_view(decision, money=rules.money_scope(request.user))
    return render(
        request,
        "awards/decisions/sign.html",
        {
            "decision": decision,
            "movement": decision.movement,
            "view": view,
            "problems": decisions.sign_problems(decision),
        },
    )


@login_required
@require_GET
def decision_file(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The .docx or .pdf kept when the document was signed (it lists every award's money:
    ``rules.may_download_decision``)."""
    decision = rules.access_decision(request.user, pk)
    if not rules.may_download_decision(request.user, decision):
        raise Http404
    if fmt == "docx" and decision.docx:
        return download(
            decision.docx,
            safe_filename(decision_documents.file_name(decision, "docx")),
            DOCX_CONTENT_TYPE,
        )
    if fmt == "pdf" and decision.pdf:
        return download(
            decision.pdf,
            safe_filename(decision_documents.file_name(decision, "pdf")),
            PDF_CONTENT_TYPE,
        )
    raise Http404


@login_required
@require_GET
def decision_preview(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """A draft as a .docx, without its number, to read before signing."""
    decision = rules.access_decision(request.user, pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Http404
    if not rules.is_issuer_staff(request.user, decision):
        raise Http404
    return download(
        decisions.render_docx(decision),
        safe_filename(decision_documents.file_name(decision, "docx")),
        DOCX_CONTENT_TYPE,
    )


@login_required
@require_POST
def decision_make_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Make the PDF again from the stored .docx (when LibreOffice failed at signing)."""
    decision = rules.access_decision(request.user, pk)
    if not rules.is_issuer_staff(request.user, decision):
        raise Http404
    try:
        decisions.decision_make_pdf(actor=request.user, decision=decision)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The PDF was made."))
    return redirect("awards:decision_detail", decision.pk)
