"""The public verification page a certificate's QR code opens (no login).

It shows only what the decision itself publishes: the award form, the recipient's name and
position as written on the decision, the decision's number, date and deciding office, the
movement, and whether the award stands or was revoked (date, reason, revoking decision).
Nothing else about the person, no internal ids, no money.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .register import award_by_code, award_by_token
from .register_forms import VerifyLookupForm


@require_GET
@never_cache  # a revocation must show at once, never from a cache
def verify_award(request: HttpRequest, token) -> HttpResponse:
    award = award_by_token(token)
    if award is None:
        return render(
            request, "awards/public/not_found.html", {"form": VerifyLookupForm()}, status=404
        )
    response = render(request, "awards/public/verify.html", {"award": award})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """Type the code printed under the QR code; a known code goes to its page."""
    form = VerifyLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        award = award_by_code(form.cleaned_data["code"])
        if award is not None:
            return redirect("verify:award", token=award.token)
        return render(
            request,
            "awards/public/not_found.html",
            {"form": form, "searched": form.cleaned_data["code"]},
            status=404,
        )
    return render(request, "awards/public/lookup.html", {"form": form})


urlpatterns = [
    path("", verify_lookup, name="lookup"),
    path("<uuid:token>/", verify_award, name="award"),
]
