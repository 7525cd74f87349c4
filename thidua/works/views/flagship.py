"""The page where the issuer selects the movement's flagship works (công trình tiêu biểu)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.works import selectors, services
from thidua.works.forms import FlagshipForm
from thidua.works.models import RegistrationStatus, Work
from thidua.works.rules import access_works_movement


@login_required
@require_http_methods(["GET", "POST"])
def flagship_select(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    movement_obj = access_works_movement(request.user, movement, "works.select_flagship")
    current = {f.work_id: f for f in movement_obj.flagship_works.all()}
    first = next(iter(current.values()), None)
    form = FlagshipForm(
        request.POST or None,
        initial={"congress": first.congress if first else ""},
    )
    q = request.GET.get("q", "")
    candidates = selectors.filter_works(
        Work.objects.filter(
            movement=movement_obj, status=RegistrationStatus.REGISTERED
        ).select_related("unit", "unit__parent"),
        selectors.WorkFilters(q=q),
    ).order_by("-estimated_value", "pk")
    chosen_ids = [int(v) for v in request.POST.getlist("work") if v.isdigit()]
    reasons = {pk: request.POST.get(f"reason-{pk}", "") for pk in chosen_ids}
    error_list: list[str] = []
    if request.method == "POST" and form.is_valid():
        works = Work.objects.in_bulk(chosen_ids)
        choices = [
            services.FlagshipChoice(work=works[pk], reason=reasons[pk])
            for pk in chosen_ids
            if pk in works
        ]
        try:
            services.flagship_select(
                actor=request.user,
                movement=movement_obj,
                choices=choices,
                congress=form.cleaned_data["congress"],
            )
        except ValidationError as error:
            for field, errs in error.message_dict.items():
                if field == "congress":
                    form.add_error("congress", errs)
                else:
                    error_list.extend(errs)
        except ApplicationError as error:
            error_list.append(error.message)
        else:
            messages.success(request, _("The flagship works are selected."))
            return redirect("works:list", movement=movement_obj.pk)
    if request.method != "POST":
        chosen_ids = list(current)
        reasons = {pk: f.reason for pk, f in current.items()}
    # The chosen works first, then the largest; the list is long only in a big district.
    shown = list(Work.objects.filter(pk__in=chosen_ids).select_related("unit", "unit__parent"))
    shown += [w for w in candidates[:100] if w.pk not in set(chosen_ids)]
    return render(
        request,
        "works/flagship.html",
        {
            "movement": movement_obj,
            "form": form,
            "works": shown,
            "chosen": set(chosen_ids),
            "reasons": reasons,
            "errors": error_list,
            "q": q,
        },
    )
