"""People units manage and nominate: the list, recording and correcting a person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.http import paginate
from thidua.core.text import fold
from thidua.criteria import services
from thidua.criteria.forms import PersonForm
from thidua.criteria.models import Person, PersonKind
from thidua.criteria.rules import access_person, editable_units, viewable_units
from thidua.criteria.views.common import FILTER_BOX_FROM, picker_units


@login_required
@require_GET
def people_list(request: AuthenticatedRequest) -> HttpResponse:
    area = viewable_units(request.user)
    if not area:
        raise Http404
    people = Person.objects.filter(unit_id__in=area).select_related("unit", "unit__parent")
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
    units = list(picker_units(area).only("pk", "name", "kind", "parent__name"))
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
    request: AuthenticatedRequest, *, person: Person | None, initial: dict | None = None
) -> HttpResponse:
    units = picker_units(editable_units(request.user))
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
def person_create(request: AuthenticatedRequest) -> HttpResponse:
    area = editable_units(request.user)
    if not area:
        raise Http404
    unit = request.GET.get("unit", "")
    initial = {"unit": int(unit)} if unit.isdigit() and int(unit) in area else {}
    if not initial and request.user.unit_id is not None and request.user.unit_id in area:
        initial = {"unit": request.user.unit_id}
    return _person_form_page(request, person=None, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, edit=True)
    return _person_form_page(request, person=person)
