"""Closing a session: each item's threshold is applied to its tallies and frozen, the result
set and the nomination moved (passed or rejected)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.core.templatetags.vn_format import pct
from thidua.councils import selectors
from thidua.councils.models import (
    AgendaItem,
    BallotReceipt,
    Basis,
    CouncilSession,
    ItemResult,
    SessionStatus,
)
from thidua.nominations.models import NominationStatus as N
from thidua.nominations.workflow import nomination_transition

from .guards import ensure_runs, ensure_status, lock_session


@dataclass(frozen=True)
class Outcome:
    yes: int
    denominator: int
    percent: int
    basis: str

    @property
    def passed(self) -> bool:
        return self.denominator > 0 and self.yes * 100 >= self.percent * self.denominator

    @property
    def share(self) -> float | None:
        return self.yes * 100 / self.denominator if self.denominator else None


def basis_phrase(basis: str) -> str:
    if basis == Basis.PRESENT:
        return pgettext("threshold basis", "of the members present")
    return pgettext("threshold basis", "of all members")


def outcome_note(outcome: Outcome) -> str:
    """ "Đồng ý 6/9 (66,7%), cần ≥ 80% tổng số thành viên"."""
    return _("Yes %(yes)s/%(denominator)s (%(share)s), needs ≥ %(percent)s %(basis)s") % {
        "yes": outcome.yes,
        "denominator": outcome.denominator,
        "share": pct(outcome.share),
        "percent": f"{outcome.percent}%",
        "basis": basis_phrase(outcome.basis),
    }


def item_outcome(item: AgendaItem, session: CouncilSession) -> Outcome:
    """From the frozen threshold of a closed item."""
    return Outcome(
        yes=item.yes_count,
        denominator=(
            item.threshold_denominator
            if item.threshold_denominator is not None
            else selectors.denominator(session, item.threshold_basis)
        ),
        percent=item.threshold_percent or 0,
        basis=item.threshold_basis,
    )


@transaction.atomic
def session_close(*, actor: User, session: CouncilSession) -> CouncilSession:
    """Apply each item's threshold, freeze it, set the result and move the nomination."""
    ensure_runs(actor, session)
    session = lock_session(session)
    ensure_status(session, SessionStatus.VOTING)
    by_form = selectors.thresholds_by_form(session.council)
    items = list(
        AgendaItem.objects.filter(session=session)
        .select_related("nomination")
        .order_by("position", "pk")
    )
    written = dict(
        BallotReceipt.objects.filter(item__session=session, in_writing=True)
        .values_list("item")
        .annotate(n=Count("pk"))
    )
    for item in items:
        applied = selectors.threshold_for(session.council, item.nomination.award_form_id, by_form)
        denominator = selectors.denominator(session, applied.basis)
        if applied.basis == Basis.PRESENT:
            # Absent members who voted in writing count as voters over "those present".
            denominator += written.get(item.pk, 0)
        outcome = Outcome(
            yes=item.yes_count,
            denominator=denominator,
            percent=applied.percent,
            basis=applied.basis,
        )
        item.threshold_percent = applied.percent
        item.threshold_basis = applied.basis
        item.threshold_denominator = denominator
        item.result = ItemResult.PASSED if outcome.passed else ItemResult.FAILED
        save_attributed(
            item,
            actor=actor,
            reason=_("Session closed"),
            update_fields=[
                "threshold_percent",
                "threshold_basis",
                "threshold_denominator",
                "result",
            ],
        )
        nomination_transition(
            nomination=item.nomination,
            to=N.PASSED if outcome.passed else N.REJECTED,
            actor=actor,
            note=outcome_note(outcome),
        )
    session.status = SessionStatus.CLOSED
    session.closed_at = timezone.now()
    save_attributed(
        session, actor=actor, reason=_("Session closed"), update_fields=["status", "closed_at"]
    )
    return session
