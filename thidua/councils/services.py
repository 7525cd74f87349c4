"""Writes for councils: setup, sessions and their agenda, attendance, the secret ballot and
the close that turns tallies into results.

The ballot is secret. A vote is one transaction that first writes the member's receipts
(``BallotReceipt``: *that* they voted on each item, unique per item and member, so a second
ballot fails on the constraint even when two arrive at once) and then adds one to each
item's ``yes_count`` or ``no_count`` with an ``F()`` update. Nothing records which choice
came from whom: not a row, not the history (``AgendaItem.history`` leaves the tallies out and
``.update()`` writes no history), not a message, not a log line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.award_catalogue.models import AwardForm
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.templatetags.vn_format import pct
from thidua.councils import defaults, rules, selectors
from thidua.councils.models import (
    AgendaItem,
    Attendance,
    BallotReceipt,
    Basis,
    Council,
    CouncilMember,
    CouncilSession,
    ItemResult,
    SessionStatus,
    Threshold,
)
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination
from thidua.nominations.models import NominationStatus as N
from thidua.nominations.workflow import nomination_transition
from thidua.units.models import Unit
from thidua.units.selectors import subtree_ids

COUNCIL_FIELDS = (
    "name",
    "quorum_numerator",
    "quorum_denominator",
    "threshold_percent",
    "threshold_basis",
    "legal_source",
)
MEMBER_FIELDS = ("full_name", "position", "role", "active")


# --- checks -------------------------------------------------------------------------------


def _ensure_manager(actor, council: Council) -> None:
    if not rules.manages(actor, council):
        raise PermissionDenied


def _ensure_runs(actor, session: CouncilSession) -> rules.SessionAccess:
    rights = rules.session_access(actor, session)
    if rights is None or not rights.runs:
        raise PermissionDenied
    return rights


def _lock(session: CouncilSession) -> CouncilSession:
    """The session row, locked for the rest of the transaction (PostgreSQL; SQLite runs
    write transactions one at a time)."""
    return CouncilSession.objects.select_for_update().select_related("council").get(pk=session.pk)


def _ensure_status(session: CouncilSession, *statuses: str) -> None:
    if session.status in statuses:
        return
    if session.status == SessionStatus.CLOSED:
        raise ApplicationError(_("The session is closed; its record can no longer change."))
    if session.status == SessionStatus.VOTING:
        raise ApplicationError(
            _("Voting is open: the agenda and the attendance can no longer change.")
        )
    raise ApplicationError(_("Voting has not been opened in this session yet."))


def _check_quorum_values(numerator: int | None, denominator: int | None) -> None:
    if numerator is None or denominator is None:
        return
    if numerator < 1 or numerator > denominator:
        raise ValidationError(
            {
                "quorum_numerator": _(
                    "Quorum: the numerator must be between 1 and the denominator "
                    "(for example 2 of 3)."
                )
            }
        )


# --- council setup ------------------------------------------------------------------------


@transaction.atomic
def council_create(*, actor, unit: Unit, data: Mapping[str, Any]) -> Council:
    if unit.kind not in rules.COUNCIL_UNIT_KINDS:
        raise ValidationError(
            {"unit": _("A council is set up for a district or a commune (or town).")}
        )
    council = Council(unit=unit, **{name: data[name] for name in COUNCIL_FIELDS if name in data})
    _ensure_manager(actor, council)
    _check_quorum_values(council.quorum_numerator, council.quorum_denominator)
    council.full_clean()
    save_attributed(council, actor=actor, reason=_("Council set up"))
    return council


def default_council_name(unit: Unit) -> str:
    name = unit.name
    return f"Hội đồng Thi đua - Khen thưởng {name[0].lower()}{name[1:]}" if name else ""


@transaction.atomic
def council_create_with_defaults(
    *, actor, unit: Unit, data: Mapping[str, Any] | None = None
) -> Council:
    """A council with the default quorum and threshold (``defaults.py``, overridden by
    ``data``) and a Threshold row for each default form that is recorded."""
    values = {"name": default_council_name(unit), **defaults.council_defaults(), **(data or {})}
    council = council_create(actor=actor, unit=unit, data=values)
    council_add_default_thresholds(actor=actor, council=council)
    return council


@transaction.atomic
def council_add_default_thresholds(*, actor, council: Council) -> list[Threshold]:
    """A Threshold row for each default form recorded in the database that the council has no
    threshold for yet (existing rows, maybe corrected, are kept)."""
    _ensure_manager(actor, council)
    codes = [row.award_form_code for row in defaults.FORM_THRESHOLDS]
    forms = {form.code: form for form in AwardForm.objects.filter(code__in=codes)}
    have = set(council.thresholds.values_list("award_form__code", flat=True))
    created = []
    for row in defaults.FORM_THRESHOLDS:
        form = forms.get(row.award_form_code)
        if form is None or form.code in have:
            continue
        threshold = Threshold(
            council=council,
            award_form=form,
            percent=row.percent,
            basis=row.basis,
            legal_source=row.legal_source,
        )
        threshold.full_clean()
        save_attributed(threshold, actor=actor, reason=_("Default threshold"))
        created.append(threshold)
    return created


@transaction.atomic
def council_update(*, actor, council: Council, data: Mapping[str, Any]) -> Council:
    _ensure_manager(actor, council)
    changed = []
    for name in COUNCIL_FIELDS:
        if name in data and getattr(council, name) != data[name]:
            setattr(council, name, data[name])
            changed.append(name)
    if not changed:
        return council
    _check_quorum_values(council.quorum_numerator, council.quorum_denominator)
    council.full_clean()
    save_attributed(council, actor=actor, update_fields=changed)
    return council


def _check_member_user(council: Council, user) -> None:
    if user.unit_id is None or user.unit_id not in subtree_ids([council.unit_id]):
        raise ValidationError(
            {
                "user": _("%(user)s does not work in %(unit)s or a unit below it.")
                % {"user": user.display_name, "unit": council.unit.name}
            }
        )


@transaction.atomic
def member_add(*, actor, council: Council, user, data: Mapping[str, Any]) -> CouncilMember:
    _ensure_manager(actor, council)
    _check_member_user(council, user)
    if CouncilMember.objects.filter(council=council, user=user).exists():
        raise ValidationError(
            {
                "user": _("%(user)s is already a member of this council.")
                % {"user": user.display_name}
            }
        )
    member = CouncilMember(council=council, user=user)
    for name in MEMBER_FIELDS:
        if name in data:
            setattr(member, name, data[name])
    member.full_name = (member.full_name or "").strip() or user.display_name
    member.position = (member.position or "").strip() or user.position
    member.full_clean()
    save_attributed(member, actor=actor, reason=_("Member added"))
    return member


@transaction.atomic
def member_update(*, actor, member: CouncilMember, data: Mapping[str, Any]) -> CouncilMember:
    _ensure_manager(actor, member.council)
    changed = []
    for name in MEMBER_FIELDS:
        if name in data and getattr(member, name) != data[name]:
            setattr(member, name, data[name])
            changed.append(name)
    if not changed:
        return member
    member.full_name = member.full_name.strip() or member.user.display_name
    member.full_clean()
    save_attributed(member, actor=actor, update_fields=changed)
    return member


@transaction.atomic
def threshold_set(
    *,
    actor,
    council: Council,
    award_form: AwardForm,
    percent: int,
    basis: str,
    legal_source: str = "",
) -> Threshold:
    """Create or change the council's threshold for one award form."""
    _ensure_manager(actor, council)
    threshold = Threshold.objects.filter(council=council, award_form=award_form).first()
    if threshold is None:
        threshold = Threshold(council=council, award_form=award_form)
    threshold.percent = percent
    threshold.basis = basis
    threshold.legal_source = legal_source
    threshold.full_clean()
    save_attributed(threshold, actor=actor)
    return threshold


@transaction.atomic
def threshold_delete(*, actor, threshold: Threshold) -> None:
    _ensure_manager(actor, threshold.council)
    delete_attributed(threshold, actor=actor)


# --- sessions and their agenda ------------------------------------------------------------


def _check_movement(council: Council, movement: Movement) -> None:
    if not selectors.movements_for_council(council).filter(pk=movement.pk).exists():
        raise ValidationError(
            {"movement": _("This council does not review nominations of this movement.")}
        )


def _add_items(
    *, actor, session: CouncilSession, nominations: Iterable[Nomination], today: date
) -> list[AgendaItem]:
    # Fresh rows with their notice: the caller's copies may be stale.
    wanted = [nomination.pk for nomination in nominations]
    fresh = Nomination.objects.select_related(
        "notice", "candidate_unit", "candidate_person"
    ).in_bulk(wanted)
    nominations = [fresh[pk] for pk in dict.fromkeys(wanted) if pk in fresh]
    allowed = set(
        selectors.agenda_candidates(session.council, session.movement).values_list("pk", flat=True)
    )
    errors = []
    for nomination in nominations:
        refusal = selectors.agenda_refusal(nomination, today)
        if refusal is None and not session.held_on > nomination.notice.closes_on:
            # The minutes must not show the council meeting while the notice was still open.
            refusal = _(
                "«%(nomination)s» was on public notice until the end of %(closes)s; a session "
                "held on %(held)s cannot consider it."
            ) % {
                "nomination": selectors.nomination_label(nomination),
                "closes": nomination.notice.closes_on.strftime("%d/%m/%Y"),
                "held": session.held_on.strftime("%d/%m/%Y"),
            }
        if refusal is None and nomination.pk not in allowed:
            refusal = _("«%(nomination)s» is not a nomination this council reviews.") % {
                "nomination": selectors.nomination_label(nomination)
            }
        if refusal:
            errors.append(refusal)
    if errors:
        raise ValidationError({"nominations": errors})
    last = session.items.order_by("-position").values_list("position", flat=True).first() or 0
    items = []
    for offset, nomination in enumerate(nominations, start=1):
        item = AgendaItem(session=session, nomination=nomination, position=last + offset)
        item.full_clean()
        save_attributed(item, actor=actor, reason=_("Put on the agenda"))
        nomination_transition(
            nomination=nomination,
            to=N.AT_COUNCIL,
            actor=actor,
            note=_("On the agenda of the council session of %(date)s.")
            % {"date": session.held_on.strftime("%d/%m/%Y")},
        )
        items.append(item)
    return items


@transaction.atomic
def session_create(
    *,
    actor,
    council: Council,
    movement: Movement,
    held_on: date,
    place: str = "",
    notes: str = "",
    nominations: Iterable[Nomination] = (),
    today: date | None = None,
) -> CouncilSession:
    session = CouncilSession(
        council=council,
        movement=movement,
        held_on=held_on,
        place=place,
        notes=notes,
        created_by=actor,
    )
    rights = rules.council_access(actor, council)
    if rights is None or not rights.runs:
        raise PermissionDenied
    _check_movement(council, movement)
    session.full_clean()
    save_attributed(session, actor=actor, reason=_("Session planned"))
    _add_items(
        actor=actor,
        session=session,
        nominations=nominations,
        today=today or timezone.localdate(),
    )
    return session


@transaction.atomic
def session_update(
    *, actor, session: CouncilSession, held_on: date, place: str, notes: str
) -> CouncilSession:
    _ensure_runs(actor, session)
    session = _lock(session)
    _ensure_status(session, SessionStatus.PLANNED, SessionStatus.VOTING)
    changed = []
    if session.status == SessionStatus.PLANNED:
        for name, value in (("held_on", held_on), ("place", place)):
            if getattr(session, name) != value:
                setattr(session, name, value)
                changed.append(name)
    if session.notes != notes:
        session.notes = notes
        changed.append("notes")
    if changed:
        session.full_clean()
        save_attributed(session, actor=actor, update_fields=changed)
    return session


@transaction.atomic
def agenda_add(
    *,
    actor,
    session: CouncilSession,
    nominations: Iterable[Nomination],
    today: date | None = None,
) -> list[AgendaItem]:
    _ensure_runs(actor, session)
    locked = _lock(session)
    _ensure_status(locked, SessionStatus.PLANNED)
    return _add_items(
        actor=actor, session=session, nominations=nominations, today=today or timezone.localdate()
    )


@transaction.atomic
def agenda_remove(*, actor, item: AgendaItem) -> None:
    """Take a nomination off a planned session; it goes back to public notice."""
    session = item.session
    _ensure_runs(actor, session)
    _ensure_status(_lock(session), SessionStatus.PLANNED)
    nomination = item.nomination
    delete_attributed(item, actor=actor, reason=_("Removed from the agenda"))
    nomination_transition(
        nomination=nomination,
        to=N.ON_NOTICE,
        actor=actor,
        note=_("Removed from the agenda of the council session of %(date)s.")
        % {"date": session.held_on.strftime("%d/%m/%Y")},
    )


@transaction.atomic
def attendance_record(
    *, actor, session: CouncilSession, present: Iterable[CouncilMember]
) -> list[Attendance]:
    """Present or absent for every active member (those not listed are absent)."""
    _ensure_runs(actor, session)
    session = _lock(session)
    _ensure_status(session, SessionStatus.PLANNED)
    present_ids = {member.pk for member in present}
    members = list(session.council.members.filter(active=True))
    unknown = present_ids - {member.pk for member in members}
    if unknown:
        raise ValidationError({"present": _("Only active members of the council can attend.")})
    existing = {row.member_id: row for row in session.attendance.all()}
    rows = []
    for member in members:
        row = existing.pop(member.pk, None)
        is_present = member.pk in present_ids
        if row is None:
            row = Attendance(session=session, member=member, present=is_present)
            save_attributed(row, actor=actor)
        elif row.present != is_present:
            row.present = is_present
            save_attributed(row, actor=actor, update_fields=["present"])
        rows.append(row)
    for stale in existing.values():  # a member made inactive since the last roll call
        delete_attributed(stale, actor=actor)
    return rows


def quorum_met(council: Council, present: int, members: int) -> bool:
    return (
        members > 0 and present * council.quorum_denominator >= members * council.quorum_numerator
    )


@transaction.atomic
def voting_open(*, actor, session: CouncilSession) -> CouncilSession:
    """Freeze the number of members and of those present, if the quorum is met."""
    _ensure_runs(actor, session)
    session = _lock(session)
    _ensure_status(session, SessionStatus.PLANNED)
    if not session.items.exists():
        raise ApplicationError(_("The agenda is empty: add nominations before voting."))
    council = session.council
    members = list(council.members.filter(active=True))
    attendance = {row.member_id: row for row in session.attendance.all()}
    for member in members:  # not in the roll call: absent
        if member.pk not in attendance:
            row = Attendance(session=session, member=member, present=False)
            save_attributed(row, actor=actor)
            attendance[member.pk] = row
    member_count = len(members)
    present_count = sum(1 for m in members if attendance[m.pk].present)
    if not quorum_met(council, present_count, member_count):
        raise ApplicationError(
            _(
                "%(present)s of %(members)s members are present, fewer than %(quorum)s of all "
                "members needed to vote."
            )
            % {
                "present": present_count,
                "members": member_count,
                "quorum": f"{council.quorum_numerator}/{council.quorum_denominator}",
            }
        )
    session.member_count = member_count
    session.present_count = present_count
    session.status = SessionStatus.VOTING
    session.opened_at = timezone.now()
    session.full_clean()
    save_attributed(
        session,
        actor=actor,
        reason=_("Voting opened"),
        update_fields=["member_count", "present_count", "status", "opened_at"],
    )
    return session


# --- the secret ballot --------------------------------------------------------------------


def _cast(
    *,
    session: CouncilSession,
    member: CouncilMember,
    votes: Mapping[int, bool],
    recorded_by,
    in_writing: bool,
) -> None:
    """Receipts first (the unique constraint refuses a second ballot), then the tallies."""
    item_ids = set(session.items.values_list("pk", flat=True))
    if set(votes) != item_ids or any(not isinstance(v, bool) for v in votes.values()):
        raise ApplicationError(_("Answer yes or no for every nomination on the agenda."))
    receipts = [
        BallotReceipt(item_id=pk, member=member, in_writing=in_writing, recorded_by=recorded_by)
        for pk in sorted(item_ids)
    ]
    try:
        with transaction.atomic():
            BallotReceipt.objects.bulk_create(receipts)
    except IntegrityError:
        raise ApplicationError(
            _("%(member)s has already voted in this session.") % {"member": member.full_name}
        ) from None
    yes = [pk for pk, choice in votes.items() if choice]
    no = [pk for pk, choice in votes.items() if not choice]
    if yes:
        AgendaItem.objects.filter(pk__in=yes).update(yes_count=F("yes_count") + 1)
    if no:
        AgendaItem.objects.filter(pk__in=no).update(no_count=F("no_count") + 1)


@transaction.atomic
def ballot_cast(*, actor, session: CouncilSession, votes: Mapping[int, bool]) -> None:
    """The actor votes in the room: present at the session, once, on every item."""
    session = _lock(session)
    _ensure_status(session, SessionStatus.VOTING)
    member = CouncilMember.objects.filter(council=session.council, user=actor).first()
    attendance = (
        Attendance.objects.filter(session=session, member=member).first() if member else None
    )
    if attendance is None:
        raise PermissionDenied
    if not attendance.present:
        raise ApplicationError(
            _("You are recorded as absent: the secretary records an absent member's written vote.")
        )
    _cast(session=session, member=member, votes=votes, recorded_by=actor, in_writing=False)


@transaction.atomic
def ballot_record_written(
    *, actor, session: CouncilSession, member: CouncilMember, votes: Mapping[int, bool]
) -> None:
    """The secretary (or the Home Affairs Office) records an absent member's written vote."""
    rights = rules.session_access(actor, session)
    if rights is None or not rights.records_written_votes:
        raise PermissionDenied
    session = _lock(session)
    _ensure_status(session, SessionStatus.VOTING)
    attendance = Attendance.objects.filter(session=session, member=member).first()
    if attendance is None or member.council_id != session.council_id:
        raise ApplicationError(
            _("%(member)s was not a member of the council when voting opened.")
            % {"member": member.full_name}
        )
    if attendance.present:
        raise ApplicationError(
            _("%(member)s is present and votes in person.") % {"member": member.full_name}
        )
    _cast(session=session, member=member, votes=votes, recorded_by=actor, in_writing=True)


# --- closing ------------------------------------------------------------------------------


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
def session_close(*, actor, session: CouncilSession) -> CouncilSession:
    """Apply each item's threshold, freeze it, set the result and move the nomination."""
    _ensure_runs(actor, session)
    session = _lock(session)
    _ensure_status(session, SessionStatus.VOTING)
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
