"""Facts the award criteria need (plan II.7): the people units nominate, annual ratings of
units and people, and "cultural village" recognitions. Each fact carries its evidence: an
uploaded .pdf/.docx, a reference to the document that states it, or both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from thidua.core.text import fold, nfc, sort_key
from thidua.criteria.models.people_stats import Ethnicity, Sex
from thidua.movements.models import IndividualKind

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
    # For the sector's statistics (by sex, by ethnic group); all optional.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(
        _("ethnic group"), max_length=2, choices=Ethnicity.choices, blank=True
    )
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
