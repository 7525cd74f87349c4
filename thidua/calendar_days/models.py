"""The working-day calendar of state agencies: Saturday and Sunday are rest days, plus the
days off recorded here, minus the weekend days declared working days (làm bù)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DayOffKind(models.TextChoices):
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    COMPENSATORY = "compensatory", _("Compensatory day off")
    EXTRA = "extra", _("Extra day off by decision")


class DayOff(models.Model):
    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DayOffKind.choices, default=DayOffKind.PUBLIC_HOLIDAY
    )
    legal_source = models.CharField(_("legal source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("day off")
        verbose_name_plural = _("days off")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def clean(self) -> None:
        if self.date and MadeUpWorkday.objects.filter(date=self.date).exists():
            raise ValidationError(
                {"date": _("This date is already recorded as a made-up workday.")}
            )


class MadeUpWorkday(models.Model):
    """A weekend day that state agencies work (làm bù), in exchange for a day off elsewhere."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_source = models.CharField(_("legal source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("made-up workday")
        verbose_name_plural = _("made-up workdays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def clean(self) -> None:
        if self.date and self.date.weekday() < 5:
            raise ValidationError({"date": _("A made-up workday must be a Saturday or a Sunday.")})
        if self.date and DayOff.objects.filter(date=self.date).exists():
            raise ValidationError({"date": _("This date is already recorded as a day off.")})
