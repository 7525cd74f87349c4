from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.views import PasswordChangeView, PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts import approvals, credentials_store, services
from thidua.accounts.forms import (
    AccountCreateForm,
    AccountFilterForm,
    NewPasswordChangeForm,
    RoleGrantForm,
)
from thidua.accounts.imports import (
    ACCOUNTS_SPEC,
    accounts_export,
    accounts_import,
    accounts_template,
    credentials_workbook,
)
from thidua.accounts.models import (
    PROTECTED_ROLES,
    PasswordResetRequest,
    RequestStatus,
    Role,
    RoleAssignment,
    RoleChangeAction,
    RoleChangeRequest,
    User,
)
from thidua.accounts.scope import holds, reach
from thidua.accounts.selectors import accounts_managed_by, search_accounts
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
from thidua.units.models import Unit

# The session holds only the tokens of the import's initial passwords, which wait outside the
# database (credentials_store) until their one showing and download.
CREDENTIALS_KEY = "interchange.credentials_token"
CREDENTIALS_FILE_KEY = "interchange.credentials_file_token"


class PasswordChange(PasswordChangeView):
    request: AuthenticatedRequest  # the view requires a signed-in user
    form_class = NewPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        user = self.request.user
        services.record_password_change(user=user, reason=_("Password changed by the owner"))
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetConfirm(PasswordResetConfirmView):
    """The one-time link e-mailed to the owner after a reset."""

    success_url = reverse_lazy("login")
    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_change(user=form.user, reason=_("Password set from a reset link"))
        messages.success(self.request, _("Your password has been set. You can log in now."))
        return response


def _site_url(request: AuthenticatedRequest) -> str:
    """The host written in e-mailed reset links: PUBLIC_BASE_URL when set (behind a proxy)."""
    base: str = getattr(settings, "PUBLIC_BASE_URL", "") or request.build_absolute_uri("/")
    return base.rstrip("/")


def _require_manager(request: AuthenticatedRequest) -> None:
    if not holds(request.user, (Role.HOME_AFFAIRS,)):
        raise PermissionDenied


def _managed_units(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=reach(user, (Role.HOME_AFFAIRS,))).order_by("sort_name")


def _access_account(request: AuthenticatedRequest, pk: int) -> User:
    """The account if it is within the manager's reach; the same 404 otherwise."""
    _require_manager(request)
    return get_object_or_404(accounts_managed_by(request.user), pk=pk)


@login_required
def account_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    form = AccountFilterForm(request.GET or None)
    accounts = accounts_managed_by(request.user)
    if form.is_valid():
        accounts = search_accounts(accounts, form.cleaned_data["q"], form.cleaned_data["role"])
    page, rest = paginate(request, accounts, per_page=50)
    return render(
        request,
        "accounts/list.html",
        {"page_obj": page, "querystring_without_page": rest, "filter_form": form},
    )


@login_required
def account_create_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    units = _managed_units(request.user)
    form = AccountCreateForm(request.POST or None, units=units, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.account_create(actor=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if data["role"] in PROTECTED_ROLES:  # the account exists; its role awaits approval
                messages.info(request, _("Request sent: another officer must approve it."))
            return render(
                request, "accounts/created.html", {"account": user, "initial_password": password}
            )
    return render(request, "accounts/create.html", {"form": form})


@login_required
def account_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _access_account(request, pk)
    grant_form = RoleGrantForm(units=_managed_units(request.user))
    return render(
        request,
        "accounts/detail.html",
        {
            "account": account,
            "grant_form": grant_form,
            "history_entries": history_entries(account),
            "pending_roles": RoleChangeRequest.objects.filter(
                user=account, status=RequestStatus.PENDING
            ).select_related("unit", "requested_by"),
            "pending_reset": PasswordResetRequest.objects.filter(
                user=account, status=RequestStatus.PENDING
            ).exists(),
        },
    )


@login_required
@require_POST
def role_grant_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _access_account(request, pk)
    form = RoleGrantForm(request.POST, units=_managed_units(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["role"] in PROTECTED_ROLES:
                approvals.role_change_request(actor=request.user, user=account, **data)
            else:
                services.role_grant(actor=request.user, user=account, **data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if data["role"] in PROTECTED_ROLES:
                messages.success(request, _("Request sent: another officer must approve it."))
            else:
                messages.success(request, _("Role granted."))
    else:
        messages.error(request, _("Choose a role and a unit."))
    return redirect("accounts:detail", pk=account.pk)


@login_required
@require_POST
def role_revoke_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("unit", "user"),
        pk=pk,
        unit_id__in=reach(request.user, (Role.HOME_AFFAIRS,)),
    )
    if assignment.role in PROTECTED_ROLES:
        approvals.role_change_request(
            actor=request.user,
            user=assignment.user,
            role=assignment.role,
            unit=assignment.unit,
            action=RoleChangeAction.REVOKE,
        )
        messages.success(request, _("Request sent: another officer must approve it."))
    else:
        services.role_revoke(actor=request.user, assignment=assignment)
        messages.success(request, _("Role revoked."))
    return redirect("accounts:detail", pk=assignment.user_id)


@login_required
@require_POST
def password_reset_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _access_account(request, pk)
    if RoleAssignment.objects.filter(user=account, role__in=PROTECTED_ROLES).exists():
        approvals.password_reset_request(actor=request.user, user=account)
        messages.success(request, _("Request sent: another officer must approve it."))
        return redirect("accounts:detail", pk=account.pk)
    outcome = services.account_reset_password(
        actor=request.user, user=account, site_url=_site_url(request)
    )
    return _reset_done(request, account, outcome)


def _reset_done(
    request: AuthenticatedRequest, account: User, outcome: services.ResetOutcome
) -> HttpResponse:
    if outcome.link_sent_to:
        messages.success(
            request,
            _("A one-time link to set a new password was e-mailed to %(email)s.")
            % {"email": outcome.link_sent_to},
        )
        return redirect("accounts:detail", pk=account.pk)
    return render(
        request,
        "accounts/created.html",
        {"account": account, "initial_password": outcome.temporary_password, "reset": True},
    )


# --- Requests waiting for a second officer's approval ----------------------------------------


@login_required
def approval_list(request: AuthenticatedRequest) -> HttpResponse:
    if not (request.user.is_superuser or holds(request.user, (Role.HOME_AFFAIRS,))):
        raise PermissionDenied
    role_requests, reset_requests = approvals.pending_for(request.user)
    return render(
        request,
        "accounts/approvals.html",
        {"role_requests": role_requests, "reset_requests": reset_requests},
    )


def _decide_view(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    pending: RoleChangeRequest | PasswordResetRequest
    if kind == "role":
        pending = get_object_or_404(RoleChangeRequest.objects.select_related("user", "unit"), pk=pk)
    else:
        pending = get_object_or_404(PasswordResetRequest.objects.select_related("user"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        if not approve:
            approvals.request_reject(actor=request.user, request=pending)
        elif isinstance(pending, RoleChangeRequest):
            approvals.role_change_approve(actor=request.user, request=pending)
        else:
            outcome = approvals.password_reset_approve(
                actor=request.user, request=pending, site_url=_site_url(request)
            )
            return _reset_done(request, pending.user, outcome)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Request approved.") if approve else _("Request rejected."))
    return redirect("accounts:approvals")


@login_required
@require_POST
def role_request_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decide_view(request, "role", pk)


@login_required
@require_POST
def reset_request_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decide_view(request, "reset", pk)


@login_required
@require_POST
def set_active_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _access_account(request, pk)
    active = request.POST.get("active") == "1"
    if account == request.user and not active:
        messages.error(request, _("You cannot lock your own account."))
    else:
        services.account_set_active(actor=request.user, user=account, active=active)
        messages.success(request, _("Account unlocked.") if active else _("Account locked."))
    return redirect("accounts:detail", pk=account.pk)


# --- Excel: template, import, the initial passwords shown once, export ---------------------


@login_required
@require_GET
def accounts_template_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")
    return xlsx_response(accounts_template(), _("accounts-template.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def accounts_import_view(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")

    def done(result: xlsx.ImportResult, _data: ImportData) -> HttpResponse:
        messages.success(
            request,
            _(
                "Imported %(total)s rows (%(created)s new accounts, %(updated)s roles added, "
                "%(unchanged)s unchanged)."
            )
            % {
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        request.session[CREDENTIALS_KEY] = credentials_store.put_credentials(result.details)
        return redirect("accounts:credentials")

    importer = Importer(
        title=_("Import accounts from Excel"),
        spec=ACCOUNTS_SPEC,
        run=lambda data: accounts_import(actor=request.user, upload=data["file"]),
        done=done,
        template_url=reverse("accounts:import_template"),
        cancel_url=reverse("accounts:list"),
        export_url=reverse("accounts:export"),
        export_reimports=True,
    )
    intro = _(
        "Each row gives a person an account on a unit with a role. New accounts get an initial "
        "password, shown once after the import, that must be changed at the first login. A "
        "username that already exists in your area only receives the role; its other details "
        "are not changed."
    )
    return import_page(request, importer=importer, context={"intro": intro})


@login_required
@require_GET
@never_cache
def accounts_credentials(request: AuthenticatedRequest) -> HttpResponse:
    """The initial passwords, shown once: reloading the page does not show them again."""
    require_perm(request, "accounts.manage_accounts")
    credentials = credentials_store.take_credentials(request.session.pop(CREDENTIALS_KEY, None))
    if credentials is None:
        messages.info(request, _("The initial passwords are shown only once, after the import."))
        return redirect("accounts:import")
    has_passwords = any(c.password for c in credentials)
    if has_passwords:
        data = credentials_workbook(c for c in credentials if c.password)
        request.session[CREDENTIALS_FILE_KEY] = credentials_store.put(data)
    return render(
        request,
        "interchange/credentials.html",
        {"credentials": credentials, "has_passwords": has_passwords},
    )


@login_required
@require_GET
@never_cache
def accounts_credentials_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")
    data = credentials_store.take(request.session.pop(CREDENTIALS_FILE_KEY, None))
    if data is None:
        raise Http404(_("The file of initial passwords can be downloaded only once."))
    return xlsx_response(data, dated_filename(_("initial-passwords")))


@login_required
@require_GET
def accounts_export_download(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_accounts")
    return xlsx_response(accounts_export(actor=request.user), dated_filename(_("accounts")))
