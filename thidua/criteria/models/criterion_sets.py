"""Criterion sets (plan II.7 as data): the criteria each candidate type must meet, computed from
the facts or attested by a person, and the attestations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.errors import ApplicationError
from thidua.units.models import Unit

from .facts import Person, PersonKind

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
    "ward": CandidateType.COMMUNE_OR_TOWN,
    "special_zone": CandidateType.COMMUNE_OR_TOWN,
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
