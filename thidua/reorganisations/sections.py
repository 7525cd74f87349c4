"""What a reorganisation moves from an ended unit to its successor, and what stays with the
old unit as its history. One table, read by the preview, by applying and by the undo check,
so the preview shows exactly what applying does."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment, User
from thidua.awards.models import Award
from thidua.criteria.models import AnnualRating, CulturalVillageRecognition, FactRecord, Person
from thidua.movements.models import Participant, UnitPlan
from thidua.nominations.models import Nomination, NominationStatus
from thidua.units.models import Unit
from thidua.works.models import (
    DONE_STATUSES,
    ProgressStatus,
    ProgressUpdate,
    RegistrationStatus,
    Work,
)

# A nomination not yet decided either way goes on with the successor.
OPEN_NOMINATION_STATUSES = (
    NominationStatus.DRAFT,
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.CHECKED,
    NominationStatus.ON_NOTICE,
    NominationStatus.AT_COUNCIL,
    NominationStatus.PASSED,
)
_CLOSED_PROGRESS = (*DONE_STATUSES, ProgressStatus.CANCELLED)


def _open_works() -> Q:
    return ~Q(status=RegistrationStatus.CANCELLED) & ~Q(progress_status__in=_CLOSED_PROGRESS)


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    model: type[models.Model]
    fields: tuple[str, ...]  # the unit foreign keys (attnames) that point to the old unit
    condition: Callable[[], Q] = Q
    # A row unique per (this field, unit): it stays if the successor already has one.
    unique_with: str = ""
    related: tuple[str, ...] = ()

    def queryset(self, unit_ids: Iterable[int]) -> QuerySet:
        ids = list(unit_ids)
        match = Q()
        for field in self.fields:
            match |= Q(**{f"{field}__in": ids})
        qs = self.model._default_manager.filter(match).filter(self.condition())
        return qs.select_related(*self.related).order_by("pk")


# What moves to the successor, in the order it is moved. Child units are handled apart
# (a split sends each child where the officer chose).
MOVES: tuple[Section, ...] = (
    Section(
        "works",
        _("Open works and their registrations"),
        Work,
        ("unit_id",),
        _open_works,
        related=("movement",),
    ),
    Section(
        "participations",
        _("Participation in movements"),
        Participant,
        ("unit_id",),
        unique_with="movement_id",
        related=("movement",),
    ),
    Section(
        "plans",
        _("Unit plans"),
        UnitPlan,
        ("unit_id",),
        unique_with="movement_id",
        related=("movement",),
    ),
    Section("people", _("People managed (managing unit)"), Person, ("unit_id",)),
    Section(
        "nominations",
        _("Open nominations"),
        Nomination,
        # The successor carries the dossier on; the collective nominated stays the one whose
        # achievement it is (and one live nomination per collective and movement is the rule).
        ("proposing_unit_id",),
        lambda: Q(status__in=OPEN_NOMINATION_STATUSES),
        related=("award_form",),
    ),
    Section("staff", _("Accounts working at the unit"), User, ("unit_id",)),
)

# What stays with the old unit as its history.
STAYS: tuple[Section, ...] = (
    Section(
        "closed_works", _("Finished or cancelled works"), Work, ("unit_id",), lambda: ~_open_works()
    ),
    Section("ratings", _("Annual ratings"), AnnualRating, ("unit_id",)),
    Section(
        "recognitions", _("Cultural village recognitions"), CulturalVillageRecognition, ("unit_id",)
    ),
    Section(
        "facts",
        _("Facts (targets, initiatives, contributions, violations)"),
        FactRecord,
        ("unit_id",),
    ),
    Section("awards", _("Awards"), Award, ("unit_id",), related=("award_form",)),
    Section(
        "decided_nominations",
        _("Decided nominations"),
        Nomination,
        ("proposing_unit_id", "candidate_unit_id"),
        lambda: ~Q(status__in=OPEN_NOMINATION_STATUSES),
        related=("award_form",),
    ),
)

CHILDREN = Section("children", _("Child units"), Unit, ("parent_id",))
ROLES = Section(
    "roles", _("Role grants of accounts"), RoleAssignment, ("unit_id",), related=("user",)
)
SECTIONS: dict[str, Section] = {s.key: s for s in (CHILDREN, *MOVES, ROLES, *STAYS)}


def recorded_since(unit_ids: list[int], since: object, own_reason: str) -> list[str]:
    """Labels of what was recorded on these units after ``since`` by anyone but the
    reorganisation itself (its history records carry ``own_reason``)."""
    checks: list[tuple[Promise, QuerySet]] = [
        (_("works"), Work.history.filter(unit_id__in=unit_ids)),
        (
            _("progress updates"),
            ProgressUpdate.history.filter(
                work_id__in=Work.objects.filter(unit_id__in=unit_ids).values("pk")
            ),
        ),
        (_("unit plans"), UnitPlan.history.filter(unit_id__in=unit_ids)),
        (
            _("nominations"),
            Nomination.history.filter(
                Q(proposing_unit_id__in=unit_ids) | Q(candidate_unit_id__in=unit_ids)
            ),
        ),
        (_("ratings"), AnnualRating.history.filter(unit_id__in=unit_ids)),
        (_("recognitions"), CulturalVillageRecognition.history.filter(unit_id__in=unit_ids)),
        (_("facts"), FactRecord.history.filter(unit_id__in=unit_ids)),
        (_("awards"), Award.history.filter(unit_id__in=unit_ids)),
        (_("people"), Person.history.filter(unit_id__in=unit_ids)),
    ]
    found = []
    for label, history in checks:
        later = history.filter(history_date__gt=since).exclude(history_change_reason=own_reason)
        if later.exists():
            found.append(str(label))
    return found
