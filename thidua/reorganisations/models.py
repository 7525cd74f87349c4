"""A reorganisation of the unit directory (merge, split, rename, transfer) and the log of
every field it changed, so that the detail page can say what moved and undo can restore it."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.units.models import SuccessionKind, Unit, UnitKind


class ReorganisationKind(models.TextChoices):
    """The same values as ``SuccessionKind`` (the links it creates carry the kind), named as acts."""

    MERGE = SuccessionKind.MERGE.value, _("Merge")
    SPLIT = SuccessionKind.SPLIT.value, _("Split")
    RENAME = SuccessionKind.RENAME.value, _("Rename")
    TRANSFER = SuccessionKind.TRANSFER.value, _("Transfer")


class ReorganisationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPLIED = "applied", _("Applied")
    UNDONE = "undone", _("Undone")


class Reorganisation(models.Model):
    """One decision reorganising units, recorded by a province's Home Affairs officer."""

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReorganisationKind.choices)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReorganisationStatus.choices,
        default=ReorganisationStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    # The reason written on every history record the reorganisation makes, so that undo can
    # tell its own records from later work on the successors.
    change_reason = models.CharField(max_length=100, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["change_reason"])

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.legal_basis or self.pk}"

    @property
    def legal_basis(self) -> str:
        parts = [self.document_number]
        if self.document_date:
            parts.append(self.document_date.strftime("%d/%m/%Y"))
        if self.issuer:
            parts.append(self.issuer)
        return ", ".join(p for p in parts if p)

    @property
    def is_draft(self) -> bool:
        return self.status == ReorganisationStatus.DRAFT

    @property
    def is_applied(self) -> bool:
        return self.status == ReorganisationStatus.APPLIED


class ReorganisationSource(models.Model):
    """A unit the reorganisation acts on (merged, split, renamed or transferred)."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="sources"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "unit"], name="reorganisation_source_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.unit)


class ReorganisationTarget(models.Model):
    """Where sources go: an existing unit, or the data of a unit created when applying
    (``unit`` is filled then). For a rename it holds the new names; for a transfer, the new
    parent."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    is_new = models.BooleanField(default=False)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices, blank=True)
    code = models.CharField(_("code"), max_length=32, blank=True)
    name = models.CharField(_("short name"), max_length=200, blank=True)
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    parent = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent unit"),
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.unit.name if self.unit is not None and not self.is_new else self.name


class SplitChild(models.Model):
    """In a split: which new unit a child of the split unit goes to."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="split_children"
    )
    child = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(ReorganisationTarget, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "child"], name="reorganisation_split_child_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} → {self.target}"


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Moved or changed")
    DELETE = "delete", _("Ended")


class ReorganisationChange(models.Model):
    """One change made by applying (or by moving roles after): enough to show it and undo it."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="changes"
    )
    section = models.CharField(max_length=32)
    model = models.CharField(max_length=64)  # "app_label.ModelName"
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=8, choices=ChangeAction.choices)
    field = models.CharField(max_length=64, blank=True)  # attname, e.g. "unit_id"
    old_value = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    new_value = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    label = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.model}#{self.object_id} {self.action} {self.field}"
