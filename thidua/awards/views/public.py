"""The public verification page a certificate's QR code opens (no login).

It shows only what the decision itself publishes: the award form, the recipient's name and
position as written on the decision, the decision's number, date and deciding office, the
movement, and whether the award stands or was revoked (date, revoking decision) — never the
reason, which often names a disciplinary sanction.
Nothing else about the person, no internal ids, no money.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.awards.forms import VerifyLookupForm
from thidua.awards.selectors.decisions import (
    published_decision_index,
    published_decision_with_awards,
)
from thidua.awards.selectors.register import award_by_code, award_by_token
from thidua.core.http import paginate


@require_GET
def decision_index(request: HttpRequest) -> HttpResponse:
    """Signed award decisions, newest first, searchable by number or summary."""
    q = request.GET.get("q", "").strip()[:100]
    decisions = published_decision_index(q)
    page_obj, rest = paginate(request, decisions, per_page=25)
    return render(
        request,
        "awards/public/decisions.html",
        {"page_obj": page_obj, "rest": rest, "q": q},
    )


@require_GET
def decision_public(request: HttpRequest, pk: int) -> HttpResponse:
    """One signed decision with its list: the recipients, their forms and whether each award
    still stands (and the revoking decision). No link to the verification pages: their code
    is the certificate's. No money, no reason for a revocation, no internal data."""
    decision = get_object_or_404(published_decision_with_awards(), pk=pk)
    return render(request, "awards/public/decision.html", {"decision": decision})


@require_GET
@never_cache  # a revocation must show at once, never from a cache
def verify_award(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
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
