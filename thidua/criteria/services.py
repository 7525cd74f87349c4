"""Writes of facts: people, annual ratings, cultural village recognitions and the other
facts of plan II.7 (targets, initiatives, contributions, violations, complaints).

Every write checks the actor's reach over the unit (``rules.may_edit``), validates with
the same functions the forms and the Excel imports use (``person_errors``, ``rating_errors``,
``fact_record_errors``), and saves or deletes through ``save_attributed`` /
``delete_attributed`` so the history names who did it (a deleted row stays in the history).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.files import validate_document
from thidua.core.text import nfc
from thidua.core.validators import future_date_error
from thidua.criteria.models import (
    FIRST_YEAR,
    AnnualRating,
    CulturalVillageRecognition,
    Ethnicity,
    FactKind,
    FactRecord,
    Person,
    PersonKind,
    RatingLevel,
    Sex,
    TargetOutcome,
)
from thidua.criteria.rules import may_edit
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit
from thidua.works import evidence as evidence_files

PERSON_FIELDS = (
    "full_name",
    "kind",
    "position",
    "birth_year",
    "date_of_birth",
    "sex",
    "ethnicity",
    "is_sample",
)
OLDEST_BIRTH_YEAR = 1900


def last_year() -> int:
    return timezone.localdate().year


def year_error(year: Any) -> str | None:
    """The message for a year outside FIRST_YEAR..this year (None when it is fine)."""
    if isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= last_year():
        return None
    return _("The year must be a whole number from %(first)s to %(last)s.") % {
        "first": FIRST_YEAR,
        "last": last_year(),
    }


def person_errors(values: dict[str, Any]) -> dict[str, str]:
    """Field name → Vietnamese message; shared by the form and the services."""
    errors: dict[str, str] = {}
    if not str(values.get("full_name") or "").strip():
        errors["full_name"] = _("Enter the person's full name.")
    if values.get("kind") not in PersonKind.values:
        errors["kind"] = _("Choose the kind of individual from the list.")
    birth = values.get("birth_year")
    if birth is not None and not (OLDEST_BIRTH_YEAR <= birth <= last_year()):
        errors["birth_year"] = _("The year of birth must be from %(first)s to %(last)s.") % {
            "first": OLDEST_BIRTH_YEAR,
            "last": last_year(),
        }
    born = values.get("date_of_birth")
    if born is not None:
        label = str(Person._meta.get_field("date_of_birth").verbose_name)
        if (message := future_date_error(born, capfirst(label))) is not None:
            errors["date_of_birth"] = message
        elif born.year < OLDEST_BIRTH_YEAR:
            errors["date_of_birth"] = _("The date of birth must be from %(first)s on.") % {
                "first": OLDEST_BIRTH_YEAR
            }
        elif birth is not None and birth != born.year and "birth_year" not in errors:
            errors["birth_year"] = _(
                "The year of birth (%(year)s) differs from the date of birth (%(date)s)."
            ) % {"year": birth, "date": born.strftime("%d/%m/%Y")}
    if values.get("sex") not in ("", None, *Sex.values):
        errors["sex"] = _("Choose the sex from the list.")
    if values.get("ethnicity") not in ("", None, *Ethnicity.values):
        errors["ethnicity"] = _("Choose the ethnic group from the list.")
    return errors


def rating_errors(
    *, year: Any, level: Any, document_reference: str, has_file: bool
) -> dict[str, str]:
    """Field name → Vietnamese message for a rating; shared by the form, import and services."""
    errors: dict[str, str] = {}
    if (message := year_error(year)) is not None:
        errors["year"] = message
    if level not in RatingLevel.values:
        errors["level"] = _("Choose the rating from the list.")
    if not document_reference.strip() and not has_file:
        errors["document_reference"] = _(
            "Give the document reference (for example the decision's number and date) or "
            "attach the evidence file."
        )
    return errors


def _check_unit(actor: User, unit: Unit) -> None:
    if not may_edit(actor, unit.pk):
        raise PermissionDenied


def _check_evidence(evidence: UploadedFile | None) -> None:
    if evidence is None:
        return
    try:
        validate_document(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages})


# --- people -------------------------------------------------------------------------------


def _apply_person(person: Person, data: dict[str, Any]) -> None:
    blanks = {
        "full_name": "",
        "kind": "",
        "position": "",
        "birth_year": None,
        "date_of_birth": None,
        "sex": "",
        "ethnicity": "",
        "is_sample": False,
    }
    for name in PERSON_FIELDS:
        if name in data:
            value = data[name]
            setattr(person, name, blanks[name] if value is None else value)
    if person.date_of_birth is not None and person.birth_year is None:
        person.birth_year = person.date_of_birth.year  # the year criteria and imports match on
    errors = person_errors({name: getattr(person, name) for name in PERSON_FIELDS})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(*, actor: User, unit: Unit, data: dict[str, Any]) -> Person:
    _check_unit(actor, unit)
    person = Person(unit=unit)
    _apply_person(person, data)
    save_attributed(person, actor=actor, reason=_("Created"))
    return person


@transaction.atomic
def person_update(
    *, actor: User, person: Person, data: dict[str, Any], unit: Unit | None = None
) -> Person:
    """Correct a person; ``unit`` moves them to another unit the actor also manages."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_unit(actor, person.unit)
    if unit is not None and unit.pk != person.unit_id:
        _check_unit(actor, unit)
        person.unit = unit
    _apply_person(person, data)
    save_attributed(person, actor=actor, reason=_("Changed"))
    return person


# --- annual ratings -------------------------------------------------------------------------


@transaction.atomic
def rating_record(
    *,
    actor: User,
    unit: Unit | None = None,
    person: Person | None = None,
    year: int,
    level: str,
    document_reference: str = "",
    evidence: UploadedFile | None = None,
) -> tuple[AnnualRating, bool]:
    """Record the year's rating of a unit or a person, replacing one already recorded.

    The level and document reference are replaced; an evidence file already attached is
    kept unless a new one is given. Returns the rating and whether it was created.
    """
    lookup: dict[str, Unit | Person]
    if unit is not None and person is None:
        _check_unit(actor, unit)
        lookup = {"unit": unit}
    elif person is not None and unit is None:
        _check_unit(actor, person.unit)
        lookup = {"person": person}
    else:
        raise ValueError("Give either a unit or a person.")
    document_reference = (document_reference or "").strip()
    existing = AnnualRating.objects.select_for_update().filter(year=year, **lookup).first()
    has_file = evidence is not None or bool(existing and existing.evidence)
    errors = rating_errors(
        year=year, level=level, document_reference=document_reference, has_file=has_file
    )
    if errors:
        raise ValidationError(errors)
    _check_evidence(evidence)
    created = existing is None
    rating = AnnualRating(year=year, **lookup) if existing is None else existing
    rating.level = level
    rating.document_reference = document_reference
    if evidence is not None:
        rating.evidence = evidence
    rating.recorded_by = actor
    rating.recorded_at = timezone.now()
    save_attributed(rating, actor=actor, reason=_("Recorded") if created else _("Replaced"))
    return rating, created


# --- cultural village recognitions ------------------------------------------------------------


@transaction.atomic
def recognition_record(
    *,
    actor: User,
    unit: Unit,
    year: int,
    document_reference: str = "",
    evidence: UploadedFile | None = None,
) -> tuple[CulturalVillageRecognition, bool]:
    """Record that a village or residential group was recognised as cultural in ``year``
    (replacing the reference of a recognition already recorded). Returns it and whether it
    was created."""
    _check_unit(actor, unit)
    errors: dict[str, str] = {}
    if unit.kind not in VILLAGE_LEVEL_KINDS:
        errors["unit"] = _(
            "Only a village or a residential group can be recognised as a cultural village."
        )
    document_reference = (document_reference or "").strip()
    existing = (
        CulturalVillageRecognition.objects.select_for_update().filter(unit=unit, year=year).first()
    )
    if (message := year_error(year)) is not None:
        errors["year"] = message
    if not document_reference and evidence is None and not (existing and existing.evidence):
        errors["document_reference"] = _(
            "Give the document reference (for example the decision's number and date) or "
            "attach the evidence file."
        )
    if errors:
        raise ValidationError(errors)
    _check_evidence(evidence)
    created = existing is None
    recognition = CulturalVillageRecognition(unit=unit, year=year) if existing is None else existing
    recognition.document_reference = document_reference
    if evidence is not None:
        recognition.evidence = evidence
    recognition.recorded_by = actor
    recognition.recorded_at = timezone.now()
    save_attributed(recognition, actor=actor, reason=_("Recorded") if created else _("Replaced"))
    return recognition, created


def _owner_unit(record: AnnualRating | FactRecord) -> Unit:
    """The unit whose officers answer for a fact: its unit, or the person's managing unit."""
    if record.unit is not None:
        return record.unit
    assert record.person is not None, "a fact is about a unit or a person"
    return record.person.unit


@transaction.atomic
def rating_delete(*, actor: User, rating: AnnualRating) -> None:
    """Delete a rating recorded by mistake; its history (and file) are kept."""
    rating = AnnualRating.objects.select_related("unit", "person__unit").get(pk=rating.pk)
    _check_unit(actor, _owner_unit(rating))
    delete_attributed(rating, actor=actor, reason=_("Deleted"))


@transaction.atomic
def recognition_delete(*, actor: User, recognition: CulturalVillageRecognition) -> None:
    """Delete a recognition recorded by mistake; its history (and file) are kept."""
    recognition = CulturalVillageRecognition.objects.select_related("unit").get(pk=recognition.pk)
    _check_unit(actor, recognition.unit)
    delete_attributed(recognition, actor=actor, reason=_("Deleted"))


# --- other facts: targets, initiatives, contributions, violations, complaints -----------------

FACT_FIELDS = ("kind", "year", "summary", "outcome", "amount", "document_reference")
SUMMARY_MAX = 500
REFERENCE_MAX = 300
# The model stores at most 16 digits.
AMOUNT_LIMIT = Decimal(10) ** 16


def _whole_amount(amount: Any) -> Decimal | None:
    """The amount as a whole Decimal, or None when it is not a whole number."""
    if isinstance(amount, bool):
        return None
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        return None
    if not value.is_finite() or value != value.to_integral_value():
        return None
    return value


def fact_record_errors(
    *,
    kind: Any,
    year: Any,
    summary: str,
    outcome: str,
    amount: Any,
    document_reference: str,
    has_file: bool,
) -> dict[str, str]:
    """Field name → Vietnamese message naming the field; shared by the form, the import and
    the services. An outcome belongs to a target (and is required there), an amount to a
    contribution (required there, above 0)."""
    errors: dict[str, str] = {}
    if kind not in FactKind.values:
        errors["kind"] = _("Choose the «Kind of fact» from the list.")
    if (message := year_error(year)) is not None:
        errors["year"] = message
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = _("Enter the «Summary»: what the fact is, in a sentence.")
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = _("The «Summary» may have at most %(max)s characters.") % {
            "max": SUMMARY_MAX
        }
    outcome = outcome or ""
    if kind == FactKind.TARGET:
        if outcome not in TargetOutcome.values:
            errors["outcome"] = _(
                "For a target, choose the «Outcome»: exceeded, achieved or not achieved."
            )
    elif outcome and kind in FactKind.values:
        errors["outcome"] = _(
            "The «Outcome» is recorded only for a target; leave it blank for this kind of fact."
        )
    if kind == FactKind.CONTRIBUTION:
        value = None if amount in (None, "") else _whole_amount(amount)
        if value is None or value <= 0 or value >= AMOUNT_LIMIT:
            errors["amount"] = _(
                "For a contribution, enter the «Amount (VND)»: a whole number of đồng greater "
                "than 0."
            )
    elif amount not in (None, "") and kind in FactKind.values:
        errors["amount"] = _(
            "The «Amount (VND)» is recorded only for a contribution; leave it blank for this "
            "kind of fact."
        )
    document_reference = (document_reference or "").strip()
    if len(document_reference) > REFERENCE_MAX:
        errors["document_reference"] = _(
            "The «Document reference» may have at most %(max)s characters."
        ) % {"max": REFERENCE_MAX}
    elif not document_reference and not has_file:
        errors["document_reference"] = _(
            "Give the «Document reference» (for example the decision's number and date) or "
            "attach the «Evidence file»."
        )
    return errors


def check_fact_evidence(evidence: UploadedFile | None) -> None:
    """A real .pdf/.docx document or a real photo (.jpg, .png, .webp), within the size limit:
    the same check as the works' progress evidence."""
    if evidence is None:
        return
    try:
        evidence_files.validate(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages})


def _apply_fact(fact: FactRecord, data: dict[str, Any]) -> None:
    for name in FACT_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("summary", "document_reference"):
            value = nfc(value or "")
        elif name == "outcome":
            value = value or ""
        elif name == "amount":
            value = None if value in (None, "") else value
        setattr(fact, name, value)


def _validate_fact(fact: FactRecord, *, has_file: bool) -> None:
    errors = fact_record_errors(
        kind=fact.kind,
        year=fact.year,
        summary=fact.summary,
        outcome=fact.outcome,
        amount=fact.amount,
        document_reference=fact.document_reference,
        has_file=has_file,
    )
    if errors:
        raise ValidationError(errors)
    if fact.amount is not None:
        fact.amount = _whole_amount(fact.amount)


@transaction.atomic
def fact_record_create(
    *,
    actor: User,
    unit: Unit | None = None,
    person: Person | None = None,
    data: dict[str, Any],
    evidence: UploadedFile | None = None,
) -> FactRecord:
    """Record a fact about a unit or a person (exactly one of them)."""
    if unit is not None and person is None:
        _check_unit(actor, unit)
    elif person is not None and unit is None:
        _check_unit(actor, person.unit)
    else:
        raise ValueError("Give either a unit or a person.")
    fact = FactRecord(unit=unit, person=person, kind="", summary="")
    _apply_fact(fact, data)
    _validate_fact(fact, has_file=evidence is not None)
    check_fact_evidence(evidence)
    if evidence is not None:
        fact.evidence = evidence
    fact.recorded_by = actor
    fact.recorded_at = timezone.now()
    save_attributed(fact, actor=actor, reason=_("Recorded"))
    return fact


@transaction.atomic
def fact_record_update(
    *,
    actor: User,
    fact: FactRecord,
    data: dict[str, Any],
    evidence: UploadedFile | None = None,
    clear_evidence: bool = False,
) -> FactRecord:
    """Correct a fact. A new file replaces the old one; ``clear_evidence`` removes it (the
    history keeps it). The unit or person it is about does not change."""
    # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    fact = FactRecord.objects.select_for_update().get(pk=fact.pk)
    _check_unit(actor, _owner_unit(fact))
    _apply_fact(fact, data)
    keeps_file = bool(fact.evidence) and not clear_evidence
    _validate_fact(fact, has_file=evidence is not None or keeps_file)
    check_fact_evidence(evidence)
    if evidence is not None:
        fact.evidence = evidence
    elif clear_evidence:
        fact.evidence = ""
    fact.recorded_by = actor
    fact.recorded_at = timezone.now()
    save_attributed(fact, actor=actor, reason=_("Changed"))
    return fact


@transaction.atomic
def fact_record_delete(*, actor: User, fact: FactRecord) -> None:
    """Delete a fact recorded by mistake; its history (and file) are kept."""
    fact = FactRecord.objects.select_related("unit", "person__unit").get(pk=fact.pk)
    _check_unit(actor, _owner_unit(fact))
    delete_attributed(fact, actor=actor, reason=_("Deleted"))
