"""Pages for nomination dossiers: the list, the candidate picker and dossier form, the
dossier with its trail, and the workflow steps (send, accept, return, withdraw)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.models import User
from thidua.accounts.scope import grant_roots
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.history import history_entries
from thidua.core.http import paginate
from thidua.movements.lifecycle import ensure_nominations_open
from thidua.movements.selectors import communes_in
from thidua.units.models import Unit

from .. import achievement, rules, selectors, services
from ..forms import (
    DossierForm,
    EvidenceForm,
    NominationFilterForm,
    NoteForm,
    PickerForm,
    ReasonForm,
    WithdrawForm,
)
from ..models import Nomination, NominationFile, NominationStatus
from ..rules import PROPOSER_ROLES

PER_PAGE = 25
S = NominationStatus


# --- list -------------------------------------------------------------------------------


def _filters(form: NominationFilterForm) -> selectors.NominationFilters:
    if not form.is_valid():
        return selectors.NominationFilters()
    data = form.cleaned_data
    return selectors.NominationFilters(
        status=data["status"],
        award_form=data["award_form"].pk if data["award_form"] else None,
        recipient=data["recipient"],
        commune=data["commune"].pk if data["commune"] else None,
        q=data["q"],
    )


def _status_chips(request: HttpRequest, counts: dict[str, int], current: str) -> list[dict]:
    """Links that keep the other filters and set the status, with their counts."""
    params = request.GET.copy()
    params.pop("page", None)
    chips = []
    for value, label in [("", _("All")), *S.choices]:
        if value and not counts.get(value):
            continue
        params["status"] = value
        chips.append(
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "active": value == current,
                "query": params.urlencode(),
            }
        )
    return chips


@login_required
def nomination_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = rules.access_movement(request.user, movement)
    form = NominationFilterForm(
        request.GET or None,
        communes=communes_in(movement_obj.issuing_unit_id).order_by("sort_name"),
    )
    filters = selectors.with_commune_subtree(_filters(form))
    visible = selectors.nominations_visible(request.user, movement_obj)
    without_status = selectors.filter_nominations(visible, filters, by_status=False)
    counts = selectors.status_counts(without_status)
    nominations = selectors.filter_nominations(visible, filters)
    page, rest = paginate(request, nominations, per_page=PER_PAGE)
    return render(
        request,
        "nominations/list.html",
        {
            "movement": movement_obj,
            "filter_form": form,
            "chips": _status_chips(request, counts, filters.status),
            "counts": counts,
            "page_obj": page,
            "querystring_without_page": rest,
            "can_propose": rules.may_propose_in(request.user, movement_obj),
            "is_office": rules.is_home_affairs_of(request.user, movement_obj),
        },
    )


# --- create -----------------------------------------------------------------------------


def _default_unit(user: User, units: list[Unit]) -> Unit:
    """The unit the picker starts on, of ``units`` (not empty): the user's own, else the first
    unit the user holds a proposer role on, else the first."""
    ids = {u.pk: u for u in units}
    if user.unit_id in ids:
        return ids[user.unit_id]
    for root in grant_roots(user, PROPOSER_ROLES):
        if root in ids:
            return ids[root]
    return units[0]


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = rules.access_movement(request.user, movement)
    try:
        ensure_nominations_open(movement_obj)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("nominations:list", movement=movement_obj.pk)
    if not rules.may_propose_in(request.user, movement_obj):
        raise PermissionDenied
    proposable = selectors.proposable_units(request.user, movement_obj)
    units = list(proposable)
    if not units:
        raise PermissionDenied
    default = _default_unit(request.user, units)
    picker = PickerForm(
        request.GET if "proposing" in request.GET else None,
        units=proposable,
        initial={"proposing": default},
    )
    proposing = default
    if picker.is_bound and picker.is_valid():
        proposing = picker.cleaned_data["proposing"]
    q = picker.cleaned_data.get("q", "") if picker.is_bound and picker.is_valid() else ""
    key = request.GET.get("candidate", "")
    unit, person = selectors.parse_candidate(key, proposing) if key else (None, None)
    context = {"movement": movement_obj, "picker": picker, "proposing": proposing, "q": q}
    if unit is None and person is None:
        if key:
            messages.error(request, _("Choose a candidate from the list below."))
        units_found, people_found, cut = selectors.candidates_for(movement_obj, proposing, q)
        context.update(
            {"units_found": units_found, "people_found": people_found, "cut": cut, "form": None}
        )
        return render(request, "nominations/create.html", context)
    existing = services.live_nomination(movement_obj, unit=unit, person=person)
    form = DossierForm(
        request.POST or None,
        request.FILES or None,
        award_forms=services.award_forms_for(unit=unit, person=person),
        initial={
            "achievement": achievement.draft_text(movement=movement_obj, unit=unit, person=person)
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nomination_create(
                actor=request.user,
                movement=movement_obj,
                proposing_unit=proposing,
                candidate_unit=unit,
                candidate_person=person,
                data=form.data_for_service(),
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The dossier for %(name)s was created as a draft. Send it when it is complete.")
                % {"name": nomination.candidate_name},
            )
            return redirect("nominations:detail", pk=nomination.pk)
    context.update(
        {
            "form": form,
            "candidate_unit": unit,
            "candidate_person": person,
            "candidate_key": key,
            "existing": existing,
            "action": "?" + urlencode({"proposing": proposing.pk, "candidate": key, "q": q}),
        }
    )
    return render(request, "nominations/create.html", context)


# --- dossier ----------------------------------------------------------------------------


@login_required
def nomination_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    user = request.user
    can_edit = rules.may_edit(user, nomination)
    return render(
        request,
        "nominations/detail.html",
        {
            "nomination": nomination,
            "movement": nomination.movement,
            "files": list(nomination.files.select_related("uploaded_by")),
            "trail": list(selectors.nomination_trail(nomination)),
            "missing": services.missing_parts(nomination) if can_edit else {},
            "summary": achievement.public_summary(nomination.achievement),
            "can_edit": can_edit,
            "can_submit": rules.may_submit(user, nomination),
            "can_check": rules.may_check(user, nomination),
            "can_return": rules.may_return(user, nomination),
            "can_withdraw": rules.may_withdraw(user, nomination),
            "evidence_form": EvidenceForm() if can_edit else None,
            "accept_form": NoteForm() if rules.may_check(user, nomination) else None,
            # The standing body sees how the candidate meets the criteria before confirming.
            "criteria": selectors.criteria_summary(nomination)
            if rules.may_check(user, nomination)
            else None,
            "history_entries": history_entries(
                nomination, parts=(NominationFile.history.filter(nomination_id=nomination.pk),)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    if not rules.may_edit(request.user, nomination):
        raise PermissionDenied
    form = DossierForm(
        request.POST or None,
        request.FILES or None,
        award_forms=services.award_forms_for(
            unit=nomination.candidate_unit, person=nomination.candidate_person
        ),
        initial={"award_form": nomination.award_form, "achievement": nomination.achievement},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_update(
                actor=request.user, nomination=nomination, data=form.data_for_service()
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            if "submit" in request.POST:
                return _submit(request, nomination)
            messages.success(request, _("Changes saved."))
            return redirect("nominations:detail", pk=nomination.pk)
    return render(
        request,
        "nominations/form.html",
        {"nomination": nomination, "movement": nomination.movement, "form": form},
    )


def _submit(request: AuthenticatedRequest, nomination: Nomination) -> HttpResponse:
    try:
        services.nomination_submit(actor=request.user, nomination=nomination)
    except ValidationError as error:
        messages.error(
            request,
            _("The dossier cannot be sent yet. Missing: %(parts)s")
            % {"parts": " ".join(error.messages)},
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The dossier was sent to the Home Affairs Office."))
    return redirect("nominations:detail", pk=nomination.pk)


@login_required
@require_POST
def nomination_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    if not rules.may_propose_for(request.user, nomination.proposing_unit_id):
        raise PermissionDenied
    return _submit(request, nomination)


@login_required
@require_POST
def nomination_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    if not rules.is_home_affairs_of(request.user, nomination.movement):
        raise PermissionDenied
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.nomination_accept(actor=request.user, nomination=nomination, note=note)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The dossier for %(name)s is checked.") % {"name": nomination.candidate_name},
        )
    return redirect("nominations:detail", pk=nomination.pk)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    if not rules.may_return(request.user, nomination):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_return(
                actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The dossier was returned to %(unit)s.")
                % {"unit": nomination.proposing_unit.name},
            )
            return redirect("nominations:detail", pk=nomination.pk)
    return render(
        request,
        "nominations/confirm.html",
        {
            "nomination": nomination,
            "movement": nomination.movement,
            "form": form,
            "title": _("Return the dossier for correction"),
            "intro": _(
                "The unit sees your reason at the top of its dossier, corrects it and sends "
                "it again."
            ),
            "button": _("Return the dossier"),
            "danger": False,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = rules.access_nomination(request.user, pk)
    if not rules.may_withdraw(request.user, nomination):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_withdraw(
                actor=request.user, nomination=nomination, note=form.cleaned_data["note"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The dossier was withdrawn."))
            return redirect("nominations:detail", pk=nomination.pk)
    return render(
        request,
        "nominations/confirm.html",
        {
            "nomination": nomination,
            "movement": nomination.movement,
            "form": form,
            "title": _("Withdraw the dossier"),
            "intro": _(
                "A withdrawn dossier stays in the record but is no longer considered; the "
                "candidate may then be proposed again in this movement."
            ),
            "button": _("Withdraw the dossier"),
            "danger": True,
        },
    )
