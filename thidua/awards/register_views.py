"""Pages of the award register, certificates, revocation and the award budget: thin views
over ``register``, ``certificates``, ``budget`` and ``payment_export``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.scope import ALL_ROLES, reach
from thidua.awards import budget as budget_selectors
from thidua.awards import certificates, register
from thidua.awards.models import Decision
from thidua.awards.payment_export import payment_export
from thidua.awards.register_forms import RecordAwardForm, RegisterFilterForm, RevokeForm
from thidua.core.errors import ApplicationError
from thidua.core.history import history_entries
from thidua.core.http import access, paginate
from thidua.criteria.models import Person
from thidua.interchange.views import dated_filename, xlsx_response
from thidua.interchange.xlsx import safe_filename
from thidua.movements.models import Movement
from thidua.movements.selectors import movements_visible
from thidua.units.models import Unit

PDF = "application/pdf"


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename)
    )
    response["Cache-Control"] = "no-store"
    return response


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- the register -----------------------------------------------------------------------


def _filter_form(request: HttpRequest) -> tuple[RegisterFilterForm, register.RegisterFilters]:
    visible = register.awards_visible(request.user)
    form = RegisterFilterForm(
        request.GET or None,
        years=register.register_years(visible),
        movements=Movement.objects.filter(pk__in=visible.values("movement_id")).order_by(
            "-start_date", "pk"
        ),
        communes=register.register_communes(request.user),
    )
    return form, form.filters()


@login_required
@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filter_form(request)
    awards = register.register_awards(request.user, filters)
    page, rest = paginate(request, awards, per_page=50)
    return render(
        request,
        "awards/register/list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "querystring_without_page": rest,
            "can_record": register.may_record(request.user),
        },
    )


@login_required
@require_GET
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as .xlsx, with the list's filters (whatever the page)."""
    _form, filters = _filter_form(request)
    awards = register.register_awards(request.user, filters)
    return xlsx_response(
        register.register_workbook(awards.iterator(chunk_size=2000)),
        dated_filename(_("award-register")),
    )


@login_required
@require_GET
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = register.access_award(request.user, pk)
    return render(
        request,
        "awards/register/detail.html",
        {
            "award": award,
            "code": register.short_code(award),
            "verify_url": certificates.qr_payload(award, request),
            "can_revoke": register.may_revoke(request.user, award),
            "multiple": budget_selectors.multiple_text(award.multiple),
            "history_entries": history_entries(award),
        },
    )


@login_required
@require_GET
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    award = register.access_award(request.user, pk)
    try:
        data = certificates.certificate_pdf(award, certificates.qr_payload(award, request))
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("awards:award", pk=award.pk)
    return _pdf_response(data, f"giay-khen-{award.pk}-{award.recipient_name}.pdf")


def access_decision(user, pk: int) -> Decision:
    """A decision whose certificates the user may print: any role over its issuer."""
    decision = Decision.objects.select_related("issuing_unit", "movement").filter(pk=pk).first()
    if decision is None:
        raise Http404
    if decision.issuing_unit_id not in reach(user, ALL_ROLES):
        raise Http404
    return decision


@login_required
@require_GET
def decision_certificates(request: HttpRequest, decision: int) -> HttpResponse:
    """Every valid certificate of a decision, one page each, to print in one go."""
    decision_obj = access_decision(request.user, decision)
    awards = list(
        decision_obj.awards.select_related(
            "award_form", "movement", "unit", "person__unit", "decision__issuing_unit"
        ).order_by("pk")
    )
    if not awards:
        raise Http404
    title = f"Giấy khen – {decision_obj.number_label or decision_obj.summary}"
    try:
        data = certificates.certificates_pdf(
            ((award, certificates.qr_payload(award, request)) for award in awards), title
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("awards:register")
    label = decision_obj.number_label or str(decision_obj.pk)
    return _pdf_response(data, f"giay-khen-{label}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def award_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    award = register.access_award(request.user, pk)
    if award.is_revoked:
        messages.info(request, _("This award is already revoked."))
        return redirect("awards:award", pk=award.pk)
    if not register.may_revoke(request.user, award):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            register.award_revoke(actor=request.user, award=award, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The award to %(name)s is revoked; its money is left out of the totals.")
                % {"name": award.recipient_name},
            )
            return redirect("awards:award", pk=award.pk)
    return render(request, "awards/register/revoke.html", {"award": award, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def award_record_view(request: HttpRequest) -> HttpResponse:
    """Enter an award decided earlier on paper (Home Affairs)."""
    if not register.may_record(request.user):
        raise PermissionDenied
    ids = reach(request.user, register.REGISTRAR_ROLES)
    units = Unit.objects.filter(pk__in=ids).select_related("parent").order_by("sort_name")
    people = Person.objects.filter(unit_id__in=ids).select_related("unit").order_by("sort_name")
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial = {"recipient_kind": register.RecipientKind.COLLECTIVE, "unit": request.GET["unit"]}
    elif request.GET.get("person", "").isdigit():
        initial = {
            "recipient_kind": register.RecipientKind.INDIVIDUAL,
            "person": request.GET["person"],
        }
    form = RecordAwardForm(
        request.POST or None,
        initial=initial,
        units=units,
        people=people,
        movements=movements_visible(request.user).order_by("-start_date", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            award = register.award_record(
                actor=request.user,
                award_form=data["award_form"],
                deciding_office=data["deciding_office"],
                decision_number=data["decision_number"],
                decided_on=data["decided_on"],
                unit=data["unit"],
                person=data["person"],
                movement=data["movement"],
                recipient_detail=data["recipient_detail"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if award.amount is None:
                messages.warning(
                    request,
                    _(
                        "The award is recorded. No money multiple of this form was in force "
                        "on the decision date: it is listed without an amount."
                    ),
                )
            else:
                messages.success(request, _("The award is recorded."))
            return redirect("awards:award", pk=award.pk)
    return render(request, "awards/register/record.html", {"form": form})


# --- budget -----------------------------------------------------------------------------


@login_required
@require_GET
def budget_overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "awards/register/budgets.html",
        {"rows": budget_selectors.budget_overview(request.user)},
    )


def _budget_movement(request: HttpRequest, pk: int) -> Movement:
    movement = Movement.objects.select_related("issuing_unit").filter(pk=pk).first()
    return access(request.user, "movements.view_movement", movement)


@login_required
@require_GET
def budget_detail(request: HttpRequest, movement: int) -> HttpResponse:
    movement_obj = _budget_movement(request, movement)
    return render(
        request,
        "awards/register/budget.html",
        {"budget": budget_selectors.movement_budget(request.user, movement_obj)},
    )


@login_required
@require_GET
def payment_list(request: HttpRequest, movement: int) -> HttpResponse:
    movement_obj = _budget_movement(request, movement)
    data = payment_export(actor=request.user, movement=movement_obj)
    return xlsx_response(data, dated_filename(_("award-payment-list")))


urlpatterns = [
    path("so-khen-thuong/", register_list, name="register"),
    path("so-khen-thuong/xuat-excel/", register_export, name="register_export"),
    path("so-khen-thuong/ghi-so/", award_record_view, name="record"),
    path("so-khen-thuong/<int:pk>/", award_detail, name="award"),
    path("so-khen-thuong/<int:pk>/giay-khen.pdf", certificate_download, name="certificate"),
    path("so-khen-thuong/<int:pk>/thu-hoi/", award_revoke_view, name="revoke"),
    path(
        "so-khen-thuong/quyet-dinh/<int:decision>/giay-khen.pdf",
        decision_certificates,
        name="decision_certificates",
    ),
    path("kinh-phi/", budget_overview, name="budgets"),
    path("kinh-phi/<int:movement>/", budget_detail, name="budget"),
    path("kinh-phi/<int:movement>/danh-sach-chi.xlsx", payment_list, name="payment_list"),
]
