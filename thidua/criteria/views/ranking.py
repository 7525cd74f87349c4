"""The movement's candidates ranked by the criteria they meet, and its .xlsx export."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.scope import ALL_ROLES, reach
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.http import paginate
from thidua.criteria.documents import ranking_workbook
from thidua.criteria.forms import RankingFilterForm
from thidua.criteria.models import CriterionSet
from thidua.criteria.rules import may_manage_sets, sees_whole_movement
from thidua.criteria.selectors import ranking, ranking_counts
from thidua.criteria.views.common import movement_or_404
from thidua.interchange.views import xlsx_response
from thidua.movements.models import Movement
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit
from thidua.units.selectors import subtree_ids

PER_PAGE = 50


def _ranking_setup(
    request: AuthenticatedRequest, movement_pk: int
) -> tuple[Movement, RankingFilterForm]:
    movement = movement_or_404(movement_pk)
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
def ranking_view(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj, form = _ranking_setup(request, movement)
    rows = ranking(request.user, movement_obj, form.filters())
    page, rest = paginate(request, rows, per_page=PER_PAGE)
    return render(
        request,
        "criteria/assessment/ranking.html",
        {
            "movement": movement_obj,
            "filter_form": form,
            "page_obj": page,
            "querystring_without_page": rest,
            "querystring": rest.removesuffix("&"),
            "counts": ranking_counts(rows),
            "can_manage_sets": may_manage_sets(request.user, movement_obj),
            "has_sets": CriterionSet.objects.filter(movement=movement_obj).exists(),
        },
    )


@login_required
@require_GET
def ranking_export_view(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj, form = _ranking_setup(request, movement)
    filters = form.filters()
    rows = ranking(request.user, movement_obj, filters)
    described = []
    if form.is_valid():
        for name in ("q", "candidate_type", "commune", "verdict"):
            value = form.cleaned_data.get(name)
            if value:
                field = form.fields[name]
                shown = value  # the search text and the commune read as they are
                if name != "commune" and isinstance(field, forms.ChoiceField):
                    # RankingFilterForm sets these choices as (value, label) pairs.
                    shown = dict(cast("list[tuple[str, str]]", field.choices)).get(value, value)
                described.append(f"{form.fields[name].label}: {shown}")
    filters_text = (_("Filters: %(list)s.") % {"list": "; ".join(described)}) if described else ""
    data = ranking_workbook(movement_obj, rows, filters_text)
    return xlsx_response(data, _("candidates-%(id)s.xlsx") % {"id": movement_obj.pk})
