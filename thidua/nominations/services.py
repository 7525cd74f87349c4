"""Writes for nomination dossiers and the public notice.

Every status change goes through ``workflow.nomination_transition`` (trail and history in the
same transaction). Content changes are allowed only while the dossier is a draft or returned.
Art. 5 of the 2022 Law — one achievement, one award — is checked here with a message naming
the dossier that already holds the candidate, and enforced by the database's partial unique
constraints (two officers saving at once get the same message, never a server error).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.award_catalogue.models import AwardForm, Recipient
from thidua.calendar_days.workdays import add_working_days
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.files import validate_document
from thidua.core.text import fold, nfc
from thidua.criteria.models import Person, PersonKind
from thidua.movements.models import Movement, MovementStatus
from thidua.units.models import Unit
from thidua.units.selectors import subtrees_by_root
from thidua.works import evidence as evidence_files

from . import rules
from .models import (
    RELEASING_STATUSES,
    Nomination,
    NominationFile,
    NominationStatus,
    NoticeComment,
    PublicNotice,
)
from .selectors import notice_closed
from .workflow import EDITABLE, nomination_transition

S = NominationStatus

MAX_WORKING_DAYS = 60
COMMENT_MAX_CHARS = 3000
NAME_MAX_CHARS = 200


# --- messages ---------------------------------------------------------------------------


def duplicate_message(existing: Nomination) -> str:
    return _(
        "%(candidate)s has already been nominated for «%(form)s» in this movement (dossier "
        "no. %(number)s). One achievement may be nominated for an award only once."
    ) % {
        "candidate": existing.candidate_name,
        "form": existing.award_form.name,
        "number": str(existing.pk),
    }


def recipient_error(award_form: AwardForm, *, unit: Unit | None, person: Person | None) -> str:
    """Why this award form does not fit this candidate ("" when it fits)."""
    recipient = award_form.recipient
    if recipient == Recipient.COLLECTIVE and unit is None:
        return _("«%(form)s» is awarded to collectives; choose a unit as the candidate.") % {
            "form": award_form.name
        }
    if recipient == Recipient.INDIVIDUAL and (
        person is None or person.kind == PersonKind.HOUSEHOLD
    ):
        return _("«%(form)s» is awarded to individuals; choose a person as the candidate.") % {
            "form": award_form.name
        }
    if recipient == Recipient.HOUSEHOLD and (person is None or person.kind != PersonKind.HOUSEHOLD):
        return _("«%(form)s» is awarded to households; choose a household as the candidate.") % {
            "form": award_form.name
        }
    return ""


def award_forms_for(*, unit: Unit | None = None, person: Person | None = None):
    """The award forms whose recipient fits the candidate."""
    if unit is not None:
        fitting = [Recipient.COLLECTIVE, Recipient.BOTH]
    elif person is not None and person.kind == PersonKind.HOUSEHOLD:
        fitting = [Recipient.HOUSEHOLD, Recipient.BOTH]
    else:
        fitting = [Recipient.INDIVIDUAL, Recipient.BOTH]
    return AwardForm.objects.filter(recipient__in=fitting).order_by("position", "name")


def live_nomination(
    movement: Movement, *, unit: Unit | None = None, person: Person | None = None
) -> Nomination | None:
    """The candidate's nomination in the movement that still holds its achievement."""
    lookup = {"candidate_unit": unit} if unit is not None else {"candidate_person": person}
    return (
        Nomination.objects.filter(movement=movement, **lookup)
        .exclude(status__in=RELEASING_STATUSES)
        .select_related("award_form")
        .first()
    )


# --- files ------------------------------------------------------------------------------


def check_document(upload: UploadedFile | None, field: str) -> None:
    """A real .docx or .pdf (by content), within the size limit."""
    if upload is None:
        return
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def check_evidence(uploads: Sequence[UploadedFile]) -> None:
    errors = []
    for upload in uploads:
        try:
            evidence_files.validate(upload)
        except ValidationError as error:
            errors.append(f"{Path(upload.name or '').name}: {' '.join(error.messages)}")
    if errors:
        raise ValidationError({"files": errors})


def _add_files(*, actor, nomination: Nomination, uploads: Sequence[UploadedFile]) -> None:
    for upload in uploads:
        name = Path(upload.name or "tep").name
        item = NominationFile(
            nomination=nomination, title=nfc(Path(name).stem)[:300] or name, uploaded_by=actor
        )
        item.file.save(name, upload, save=False)
        save_attributed(item, actor=actor, reason=_("Evidence added"))


# --- dossier ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierData:
    """The parts of a dossier a unit writes. ``None`` for a file means "keep what is there"."""

    award_form: AwardForm
    achievement: str = ""
    achievement_file: UploadedFile | None = None
    remove_achievement_file: bool = False
    review_minutes: UploadedFile | None = None
    files: Sequence[UploadedFile] = ()


def _candidate_name(unit: Unit | None, person: Person | None) -> str:
    return nfc(unit.name if unit is not None else person.full_name)


def _search_text(nomination: Nomination, unit: Unit | None, person: Person | None) -> str:
    where = unit.parent.name if unit is not None and unit.parent_id else ""
    if person is not None:
        where = person.unit.name
    parts = [nomination.candidate_name, where, nomination.proposing_unit.name]
    return " ".join(fold(p) for p in parts if p)[:600]


def _apply(nomination: Nomination, data: DossierData) -> None:
    nomination.award_form = data.award_form
    nomination.achievement = nfc(data.achievement or "").replace("\r\n", "\n")
    if data.remove_achievement_file and data.achievement_file is None:
        nomination.achievement_file = ""
    if data.achievement_file is not None:
        nomination.achievement_file.save(
            Path(data.achievement_file.name).name, data.achievement_file, save=False
        )
    if data.review_minutes is not None:
        nomination.review_minutes.save(
            Path(data.review_minutes.name).name, data.review_minutes, save=False
        )


def _check_files(data: DossierData) -> None:
    errors: dict[str, list[str]] = {}
    for field, upload in (
        ("achievement_file", data.achievement_file),
        ("review_minutes", data.review_minutes),
    ):
        try:
            check_document(upload, field)
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        check_evidence(data.files)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def nomination_create(
    *,
    actor,
    movement: Movement,
    proposing_unit: Unit,
    candidate_unit: Unit | None = None,
    candidate_person: Person | None = None,
    data: DossierData,
) -> Nomination:
    """A unit proposes a candidate of its subtree (a unit or a person) for an award form."""
    if (candidate_unit is None) == (candidate_person is None):
        raise ValueError("Give either a candidate unit or a candidate person.")
    if movement.status != MovementStatus.LAUNCHED:
        raise ApplicationError(_("Nominations are made only while the movement is running."))
    if not rules.may_propose_for(actor, proposing_unit.pk):
        raise PermissionDenied
    trees = subtrees_by_root([movement.issuing_unit_id, proposing_unit.pk])
    if proposing_unit.pk not in trees[movement.issuing_unit_id]:
        raise ApplicationError(
            _("%(unit)s is not under the unit that launched this movement.")
            % {"unit": proposing_unit.name}
        )
    subtree = trees[proposing_unit.pk]
    owner_id = candidate_unit.pk if candidate_unit is not None else candidate_person.unit_id
    if owner_id not in subtree:
        raise ValidationError(
            {
                "candidate": _(
                    "The candidate must be %(unit)s itself, a unit below it or one of their people."
                )
                % {"unit": proposing_unit.name}
            }
        )
    message = recipient_error(data.award_form, unit=candidate_unit, person=candidate_person)
    if message:
        raise ValidationError({"award_form": message})
    existing = live_nomination(movement, unit=candidate_unit, person=candidate_person)
    if existing is not None:
        raise ApplicationError(duplicate_message(existing), {"existing": existing.pk})
    _check_files(data)
    nomination = Nomination(
        movement=movement,
        proposing_unit=proposing_unit,
        candidate_unit=candidate_unit,
        candidate_person=candidate_person,
        created_by=actor,
        status=S.DRAFT,
    )
    nomination.candidate_name = _candidate_name(candidate_unit, candidate_person)
    nomination.search_text = _search_text(nomination, candidate_unit, candidate_person)
    _apply(nomination, data)
    # The duplicate rule is checked above with a better message, and by the database below.
    nomination.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            save_attributed(nomination, actor=actor, reason=_("Dossier created"))
    except IntegrityError as error:
        existing = live_nomination(movement, unit=candidate_unit, person=candidate_person)
        if existing is None:
            raise
        raise ApplicationError(duplicate_message(existing), {"existing": existing.pk}) from error
    _add_files(actor=actor, nomination=nomination, uploads=data.files)
    return nomination


def _ensure_editable(actor, nomination: Nomination) -> Nomination:
    locked = (
        # Only the dossier's row: PostgreSQL refuses FOR UPDATE on the outer-joined candidates.
        Nomination.objects.select_for_update(of=("self",))
        .select_related("movement", "proposing_unit", "candidate_unit", "candidate_person")
        .get(pk=nomination.pk)
    )
    if not rules.may_propose_for(actor, locked.proposing_unit_id):
        raise PermissionDenied
    if locked.status not in EDITABLE:
        raise ApplicationError(
            _(
                "This dossier is «%(status)s»: it can be changed only while it is a draft or "
                "returned for correction."
            )
            % {"status": locked.get_status_display()}
        )
    if locked.movement.status != MovementStatus.LAUNCHED:
        raise ApplicationError(_("Nominations are made only while the movement is running."))
    return locked


@transaction.atomic
def nomination_update(*, actor, nomination: Nomination, data: DossierData) -> Nomination:
    """Change the award form, the report, the review minutes or add evidence files."""
    locked = _ensure_editable(actor, nomination)
    message = recipient_error(
        data.award_form, unit=locked.candidate_unit, person=locked.candidate_person
    )
    if message:
        raise ValidationError({"award_form": message})
    _check_files(data)
    _apply(locked, data)
    locked.full_clean(validate_constraints=False)
    save_attributed(locked, actor=actor, reason=_("Dossier changed"))
    _add_files(actor=actor, nomination=locked, uploads=data.files)
    return locked


@transaction.atomic
def nomination_add_files(
    *, actor, nomination: Nomination, uploads: Sequence[UploadedFile]
) -> list[NominationFile]:
    locked = _ensure_editable(actor, nomination)
    check_evidence(uploads)
    before = set(locked.files.values_list("pk", flat=True))
    _add_files(actor=actor, nomination=locked, uploads=uploads)
    return list(locked.files.exclude(pk__in=before))


@transaction.atomic
def nomination_file_delete(*, actor, item: NominationFile) -> None:
    _ensure_editable(actor, item.nomination)
    delete_attributed(item, actor=actor, reason=_("Evidence removed"))


def missing_parts(nomination: Nomination) -> dict[str, str]:
    """What a dossier still lacks before it can be sent (field → message naming the part)."""
    missing: dict[str, str] = {}
    if not (nomination.achievement or "").strip() and not nomination.achievement_file:
        missing["achievement"] = _(
            "Achievement report: write it or upload it as a .docx or .pdf file."
        )
    if not nomination.review_minutes:
        missing["review_minutes"] = _("Minutes of the unit's review: upload the signed minutes.")
    return missing


@transaction.atomic
def nomination_submit(*, actor, nomination: Nomination) -> Nomination:
    """Send the dossier to the Home Affairs Office for checking (again after a return)."""
    locked = _ensure_editable(actor, nomination)
    missing = missing_parts(locked)
    if missing:
        raise ValidationError(missing)
    note = _("Sent again after correction") if locked.status == S.RETURNED else ""
    nomination_transition(nomination=nomination, to=S.SUBMITTED, actor=actor, note=note)
    return nomination


@transaction.atomic
def nomination_accept(*, actor, nomination: Nomination, note: str = "") -> Nomination:
    """The Home Affairs Office finds the dossier complete and correct."""
    if not rules.is_home_affairs_of(actor, nomination.movement):
        raise PermissionDenied
    if nomination.status != S.SUBMITTED:
        raise ApplicationError(
            _("Only a dossier sent for checking can be accepted; this one is «%(status)s».")
            % {"status": nomination.get_status_display()}
        )
    return nomination_transition(nomination=nomination, to=S.CHECKED, actor=actor, note=nfc(note))


@transaction.atomic
def nomination_return(*, actor, nomination: Nomination, reason: str) -> Nomination:
    """The Home Affairs Office sends the dossier back for correction, saying why."""
    if not rules.is_home_affairs_of(actor, nomination.movement):
        raise PermissionDenied
    reason = nfc(reason)
    if not reason:
        raise ValidationError(
            {"reason": _("Reason: say what the unit must correct before sending it again.")}
        )
    return nomination_transition(nomination=nomination, to=S.RETURNED, actor=actor, note=reason)


@transaction.atomic
def nomination_withdraw(*, actor, nomination: Nomination, note: str = "") -> Nomination:
    """The proposing unit takes its dossier back; the candidate may be proposed again."""
    if not rules.may_propose_for(actor, nomination.proposing_unit_id):
        raise PermissionDenied
    return nomination_transition(nomination=nomination, to=S.WITHDRAWN, actor=actor, note=nfc(note))


# --- public notice ----------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeData:
    title: str
    introduction: str = ""
    working_days: int = 10


def selectable_for_notice(movement: Movement, notice: PublicNotice | None = None):
    """Checked dossiers of the movement not already held by another unpublished notice."""
    nominations = Nomination.objects.filter(movement=movement, status=S.CHECKED)
    held = nominations.filter(notice__isnull=False, notice__published_on__isnull=True)
    if notice is not None and notice.pk:
        held = held.exclude(notice=notice)
    return nominations.exclude(pk__in=held.values("pk"))


def _notice_errors(data: NoticeData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not nfc(data.title):
        errors["title"] = _("Title: enter the title of the notice.")
    if not isinstance(data.working_days, int) or not 1 <= data.working_days <= MAX_WORKING_DAYS:
        errors["working_days"] = _("Working days: enter a number from 1 to %(max)s.") % {
            "max": MAX_WORKING_DAYS
        }
    return errors


def _attach(*, actor, notice: PublicNotice, nominations: Iterable[Nomination]) -> None:
    """Make the notice hold exactly these checked dossiers (while it is unpublished)."""
    allowed = {n.pk: n for n in selectable_for_notice(notice.movement, notice)}
    chosen = {n.pk for n in nominations}
    strangers = chosen - set(allowed)
    if strangers:
        raise ValidationError(
            {
                "nominations": _(
                    "Only dossiers checked by the office and not on another notice can be listed."
                )
            }
        )
    for nomination in Nomination.objects.filter(notice=notice).exclude(pk__in=chosen):
        nomination.notice = None
        save_attributed(
            nomination, actor=actor, reason=_("Removed from the notice"), update_fields=["notice"]
        )
    for pk in chosen:
        nomination = allowed[pk]
        if nomination.notice_id != notice.pk:
            nomination.notice = notice
            save_attributed(
                nomination, actor=actor, reason=_("Listed on the notice"), update_fields=["notice"]
            )


@transaction.atomic
def notice_create(
    *, actor, movement: Movement, data: NoticeData, nominations: Iterable[Nomination]
) -> PublicNotice:
    """Prepare a notice listing checked dossiers; it is published by ``notice_publish``."""
    if not rules.may_manage_notices(actor, movement):
        raise PermissionDenied
    errors = _notice_errors(data)
    if errors:
        raise ValidationError(errors)
    notice = PublicNotice(
        movement=movement,
        title=nfc(data.title),
        introduction=nfc(data.introduction),
        working_days=data.working_days,
        created_by=actor,
    )
    notice.full_clean()
    save_attributed(notice, actor=actor, reason=_("Notice prepared"))
    _attach(actor=actor, notice=notice, nominations=nominations)
    return notice


def _lock_unpublished(actor, notice: PublicNotice) -> PublicNotice:
    locked = (
        PublicNotice.objects.select_for_update(of=("self",))
        .select_related("movement", "movement__issuing_unit")
        .get(pk=notice.pk)
    )
    if not rules.may_manage_notices(actor, locked.movement):
        raise PermissionDenied
    if locked.published_on is not None:
        raise ApplicationError(
            _("This notice was published on %(date)s and can no longer be changed.")
            % {"date": locked.published_on.strftime("%d/%m/%Y")}
        )
    return locked


@transaction.atomic
def notice_update(
    *, actor, notice: PublicNotice, data: NoticeData, nominations: Iterable[Nomination]
) -> PublicNotice:
    locked = _lock_unpublished(actor, notice)
    errors = _notice_errors(data)
    if errors:
        raise ValidationError(errors)
    locked.title = nfc(data.title)
    locked.introduction = nfc(data.introduction)
    locked.working_days = data.working_days
    locked.full_clean()
    save_attributed(locked, actor=actor, reason=_("Notice changed"))
    _attach(actor=actor, notice=locked, nominations=nominations)
    return locked


@transaction.atomic
def notice_publish(*, actor, notice: PublicNotice, today: date | None = None) -> PublicNotice:
    """Publish the notice today: it is open until the end of the N-th working day after
    today (public holidays skipped), and its dossiers go on notice."""
    locked = _lock_unpublished(actor, notice)
    listed = list(Nomination.objects.filter(notice=locked, status=S.CHECKED).order_by("pk"))
    if not listed:
        raise ApplicationError(_("List at least one checked dossier before publishing the notice."))
    # Dossiers returned or withdrawn since they were listed leave the notice.
    for stale in Nomination.objects.filter(notice=locked).exclude(status=S.CHECKED):
        stale.notice = None
        save_attributed(
            stale, actor=actor, reason=_("Removed from the notice"), update_fields=["notice"]
        )
    today = today or timezone.localdate()
    locked.published_on = today
    locked.closes_on = add_working_days(today, locked.working_days)
    locked.published_by = actor
    save_attributed(
        locked,
        actor=actor,
        reason=_("Notice published"),
        update_fields=["published_on", "closes_on", "published_by"],
    )
    for nomination in listed:
        nomination_transition(
            nomination=nomination, to=S.ON_NOTICE, actor=actor, note=locked.title[:300]
        )
    notice.published_on = locked.published_on
    notice.closes_on = locked.closes_on
    notice.published_by = actor
    return locked


# --- comments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentData:
    author_name: str
    body: str
    contact: str = ""
    nomination: Nomination | None = None
    is_objection: bool = False


def comment_errors(data: CommentData) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = nfc(data.author_name)
    if not name:
        errors["author_name"] = _("Your name: please enter it.")
    elif len(name) > NAME_MAX_CHARS:
        errors["author_name"] = _("Your name: at most %(max)s characters.") % {
            "max": NAME_MAX_CHARS
        }
    if len(nfc(data.contact)) > 200:
        errors["contact"] = _("Phone or e-mail: at most 200 characters.")
    body = nfc(data.body)
    if len(body) < 10:
        errors["body"] = _("Comment: please write at least 10 characters.")
    elif len(body) > COMMENT_MAX_CHARS:
        errors["body"] = _("Comment: at most %(max)s characters.") % {"max": COMMENT_MAX_CHARS}
    return errors


@transaction.atomic
def comment_post(
    *, notice: PublicNotice, data: CommentData, today: date | None = None
) -> NoticeComment:
    """Anyone sends a comment or objection while the notice is open."""
    today = today or timezone.localdate()
    if notice.published_on is None:
        raise ApplicationError(_("This notice is not published."))
    if notice_closed(notice, today):
        raise ApplicationError(
            _("Comments were taken until %(date)s; this notice is closed.")
            % {"date": notice.closes_on.strftime("%d/%m/%Y")}
        )
    errors = comment_errors(data)
    if data.nomination is not None and data.nomination.notice_id != notice.pk:
        errors["nomination"] = _("Choose a candidate from this notice.")
    if errors:
        raise ValidationError(errors)
    comment = NoticeComment(
        notice=notice,
        nomination=data.nomination,
        author_name=nfc(data.author_name),
        contact=nfc(data.contact),
        body=nfc(data.body).replace("\r\n", "\n"),
        is_objection=data.is_objection,
    )
    comment.full_clean()
    save_attributed(comment, actor=None, reason=_("Comment received"))
    return comment


@transaction.atomic
def comment_answer(*, actor, comment: NoticeComment, answer: str) -> NoticeComment:
    """The office answers a comment; the answer is published under it."""
    locked = (
        NoticeComment.objects.select_for_update(of=("self",))
        .select_related("notice__movement")
        .get(pk=comment.pk)
    )
    if not rules.may_manage_notices(actor, locked.notice.movement):
        raise PermissionDenied
    answer = nfc(answer).replace("\r\n", "\n")
    if not answer:
        raise ValidationError({"answer": _("Answer: write the office's answer.")})
    if len(answer) > COMMENT_MAX_CHARS:
        raise ValidationError(
            {"answer": _("Answer: at most %(max)s characters.") % {"max": COMMENT_MAX_CHARS}}
        )
    locked.answer = answer
    locked.answered_by = actor
    locked.answered_at = timezone.now()
    save_attributed(
        locked,
        actor=actor,
        reason=_("Comment answered"),
        update_fields=["answer", "answered_by", "answered_at"],
    )
    return locked
