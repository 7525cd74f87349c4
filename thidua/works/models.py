"""Works (công trình, phần việc) registered by units for a movement, their progress,
reminders from the Home Affairs Office, flagship selections and reviews."""

from datetime import date
from typing import cast

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.text import fold, nfc
from thidua.movements.models import Movement
from thidua.units.models import Unit


def column(model: type[models.Model], name: str) -> models.Field:
    """The model's own field ``name``; ``_meta.get_field`` may also return a relation from
    another model, typed without the label and other attributes a column has."""
    return cast(models.Field, model._meta.get_field(name))


class WorkKind(models.TextChoices):
    CONSTRUCTION = "construction", _("Construction")
    TASK = "task", _("Task")


class FundingSource(models.TextChoices):
    STATE_BUDGET = "state_budget", _("State budget")
    TARGET_PROGRAMME = "target_programme", _("National target programme")
    PEOPLE = "people", _("Contributions of the people")
    SOCIALISED = "socialised", _("Enterprises and sponsors")
    COMBINED = "combined", _("Combined sources")
    UNIT_FUNDS = "unit_funds", _("The unit's own funds")
    OTHER = "other", _("Other source")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting the commune")
    RETURNED = "returned", _("Returned")
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    IN_USE = "in_use", _("Put into use")
    CANCELLED = "cancelled", _("Cancelled")


DONE_STATUSES = (ProgressStatus.COMPLETED, ProgressStatus.IN_USE)


class Schedule(models.TextChoices):
    """Derived from the expected completion date, never stored."""

    ON_SCHEDULE = "on_schedule", _("On schedule")
    LATE = "late", _("Completed late")
    OVERDUE = "overdue", _("Overdue")
    NONE = "none", _("Not applicable")


# The five facts the plan requires of every registration (II.5.c), in the plan's order.
REQUIRED_FIELDS = ("volume", "site", "estimated_value", "funding_source", "expected_completion")


class Work(models.Model):
    """A construction or task a unit registers for a movement (plan II.5.c, IV.1.b)."""

    movement = models.ForeignKey(
        Movement, on_delete=models.PROTECT, related_name="works", verbose_name=_("movement")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="works", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind of work"), max_length=16, choices=WorkKind.choices)
    name = models.CharField(_("name of the work"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    volume = models.CharField(_("volume"), max_length=300, blank=True)
    site = models.CharField(_("site"), max_length=300, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (VND)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    funding_source = models.CharField(
        _("funding source"), max_length=32, choices=FundingSource.choices, blank=True
    )
    people_funded = models.BooleanField(
        _("funded by the people"),
        default=False,
        help_text=_("The people contribute money, materials or labour (criterion 7.1.c)."),
    )
    expected_completion = models.DateField(_("expected completion"), null=True, blank=True)
    status = models.CharField(
        _("registration status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        db_index=True,
    )
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("registered by"),
    )
    is_late = models.BooleanField(_("registered late"), default=False)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # The latest progress update, copied here so lists and the dashboard need no subquery.
    progress_percent = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    progress_status = models.CharField(
        _("progress"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
        db_index=True,
    )
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    put_into_use = models.DateField(_("put into use on"), null=True, blank=True)
    value_done = models.DecimalField(
        _("value realised (VND)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    progress_updated_at = models.DateTimeField(_("progress updated at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # Accent-folded name and site, so "van hoa" finds «Nhà văn hóa» on both databases.
    search_text = models.CharField(max_length=700, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["unit__sort_name", "pk"]
        indexes = [models.Index(fields=["movement", "unit"], name="work_movement_unit")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100), name="work_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_value__isnull=True) | models.Q(estimated_value__gt=0),
                name="work_estimated_value_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        """Call before bulk_create, which skips save()."""
        self.name = nfc(self.name)
        self.search_text = f"{fold(self.name)} {fold(self.site)}"[:700]

    def missing_fields(self) -> list[str]:
        """Names of the plan's required facts this work still lacks."""
        return [
            str(column(Work, name).verbose_name)
            for name in REQUIRED_FIELDS
            if getattr(self, name) in (None, "")
        ]

    def schedule(self, today: date | None = None) -> str:
        return schedule_of(
            self.status,
            self.progress_status,
            self.expected_completion,
            self.actual_completion,
            today or date.today(),
        )

    def get_schedule_display(self) -> str:
        return str(Schedule(self.schedule()).label)

    @property
    def is_active(self) -> bool:
        return self.status not in (RegistrationStatus.CANCELLED,)


def schedule_of(
    status: str,
    progress: str,
    expected: date | None,
    actual: date | None,
    today: date,
) -> str:
    """On schedule / completed late / overdue, from the expected completion date.

    The same rule is written as a query expression in ``selectors.schedule_annotation``.
    """
    if status == RegistrationStatus.CANCELLED or progress == ProgressStatus.CANCELLED:
        return Schedule.NONE
    if expected is None:
        return Schedule.NONE
    if progress in DONE_STATUSES:
        if actual is not None and actual > expected:
            return Schedule.LATE
        return Schedule.ON_SCHEDULE
    return Schedule.OVERDUE if today > expected else Schedule.ON_SCHEDULE


class ProgressUpdate(models.Model):
    """One report of progress on a work; the latest is copied onto the work."""

    work = models.ForeignKey(
        Work, on_delete=models.CASCADE, related_name="updates", verbose_name=_("work")
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"))
    status = models.CharField(_("progress"), max_length=16, choices=ProgressStatus.choices)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    put_into_use = models.DateField(_("put into use on"), null=True, blank=True)
    value_done = models.DecimalField(
        _("value realised (VND)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    note = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="progress_percent_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.work} · {self.percent}%"


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.update.work_id}/{filename}"


def thumbnail_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.update.work_id}/thumbs/{filename}"


class Evidence(models.Model):
    """A photo or document attached to a progress update, served only to those who may see
    the work."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress update"),
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=thumbnail_upload_to, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    is_image = models.BooleanField(default=False)
    size = models.PositiveIntegerField(_("size"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Reminder(models.Model):
    """An urging message (đôn đốc) from the Home Affairs Office to lagging units."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("movement")
    )
    subject = models.CharField(_("subject"), max_length=300)
    message = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class ReminderRecipient(models.Model):
    """A unit a reminder was sent to; its users see it until one of them acknowledges it."""

    reminder = models.ForeignKey(
        Reminder, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("reminder")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("unit")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    emails_sent = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("acknowledged by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder recipient")
        verbose_name_plural = _("reminder recipients")
        constraints = [
            models.UniqueConstraint(fields=["reminder", "unit"], name="reminder_recipient_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reminder} → {self.unit}"


class FlagshipWork(models.Model):
    """A work the district selected to bear a plaque (công trình tiêu biểu gắn biển, IV.6)."""

    movement = models.ForeignKey(
        Movement,
        on_delete=models.CASCADE,
        related_name="flagship_works",
        verbose_name=_("movement"),
    )
    work = models.OneToOneField(
        Work, on_delete=models.PROTECT, related_name="flagship", verbose_name=_("work")
    )
    reason = models.TextField(_("reason for selection"))
    congress = models.CharField(_("congress the plaque celebrates"), max_length=300)
    selected_at = models.DateTimeField(_("selected at"), auto_now_add=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("selected by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("flagship work")
        verbose_name_plural = _("flagship works")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.work)


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Interim review")
    FINAL = "final", _("Final review")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Review(models.Model):
    """A unit's interim or final review of its works for a movement (sơ kết, tổng kết)."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("movement")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind of review"), max_length=16, choices=ReviewKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    people_contribution = models.DecimalField(
        _("contributed by the people (VND)"), max_digits=18, decimal_places=0, default=0
    )
    people_workdays = models.PositiveIntegerField(
        _("workdays contributed by the people"), default=0
    )
    exemplary_models = models.PositiveIntegerField(_("exemplary models found"), default=0)
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings and causes"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
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
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["unit__sort_name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit", "kind"], name="review_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.unit}"


class ReviewItem(models.Model):
    """The result of one work in a review, as the unit reports it at review time."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="items", verbose_name=_("review")
    )
    work = models.ForeignKey(
        Work, on_delete=models.PROTECT, related_name="review_items", verbose_name=_("work")
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    progress_status = models.CharField(_("progress"), max_length=16, choices=ProgressStatus.choices)
    value_done = models.DecimalField(
        _("value realised (VND)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    result = models.TextField(_("result"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "work"], name="review_item_unique"),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="review_item_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.work}"
