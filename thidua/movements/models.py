from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.units.models import RULE_KIND_CHOICES, Unit, UnitKind, rule_kinds


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    CLOSED = "closed", _("Closed")


class IndividualKind(models.TextChoices):
    CADRE = "cadre", _("Cadre")
    PARTY_MEMBER = "party_member", _("Party member")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
    ARMED_FORCES = "armed_forces", _("Armed forces soldier")
    WORKER = "worker", _("Worker")
    CITIZEN = "citizen", _("Citizen")
    VILLAGE_WORKER = "village_worker", _("Non-specialised village worker")
    HOUSEHOLD = "household", _("Household")


def movement_plan_upload_to(instance: "Movement", filename: str) -> str:
    return f"movements/{instance.pk or 'new'}/{filename}"


class Movement(models.Model):
    """An emulation movement (phong trào thi đua) launched by an authority for a period."""

    title = models.CharField(_("title"), max_length=500)
    issuing_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="movements_issued",
        verbose_name=_("issuing unit"),
    )
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_title = models.CharField(_("signer's title"), max_length=200, default="Chủ tịch")
    legal_basis_number = models.CharField(_("legal basis: number"), max_length=64, blank=True)
    legal_basis_date = models.DateField(_("legal basis: date"), null=True, blank=True)
    legal_basis_issuer = models.CharField(_("legal basis: issuer"), max_length=300, blank=True)
    legal_basis_summary = models.TextField(_("legal basis: summary"), blank=True)
    purposes = models.TextField(_("purposes"))
    requirements = models.TextField(_("requirements"))
    theme = models.TextField(_("theme"))
    goal = models.TextField(_("goal"))
    slogan = models.TextField(_("slogan"), blank=True)
    collective_kinds = models.JSONField(_("participating collectives"), default=list, blank=True)
    individual_kinds = models.JSONField(_("participating individuals"), default=list, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    funding_source = models.TextField(_("funding source"), blank=True)
    distribution_list = models.TextField(_("distribution list"), blank=True)
    registration_deadline = models.DateField(
        _("works registration deadline"), null=True, blank=True
    )
    default_work_minimum = models.PositiveSmallIntegerField(
        _("minimum works for other units"), default=1
    )
    flagship_count = models.PositiveSmallIntegerField(
        _("number of flagship works"),
        default=0,
        help_text=_("Works the issuer selects to bear a plaque (2 in the seed plan)."),
    )
    flagship_due = models.DateField(_("flagship works expected by"), null=True, blank=True)
    nomination_deadline = models.DateField(
        _("nomination deadline"),
        null=True,
        blank=True,
        help_text=_("Dossiers are refused after this day; blank means the end date."),
    )
    signed_file = models.FileField(
        _("signed plan"), upload_to=movement_plan_upload_to, blank=True, max_length=300
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("launched by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("closed by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="movement_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == MovementStatus.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.status == MovementStatus.CLOSED

    @property
    def nominations_close_on(self) -> date:
        """The last day dossiers are accepted: the movement's own deadline, else its end."""
        return self.nomination_deadline or self.end_date

    def collective_kind_labels(self) -> list[str]:
        return [str(UnitKind(k).label) for k in self.collective_kinds if k in UnitKind.values]

    def individual_kind_labels(self) -> list[str]:
        return [
            str(IndividualKind(k).label)
            for k in self.individual_kinds
            if k in IndividualKind.values
        ]

    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution_list.splitlines() if line.strip()]

    def work_minimum_for(self, kind: str, minimums: dict[str, int] | None = None) -> int:
        if minimums is None:
            minimums = {m.unit_kind: m.minimum for m in self.work_minimums.all()}
        # A ward or special zone has the communes' minimum unless the movement names its own.
        for key in rule_kinds(kind):
            if key in minimums:
                return minimums[key]
        return self.default_work_minimum


class ContentArea(models.Model):
    """One content area of the movement (plan II.5 a-i); may carry a measurable target."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="content_areas", verbose_name=_("movement")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("label"), max_length=8, blank=True)
    content = models.TextField(_("content"))
    target = models.CharField(_("measurable target"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("content area")
        verbose_name_plural = _("content areas")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.label}) {self.content[:60]}"


class WorkMinimum(models.Model):
    """The minimum number of works a unit of a kind must register (commune/town 2 in the seed)."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="work_minimums", verbose_name=_("movement")
    )
    unit_kind = models.CharField(_("unit kind"), max_length=32, choices=RULE_KIND_CHOICES)
    minimum = models.PositiveSmallIntegerField(_("minimum works"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minimum works")
        verbose_name_plural = _("minimum works")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit_kind"], name="work_minimum_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_unit_kind_display()} ≥ {self.minimum}"


class ParticipantSource(models.TextChoices):
    KIND = "kind", _("By unit kind")
    MANUAL = "manual", _("Chosen one by one")


class Participant(models.Model):
    """A unit taking part in a movement. Manual choices are kept while the movement is a draft;
    launching adds every unit of the chosen kinds."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="participants", verbose_name=_("movement")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="participations", verbose_name=_("unit")
    )
    source = models.CharField(_("source"), max_length=16, choices=ParticipantSource.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.movement}"


class PlanStatus(models.TextChoices):
    PENDING = "pending", _("Not issued yet")
    ISSUED = "issued", _("Issued")


def plan_upload_to(instance: "UnitPlan", filename: str) -> str:
    return f"plans/{instance.movement_id}/{instance.unit_id}/{filename}"


class UnitPlan(models.Model):
    """A participating unit's own plan responding to the movement (plan IV.1.a).

    Created as a pending task when the movement is launched; the unit's focal officer
    fills it in and attaches the signed file.
    """

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="unit_plans", verbose_name=_("movement")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("unit")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.PENDING
    )
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_date = models.DateField(_("date issued"), null=True, blank=True)
    theme = models.TextField(_("theme"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    content = models.TextField(_("content"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    signed_file = models.FileField(_("signed file"), upload_to=plan_upload_to, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("submitted by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit plan")
        verbose_name_plural = _("unit plans")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="unit_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.movement}"

    @property
    def is_issued(self) -> bool:
        return self.status == PlanStatus.ISSUED
