from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from tree_queries.models import TreeNode

from thidua.core.text import fold, nfc, sort_key


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    TOWN = "town", _("Town")
    WARD = "ward", _("Ward")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    VILLAGE = "village", _("Village")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")
    AGENCY = "agency", _("Agency")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    VERTICAL_AGENCY = "vertical_agency", _("Vertical agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")


# Kinds that the plan treats as "communes and towns" (minimum two works, own plan is a criterion,
# the commune chairman's authority): since 1/7/2025 the commune level is xã, phường and đặc khu.
COMMUNE_LEVEL_KINDS = (UnitKind.COMMUNE, UnitKind.TOWN, UnitKind.WARD, UnitKind.SPECIAL_ZONE)
# Kinds of the old three-level world: kept for history, none may begin or go on after the reform.
REFORM_DATE = date(2025, 7, 1)
ENDED_KINDS = (UnitKind.DISTRICT, UnitKind.TOWN)
# Rows keyed by a unit kind (a movement's work minimums, award authorities) name "commune" for
# the whole commune level: a ward or special zone takes the commune's row. Their fields offer
# these choices, so the stored vocabulary (and those apps' migrations) stay as they were.
RULE_KIND_CHOICES = [
    (value, label)
    for value, label in UnitKind.choices
    if value not in (UnitKind.WARD, UnitKind.SPECIAL_ZONE)
]
# Kinds under a commune that register their works with it.
VILLAGE_LEVEL_KINDS = (UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP)


def rule_kinds(kind: str) -> tuple[str, ...]:
    """The kinds whose rows apply to a unit of ``kind``, its own first: a ward, special zone or
    town falls back to the commune's row (the plan says "communes and towns" of them all)."""
    if kind in COMMUNE_LEVEL_KINDS and kind != UnitKind.COMMUNE:
        return (kind, UnitKind.COMMUNE)
    return (kind,)


def with_commune_level(kinds: Iterable[str]) -> list[str]:
    """A list of kinds that names any commune-level kind widened to the whole commune level
    (a movement open to "communes" is open to wards and special zones)."""
    result = list(dict.fromkeys(kinds))
    if any(k in COMMUNE_LEVEL_KINDS for k in result):
        result += [k for k in COMMUNE_LEVEL_KINDS if k not in result]
    return result


class Unit(TreeNode):
    """An agency, commune, village or enterprise: a node of the unit directory.

    The tree is an adjacency list (parent FK) queried with recursive CTEs, so moving a
    unit is a plain save and its history records the move. Units are never deleted:
    they end with ``valid_to`` and, when merged, point to successors (UnitSuccession).
    """

    # django-tree-queries is untyped, so the django-stubs plugin cannot type the fields of a
    # TreeNode subclass itself: they are annotated (value set, value read).
    kind: models.CharField[str, str] = models.CharField(
        _("kind"), max_length=32, choices=UnitKind.choices
    )
    code: models.CharField[str, str] = models.CharField(_("code"), max_length=32, unique=True)
    name: models.CharField[str, str] = models.CharField(_("short name"), max_length=200)
    full_name: models.CharField[str, str] = models.CharField(_("full name"), max_length=300)
    valid_from: models.DateField[date | None, date | None] = models.DateField(
        _("valid from"), null=True, blank=True
    )
    valid_to: models.DateField[date | None, date | None] = models.DateField(
        _("valid to"), null=True, blank=True
    )
    is_sample: models.BooleanField[bool, bool] = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demo; not a real unit.")
    )
    # Derived columns so that both databases search and order Vietnamese the same way.
    search_text: models.CharField[str, str] = models.CharField(
        max_length=600, editable=False, db_index=True, default=""
    )
    sort_name: models.CharField[str, str] = models.CharField(
        max_length=1300, editable=False, default=""
    )
    history = HistoricalRecords(excluded_fields=["search_text", "sort_name"])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_name"}
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        self.name = nfc(self.name)
        self.full_name = nfc(self.full_name)
        self.code = nfc(self.code)
        self.search_text = f"{fold(self.code)} {fold(self.name)} {fold(self.full_name)}"
        self.sort_name = sort_key(self.name)

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )

    @property
    def is_commune_level(self) -> bool:
        return self.kind in COMMUNE_LEVEL_KINDS


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merged into")
    SPLIT = "split", _("Split into")
    RENAME = "rename", _("Renamed to")
    TRANSFER = "transfer", _("Transferred to")


class UnitSuccession(models.Model):
    """A predecessor unit continues as a successor from a date (merger, split, rename).

    Recorded now so that nothing is lost when the 1/7/2025 reorganisation is applied;
    criteria that need a unit's history follow these links backwards.
    """

    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="predecessions", verbose_name=_("successor")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="unit_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def became_text(self) -> str:
        """«merged into Xã Y from 01/07/2025»: what the predecessor became, for lists."""
        return str(_BECAME[self.kind]) % {
            "name": self.successor.name,
            "day": self.effective_date.strftime("%d/%m/%Y"),
        }


_BECAME: dict[str, Any] = {
    SuccessionKind.MERGE: _("merged into %(name)s from %(day)s"),
    SuccessionKind.SPLIT: _("split, partly into %(name)s, from %(day)s"),
    SuccessionKind.RENAME: _("renamed to %(name)s from %(day)s"),
    SuccessionKind.TRANSFER: _("transferred to %(name)s from %(day)s"),
}
