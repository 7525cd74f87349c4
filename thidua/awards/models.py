"""Decisions, proposals, quotas and the award register: what was awarded, by whom, and with
what money. The catalogue they draw on (award forms, authority, base salary, multiples) lives
in ``award_catalogue``, a layer below."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.award_catalogue.models import AwardForm, DecidingOffice


class Quota(models.Model):
    """Upward proposals the province allows a unit (the district) for an award form in a
    movement (chỉ tiêu phân bổ). ``used`` only grows through a conditional UPDATE, so two
    proposals signed at once cannot both take the last place."""

    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        related_name="quotas",
        verbose_name=_("movement"),
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="quotas",
        verbose_name=_("unit receiving the quota"),
    )
    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("award form")
    )
    allocated = models.PositiveIntegerField(_("allocated"))
    used = models.PositiveIntegerField(_("used"), default=0)
    document_reference = models.CharField(
        _("document reference"),
        max_length=300,
        blank=True,
        help_text=_("The province's document allocating the quota."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "award_form"], name="awards_quota_unique"
            ),
            models.CheckConstraint(
                condition=Q(used__lte=F("allocated")), name="awards_quota_used_within"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.award_form}: {self.used}/{self.allocated}"

    @property
    def remaining(self) -> int:
        return max(self.allocated - self.used, 0)


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Award decision")
    PROPOSAL = "proposal", _("Proposal to the province")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class SignerCapacity(models.TextChoices):
    ON_BEHALF = "tm", _("The chairman signs")
    DEPUTY = "kt", _("A vice chairman signs for the chairman (KT.)")


class Decision(models.Model):
    """A decision to award (quyết định khen thưởng, with its annexed list) or a proposal to
    the province (tờ trình). Its number is taken when it is signed; the .docx and .pdf made
    then are kept as issued."""

    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices)
    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("movement"),
    )
    issuing_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("issuing People's Committee"),
    )
    # For a decision: the office that awards; for a proposal: the office asked to award.
    deciding_office = models.CharField(
        _("deciding office"), max_length=30, choices=DecidingOffice.choices
    )
    council_session = models.ForeignKey(
        "councils.CouncilSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("council session"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    signed_on = models.DateField(_("date of the decision"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    number_label = models.CharField(_("number and symbol"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=500)
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_title = models.CharField(_("signer's title"), max_length=200, default="Chủ tịch")
    signer_capacity = models.CharField(
        _("signs"), max_length=4, choices=SignerCapacity.choices, default=SignerCapacity.ON_BEHALF
    )
    distribution_list = models.TextField(_("distribution list"), blank=True)
    docx = models.FileField(_(".docx"), upload_to="decisions/", blank=True)
    pdf = models.FileField(_(".pdf"), upload_to="decisions/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    history = HistoricalRecords()

    # Not a field: ``services.decisions.decision_sign`` sets it on the decision it returns,
    # why the PDF could not be made ("" when it was).
    pdf_error: str = ""

    class Meta:
        verbose_name = _("decision or proposal")
        verbose_name_plural = _("decisions and proposals")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            # Numbers restart every year (DocumentCounter), so they are unique per year.
            models.UniqueConstraint(
                F("issuing_unit"),
                F("kind"),
                F("number"),
                ExtractYear("signed_on"),
                condition=Q(number__isnull=False),
                name="awards_decision_number_unique_per_year",
            )
        ]

    def __str__(self) -> str:
        return self.number_label or str(self.summary)


class DecisionItem(models.Model):
    """A nomination listed in a decision's annex or a proposal."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="items", verbose_name=_("decision")
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        related_name="decision_items",
        verbose_name=_("nomination"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision item")
        verbose_name_plural = _("decision items")
        ordering = ["decision", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "nomination"], name="awards_decision_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.nomination_id}"


class DocumentCounter(models.Model):
    """The last number a unit gave a series (QĐ, TTr, BB) in a year."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=16)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "series"], name="awards_document_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class Award(models.Model):
    """One award in the register (sổ khen thưởng): from a decision made here, or recorded
    from an earlier paper decision. The criteria read it; certificates and the public
    verification page show it; revocation keeps the row and says why."""

    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="awards", verbose_name=_("award form")
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("collective"),
    )
    person = models.ForeignKey(
        "criteria.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("individual"),
    )
    # As written on the decision, kept even if the unit or person is renamed later.
    recipient_name = models.CharField(_("recipient"), max_length=300)
    recipient_detail = models.CharField(_("position and unit"), max_length=500, blank=True)
    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("movement"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("decision"),
    )
    nomination = models.OneToOneField(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award",
        verbose_name=_("nomination"),
    )
    deciding_office = models.CharField(
        _("deciding office"), max_length=30, choices=DecidingOffice.choices
    )
    decision_number = models.CharField(_("decision number"), max_length=64)
    decided_on = models.DateField(_("decision date"))
    # Money: the base salary and multiple in force on the decision date, kept as decided.
    base_salary = models.DecimalField(
        _("base salary (VND)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    multiple = models.DecimalField(
        _("multiple of the base salary"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField(
        _("amount (VND)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    # Public verification link printed as a QR code on the certificate.
    token = models.UUIDField(
        _("verification code"), unique=True, editable=False, default=uuid.uuid4
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revocation_decision = models.CharField(
        _("revoking decision"),
        max_length=300,
        blank=True,
        help_text=_("Number and date of the decision that revokes the award."),
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="award_unit_xor_person",
            ),
        ]
        indexes = [models.Index(fields=["decided_on"])]

    def __str__(self) -> str:
        return f"{self.recipient_name} – {self.award_form_id and self.award_form}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None
