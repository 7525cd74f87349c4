"""Closing a session: it waits for every member present to have voted (or is closed early
with a reason, kept in its history), opens the sealed ballots with the session's private key
and counts them, applies each item's threshold in force on the session's day and freezes it,
sets the result and moves the nomination (passed or rejected). The private key is destroyed
once the count is committed.

A tally is withheld wherever it would show one member's vote: with fewer than
``MIN_BALLOTS_FOR_TALLY`` ballots counted the result is shown, the numbers are not."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.templatetags.vn_format import pct
from thidua.councils import selectors
from thidua.councils.models import (
    AgendaItem,
    Ballot,
    BallotReceipt,
    Basis,
    CouncilSession,
    ItemResult,
    SessionStatus,
)
from thidua.nominations.models import NominationStatus as N
from thidua.nominations.workflow import nomination_transition

from . import sealing
from .guards import ensure_runs, ensure_status, lock_session

# One ballot's tally is that member's vote.
MIN_BALLOTS_FOR_TALLY = 2


@dataclass(frozen=True)
class Outcome:
    yes: int
    denominator: int
    percent: int
    basis: str
    counted: int | None = None  # ballots counted; None: not known (taken as enough)

    @property
    def passed(self) -> bool:
        return self.denominator > 0 and self.yes * 100 >= self.percent * self.denominator

    @property
    def share(self) -> float | None:
        return self.yes * 100 / self.denominator if self.denominator else None

    @property
    def withheld(self) -> bool:
        """The tally would reveal a vote: it is not shown anywhere."""
        return self.counted is not None and self.counted < MIN_BALLOTS_FOR_TALLY


def basis_phrase(basis: str) -> str:
    if basis == Basis.PRESENT:
        return pgettext("threshold basis", "of the members present")
    return pgettext("threshold basis", "of all members")


def outcome_note(outcome: Outcome) -> str:
    """ "Đồng ý 6/9 (66,7%), cần ≥ 80% tổng số thành viên"; with a single ballot, the result
    and why the tally is withheld."""
    if outcome.withheld:
        return _(
            "%(result)s (needs ≥ %(percent)s %(basis)s); the tally is withheld: with a single "
            "ballot it would reveal that member's vote"
        ) % {
            "result": ItemResult.PASSED.label if outcome.passed else ItemResult.FAILED.label,
            "percent": f"{outcome.percent}%",
            "basis": basis_phrase(outcome.basis),
        }
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
        counted=item.counted,
    )


def _count(session: CouncilSession, item_ids: set[int]) -> tuple[Counter[int], Counter[int]]:
    """Open every sealed ballot of the session: yes and no per item."""
    sealed = list(Ballot.objects.filter(session=session).values_list("sealed", flat=True))
    voters = BallotReceipt.objects.filter(item__session=session).values("member").distinct().count()
    if len(sealed) != voters:
        raise ApplicationError(
            _("%(ballots)s sealed ballots for %(voters)s members who voted: the count stops.")
            % {"ballots": len(sealed), "voters": voters}
        )
    yes: Counter[int] = Counter()
    no: Counter[int] = Counter()
    if not sealed:
        return yes, no
    for choices in sealing.open_all(session.pk, session.ballot_public_key, sealed):
        if set(choices) != item_ids:
            raise ApplicationError(_("A sealed ballot does not answer the session's agenda."))
        for pk, choice in choices.items():
            (yes if choice else no)[pk] += 1
    return yes, no


def _destroy_key_after_commit(session: CouncilSession) -> None:
    pk, public_key = session.pk, session.ballot_public_key
    if public_key:
        transaction.on_commit(lambda: sealing.destroy_key(pk, public_key))


@transaction.atomic
def session_close(
    *, actor: User, session: CouncilSession, early_reason: str = ""
) -> CouncilSession:
    """Count the ballots, apply each item's threshold, freeze it, set the result and move the
    nomination. Refused while a member present has not voted, unless ``early_reason`` says
    why the council closes all the same."""
    ensure_runs(actor, session)
    session = lock_session(session)
    ensure_status(session, SessionStatus.VOTING)
    early_reason = early_reason.strip()
    waiting = selectors.present_without_ballot(session)
    if waiting and not early_reason:
        raise ApplicationError(
            _(
                "Not everyone present has voted: %(names)s. Wait for their ballots, or close "
                "without every ballot and give the reason."
            )
            % {"names": ", ".join(member.full_name for member in waiting)}
        )
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
    yes, no = _count(session, {item.pk for item in items})
    for item in items:
        # Added to what an item opened before ballots were sealed had counted (else zero).
        item.yes_count += yes[item.pk]
        item.no_count += no[item.pk]
        applied = selectors.threshold_for(
            session.council, item.nomination.award_form_id, by_form, session.held_on
        )
        denominator = selectors.denominator(session, applied.basis)
        if applied.basis == Basis.PRESENT:
            # Absent members who voted in writing count as voters over "those present".
            denominator += written.get(item.pk, 0)
        outcome = Outcome(
            yes=item.yes_count,
            denominator=denominator,
            percent=applied.percent,
            basis=applied.basis,
            counted=item.counted,
        )
        item.threshold_percent = applied.percent
        item.threshold_basis = applied.basis
        item.threshold_denominator = denominator
        item.threshold_origin = applied.origin
        item.threshold_source = applied.source
        item.result = ItemResult.PASSED if outcome.passed else ItemResult.FAILED
        save_attributed(
            item,
            actor=actor,
            reason=_("Session closed"),
            update_fields=[
                "yes_count",
                "no_count",
                "threshold_percent",
                "threshold_basis",
                "threshold_denominator",
                "threshold_origin",
                "threshold_source",
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
    session.early_close_reason = early_reason if waiting else ""
    # The history row keeps the reason itself (``early_close_reason``); the change reason is
    # short (100 characters in django-simple-history).
    reason = _("Closed without every ballot") if waiting else _("Session closed")
    save_attributed(
        session,
        actor=actor,
        reason=reason,
        update_fields=["status", "closed_at", "early_close_reason"],
    )
    _destroy_key_after_commit(session)
    return session
