"""Reference data for awards: the forms, who may award them, and the money they carry.

Every figure is data with an effective period and its legal source, never a constant in code:
the law changed on 1/7/2025 (the district level ended) and the base salary changes by decree.

These models moved here from ``awards`` so that criteria, nominations and councils can read the
catalogue without importing the decisions that sit above them; their tables keep the names
they were created with (``awards_*``), so no row moved.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.units.models import RULE_KIND_CHOICES


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

    history = HistoricalRecords(table_name="awards_historicalawardform")

    class Meta:
        db_table = "awards_awardform"
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
    def in_force_q(cls, day: date, prefix: str = "") -> Q:
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
        others = type(self)._default_manager.filter(**key).exclude(pk=self.pk)
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
    """How many base salaries an award form carries for one kind of recipient, and the step
    the money is rounded up to (Nghị định 98/2023 Art. 54, then 152/2025 Art. 49-50 and 54).

    Bằng khen and Giấy khen carry one multiple for an individual and another for a
    collective, so a row names its recipient; forms for one kind of recipient have one row
    per period.
    """

    overlap_fields = ("award_form_id", "recipient")
    overlap_message = _(
        "Valid from: this period overlaps the multiple of the same award form and recipient "
        "in force from %(start)s to %(end)s."
    )

    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="multiples", verbose_name=_("award form")
    )
    recipient = models.CharField(
        _("recipient"),
        max_length=20,
        choices=[(c.value, c.label) for c in Recipient if c != Recipient.BOTH],
    )
    multiple = models.DecimalField(_("multiple of the base salary"), max_digits=6, decimal_places=2)
    round_up_to = models.DecimalField(
        _("rounded up to (VND)"),
        max_digits=10,
        decimal_places=0,
        help_text=_(
            "The money (base salary × multiple) is rounded up to a multiple of this amount, "
            "as the decree in the legal source says (10.000 đ under Nghị định 98/2023 and "
            "152/2025)."
        ),
    )

    history = HistoricalRecords(table_name="awards_historicalmoneymultiple")

    class Meta(Effective.Meta):
        db_table = "awards_moneymultiple"
        ordering = ["award_form__position", "recipient", "valid_from"]
        verbose_name = _("award money multiple")
        verbose_name_plural = _("award money multiples")
        constraints = [
            *Effective.Meta.constraints,
            models.UniqueConstraint(
                fields=["award_form", "recipient", "valid_from"],
                name="award_catalogue_multiple_form_recipient_from_unique",
            ),
            models.CheckConstraint(
                condition=Q(multiple__gte=0), name="awards_multiple_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(round_up_to__gt=0), name="award_catalogue_multiple_rounding_positive"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.award_form} ({self.get_recipient_display()}) × {self.multiple} "
            f"({self.period_label()})"
        )

    def clean(self) -> None:
        form = self.award_form if self.award_form_id else None
        if form is not None and self.recipient and not fits(form.recipient, self.recipient):
            raise ValidationError(
                {
                    "recipient": _(
                        "Recipient: «%(form)s» is not awarded to this kind of recipient."
                    )
                    % {"form": form.name}
                }
            )
        super().clean()


def fits(form_recipient: str, recipient: str) -> bool:
    """Whether a form given to ``form_recipient`` may go to ``recipient``."""
    if form_recipient == Recipient.BOTH:
        return recipient in (Recipient.COLLECTIVE, Recipient.INDIVIDUAL)
    return form_recipient == recipient


class BaseSalary(Effective):
    """The base salary (mức lương cơ sở) in VND per month."""

    overlap_message = _(
        "Valid from: this period overlaps the base salary in force from %(start)s to %(end)s."
    )

    amount = models.DecimalField(_("amount (VND)"), max_digits=14, decimal_places=0)

    history = HistoricalRecords(table_name="awards_historicalbasesalary")

    class Meta(Effective.Meta):
        db_table = "awards_basesalary"
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
    candidate's unit kind directly, without a second vocabulary to keep in step. A "commune"
    row covers the whole commune level (wards and special zones too: ``units.rule_kinds``).
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
    unit_level = models.CharField(_("unit level"), max_length=30, choices=RULE_KIND_CHOICES)

    history = HistoricalRecords(table_name="awards_historicalauthority")

    class Meta(Effective.Meta):
        db_table = "awards_authority"
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
