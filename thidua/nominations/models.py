"""Nomination dossiers (hồ sơ đề nghị khen thưởng) and the public notice of candidates.

A unit proposes one candidate (a unit or a person) for one award form in a movement. The
dossier moves through an explicit workflow (``workflow.TRANSITIONS``), each move recorded as a
``NominationEvent``. Art. 5 of the 2022 Law: one achievement gets one award, so a candidate
has at most one live nomination per movement (a database constraint, not only a form check).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.criteria.models import Person
from thidua.units.models import Unit


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Sent for checking")
    RETURNED = "returned", _("Returned for correction")
    CHECKED = "checked", _("Checked")
    ON_NOTICE = "on_notice", _("On public notice")
    AT_COUNCIL = "at_council", _("Before the council")
    PASSED = "passed", _("Passed by the council")
    DECIDED = "decided", _("Awarded")
    PROPOSED = "proposed", _("Proposed to the province")
    REJECTED = "rejected", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A withdrawn dossier frees its candidate for a new one; every other status holds the
# candidate's one achievement in this movement.
RELEASING_STATUSES = (NominationStatus.WITHDRAWN,)


def _dossier_upload_to(instance: models.Model, filename: str) -> str:
    nomination_id = getattr(instance, "nomination_id", None) or getattr(instance, "pk", None)
    return f"nominations/{nomination_id or 'new'}/{filename}"


class Nomination(models.Model):
    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("movement"),
    )
    proposing_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="nominations_made",
        verbose_name=_("proposing unit"),
    )
    candidate_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("collective nominated"),
    )
    candidate_person = models.ForeignKey(
        "criteria.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("individual nominated"),
    )
    award_form = models.ForeignKey(
        "award_catalogue.AwardForm",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("award form"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        db_index=True,
    )
    # The achievement report (báo cáo thành tích): text pre-filled from the facts, or a .docx.
    achievement = models.TextField(_("achievement report"), blank=True)
    achievement_file = models.FileField(
        _("achievement report (.docx or .pdf)"), upload_to=_dossier_upload_to, blank=True
    )
    review_minutes = models.FileField(
        _("minutes of the unit's review"), upload_to=_dossier_upload_to, blank=True
    )
    # The latest reason the Home Affairs Office gave when returning the dossier.
    return_reason = models.TextField(_("reason for returning"), blank=True)
    notice = models.ForeignKey(
        "nominations.PublicNotice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("public notice"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Sortable, accent-free name of the candidate, kept by the services for search.
    candidate_name = models.CharField(_("candidate"), max_length=300, default="")
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(candidate_unit__isnull=False, candidate_person__isnull=True)
                | Q(candidate_unit__isnull=True, candidate_person__isnull=False),
                name="nomination_unit_xor_person",
            ),
            models.UniqueConstraint(
                fields=["movement", "candidate_unit"],
                condition=Q(candidate_unit__isnull=False) & ~Q(status__in=RELEASING_STATUSES),
                name="nomination_one_live_per_unit",
            ),
            models.UniqueConstraint(
                fields=["movement", "candidate_person"],
                condition=Q(candidate_person__isnull=False) & ~Q(status__in=RELEASING_STATUSES),
                name="nomination_one_live_per_person",
            ),
        ]
        indexes = [models.Index(fields=["movement", "status"])]

    def __str__(self) -> str:
        return f"{self.candidate_name} – {self.award_form_id and self.award_form}"

    @property
    def candidate(self) -> Unit | Person | None:
        return self.candidate_unit or self.candidate_person

    @property
    def is_collective(self) -> bool:
        return self.candidate_unit_id is not None


class NominationFile(models.Model):
    """An evidence file of the dossier (proof of initiatives, photos of works, decisions…)."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="files", verbose_name=_("nomination")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=_dossier_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class NominationEvent(models.Model):
    """One step of a dossier's trail: who moved it, from and to which status, and why."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="events", verbose_name=_("nomination")
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=NominationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=NominationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        step = self.get_to_status_display()
        if self.from_status:
            step = f"{self.get_from_status_display()} → {step}"
        return f"{self.nomination_id}: {step}"


class PublicNotice(models.Model):
    """The public list of candidates (công khai), open for comments for a number of working
    days; the council may meet only after ``closes_on``."""

    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("movement"),
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days open"),
        default=10,
        help_text=_(
            "Counted from the day after publication; Saturdays, Sundays and public "
            "holidays are not counted."
        ),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # The last day comments are taken (inclusive), from the working-day calendar.
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CommentStatus(models.TextChoices):
    """A comment is held until the office approves it; only approved comments are public."""

    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class NoticeComment(models.Model):
    """A comment or objection sent by anyone on the public page, and the office's answer.
    Held (``pending``) until the office approves or rejects it; only approved ones are public."""

    notice = models.ForeignKey(
        PublicNotice, on_delete=models.PROTECT, related_name="comments", verbose_name=_("notice")
    )
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("about the candidate"),
    )
    author_name = models.CharField(_("your name"), max_length=200)
    contact = models.CharField(
        _("phone or e-mail"),
        max_length=200,
        blank=True,
        help_text=_("Not published; the office uses it to answer you."),
    )
    body = models.TextField(_("comment"))
    is_objection = models.BooleanField(_("objection"), default=False)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    # The sender's address (behind trusted proxies), for the rate limit; never shown.
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notice comment")
        verbose_name_plural = _("notice comments")
        ordering = ["sent_at", "pk"]
        indexes = [
            models.Index(fields=["client_address", "sent_at"], name="notice_comment_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"
