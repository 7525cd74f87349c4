"""Reads for the criteria pages: the movements a unit takes part in, and the movement's
candidates ranked by how many criteria they meet (its .xlsx report is in ``documents``).

Candidates are the participating units (and the villages and residential groups of
participating communes, which register their works with them) and the people those units
manage. The Home Affairs Office over the issuing unit sees them all; anyone else sees the
candidates in their own subtree. The whole ranking costs a fixed number of queries: the
candidates (two), then ``evaluate_many`` (nine).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, reach
from thidua.core.text import fold
from thidua.criteria.evaluation import Candidate, CandidateEvaluation, evaluate_many
from thidua.criteria.models import COLLECTIVE_TYPES, PERSON_KIND_TYPES, UNIT_KIND_TYPES, Person
from thidua.criteria.rules import sees_whole_movement
from thidua.movements.models import Movement, MovementStatus, Participant
from thidua.units.models import Unit
from thidua.units.selectors import subtree_ids
from thidua.works.services import takes_part, taking_part_q


def launched_movements_of(unit: Unit) -> list[Movement]:
    """Launched movements the unit takes part in (the works rule: a village through its
    commune), for links to its criteria check."""
    ids = [unit.pk, unit.parent_id] if unit.parent_id else [unit.pk]
    rows = Participant.objects.filter(
        unit_id__in=ids, movement__status=MovementStatus.LAUNCHED
    ).select_related("movement")
    movements: dict[int, Movement] = {}
    participants: dict[int, set[int]] = {}
    for row in rows:
        movements[row.movement_id] = row.movement
        participants.setdefault(row.movement_id, set()).add(row.unit_id)
    return [m for pk, m in movements.items() if takes_part(unit, participants[pk])]


# --- ranking ------------------------------------------------------------------------------


class VerdictFilter:
    ALL_MET = "all_met"
    SOME_UNKNOWN = "some_unknown"
    SOME_NOT_MET = "some_not_met"


@dataclass(frozen=True)
class RankingFilters:
    candidate_type: str = ""
    commune: int | None = None
    verdict: str = ""
    q: str = ""


@dataclass
class RankingRow:
    rank: int
    evaluation: CandidateEvaluation
    commune: Unit | None

    @property
    def candidate(self) -> Candidate:
        return self.evaluation.candidate


def candidate_units(user: User, movement: Movement) -> QuerySet[Unit]:
    """Participating units and the villages of participating communes that the user sees."""
    units = Unit.objects.filter(taking_part_q(movement), kind__in=list(UNIT_KIND_TYPES))
    if not sees_whole_movement(user, movement):
        units = units.filter(pk__in=reach(user, ALL_ROLES))
    return units


def _kinds(mapping: dict[str, str], candidate_type: str) -> list[str]:
    return [kind for kind, mapped in mapping.items() if mapped == candidate_type]


def commune_of(unit: Unit) -> Unit | None:
    """The commune or town of a unit (itself, or its parent for a village); parent loaded."""
    if unit.is_commune_level:
        return unit
    if unit.parent is not None and unit.parent.is_commune_level:
        return unit.parent
    return None


def ranking(
    user: User, movement: Movement, filters: RankingFilters, *, today: date | None = None
) -> list[RankingRow]:
    units = candidate_units(user, movement)
    if filters.commune:
        units = units.filter(pk__in=subtree_ids([filters.commune]))
    people = Person.objects.filter(unit_id__in=units.values("pk"))
    if filters.candidate_type:
        if filters.candidate_type in COLLECTIVE_TYPES:
            people = people.none()
            units = units.filter(kind__in=_kinds(UNIT_KIND_TYPES, filters.candidate_type))
        else:
            units = units.none()
            people = people.filter(kind__in=_kinds(PERSON_KIND_TYPES, filters.candidate_type))
    for term in fold(filters.q).split():
        units = units.filter(search_text__contains=term)
        people = people.filter(search_text__contains=term)
    candidates: list[Unit | Person] = [
        *units.select_related("parent"),
        *people.select_related("unit", "unit__parent"),
    ]
    evaluations = evaluate_many(movement, candidates, today=today)
    rows = []
    for evaluation in evaluations.values():
        if not _keep(evaluation, filters.verdict):
            continue
        home = evaluation.candidate.home_unit
        rows.append(RankingRow(rank=0, evaluation=evaluation, commune=commune_of(home)))

    def order(row: RankingRow) -> tuple[int, int, int, str, tuple[str, int]]:
        candidate = row.candidate
        name = (
            candidate.person.sort_name
            if candidate.person is not None
            else candidate.own_unit.sort_name
        )
        e = row.evaluation
        return (-e.met, e.not_met, -e.total, name, candidate.key)

    rows.sort(key=order)
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return rows


def _keep(evaluation: CandidateEvaluation, verdict: str) -> bool:
    if verdict == VerdictFilter.ALL_MET:
        return evaluation.all_met
    if verdict == VerdictFilter.SOME_UNKNOWN:
        return evaluation.unknown > 0
    if verdict == VerdictFilter.SOME_NOT_MET:
        return evaluation.not_met > 0
    return True


def ranking_counts(rows: list[RankingRow]) -> dict[str, int]:
    return {
        "total": len(rows),
        "all_met": sum(1 for r in rows if r.evaluation.all_met),
        "some_unknown": sum(1 for r in rows if r.evaluation.unknown),
        "some_not_met": sum(1 for r in rows if r.evaluation.not_met),
    }
