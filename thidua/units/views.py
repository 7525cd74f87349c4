from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, holds, reach
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.history import history_entries
from thidua.core.http import paginate
from thidua.interchange import xlsx
from thidua.interchange.views import (
    ImportData,
    Importer,
    dated_filename,
    import_page,
    require_perm,
    xlsx_response,
)
from thidua.units import services
from thidua.units.extensions import predecessor_sections
from thidua.units.forms import UnitFilterForm, UnitForm
from thidua.units.imports import UNITS_SPEC, units_export, units_import, units_template
from thidua.units.models import Unit
from thidua.units.selectors import successions_of, tree_on, unit_search


def _visible_units(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=reach(user, ALL_ROLES))


def _access_unit(request: AuthenticatedRequest, pk: int) -> Unit:
    """The unit if it is within the user's reach; the same 404 for missing and not yours."""
    return get_object_or_404(_visible_units(request.user).select_related("parent"), pk=pk)


@login_required
def unit_list(request: AuthenticatedRequest) -> HttpResponse:
    """The directory as it stood on ``?ngay=`` (today by default); a search finds ended units
    too and says what they became."""
    form = UnitFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    day = data.get("ngay") or timezone.localdate()
    text, kind = data.get("q") or "", data.get("kind") or ""
    visible = reach(request.user, ALL_ROLES)
    units: QuerySet[Unit] | list[Unit]
    if text:
        units = unit_search(Unit.objects.filter(pk__in=visible), text)
        if kind:
            units = units.filter(kind=kind)
        units = units.select_related("parent").order_by("sort_name", "pk")
    else:
        units = tree_on(visible, day)
        if kind:
            units = [u for u in units if u.kind == kind]
    page, rest = paginate(request, units, per_page=100)
    became = successions_of([u.pk for u in page]) if text else {}
    depth_base = min((getattr(u, "tree_depth", 0) for u in page), default=0)
    for unit in page:
        unit.indent = min(getattr(unit, "tree_depth", 0) - depth_base, 4)
        if text:
            unit.parent_on = unit.parent
            unit.became = became.get(unit.pk, [])
    return render(
        request,
        "units/list.html",
        {
            "page_obj": page,
            "querystring_without_page": rest,
            "filter_form": form,
            "filtered": bool(text or kind),
            "searching": bool(text),
            "as_at": day,
            "can_manage": holds(request.user, (Role.HOME_AFFAIRS,)),
        },
    )


@login_required
def unit_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    unit = _access_unit(request, pk)
    ancestors = [u for u in Unit.objects.ancestors(unit) if u.pk in reach(request.user, ALL_ROLES)]
    children = unit.children.annotate(child_count=Count("children")).order_by("sort_name")
    page, rest = paginate(request, children, per_page=50)
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "page_obj": page,
            "querystring_without_page": rest,
            "successions": unit.successions.select_related("successor"),
            "predecessions": unit.predecessions.select_related("predecessor"),
            "can_manage": request.user.has_perm("units.manage_directory", unit),
            "history_entries": history_entries(unit),
            "predecessor_sections": predecessor_sections(unit),
        },
    )


def _manageable_parents(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=reach(user, (Role.HOME_AFFAIRS,))).order_by("sort_name")


@login_required
def unit_create_view(request: AuthenticatedRequest) -> HttpResponse:
    if not holds(request.user, (Role.HOME_AFFAIRS,)):
        raise PermissionDenied
    initial = {}
    if request.GET.get("parent"):
        initial["parent"] = request.GET["parent"]
    form = UnitForm(
        request.POST or None, parents=_manageable_parents(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Unit %(name)s created.") % {"name": unit.name})
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/form.html", {"form": form, "unit": None})


@login_required
def unit_edit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    unit = _access_unit(request, pk)
    if not request.user.has_perm("units.manage_directory", unit):
        raise PermissionDenied
    form = UnitForm(request.POST or None, instance=unit, parents=_manageable_parents(request.user))
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        fresh = Unit.objects.get(pk=unit.pk)
        try:
            services.unit_update(actor=request.user, unit=fresh, **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/form.html", {"form": form, "unit": unit})


# --- Excel: template, import, export --------------------------------------------------------


@login_required
@require_GET
def units_template_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "units.manage_directory")
    return xlsx_response(units_template(), _("units-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def units_import_view(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "units.manage_directory")

    def done(result: xlsx.ImportResult, _data: ImportData) -> HttpResponse:
        messages.success(
            request,
            _(
                "Imported %(total)s units (%(created)s new, %(updated)s updated, "
                "%(unchanged)s unchanged)."
            )
            % {
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect("units:list")

    importer = Importer(
        title=_("Import units from Excel"),
        spec=UNITS_SPEC,
        run=lambda data: units_import(actor=request.user, upload=data["file"]),
        done=done,
        template_url=reverse("units:import_template"),
        cancel_url=reverse("units:list"),
        export_url=reverse("units:export"),
        export_reimports=True,
    )
    intro = _(
        "Each row is a unit identified by its code: a new code creates a unit, an existing code "
        "updates it. Every unit names its parent by code; the parent may be another row of the "
        "same file."
    )
    return import_page(request, importer=importer, context={"intro": intro})


@login_required
@require_GET
def units_export_download(request: AuthenticatedRequest) -> HttpResponse:
    # Anyone holding a role may export what they can see.
    require_perm(request, "units.view_unit")
    return xlsx_response(units_export(actor=request.user), dated_filename(_("units")))
