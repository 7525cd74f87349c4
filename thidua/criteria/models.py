"""Facts the award criteria need (plan II.7): the people units nominate, annual ratings of
units and people, and "cultural village" recognitions. Each fact carries its evidence: an
uploaded .pdf/.docx, a reference to the document that states it, or both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc, sort_key
from thidua.movements.models import IndividualKind
from thidua.units.models import Unit

# The range of years a rating or recognition may be recorded for (criteria look at 2020-2025).
FIRST_YEAR = 2000


class PersonKind(models.TextChoices):
    """The individuals of plan II.7.2; values and labels are those of ``IndividualKind``
    (minus party member and citizen, which are not separate award categories)."""

    CADRE = IndividualKind.CADRE.value, IndividualKind.CADRE.label
    CIVIL_SERVANT = IndividualKind.CIVIL_SERVANT.value, IndividualKind.CIVIL_SERVANT.label
    PUBLIC_EMPLOYEE = IndividualKind.PUBLIC_EMPLOYEE.value, IndividualKind.PUBLIC_EMPLOYEE.label
    ARMED_FORCES = IndividualKind.ARMED_FORCES.value, IndividualKind.ARMED_FORCES.label
    WORKER = IndividualKind.WORKER.value, IndividualKind.WORKER.label
    VILLAGE_WORKER = IndividualKind.VILLAGE_WORKER.value, IndividualKind.VILLAGE_WORKER.label
    HOUSEHOLD = IndividualKind.HOUSEHOLD.value, IndividualKind.HOUSEHOLD.label


class RatingLevel(models.TextChoices):
    """Annual rating (xếp loại), declared best first: ``RATING_RANK`` follows this order."""

    EXCELLENT = "excellent", _("Completed tasks excellently")
    GOOD = "good", _("Completed tasks well")
    COMPLETED = "completed", _("Completed tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete tasks")


# 0 is the best; criteria compare ranks ("completed well or better" is rank <= 1).
RATING_RANK: dict[str, int] = {value: rank for rank, value in enumerate(RatingLevel.values)}


class Person(models.Model):
    """An individual a unit manages and may nominate (cadre, village worker, household…)."""

    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("managing unit"),
        help_text=_("The unit that manages the person and nominates them."),
    )
    full_name = models.CharField(pgettext_lazy("person", "full name"), max_length=200)
    kind = models.CharField(_("kind of individual"), max_length=32, choices=PersonKind.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demo; not a real person.")
    )
    search_text = models.CharField(max_length=500, editable=False, db_index=True, default="")
    sort_name = models.CharField(max_length=1000, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text", "sort_name"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_name"}
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        self.full_name = nfc(self.full_name)
        self.position = nfc(self.position)
        self.search_text = f"{fold(self.full_name)} {fold(self.position)}".strip()
        # Vietnamese names sort by the given name (last word), then the whole name.
        words = self.full_name.split()
        given = words[-1] if words else ""
        self.sort_name = f"{sort_key(given)} {sort_key(self.full_name)}"


def _evidence_upload_to(
    instance: AnnualRating | CulturalVillageRecognition | FactRecord, filename: str
) -> str:
    return f"facts/{instance._meta.model_name}/{instance.year}/{filename}"


class AnnualRating(models.Model):
    """The rating of one unit or one person for one year, with its evidence."""

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("rating"), max_length=16, choices=RatingLevel.choices)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_ratings",
        verbose_name=_("unit"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_ratings",
        verbose_name=_("person"),
    )
    document_reference = models.CharField(
        _("document reference"),
        max_length=300,
        blank=True,
        help_text=_("For example: Decision No. 12/QĐ-UBND of 20/01/2025."),
    )
    evidence = models.FileField(_("evidence file"), upload_to=_evidence_upload_to, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, person__isnull=True)
                | models.Q(unit__isnull=True, person__isnull=False),
                name="annual_rating_unit_xor_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=models.Q(unit__isnull=False),
                name="annual_rating_unit_year_unique",
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=models.Q(person__isnull=False),
                name="annual_rating_person_year_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.person} · {self.year} · {self.get_level_display()}"


class CulturalVillageRecognition(models.Model):
    """A village or residential group recognised as "cultural" (thôn văn hóa) for a year."""

    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="cultural_recognitions",
        verbose_name=_("village or residential group"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    document_reference = models.CharField(_("document reference"), max_length=300, blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=_evidence_upload_to, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cultural village recognition")
        verbose_name_plural = _("cultural village recognitions")
        ordering = ["year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="cultural_recognition_unit_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"


class FactKind(models.TextChoices):
    """The other facts plan II.7 names, beside ratings and recognitions."""

    TARGET = "target", _("Target achievement")
    INITIATIVE = "initiative", _("Initiative or useful solution")
    CONTRIBUTION = "contribution", _("Contribution to funds and charity")
    VIOLATION = "violation", _("Violation")
    COMPLAINT = "complaint", _("Complaint beyond its level")


class TargetOutcome(models.TextChoices):
    EXCEEDED = "exceeded", _("Exceeded")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class FactRecord(models.Model):
    """One dated fact about a unit or a person for a year: a target and how far it was
    reached, an initiative, a contribution (with its amount), a violation or a complaint.
    Like ratings, it needs a document reference or an evidence file."""

    kind = models.CharField(_("kind of fact"), max_length=16, choices=FactKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fact_records",
        verbose_name=_("unit"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fact_records",
        verbose_name=_("person"),
    )
    summary = models.CharField(_("summary"), max_length=500)
    # Only for targets: how far the target was reached.
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=TargetOutcome.choices, blank=True
    )
    # Only for contributions: the amount in đồng.
    amount = models.DecimalField(
        _("amount (VND)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    document_reference = models.CharField(
        _("document reference"),
        max_length=300,
        blank=True,
        help_text=_("For example: Decision No. 12/QĐ-UBND of 20/01/2025."),
    )
    evidence = models.FileField(_("evidence file"), upload_to=_evidence_upload_to, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, person__isnull=True)
                | models.Q(unit__isnull=True, person__isnull=False),
                name="fact_record_unit_xor_person",
            ),
        ]
        indexes = [models.Index(fields=["kind", "year"])]

    def __str__(self) -> str:
        return f"{self.unit or self.person} · {self.year} · {self.get_kind_display()}"


# --- criterion sets (plan II.7 as data) ---------------------------------------------------


class CandidateType(models.TextChoices):
    """Who a criterion set is for: the collectives of II.7.1 and the individuals of II.7.2."""

    COMMUNE_OR_TOWN = "commune_or_town", _("Commune or town")
    AGENCY = "agency", _("Agency, unit or mass organisation")
    ENTERPRISE = "enterprise", _("Enterprise or cooperative")
    VILLAGE = "village", _("Village or residential group")
    CADRE = "cadre", _("Cadre, civil servant, public employee or armed forces")
    VILLAGE_WORKER = "village_worker", _("Non-specialised village worker")
    HOUSEHOLD_OR_WORKER = "household_or_worker", _("Household or worker")


COLLECTIVE_TYPES = (
    CandidateType.COMMUNE_OR_TOWN,
    CandidateType.AGENCY,
    CandidateType.ENTERPRISE,
    CandidateType.VILLAGE,
)

UNIT_KIND_TYPES: dict[str, str] = {
    "commune": CandidateType.COMMUNE_OR_TOWN,
    "town": CandidateType.COMMUNE_OR_TOWN,
    "agency": CandidateType.AGENCY,
    "mass_organisation": CandidateType.AGENCY,
    "vertical_agency": CandidateType.AGENCY,
    "enterprise": CandidateType.ENTERPRISE,
    "cooperative": CandidateType.ENTERPRISE,
    "village": CandidateType.VILLAGE,
    "residential_group": CandidateType.VILLAGE,
}

PERSON_KIND_TYPES: dict[str, str] = {
    PersonKind.CADRE: CandidateType.CADRE,
    PersonKind.CIVIL_SERVANT: CandidateType.CADRE,
    PersonKind.PUBLIC_EMPLOYEE: CandidateType.CADRE,
    PersonKind.ARMED_FORCES: CandidateType.CADRE,
    PersonKind.VILLAGE_WORKER: CandidateType.VILLAGE_WORKER,
    PersonKind.HOUSEHOLD: CandidateType.HOUSEHOLD_OR_WORKER,
    PersonKind.WORKER: CandidateType.HOUSEHOLD_OR_WORKER,
}


def candidate_type_of(unit: Unit | None = None, person: Person | None = None) -> str | None:
    """The candidate type of a unit (by its kind) or a person (by theirs). Provinces and
    districts are issuers, not candidates: None."""
    if person is not None:
        return PERSON_KIND_TYPES.get(person.kind)
    if unit is not None:
        return UNIT_KIND_TYPES.get(unit.kind)
    return None


class CriterionSet(models.Model):
    """The criteria one candidate type must meet. Without a movement it is a template loaded
    from the plan (``load_criterion_sets``); a movement copies the templates and may edit its
    copy. Once a decision uses a set it is locked: later edits go to a new version."""

    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criterion_sets",
        verbose_name=_("movement"),
        help_text=_("Empty for the templates loaded from the plan."),
    )
    candidate_type = models.CharField(
        _("candidate type"), max_length=32, choices=CandidateType.choices
    )
    name = models.CharField(_("name"), max_length=300)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_reason = models.CharField(_("reason for locking"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion set")
        verbose_name_plural = _("criterion sets")
        ordering = ["candidate_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "candidate_type", "version"],
                name="criterion_set_version_unique",
            ),
            # NULLs are distinct in a unique constraint: templates need their own.
            models.UniqueConstraint(
                fields=["candidate_type", "version"],
                condition=models.Q(movement__isnull=True),
                name="criterion_set_template_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_template(self) -> bool:
        return self.movement_id is None


class CriterionKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from facts")
    ATTESTED = "attested", _("Attested with evidence")


class RuleKey(models.TextChoices):
    """The computed rules of ``criteria.evaluation``; params are described there."""

    RATINGS = "ratings", _("Annual ratings over a period")
    CULTURAL_VILLAGE = "cultural_village", _("Cultural village recognitions")
    WORKS_COMPLETED_ON_TIME = "works_completed_on_time", _("Registered work completed and in use")
    TARGETS = "targets", _("Targets achieved over a period")
    INITIATIVES = "initiatives", _("Initiatives recorded")
    CONTRIBUTIONS = "contributions", _("Contributions to funds and charity recorded")
    NO_VIOLATIONS = "no_violations", _("No violation or complaint recorded")
    UNIT_PLAN_ISSUED = "unit_plan_issued", _("The unit issued its own plan for the movement")
    AWARDS_RECEIVED = "awards_received", _("Awards received over a period (award register)")


class Criterion(models.Model):
    """One criterion of a set, in the plan's wording: computed by a rule from the facts, or
    attested by an officer with evidence."""

    criterion_set = models.ForeignKey(
        CriterionSet,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("criterion set"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=32)
    text = models.TextField(_("criterion"))
    kind = models.CharField(_("how it is checked"), max_length=16, choices=CriterionKind.choices)
    rule = models.CharField(_("rule"), max_length=32, choices=RuleKey.choices, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The criterion of the previous version this one continues: attestations given on it
    # still count while the wording is unchanged (editing the text or the kind cuts the link).
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("continues"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["criterion_set", "code"], name="criterion_code_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="attested", rule="")
                | (models.Q(kind="computed") & ~models.Q(rule="")),
                name="criterion_rule_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"

    def save(self, *args, **kwargs) -> None:
        self._refuse_if_locked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_locked()
        return super().delete(*args, **kwargs)

    def _refuse_if_locked(self) -> None:
        # Services check first with a fuller message; this guards every other path too.
        locked = CriterionSet.objects.filter(pk=self.criterion_set_id, locked_at__isnull=False)
        if self.criterion_set_id and locked.exists():
            raise ApplicationError(
                gettext("The criterion set is locked: create a new version to change it.")
            )

    @property
    def is_computed(self) -> bool:
        return self.kind == CriterionKind.COMPUTED


class AttestationVerdict(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


def _attestation_upload_to(instance: Attestation, filename: str) -> str:
    return f"attestations/{instance.movement_id}/{filename}"


class Attestation(models.Model):
    """An officer's judgement that a unit or person meets (or not) an attested criterion in
    a movement, with a note and its evidence. The latest one per criterion and candidate
    counts; earlier ones stay as the record."""

    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        related_name="attestations",
        verbose_name=_("criterion"),
    )
    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        related_name="attestations",
        verbose_name=_("movement"),
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attestations",
        verbose_name=_("unit"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attestations",
        verbose_name=_("person"),
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=AttestationVerdict.choices)
    note = models.TextField(_("note"))
    document_reference = models.CharField(
        _("document reference"),
        max_length=300,
        blank=True,
        help_text=_("For example: Minutes No. 05/BB-UBND of 10/11/2025."),
    )
    evidence = models.FileField(_("evidence file"), upload_to=_attestation_upload_to, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("attested by"),
    )
    attested_at = models.DateTimeField(_("attested at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-attested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, person__isnull=True)
                | models.Q(unit__isnull=True, person__isnull=False),
                name="attestation_unit_xor_person",
            ),
        ]
        indexes = [models.Index(fields=["movement", "criterion"])]

    def __str__(self) -> str:
        return f"{self.unit or self.person} · {self.criterion.code} · {self.get_verdict_display()}"
