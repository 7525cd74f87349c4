"""Pages for councils and their setup: the list, a council's page, its members and its
threshold per award form. Only the council's managers reach them (a member only the list)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.forms import add_errors
from thidua.councils import defaults, rules, selectors, services
from thidua.councils.forms import CouncilForm, MemberForm, ThresholdForm
from thidua.councils.models import Council, CouncilMember, RuleOrigin, Threshold
from thidua.councils.rules import COUNCIL_UNIT_KINDS


@login_required
@require_GET
def council_list(request: AuthenticatedRequest) -> HttpResponse:
    councils = list(selectors.councils_for(request.user))
    managed = {c.pk for c in councils if rules.manages(request.user, c)}
    return render(
        request,
        "councils/council_list.html",
        {
            "councils": councils,
            "managed": managed,
            "can_create": rules.may_create_council(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request: AuthenticatedRequest) -> HttpResponse:
    if not rules.may_create_council(request.user):
        raise Http404
    units = selectors.council_units_for(request.user, COUNCIL_UNIT_KINDS)
    form = CouncilForm(request.POST or None, units=units, initial=defaults.council_defaults())
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        if not data.get("name"):
            data.pop("name", None)
        try:
            council = services.council_create_with_defaults(
                actor=request.user, unit=form.cleaned_data["unit"], data=data
            )
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The council is set up with the default thresholds."))
            return redirect("councils:detail", pk=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": None})


@login_required
@require_GET
def council_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = rules.access_council(request.user, pk)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "members": list(selectors.council_members(council)),
            "thresholds": list(selectors.council_thresholds(council)),
            "left_to_default": selectors.forms_left_to_the_default(council),
            "own_rules": selectors.rule_phrase(council, RuleOrigin.OWN_RULES, ""),
            "sessions": list(selectors.sessions_of(council)[:5]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = rules.access_council(request.user, pk)
    units = selectors.council_units_for(request.user, COUNCIL_UNIT_KINDS)
    form = CouncilForm(request.POST or None, instance=council, units=units)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        data["name"] = data.get("name") or services.default_council_name(council.unit)
        try:
            services.council_update(actor=request.user, council=council, data=data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:detail", pk=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": council})


def _member_form(
    request: AuthenticatedRequest, council: Council, instance: CouncilMember | None = None
) -> MemberForm:
    return MemberForm(
        request.POST or None,
        instance=instance,
        users=selectors.member_candidates(council.unit_id),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = rules.access_council(request.user, pk)
    form = _member_form(request, council)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "user"}
        try:
            services.member_add(
                actor=request.user, council=council, user=form.cleaned_data["user"], data=data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The member is added."))
            if "another" in request.POST:
                return redirect("councils:member_create", pk=council.pk)
            return redirect("councils:detail", pk=council.pk)
    return render(
        request, "councils/member_form.html", {"form": form, "council": council, "member": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = rules.access_member(request.user, pk)
    council = member.council
    form = _member_form(request, council, instance=member)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "user"}
        try:
            services.member_update(actor=request.user, member=member, data=data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:detail", pk=council.pk)
    return render(
        request, "councils/member_form.html", {"form": form, "council": council, "member": member}
    )


def _threshold_page(
    request: AuthenticatedRequest, council: Council, threshold: Threshold | None = None
) -> HttpResponse:
    form = ThresholdForm(request.POST or None, instance=threshold)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.threshold_set(
                actor=request.user,
                council=council,
                award_form=threshold.award_form if threshold else data["award_form"],
                percent=data["percent"],
                basis=data["basis"],
                legal_source=data["legal_source"],
                origin=data["origin"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                threshold=threshold,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("councils:detail", pk=council.pk)
    return render(
        request,
        "councils/threshold_form.html",
        {"form": form, "council": council, "threshold": threshold},
    )


@login_required
@require_http_methods(["GET", "POST"])
def threshold_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _threshold_page(request, rules.access_council(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def threshold_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    threshold = rules.access_threshold(request.user, pk)
    return _threshold_page(request, threshold.council, threshold)


@login_required
@require_POST
def threshold_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    threshold = rules.access_threshold(request.user, pk)
    council = threshold.council
    services.threshold_delete(actor=request.user, threshold=threshold)
    messages.success(request, _("The threshold is removed; the council's default applies."))
    return redirect("councils:detail", pk=council.pk)
