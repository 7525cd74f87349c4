"""Pages for decisions to award, proposals to the province and quotas.

Home Affairs over the issuing unit drafts; the chairman of the issuing unit signs; a unit
sees the signed documents that award someone in its part of the tree; everyone else gets 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import reach
from thidua.awards import decision_documents, decisions, quotas
from thidua.awards.decision_forms import DecisionDraftForm, DecisionFilterForm, QuotaForm
from thidua.awards.models import Decision, DecisionKind, DecisionStatus, Quota, SignerCapacity
from thidua.core.errors import ApplicationError
from thidua.core.history import history_entries
from thidua.core.http import access, paginate
from thidua.movements.models import Movement

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELD_NAMES = (
    "signed_on",
    "summary",
    "signer_name",
    "signer_title",
    "signer_capacity",
    "distribution_list",
)


def _access_movement(request: HttpRequest, pk: int) -> Movement:
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    return access(request.user, "movements.view_movement", movement)


# --- list -----------------------------------------------------------------------------


@login_required
@require_GET
def decision_list(request: HttpRequest, movement: int) -> HttpResponse:
    """The movement's decisions and proposals the user may see, with items and money."""
    movement = _access_movement(request, movement)
    form = DecisionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = decisions.decision_list(
        request.user,
        movement,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        q=filters.get("q", ""),
    )
    page, rest = paginate(request, queryset, per_page=50)
    units = decisions.drafting_units(request.user, movement)
    return render(
        request,
        "awards/decisions/list.html",
        {
            "movement": movement,
            "filter_form": form,
            "page_obj": page,
            "rows": decisions.list_rows(list(page)),
            "querystring_without_page": rest,
            "can_draft": units.exists(),
            "sees_quotas": _sees_quotas(request.user, movement),
        },
    )


def _sees_quotas(user, movement) -> bool:
    area = quotas.movement_area(movement)
    return bool(reach(user, (Role.HOME_AFFAIRS, Role.CHAIRMAN)) & area)


# --- drafting -------------------------------------------------------------------------


def _candidates(movement, unit, kind, day, decision=None):
    return decisions.draft_candidates(
        movement=movement, issuing_unit=unit, kind=kind, day=day, decision=decision
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value):
    field = forms.DateField(required=False)
    try:
        return field.clean(value)
    except ValidationError:
        return None


def _default_ids(candidates) -> list[int]:
    return [c.nomination.pk for c in candidates if c.within and c.other_draft is None]


def _selection(form: DecisionDraftForm, fallback: dict) -> tuple:
    """Issuing unit, kind and date from the submitted form, the fallback where invalid."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    unit = data.get("issuing_unit") or fallback["issuing_unit"]
    kind = data.get("kind") or fallback["kind"]
    day = data.get("signed_on") or fallback["signed_on"]
    return unit, kind, day


def _initial_for(movement, unit, kind, day) -> dict:
    return {
        "issuing_unit": unit,
        "kind": kind,
        "signed_on": day,
        "summary": decisions.default_summary(movement, kind),
        "signer_name": movement.signer_name if unit.pk == movement.issuing_unit_id else "",
        "signer_title": "Chủ tịch",
        "signer_capacity": SignerCapacity.ON_BEHALF,
        "distribution_list": decisions.default_distribution(kind),
    }


def _refreshed_initial(form: DecisionDraftForm, movement, unit, kind, day) -> dict:
    """After "show candidates": keep what was typed, switch the defaults that follow the kind."""
    initial = {name: form.data.get(name, "") for name in FIELD_NAMES}
    initial.update({"issuing_unit": unit, "kind": kind, "signed_on": day})
    defaults = {decisions.default_summary(movement, k) for k in DecisionKind.values}
    if not initial["summary"].strip() or initial["summary"].strip() in defaults:
        initial["summary"] = decisions.default_summary(movement, kind)
    lists = {decisions.default_distribution(k).strip() for k in DecisionKind.values}
    if initial["distribution_list"].strip().replace("\r", "") in lists:
        initial["distribution_list"] = decisions.default_distribution(kind)
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


def _show_errors(form: DecisionDraftForm, error: ValidationError) -> None:
    for key, texts in error.message_dict.items():
        form.add_error(key if key in form.fields else None, texts)


def _render_form(request, movement, form, candidates, *, decision=None, kind, day):
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
def decision_create(request: HttpRequest, movement: int) -> HttpResponse:
    movement = _access_movement(request, movement)
    units = decisions.drafting_units(request.user, movement)
    default_unit = units.filter(pk=movement.issuing_unit_id).first() or units.first()
    if default_unit is None:
        raise Http404
    kind = request.GET.get("kind", DecisionKind.DECISION)
    if kind not in DecisionKind.values:
        kind = DecisionKind.DECISION
    if request.method == "GET":
        # ?kind=…&unit=…&date=dd/mm/yyyy preselect (links from other pages); bad values are ignored.
        default_unit = units.filter(pk=_int(request.GET.get("unit"))).first() or default_unit
        day = _date(request.GET.get("date")) or timezone.localdate()
        fallback = _initial_for(movement, default_unit, kind, day)
        unit = default_unit
        candidates = _candidates(movement, unit, kind, day)
        form = DecisionDraftForm(
            initial={**fallback, "nominations": _default_ids(candidates)}, units=units
        )
        form.set_candidates(candidates)
        return _render_form(request, movement, form, candidates, kind=kind, day=day)
    fallback = _initial_for(movement, default_unit, kind, timezone.localdate())
    form = DecisionDraftForm(request.POST, units=units)
    unit, kind, day = _selection(form, fallback)
    candidates = _candidates(movement, unit, kind, day)
    if request.POST.get("action") == "refresh":
        initial = _refreshed_initial(form, movement, unit, kind, day)
        form = DecisionDraftForm(
            initial={**initial, "nominations": _default_ids(candidates)}, units=units
        )
        form.set_candidates(candidates)
        return _render_form(request, movement, form, candidates, kind=kind, day=day)
    form = DecisionDraftForm(request.POST, units=units)
    form.set_candidates(candidates)
    if form.is_valid():
        try:
            created = decisions.decision_create(
                actor=request.user,
                movement=movement,
                issuing_unit=form.cleaned_data["issuing_unit"],
                kind=form.cleaned_data["kind"],
                data=_data(form),
                nomination_ids=[int(pk) for pk in form.cleaned_data["nominations"]],
            )
        except ValidationError as error:
            _show_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("awards:decision_detail", created.pk)
    return _render_form(request, movement, form, candidates, kind=kind, day=day)


def _access_editable(request: HttpRequest, pk: int) -> Decision:
    decision = decisions.access_decision(request.user, pk)
    if not decisions.may_draft(request.user, decision.issuing_unit_id):
        raise Http404
    return decision


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _access_editable(request, pk)
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("A signed document cannot be changed."))
        return redirect("awards:decision_detail", decision.pk)
    movement = decision.movement
    units = decisions.drafting_units(request.user, movement)
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
            _show_errors(form, error)
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
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _access_editable(request, pk)
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
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decisions.access_decision(request.user, pk)
    view = decisions.decision_view(decision)
    user = request.user
    staff = decision.issuing_unit_id in reach(user, (Role.HOME_AFFAIRS, Role.CHAIRMAN))
    return render(
        request,
        "awards/decisions/detail.html",
        {
            "decision": decision,
            "movement": decision.movement,
            "view": view,
            "can_edit": decisions.may_edit(user, decision),
            "can_sign": decisions.may_sign(user, decision),
            "staff": staff,
            "history_entries": history_entries(decision) if staff else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then sign: the number is given and the document can no longer change."""
    decision = decisions.access_decision(request.user, pk)
    if decision.status != DecisionStatus.DRAFT:
        messages.info(request, _("This document is already signed."))
        return redirect("awards:decision_detail", decision.pk)
    if not decisions.may_sign(request.user, decision):
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
    view = decisions.decision_view(decision)
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


def _file_response(field, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def decision_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The .docx or .pdf kept when the document was signed."""
    decision = decisions.access_decision(request.user, pk)
    if fmt == "docx" and decision.docx:
        return _file_response(
            decision.docx, decision_documents.file_name(decision, "docx"), DOCX_CONTENT_TYPE
        )
    if fmt == "pdf" and decision.pdf:
        return _file_response(
            decision.pdf, decision_documents.file_name(decision, "pdf"), "application/pdf"
        )
    raise Http404


@login_required
@require_GET
def decision_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft as a .docx, without its number, to read before signing."""
    decision = decisions.access_decision(request.user, pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Http404
    if decision.issuing_unit_id not in reach(request.user, (Role.HOME_AFFAIRS, Role.CHAIRMAN)):
        raise Http404
    response = HttpResponse(decisions.render_docx(decision), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=decision_documents.file_name(decision, "docx")
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def decision_make_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the PDF again from the stored .docx (when LibreOffice failed at signing)."""
    decision = decisions.access_decision(request.user, pk)
    if decision.issuing_unit_id not in reach(request.user, (Role.HOME_AFFAIRS, Role.CHAIRMAN)):
        raise Http404
    try:
        decisions.decision_make_pdf(actor=request.user, decision=decision)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The PDF was made."))
    return redirect("awards:decision_detail", decision.pk)


# --- quotas ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def quota_list(request: HttpRequest, movement: int) -> HttpResponse:
    """The province's allocations to the units of the movement: allocated, used, remaining."""
    movement = _access_movement(request, movement)
    if not _sees_quotas(request.user, movement):
        raise Http404
    units = quotas.quota_units(request.user, movement)
    form = None
    if units.exists():
        form = QuotaForm(request.POST or None, units=units)
        if request.method == "POST" and form.is_valid():
            try:
                quotas.quota_set(
                    actor=request.user,
                    movement=movement,
                    unit=form.cleaned_data["unit"],
                    award_form=form.cleaned_data["award_form"],
                    allocated=form.cleaned_data["allocated"],
                    document_reference=form.cleaned_data["document_reference"],
                )
            except ValidationError as error:
                for key, texts in error.message_dict.items():
                    form.add_error(key if key in form.fields else None, texts)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The quota was recorded."))
                return redirect("awards:quota_list", movement.pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = list(quotas.quotas_visible(request.user, movement))
    editable = reach(request.user, (Role.HOME_AFFAIRS,))
    return render(
        request,
        "awards/decisions/quotas.html",
        {
            "movement": movement,
            "form": form,
            "rows": [{"quota": q, "can_edit": q.unit_id in editable} for q in rows],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quota_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quota = Quota.objects.select_related("movement", "unit", "award_form").filter(pk=pk).first()
    if quota is None or not quotas.may_manage_quota(request.user, quota.unit_id):
        raise Http404
    movement = quota.movement
    units = quotas.quota_units(request.user, movement)
    initial = {
        "unit": quota.unit,
        "award_form": quota.award_form,
        "allocated": quota.allocated,
        "document_reference": quota.document_reference,
    }
    form = QuotaForm(request.POST or None, initial=initial, units=units, fixed=True)
    if request.method == "POST" and form.is_valid():
        try:
            quotas.quota_set(
                actor=request.user,
                movement=movement,
                unit=quota.unit,
                award_form=quota.award_form,
                allocated=form.cleaned_data["allocated"],
                document_reference=form.cleaned_data["document_reference"],
            )
        except ApplicationError as error:
            form.add_error("allocated", error.message)
        else:
            messages.success(request, _("The quota was recorded."))
            return redirect("awards:quota_list", movement.pk)
    return render(
        request,
        "awards/decisions/quota_form.html",
        {"movement": movement, "quota": quota, "form": form},
    )


urlpatterns = [
    path("phong-trao/<int:movement>/quyet-dinh/", decision_list, name="decision_list"),
    path("phong-trao/<int:movement>/quyet-dinh/moi/", decision_create, name="decision_create"),
    path("phong-trao/<int:movement>/chi-tieu/", quota_list, name="quota_list"),
    path("chi-tieu/<int:pk>/sua/", quota_edit, name="quota_edit"),
    path("quyet-dinh/<int:pk>/", decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/xoa/", decision_delete, name="decision_delete"),
    path("quyet-dinh/<int:pk>/ky/", decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/du-thao.docx", decision_preview, name="decision_preview"),
    path("quyet-dinh/<int:pk>/tao-pdf/", decision_make_pdf, name="decision_make_pdf"),
    path("quyet-dinh/<int:pk>/tai/<str:fmt>/", decision_file, name="decision_file"),
]
