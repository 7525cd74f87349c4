"""Reference data for awards: the forms, who may award them, and the money they carry.

Every figure is data with an effective period and its legal source, never a constant in code:
the law changed on 1/7/2025 (the district level ended) and the base salary changes by decree.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.units.models import UnitKind


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    COMMENDATION = "commendation", _("Form of commendation")


class Recipient(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")
    BOTH = "both", _("Collective or individual")


class DecidingOffice(models.TextChoices):
    PROVINCE_CHAIRMAN = "province_chairman", _("Chairman of the provincial People's Committee")
    DISTRICT_CHAIRMAN = "district_chairman", _("Chairman of the district People's Committee")
    COMMUNE_CHAIRMAN = "commune_chairman", _("Chairman of the commune People's Committee")


class AwardForm(models.Model):
    """A title (danh hiệu) or a form of commendation (hình thức khen thưởng)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AwardKind.choices)
    recipient = models.CharField(_("recipient"), max_length=20, choices=Recipient.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    legal_source = models.CharField(_("legal source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")

    def __str__(self) -> str:
        return self.name


class Effective(models.Model):
    """A row in force from ``valid_from`` to ``valid_to`` (inclusive; open-ended when empty).

    Subclasses name in ``overlap_fields`` the fields that identify "the same thing": two rows
    with equal values there must not be in force on the same day.
    """

    overlap_fields: tuple[str, ...] = ()
    overlap_message = _("Valid from: this period overlaps another row in force from %(start)s.")

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_source = models.CharField(_("legal source"), max_length=500)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_valid_to_after_from",
                violation_error_message=_(
                    "Valid to: the end date must not be before the start date."
                ),
            )
        ]

    @classmethod
    def in_force_q(cls, day, prefix: str = "") -> Q:
        return Q(**{f"{prefix}valid_from__lte": day}) & (
            Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
        )

    def clean(self) -> None:
        super().clean()
        if self.valid_from is None:
            return
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("Valid to: the end date must not be before the start date.")}
            )
        key = {name: getattr(self, name) for name in self.overlap_fields}
        if any(value is None for value in key.values()):
            return  # the missing field has its own error
        others = type(self).objects.filter(**key).exclude(pk=self.pk)
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if self.valid_to is not None:
            others = others.filter(valid_from__lte=self.valid_to)
        clash = others.order_by("valid_from").first()
        if clash is not None:
            end = f"{clash.valid_to:%d/%m/%Y}" if clash.valid_to else "…"
            raise ValidationError(
                {
                    "valid_from": ValidationError(
                        self.overlap_message,
                        params={"start": f"{clash.valid_from:%d/%m/%Y}", "end": end},
                    )
                }
            )

    def period_label(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "…"
        return f"{self.valid_from:%d/%m/%Y} – {end}"


class MoneyMultiple(Effective):
    """How many base salaries an award form carries (Nghị định 98/2023 Art. 54, then 152/2025)."""

    overlap_fields = ("award_form_id",)
    overlap_message = _(
        "Valid from: this period overlaps the multiple of the same award form in force "
        "from %(start)s to %(end)s."
    )

    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="multiples", verbose_name=_("award form")
    )
    multiple = models.DecimalField(_("multiple of the base salary"), max_digits=6, decimal_places=2)

    history = HistoricalRecords()

    class Meta(Effective.Meta):
        ordering = ["award_form__position", "valid_from"]
        verbose_name = _("award money multiple")
        verbose_name_plural = _("award money multiples")
        constraints = [
            *Effective.Meta.constraints,
            models.UniqueConstraint(
                fields=["award_form", "valid_from"], name="awards_multiple_form_from_unique"
            ),
            models.CheckConstraint(
                condition=Q(multiple__gte=0), name="awards_multiple_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_form} × {self.multiple} ({self.period_label()})"


class BaseSalary(Effective):
    """The base salary (mức lương cơ sở) in VND per month."""

    overlap_message = _(
        "Valid from: this period overlaps the base salary in force from %(start)s to %(end)s."
    )

    amount = models.DecimalField(_("amount (VND)"), max_digits=14, decimal_places=0)

    history = HistoricalRecords()

    class Meta(Effective.Meta):
        ordering = ["valid_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        constraints = [
            *Effective.Meta.constraints,
            models.UniqueConstraint(fields=["valid_from"], name="awards_base_salary_from_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="awards_base_salary_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount:,.0f} ({self.period_label()})".replace(",", ".")


class Authority(Effective):
    """The office that may award a form to a candidate managed at a unit level, for a period.

    ``unit_level`` takes the unit directory's kinds (UnitKind), so a decision looks up its
    candidate's unit kind directly, without a second vocabulary to keep in step.
    """

    overlap_fields = ("deciding_office", "award_form_id", "unit_level")
    overlap_message = _(
        "Valid from: this period overlaps the same authority (office, award form, unit level) "
        "in force from %(start)s to %(end)s."
    )

    deciding_office = models.CharField(
        _("deciding office"), max_length=30, choices=DecidingOffice.choices
    )
    award_form = models.ForeignKey(
        AwardForm,
        on_delete=models.PROTECT,
        related_name="authorities",
        verbose_name=_("award form"),
    )
    unit_level = models.CharField(_("unit level"), max_length=30, choices=UnitKind.choices)

    history = HistoricalRecords()

    class Meta(Effective.Meta):
        ordering = ["valid_from", "deciding_office", "award_form__position", "unit_level"]
        verbose_name = _("award authority")
        verbose_name_plural = _("award authorities")
        constraints = [
            *Effective.Meta.constraints,
            models.UniqueConstraint(
                fields=["deciding_office", "award_form", "unit_level", "valid_from"],
                name="awards_authority_unique",
            ),
        ]
        indexes = [models.Index(fields=["award_form", "unit_level", "valid_from"])]

    def __str__(self) -> str:
        return (
            f"{self.get_deciding_office_display()}: {self.award_form} – "
            f"{self.get_unit_level_display()} ({self.period_label()})"
        )


# --- Decisions, proposals, quotas and the award register -------------------------------


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
