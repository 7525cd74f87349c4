"""Writes for nomination dossiers: a unit proposes a candidate, edits the dossier while it is a
draft or returned, and adds or removes evidence files.

Art. 5 of the 2022 Law — one achievement, one award — is checked here with a message naming
the dossier that already holds the candidate, and enforced by the database's partial unique
constraints (two officers saving at once get the same message, never a server error).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm, Recipient
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.files import validate_document
from thidua.core.text import fold, nfc
from thidua.criteria.models import Person, PersonKind
from thidua.movements.lifecycle import ensure_nominations_open, ensure_running
from thidua.movements.models import Movement
from thidua.units.models import Unit
from thidua.units.selectors import subtrees_by_root
from thidua.works import evidence as evidence_files

from .. import rules
from ..models import RELEASING_STATUSES, Nomination, NominationFile, NominationStatus
from ..workflow import EDITABLE

S = NominationStatus

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


def award_forms_for(
    *, unit: Unit | None = None, person: Person | None = None
) -> QuerySet[AwardForm]:
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
    lookup: dict[str, Unit | Person | None] = (
        {"candidate_unit": unit} if unit is not None else {"candidate_person": person}
    )
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


def _add_files(*, actor: User, nomination: Nomination, uploads: Sequence[UploadedFile]) -> None:
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
    if unit is not None:
        return nfc(unit.name)
    assert person is not None, "a unit or a person"
    return nfc(person.full_name)


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
            Path(data.achievement_file.name or "").name, data.achievement_file, save=False
        )
    if data.review_minutes is not None:
        nomination.review_minutes.save(
            Path(data.review_minutes.name or "").name, data.review_minutes, save=False
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
    actor: User,
    movement: Movement,
    proposing_unit: Unit,
    candidate_unit: Unit | None = None,
    candidate_person: Person | None = None,
    data: DossierData,
) -> Nomination:
    """A unit proposes a candidate of its subtree (a unit or a person) for an award form."""
    if (candidate_unit is None) == (candidate_person is None):
        raise ValueError("Give either a candidate unit or a candidate person.")
    # As it stands now: the caller's copy may predate the movement's end.
    movement = Movement.objects.select_related("issuing_unit").get(pk=movement.pk)
    ensure_nominations_open(movement)
    if not rules.may_propose_for(actor, proposing_unit.pk):
        raise PermissionDenied
    trees = subtrees_by_root([movement.issuing_unit_id, proposing_unit.pk])
    if proposing_unit.pk not in trees[movement.issuing_unit_id]:
        raise ApplicationError(
            _("%(unit)s is not under the unit that launched this movement.")
            % {"unit": proposing_unit.name}
        )
    subtree = trees[proposing_unit.pk]
    if candidate_unit is not None:
        owner_id = candidate_unit.pk
    else:
        assert candidate_person is not None  # checked above: a unit or a person
        owner_id = candidate_person.unit_id
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


def lock_editable(actor: User, nomination: Nomination) -> Nomination:
    """The dossier's row, locked, if the actor may still change it (else an error)."""
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
    ensure_running(locked.movement)
    return locked


@transaction.atomic
def nomination_update(*, actor: User, nomination: Nomination, data: DossierData) -> Nomination:
    """Change the award form, the report, the review minutes or add evidence files."""
    locked = lock_editable(actor, nomination)
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
    *, actor: User, nomination: Nomination, uploads: Sequence[UploadedFile]
) -> list[NominationFile]:
    locked = lock_editable(actor, nomination)
    check_evidence(uploads)
    before = set(locked.files.values_list("pk", flat=True))
    _add_files(actor=actor, nomination=locked, uploads=uploads)
    return list(locked.files.exclude(pk__in=before))


@transaction.atomic
def nomination_file_delete(*, actor: User, item: NominationFile) -> None:
    lock_editable(actor, item.nomination)
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
