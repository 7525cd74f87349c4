"""The facts the rules read, loaded once for a batch of candidates (``load_facts``), and
whose facts stand for a candidate in a year when units merged (``Facts.sources``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.db.models import Q
from django.utils import timezone

from thidua.criteria.evaluation.base import Candidate, Source
from thidua.criteria.extensions import award_rows
from thidua.criteria.models import (
    AnnualRating,
    Attestation,
    Criterion,
    CulturalVillageRecognition,
    FactRecord,
)
from thidua.movements.models import Movement, UnitPlan
from thidua.units.models import UnitSuccession
from thidua.works.models import ProgressStatus, RegistrationStatus, Work


@dataclass(frozen=True)
class Predecessor:
    unit_id: int
    name: str
    effective_date: date
    valid_from: date | None


@dataclass(frozen=True)
class RecordFact:
    kind: str
    year: int
    summary: str
    outcome: str
    amount: Any
    reference: str


@dataclass(frozen=True)
class AwardFact:
    year: int
    form: str
    decision_number: str
    decided_on: date


@dataclass
class Facts:
    """Everything the rules read, loaded once for a batch of candidates."""

    movement: Movement
    today: date
    ratings: dict[Source, dict[int, str]] = field(default_factory=dict)
    recognitions: dict[int, dict[int, str]] = field(default_factory=dict)
    records: dict[Source, list[RecordFact]] = field(default_factory=dict)
    works: dict[int, list[Work]] = field(default_factory=dict)
    plans: dict[int, UnitPlan] = field(default_factory=dict)
    # Awards in the register that stand (revoked ones are left out).
    awards: dict[Source, list[AwardFact]] = field(default_factory=dict)
    predecessors: dict[int, list[Predecessor]] = field(default_factory=dict)
    unit_names: dict[int, str] = field(default_factory=dict)
    valid_from: dict[int, date | None] = field(default_factory=dict)
    # (lineage root criterion id, source) → the latest attestation
    attestations: dict[tuple[int, Source], Attestation] = field(default_factory=dict)
    lineage_root: dict[int, int] = field(default_factory=dict)

    def sources(self, candidate: Candidate, year: int) -> list[Source]:
        """Whose facts stand for ``candidate`` in ``year`` (see the module's note on mergers)."""
        if candidate.person is not None:
            return [("person", candidate.person.pk)]
        return [("unit", pk) for pk in self._unit_sources(candidate.own_unit.pk, year, set())]

    def _unit_sources(self, unit_id: int, year: int, seen: set[int]) -> list[int]:
        if unit_id in seen:
            return []
        seen = seen | {unit_id}
        earlier = [p for p in self.predecessors.get(unit_id, ()) if year < p.effective_date.year]
        if not earlier:
            return [unit_id]
        result: list[int] = []
        existed = self.valid_from.get(unit_id)
        if existed is not None and existed <= date(year, 12, 31):
            result.append(unit_id)
        for predecessor in earlier:
            for pk in self._unit_sources(predecessor.unit_id, year, seen):
                if pk not in result:
                    result.append(pk)
        return result

    def all_units(self, unit_id: int) -> list[int]:
        """The unit and every predecessor, any depth (for works of the movement)."""
        result, stack = [], [unit_id]
        while stack:
            pk = stack.pop()
            if pk in result:
                continue
            result.append(pk)
            stack.extend(p.unit_id for p in self.predecessors.get(pk, ()))
        return result

    def label(self, candidate: Candidate, source: Source) -> str:
        """«» for the candidate itself, « (Xã Cũ)» for a predecessor."""
        if candidate.key == source:
            return ""
        return f" ({self.unit_names.get(source[1], source[1])})"


def _source(unit_id: int | None, person_id: int | None) -> Source:
    """Whose fact a row is: its unit, else its person (the tables hold exactly one of them)."""
    return ("unit", unit_id) if unit_id else ("person", cast(int, person_id))


def _predecessor_closure(
    predecessors: dict[int, list[Predecessor]], ids: Iterable[int]
) -> set[int]:
    found: set[int] = set()
    stack = list(ids)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(p.unit_id for p in predecessors.get(pk, ()))
    return found


def load_facts(
    movement: Movement,
    candidates: Sequence[Candidate],
    *,
    criteria: Iterable[Criterion] = (),
    today: date | None = None,
) -> Facts:
    """Load the facts of all ``candidates`` in a fixed number of queries (eight)."""
    facts = Facts(movement=movement, today=today or timezone.localdate())
    # 1. Successions: a small table, read whole so that any depth costs one query.
    for succession in UnitSuccession.objects.select_related("predecessor").order_by("pk"):
        predecessor = succession.predecessor
        facts.predecessors.setdefault(succession.successor_id, []).append(
            Predecessor(
                predecessor.pk, predecessor.name, succession.effective_date, predecessor.valid_from
            )
        )
        facts.unit_names[predecessor.pk] = predecessor.name
        facts.valid_from[predecessor.pk] = predecessor.valid_from
    units = {c.unit.pk: c.unit for c in candidates if c.unit is not None}
    for unit in units.values():
        facts.unit_names[unit.pk] = unit.name
        facts.valid_from[unit.pk] = unit.valid_from
    person_ids = {c.person.pk for c in candidates if c.person is not None}
    home_ids = {c.home_unit.pk for c in candidates}
    unit_ids = _predecessor_closure(facts.predecessors, units)
    work_unit_ids = _predecessor_closure(facts.predecessors, home_ids)
    whose = Q(unit_id__in=unit_ids) | Q(person_id__in=person_ids)
    # 2. Ratings.
    for unit_id, person_id, year, level in AnnualRating.objects.filter(whose).values_list(
        "unit_id", "person_id", "year", "level"
    ):
        facts.ratings.setdefault(_source(unit_id, person_id), {})[year] = level
    # 3. Cultural village recognitions.
    for unit_id, year, reference in CulturalVillageRecognition.objects.filter(
        unit_id__in=unit_ids
    ).values_list("unit_id", "year", "document_reference"):
        facts.recognitions.setdefault(unit_id, {})[year] = reference
    # 4. Other facts: targets, initiatives, contributions, violations, complaints.
    for unit_id, person_id, kind, year, summary, outcome, amount, reference in (
        FactRecord.objects.filter(whose)
        .order_by("year", "pk")
        .values_list(
            "unit_id", "person_id", "kind", "year", "summary", "outcome", "amount",
            "document_reference",
        )
    ):  # fmt: skip
        facts.records.setdefault(_source(unit_id, person_id), []).append(
            RecordFact(kind, year, summary, outcome, amount, reference)
        )
    # 5. Works of the movement (registered or awaiting the commune).
    for work in (
        Work.objects.filter(
            movement=movement,
            unit_id__in=work_unit_ids,
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.PENDING),
        )
        .exclude(progress_status=ProgressStatus.CANCELLED)
        .only(
            "pk", "unit_id", "name", "status", "progress_status", "progress_percent",
            "expected_completion", "actual_completion", "put_into_use", "people_funded",
            "funding_source",
        )
        .order_by("pk")
    ):  # fmt: skip
        facts.works.setdefault(work.unit_id, []).append(work)
    # 6. The units' own plans for the movement.
    for plan in UnitPlan.objects.filter(movement=movement, unit_id__in=unit_ids).only(
        "pk", "unit_id", "status", "document_number", "issued_date"
    ):
        facts.plans[plan.unit_id] = plan
    # 7. Awards in the register, not revoked (any movement, earlier paper awards too).
    for award_unit_id, award_person_id, form, number, decided_on in award_rows(
        unit_ids, person_ids
    ):
        facts.awards.setdefault(_source(award_unit_id, award_person_id), []).append(
            AwardFact(decided_on.year, form, number, decided_on)
        )
    # 8. Attestations: the latest per criterion lineage and candidate.
    facts.lineage_root = _lineage_roots(criteria)
    for attestation in (
        Attestation.objects.filter(movement=movement)
        .filter(Q(unit_id__in=unit_ids) | Q(person_id__in=person_ids))
        .select_related("attested_by")
        .order_by("attested_at", "pk")
    ):
        root = facts.lineage_root.get(attestation.criterion_id, attestation.criterion_id)
        source = _source(attestation.unit_id, attestation.person_id)
        facts.attestations[(root, source)] = attestation  # later ones replace earlier ones
    return facts


def _lineage_roots(criteria: Iterable[Criterion]) -> dict[int, int]:
    """criterion id → the first criterion it continues (through ``origin``), within the
    criteria given (all versions of the movement's sets)."""
    origin = {c.pk: c.origin_id for c in criteria}
    roots: dict[int, int] = {}
    for pk in origin:
        node, seen = pk, {pk}
        while (parent := origin.get(node)) is not None and parent in origin and parent not in seen:
            node = parent
            seen.add(node)
        roots[pk] = node
    return roots
