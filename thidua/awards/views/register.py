"""Pages of the award register: the list and its export, an award's page and certificate,
a decision's certificates, recording an earlier paper award and revocation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.awards import rules
from thidua.awards.documents import certificates
from thidua.awards.documents.register_workbook import register_workbook
from thidua.awards.forms import RecordAwardForm, RegisterFilterForm, RevokeForm
from thidua.awards.selectors import register as register_selectors
from thidua.awards.selectors.budget import multiple_text
from thidua.awards.services import register
from thidua.core.errors import ApplicationError
from thidua.core.forms import add_errors
from thidua.core.history import history_entries
from thidua.core.http import PDF_CONTENT_TYPE, download, paginate
from thidua.interchange.views import dated_filename, xlsx_response
from thidua.interchange.xlsx import safe_filename
from thidua.movements.selectors import movements_visible

# --- the register -----------------------------------------------------------------------


def _filter_form(
    request: AuthenticatedRequest,
) -> tuple[RegisterFilterForm, register_selectors.RegisterFilters]:
    visible = register_selectors.awards_visible(request.user)
    form = RegisterFilterForm(
        request.GET or None,
        years=register_selectors.register_years(visible),
        movements=register_selectors.register_movements(visible),
        communes=register_selectors.register_communes(request.user),
    )
    return form, form.filters()


@login_required
@require_GET
def register_list(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filter_form(request)
    awards = register_selectors.register_awards(request.user, filters)
    page, rest = paginate(request, awards, per_page=50)
    return render(
        request,
        "awards/register/list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "awards": rules.mark_money(request.user, page),
            "querystring_without_page": rest,
            "can_record": rules.may_record(request.user),
        },
    )


@login_required
@require_GET
def register_export(request: AuthenticatedRequest) -> HttpResponse:
    """The register as .xlsx, with the list's filters (whatever the page)."""
    _form, filters = _filter_form(request)
    awards = register_selectors.register_awards(request.user, filters)
    return xlsx_response(
        register_workbook(
            awards.iterator(chunk_size=2000), shows_money=rules.money_scope(request.user).sees_award
        ),
        dated_filename(_("award-register")),
    )


@login_required
@require_GET
def award_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    award = rules.access_award(request.user, pk)
    return render(
        request,
        "awards/register/detail.html",
        {
            "award": award,
            "code": register_selectors.short_code(award),
            "verify_url": certificates.qr_payload(award, request),
            "can_revoke": rules.may_revoke(request.user, award),
            "multiple": multiple_text(award.multiple),
            "money_shown": request.user.has_perm("awards.view_award_money", award),
            "history_entries": history_entries(award),
        },
    )


@login_required
@require_GET
def certificate_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    award = rules.access_award(request.user, pk)
    try:
        data = certificates.certificate_pdf(award, certificates.qr_payload(award, request))
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("awards:award", pk=award.pk)
    return download(
        data, safe_filename(f"giay-khen-{award.pk}-{award.recipient_name}.pdf"), PDF_CONTENT_TYPE
    )


@login_required
@require_GET
def decision_certificates(request: AuthenticatedRequest, decision: int) -> HttpResponseBase:
    """Every valid certificate of a decision, one page each, to print in one go."""
    decision_obj = rules.access_decision_to_print(request.user, decision)
    awards = register_selectors.certificate_awards(decision_obj)
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
    return download(data, safe_filename(f"giay-khen-{label}.pdf"), PDF_CONTENT_TYPE)


@login_required
@require_http_methods(["GET", "POST"])
def award_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    award = rules.access_award(request.user, pk)
    if award.is_revoked:
        messages.info(request, _("This award is already revoked."))
        return redirect("awards:award", pk=award.pk)
    if not rules.may_revoke(request.user, award):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            register.award_revoke(actor=request.user, award=award, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
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
def award_record_view(request: AuthenticatedRequest) -> HttpResponse:
    """Enter an award decided earlier on paper (Home Affairs)."""
    if not rules.may_record(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial = {
            "recipient_kind": register_selectors.RecipientKind.COLLECTIVE,
            "unit": request.GET["unit"],
        }
    elif request.GET.get("person", "").isdigit():
        initial = {
            "recipient_kind": register_selectors.RecipientKind.INDIVIDUAL,
            "person": request.GET["person"],
        }
    form = RecordAwardForm(
        request.POST or None,
        initial=initial,
        units=register_selectors.recordable_units(request.user),
        people=register_selectors.recordable_people(request.user),
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
            add_errors(form, error)
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
