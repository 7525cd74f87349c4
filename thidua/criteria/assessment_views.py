"""Pages for criterion sets, checking a candidate and ranking a movement's candidates.

Thin views: objects come through access helpers answering 404 for "missing" and "not yours";
the services in ``criteria.sets`` check the same permissions again and validate.

URL names (namespace ``criteria``): ``check_unit`` / ``check_person`` (movement, pk),
``ranking`` / ``ranking_export`` (movement), ``sets`` / ``sets_create`` (movement),
``set_detail`` / ``set_new_version`` / ``criterion_add`` (set pk), ``criterion_edit`` /
``criterion_delete`` / ``criterion_move`` (criterion pk), ``attestation_evidence`` (pk).
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.scope import ALL_ROLES, reach
from thidua.core.errors import ApplicationError
from thidua.criteria import sets
from thidua.criteria.evaluation import (
    OUTCOME_CHOICES,
    PARAMS,
    VIOLATION_KINDS,
    Candidate,
    Param,
    default_params,
    describe_params,
    evaluate_candidate,
)
from thidua.criteria.models import (
    FIRST_YEAR,
    Attestation,
    AttestationVerdict,
    CandidateType,
    Criterion,
    CriterionKind,
    CriterionSet,
    FactKind,
    RatingLevel,
    RuleKey,
    TargetOutcome,
)
from thidua.criteria.permissions import access_person, access_unit, may_edit, viewable_units
from thidua.criteria.ranking_export import (
    RankingFilters,
    VerdictFilter,
    ranking,
    ranking_counts,
    ranking_workbook,
    sees_whole_movement,
)
from thidua.interchange.views import xlsx_response
from thidua.movements.models import Movement, MovementStatus, Participant
from thidua.units.models import COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, Unit
from thidua.units.selectors import subtree_ids

PER_PAGE = 50
LAST_YEAR = 2100


# --- forms ----------------------------------------------------------------------------------


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class AttestationForm(forms.Form):
    verdict = forms.ChoiceField(
        label=gettext_lazy("Judgement"),
        choices=AttestationVerdict.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why the criterion is met or not, in a few words."),
    )
    document_reference = forms.CharField(
        label=gettext_lazy("Document reference"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("For example: Minutes No. 05/BB-UBND of 10/11/2025."),
    )
    evidence = forms.FileField(
        label=gettext_lazy("Evidence file (.pdf, .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


def _param_field(param: Param) -> forms.Field:
    label = param.label
    if param.type == "year":
        return forms.IntegerField(
            label=label,
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            required=param.required,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    if param.type == "count":
        return forms.IntegerField(label=label, min_value=param.minimum)
    if param.type == "level":
        return forms.ChoiceField(label=label, choices=RatingLevel.choices)
    if param.type == "outcome":
        choices = [(value, TargetOutcome(value).label) for value in OUTCOME_CHOICES]
        return forms.ChoiceField(label=label, choices=choices)
    if param.type == "bool":
        return forms.BooleanField(label=label, required=False)
    if param.type == "kinds":
        choices = [(value, FactKind(value).label) for value in VIOLATION_KINDS]
        return forms.MultipleChoiceField(
            label=label, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    raise ValueError(param.type)


class CriterionForm(forms.Form):
    """The wording, how it is checked and, for a computed criterion, the parameters of its
    rule as plain fields (``param_<name>``). Without JavaScript a change of rule is shown on
    the next submit (``shown_rule`` tells which rule's parameters are on the page)."""

    code = forms.CharField(label=gettext_lazy("Code"), max_length=32)
    text = forms.CharField(
        label=gettext_lazy("Criterion"), widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("How it is checked"),
        choices=CriterionKind.choices,
        widget=forms.RadioSelect,
    )
    rule = forms.ChoiceField(
        label=gettext_lazy("Rule (computed criteria)"),
        choices=[("", "—"), *RuleKey.choices],
        required=False,
    )
    shown_rule = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rule: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.shown_rule = rule if rule in PARAMS else ""
        self.fields["shown_rule"].initial = self.shown_rule
        for param in PARAMS.get(self.shown_rule, ()):
            self.fields[f"param_{param.name}"] = _param_field(param)
        _style(self)

    def param_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith("param_")]

    def clean(self):
        data = super().clean()
        if data.get("kind") == CriterionKind.COMPUTED and not data.get("rule"):
            self.add_error("rule", _("Choose the rule that computes the criterion."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        params = {
            name.removeprefix("param_"): value
            for name, value in data.items()
            if name.startswith("param_")
        }
        return {
            "code": data["code"],
            "text": data["text"],
            "kind": data["kind"],
            "rule": data.get("rule") or "",
            "params": params,
        }


def _criterion_initial(criterion: Criterion | None, rule: str) -> dict:
    initial = {}
    if criterion is not None:
        initial = {"code": criterion.code, "text": criterion.text, "kind": criterion.kind}
        initial["rule"] = criterion.rule
    params = default_params(rule)
    if criterion is not None and criterion.rule == rule:
        params.update(criterion.params or {})
    initial.update({f"param_{name}": value for name, value in params.items()})
    return initial


# --- helpers --------------------------------------------------------------------------------


def _error_text(error: Exception) -> str:
    if isinstance(error, ApplicationError):
        return error.message
    return " ".join(getattr(error, "messages", [str(error)]))


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _movement(pk: int, *, launched: bool = True) -> Movement:
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if launched and movement.status == MovementStatus.DRAFT:
        raise Http404
    return movement


def _movement_for_sets(request: HttpRequest, pk: int) -> Movement:
    movement = _movement(pk, launched=False)
    if not sets.may_view_sets(request.user, movement):
        raise Http404
    return movement


def _check_movement_concerns(user, movement: Movement, unit: Unit) -> None:
    """The issuer's staff check anyone; others only candidates of a participating unit (or a
    village of one)."""
    if movement.issuing_unit_id in reach(user, ALL_ROLES):
        return
    ids = [unit.pk]
    if unit.kind in VILLAGE_LEVEL_KINDS and unit.parent_id:
        ids.append(unit.parent_id)
    if not Participant.objects.filter(movement=movement, unit_id__in=ids).exists():
        raise Http404


def _access_set(request: HttpRequest, pk: int, *, manage: bool = False) -> CriterionSet:
    criterion_set = (
        CriterionSet.objects.select_related("movement", "movement__issuing_unit", "based_on")
        .filter(pk=pk, movement__isnull=False)
        .first()
    )
    if criterion_set is None:
        raise Http404
    if not sets.may_view_sets(request.user, criterion_set.movement):
        raise Http404
    if manage and not sets.may_manage_sets(request.user, criterion_set.movement):
        raise Http404
    return criterion_set


def _access_criterion(request: HttpRequest, pk: int) -> Criterion:
    criterion = (
        Criterion.objects.select_related(
            "criterion_set", "criterion_set__movement", "criterion_set__movement__issuing_unit"
        )
        .filter(pk=pk, criterion_set__movement__isnull=False)
        .first()
    )
    if criterion is None:
        raise Http404
    if not sets.may_manage_sets(request.user, criterion.criterion_set.movement):
        raise Http404
    return criterion


# --- candidate check ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def check_unit(request: HttpRequest, movement: int, pk: int) -> HttpResponse:
    movement_obj = _movement(movement)
    unit = access_unit(request.user, pk)
    _check_movement_concerns(request.user, movement_obj, unit)
    return _check_page(request, movement_obj, Candidate(unit=unit))


@login_required
@require_http_methods(["GET", "POST"])
def check_person(request: HttpRequest, movement: int, pk: int) -> HttpResponse:
    movement_obj = _movement(movement)
    person = access_person(request.user, pk)
    _check_movement_concerns(request.user, movement_obj, person.unit)
    return _check_page(request, movement_obj, Candidate(person=person))


def _check_url(movement: Movement, candidate: Candidate) -> str:
    name = "criteria:check_person" if candidate.is_person else "criteria:check_unit"
    pk = candidate.person.pk if candidate.is_person else candidate.unit.pk
    return reverse(name, args=[movement.pk, pk])


def _check_page(request: HttpRequest, movement: Movement, candidate: Candidate) -> HttpResponse:
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
                _add_errors(form, error)
            except (ApplicationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error) or _("You may not attest this."))
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
            "can_manage_sets": sets.may_manage_sets(request.user, movement),
        },
    )


@login_required
@require_GET
def attestation_evidence(request: HttpRequest, pk: int) -> FileResponse:
    attestation = Attestation.objects.select_related("person").filter(pk=pk).first()
    if attestation is None:
        raise Http404
    unit_id = attestation.unit_id if attestation.unit_id else attestation.person.unit_id
    if unit_id not in viewable_units(request.user):
        raise Http404
    if not attestation.evidence:
        raise Http404
    return FileResponse(
        attestation.evidence.open("rb"),
        as_attachment=True,
        filename=Path(attestation.evidence.name).name,
    )


# --- ranking --------------------------------------------------------------------------------


class RankingFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Name of the unit or person")}),
    )
    candidate_type = forms.ChoiceField(label=gettext_lazy("Candidate type"), required=False)
    commune = forms.ModelChoiceField(
        label=gettext_lazy("Commune or town"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("All communes"),
    )
    verdict = forms.ChoiceField(label=gettext_lazy("Criteria"), required=False)

    def __init__(self, *args, communes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate_type"].choices = [
            ("", _("All candidate types")),
            *CandidateType.choices,
        ]
        self.fields["commune"].queryset = communes
        self.fields["verdict"].choices = [
            ("", _("Any result")),
            (VerdictFilter.ALL_MET, _("All criteria met")),
            (VerdictFilter.SOME_UNKNOWN, _("Some criteria not yet known")),
            (VerdictFilter.SOME_NOT_MET, _("Some criteria not met")),
        ]
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))
        _style(self)

    def filters(self) -> RankingFilters:
        if not self.is_valid():
            return RankingFilters()
        data = self.cleaned_data
        return RankingFilters(
            candidate_type=data["candidate_type"],
            commune=data["commune"].pk if data["commune"] else None,
            verdict=data["verdict"],
            q=data["q"].strip(),
        )


def _ranking_setup(request: HttpRequest, movement_pk: int):
    movement = _movement(movement_pk)
    whole = sees_whole_movement(request.user, movement)
    mine = reach(request.user, ALL_ROLES)
    if not whole and not mine:
        raise Http404
    communes = Unit.objects.filter(
        pk__in=subtree_ids([movement.issuing_unit_id]), kind__in=COMMUNE_LEVEL_KINDS
    )
    if not whole:
        communes = communes.filter(pk__in=mine)
    form = RankingFilterForm(request.GET or None, communes=communes.order_by("sort_name"))
    return movement, form


@login_required
@require_GET
def ranking_view(request: HttpRequest, movement: int) -> HttpResponse:
    movement_obj, form = _ranking_setup(request, movement)
    rows = ranking(request.user, movement_obj, form.filters())
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    rest = params.urlencode()
    return render(
        request,
        "criteria/assessment/ranking.html",
        {
            "movement": movement_obj,
            "filter_form": form,
            "page_obj": page,
            "querystring_without_page": (rest + "&") if rest else "",
            "querystring": rest,
            "counts": ranking_counts(rows),
            "can_manage_sets": sets.may_manage_sets(request.user, movement_obj),
            "has_sets": CriterionSet.objects.filter(movement=movement_obj).exists(),
        },
    )


@login_required
@require_GET
def ranking_export_view(request: HttpRequest, movement: int) -> HttpResponse:
    movement_obj, form = _ranking_setup(request, movement)
    filters = form.filters()
    rows = ranking(request.user, movement_obj, filters)
    described = []
    if form.is_valid():
        for name in ("q", "candidate_type", "commune", "verdict"):
            value = form.cleaned_data.get(name)
            if value:
                shown = (
                    dict(form.fields[name].choices).get(value, value)
                    if name != "commune"
                    else value
                )
                described.append(f"{form.fields[name].label}: {shown}")
    filters_text = (_("Filters: %(list)s.") % {"list": "; ".join(described)}) if described else ""
    data = ranking_workbook(movement_obj, rows, filters_text)
    return xlsx_response(data, _("candidates-%(id)s.xlsx") % {"id": movement_obj.pk})


# --- criterion sets -------------------------------------------------------------------------


@login_required
@require_GET
def sets_view(request: HttpRequest, movement: int) -> HttpResponse:
    movement_obj = _movement_for_sets(request, movement)
    versions = sets.movement_set_versions(movement_obj)
    rows = [
        {"type": value, "label": label, "versions": versions.get(value, [])}
        for value, label in CandidateType.choices
    ]
    return render(
        request,
        "criteria/assessment/sets.html",
        {
            "movement": movement_obj,
            "rows": rows,
            "missing": any(not row["versions"] for row in rows),
            "can_manage": sets.may_manage_sets(request.user, movement_obj),
        },
    )


@login_required
@require_POST
def sets_create(request: HttpRequest, movement: int) -> HttpResponse:
    movement_obj = _movement_for_sets(request, movement)
    if not sets.may_manage_sets(request.user, movement_obj):
        raise Http404
    try:
        sets.criterion_sets_for_movement(movement=movement_obj, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Copied the plan's criteria to the movement."))
    return redirect("criteria:sets", movement=movement_obj.pk)


@login_required
@require_GET
def set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    criterion_set = _access_set(request, pk)
    criteria = list(criterion_set.criteria.order_by("position", "pk"))
    for criterion in criteria:
        criterion.summary = (
            describe_params(criterion.rule, criterion.params) if criterion.is_computed else ""
        )
    versions = list(
        CriterionSet.objects.filter(
            movement_id=criterion_set.movement_id, candidate_type=criterion_set.candidate_type
        ).order_by("-version")
    )
    can_manage = sets.may_manage_sets(request.user, criterion_set.movement)
    return render(
        request,
        "criteria/assessment/set_detail.html",
        {
            "criterion_set": criterion_set,
            "movement": criterion_set.movement,
            "criteria": criteria,
            "versions": versions,
            "is_latest": versions[0].pk == criterion_set.pk,
            "can_manage": can_manage,
            "can_edit": can_manage and not criterion_set.is_locked,
        },
    )


@login_required
@require_POST
def set_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    criterion_set = _access_set(request, pk, manage=True)
    try:
        copy = sets.criterion_set_new_version(criterion_set=criterion_set, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("criteria:set_detail", pk=criterion_set.pk)
    messages.success(request, _("Created version %(v)s.") % {"v": copy.version})
    return redirect("criteria:set_detail", pk=copy.pk)


def _criterion_page(
    request: HttpRequest, criterion_set: CriterionSet, criterion: Criterion | None
) -> HttpResponse:
    if criterion_set.is_locked:
        messages.error(request, _error_text(sets.locked_error(criterion_set)))
        return redirect("criteria:set_detail", pk=criterion_set.pk)
    if request.method == "POST":
        posted_rule = request.POST.get("rule", "")
        shown = request.POST.get("shown_rule", "")
        computed = request.POST.get("kind") == CriterionKind.COMPUTED
        if computed and posted_rule in PARAMS and posted_rule != shown:
            # The rule changed: show its parameters (with their defaults) before saving.
            initial = {
                name: request.POST.get(name, "") for name in ("code", "text", "kind", "rule")
            }
            initial.update({f"param_{n}": v for n, v in default_params(posted_rule).items()})
            form = CriterionForm(initial=initial, rule=posted_rule)
            messages.info(request, _("Check the parameters of the chosen rule, then save."))
        else:
            form = CriterionForm(request.POST, rule=shown if computed else "")
            if form.is_valid():
                try:
                    if criterion is None:
                        saved = sets.criterion_add(
                            criterion_set=criterion_set,
                            actor=request.user,
                            data=form.service_data(),
                        )
                    else:
                        saved = sets.criterion_update(
                            criterion=criterion, actor=request.user, data=form.service_data()
                        )
                except ValidationError as error:
                    _add_errors(form, error)
                except ApplicationError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Saved criterion %(code)s.") % {"code": saved.code})
                    return redirect("criteria:set_detail", pk=criterion_set.pk)
    else:
        rule = request.GET.get("rule", "")
        if rule not in PARAMS:
            rule = criterion.rule if criterion is not None else ""
        initial = _criterion_initial(criterion, rule)
        if criterion is None:
            initial.setdefault("kind", CriterionKind.COMPUTED if rule else CriterionKind.ATTESTED)
            initial["rule"] = rule
        elif rule:
            initial["rule"] = rule
        form = CriterionForm(initial=initial, rule=rule)
    return render(
        request,
        "criteria/assessment/criterion_form.html",
        {
            "form": form,
            "criterion_set": criterion_set,
            "movement": criterion_set.movement,
            "criterion": criterion,
            "shown_rule_label": RuleKey(form.shown_rule).label if form.shown_rule else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    criterion_set = _access_set(request, pk, manage=True)
    return _criterion_page(request, criterion_set, None)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _access_criterion(request, pk)
    return _criterion_page(request, criterion.criterion_set, criterion)


@login_required
@require_POST
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _access_criterion(request, pk)
    try:
        sets.criterion_delete(criterion=criterion, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deleted criterion %(code)s.") % {"code": criterion.code})
    return redirect("criteria:set_detail", pk=criterion.criterion_set_id)


@login_required
@require_POST
def criterion_move(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _access_criterion(request, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        sets.criterion_move(criterion=criterion, actor=request.user, offset=offset)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(
        f"{reverse('criteria:set_detail', args=[criterion.criterion_set_id])}#criterion-{criterion.pk}"
    )


urlpatterns = [
    path("phong-trao/<int:movement>/don-vi/<int:pk>/", check_unit, name="check_unit"),
    path("phong-trao/<int:movement>/nguoi/<int:pk>/", check_person, name="check_person"),
    path("phong-trao/<int:movement>/ung-vien/", ranking_view, name="ranking"),
    path(
        "phong-trao/<int:movement>/ung-vien/xuat-excel/",
        ranking_export_view,
        name="ranking_export",
    ),
    path("phong-trao/<int:movement>/bo-tieu-chi/", sets_view, name="sets"),
    path("phong-trao/<int:movement>/bo-tieu-chi/tao/", sets_create, name="sets_create"),
    path("bo-tieu-chi/<int:pk>/", set_detail, name="set_detail"),
    path("bo-tieu-chi/<int:pk>/phien-ban-moi/", set_new_version, name="set_new_version"),
    path("bo-tieu-chi/<int:pk>/them-tieu-chi/", criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/sua/", criterion_edit, name="criterion_edit"),
    path("tieu-chi/<int:pk>/xoa/", criterion_delete, name="criterion_delete"),
    path("tieu-chi/<int:pk>/di-chuyen/", criterion_move, name="criterion_move"),
    path("xac-nhan/<int:pk>/minh-chung/", attestation_evidence, name="attestation_evidence"),
]
