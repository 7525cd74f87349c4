"""Emulation and Commendation Councils, their sessions and secret ballots.

The ballot is secret: a member's vote writes a ``BallotReceipt`` per item, saying *that* the
member voted, and one ``Ballot``: the choices sealed with the session's public key, with no
member, no time and a random key. The tallies (``yes_count``, ``no_count``) are counted only
when the session closes, by opening every ballot with the session's private key, which lives
outside the database and is destroyed after the count (``services.sealing``).
Quorum and pass thresholds are data per council and per award form, each with its source and
the dates it applies to (Nghị định 98/2023 Art. 30(7) until 30/06/2025, then the council's own
rules); see the README.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Basis(models.TextChoices):
    ALL_MEMBERS = "all", _("All members of the council")
    PRESENT = "present", _("Members present")


class Council(models.Model):
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="councils",
        verbose_name=_("unit"),
        help_text=_("The district or commune whose chairman the council advises."),
    )
    name = models.CharField(_("name"), max_length=300)
    # A session may proceed when present * denominator >= members * numerator.
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum: denominator"), default=3, validators=[MinValueValidator(1)]
    )
    threshold_percent = models.PositiveSmallIntegerField(
        _("default pass threshold (percent)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A nomination passes with at least this share of yes votes."),
    )
    threshold_basis = models.CharField(
        _("default threshold counted over"),
        max_length=8,
        choices=Basis.choices,
        default=Basis.ALL_MEMBERS,
    )
    legal_source = models.CharField(_("legal source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class RuleOrigin(models.TextChoices):
    LAW = "law", _("A legal provision")
    OWN_RULES = "rules", _("The council's own rules (quy chế)")


class Threshold(models.Model):
    """A pass threshold for one award form, overriding the council's default for the sessions
    held between ``valid_from`` and ``valid_to`` (either open)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="thresholds", verbose_name=_("council")
    )
    award_form = models.ForeignKey(
        "award_catalogue.AwardForm",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("award form"),
    )
    percent = models.PositiveSmallIntegerField(
        _("pass threshold (percent)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    basis = models.CharField(
        _("counted over"), max_length=8, choices=Basis.choices, default=Basis.ALL_MEMBERS
    )
    legal_source = models.CharField(_("legal source"), max_length=500, blank=True)
    origin = models.CharField(
        _("set by"), max_length=8, choices=RuleOrigin.choices, default=RuleOrigin.OWN_RULES
    )
    valid_from = models.DateField(
        _("for sessions held from"),
        null=True,
        blank=True,
        help_text=_("Blank: from the start."),
    )
    valid_to = models.DateField(
        _("for sessions held until"),
        null=True,
        blank=True,
        help_text=_("Blank: with no end."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pass threshold")
        verbose_name_plural = _("pass thresholds")
        ordering = ["council", "award_form", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "award_form", "valid_from"], name="threshold_unique_from"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="threshold_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.award_form} ≥ {self.percent}%"


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class CouncilMember(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("council")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("account"),
    )
    full_name = models.CharField(pgettext_lazy("person", "full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    role = models.CharField(
        _("role in the council"),
        max_length=16,
        choices=MemberRole.choices,
        default=MemberRole.MEMBER,
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "role", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_member_unique")
        ]

    def __str__(self) -> str:
        return self.full_name


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


class CouncilSession(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("council")
    )
    movement = models.ForeignKey(
        "movements.Movement",
        on_delete=models.PROTECT,
        related_name="council_sessions",
        verbose_name=_("movement"),
    )
    held_on = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    # Frozen when voting opens, so later changes to the council do not move the denominator.
    member_count = models.PositiveSmallIntegerField(_("members"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    opened_at = models.DateTimeField(_("voting opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set when voting opens: ballots are sealed with it. The private key is never stored here.
    ballot_public_key = models.CharField(max_length=64, blank=True, editable=False)
    # Why the session was closed before every member present had voted (blank: all had).
    early_close_reason = models.TextField(_("closed before every ballot because"), blank=True)
    notes = models.TextField(_("notes for the minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.council} · {self.held_on:%d/%m/%Y}"


class Attendance(models.Model):
    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    member = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("member"),
    )
    present = models.BooleanField(_("present"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.present}"


class ItemResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")


class AgendaItem(models.Model):
    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="items", verbose_name=_("session")
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("nomination"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    yes_count = models.PositiveSmallIntegerField(_("yes"), default=0)
    no_count = models.PositiveSmallIntegerField(_("no"), default=0)
    # The threshold applied, frozen when the session closes (for the minutes).
    threshold_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_basis = models.CharField(max_length=8, choices=Basis.choices, blank=True)
    # The number of votes the share is taken over, frozen at closing: all members, or those
    # present plus absent members who voted in writing on this item.
    threshold_denominator = models.PositiveSmallIntegerField(null=True, blank=True)
    # Where the threshold came from, frozen at closing: a legal provision or the council's own
    # rules (shown «theo quy chế của …» the council's unit), and its source text.
    threshold_origin = models.CharField(max_length=8, choices=RuleOrigin.choices, blank=True)
    threshold_source = models.CharField(max_length=500, blank=True)
    result = models.CharField(_("result"), max_length=8, choices=ItemResult.choices, blank=True)
    # The tally is written once, at closing; it stays out of the history all the same.
    history = HistoricalRecords(excluded_fields=["yes_count", "no_count"])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="agenda_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.nomination}"

    @property
    def counted(self) -> int:
        """Ballots counted on the item (every ballot answers every item)."""
        return self.yes_count + self.no_count


class BallotReceipt(models.Model):
    """That a member voted on an item (in the room or in writing) — never how."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("item")
    )
    member = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        related_name="receipts",
        verbose_name=_("member"),
    )
    in_writing = models.BooleanField(_("written vote of an absent member"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot receipt")
        verbose_name_plural = _("ballot receipts")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="ballot_receipt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.member_id}"


class Ballot(models.Model):
    """One member's choices on every item of a session, sealed with the session's public key.

    Nothing here says whose it is or when it came: no member, no user, no time, no history,
    and a random key so the table's order is not the order of the receipts. It is opened only
    when the session closes, with the private key kept outside the database and destroyed
    after the count.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    sealed = models.BinaryField(_("sealed choices"))

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self) -> str:
        return str(self.id)
