"""The registry of rules and the evaluation of candidates against their criterion set: one
batch of facts for all candidates, then every criterion of each candidate's set."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.criteria.evaluation.awards import rule_awards_received
from thidua.criteria.evaluation.base import Candidate, Outcome, Verdict
from thidua.criteria.evaluation.facts import Facts, load_facts
from thidua.criteria.evaluation.params import clean_params
from thidua.criteria.evaluation.plans import rule_unit_plan
from thidua.criteria.evaluation.ratings import rule_ratings
from thidua.criteria.evaluation.records import (
    rule_contributions,
    rule_initiatives,
    rule_no_violations,
    rule_targets,
)
from thidua.criteria.evaluation.villages import rule_cultural_village
from thidua.criteria.evaluation.works import rule_works
from thidua.criteria.models import (
    Attestation,
    AttestationVerdict,
    Criterion,
    CriterionKind,
    CriterionSet,
    Person,
    RuleKey,
)
from thidua.movements.models import Movement
from thidua.units.models import Unit

RULES: dict[str, Callable[[Candidate, dict, Facts], Outcome]] = {
    RuleKey.RATINGS: rule_ratings,
    RuleKey.CULTURAL_VILLAGE: rule_cultural_village,
    RuleKey.WORKS_COMPLETED_ON_TIME: rule_works,
    RuleKey.TARGETS: rule_targets,
    RuleKey.INITIATIVES: rule_initiatives,
    RuleKey.CONTRIBUTIONS: rule_contributions,
    RuleKey.NO_VIOLATIONS: rule_no_violations,
    RuleKey.UNIT_PLAN_ISSUED: rule_unit_plan,
    RuleKey.AWARDS_RECEIVED: rule_awards_received,
}


def attested(
    criterion: Criterion, candidate: Candidate, facts: Facts
) -> tuple[Outcome, Attestation | None]:
    root = facts.lineage_root.get(criterion.pk, criterion.pk)
    attestation = facts.attestations.get((root, candidate.key))
    if attestation is None:
        return Outcome(Verdict.UNKNOWN, _("Not attested yet.")), None
    verdict = Verdict.MET if attestation.verdict == AttestationVerdict.MET else Verdict.NOT_MET
    who = attestation.attested_by
    reason = _("%(verdict)s, attested by %(who)s on %(date)s: %(note)s") % {
        "verdict": attestation.get_verdict_display(),
        "who": (who.full_name or who.username) if who else "—",
        "date": timezone.localtime(attestation.attested_at).strftime("%d/%m/%Y"),
        "note": attestation.note,
    }
    used = []
    if attestation.document_reference:
        used.append(attestation.document_reference)
    if attestation.evidence:
        used.append(_("evidence file attached"))
    return Outcome(verdict, reason, tuple(used)), attestation


def evaluate_criterion(
    criterion: Criterion, candidate: Candidate, facts: Facts
) -> tuple[Outcome, Attestation | None]:
    """The outcome of one criterion for one candidate, and the attestation it rests on."""
    if criterion.kind == CriterionKind.ATTESTED:
        return attested(criterion, candidate, facts)
    rule = RULES.get(criterion.rule)
    if rule is None:
        return Outcome(
            Verdict.UNKNOWN, _("Unknown rule: %(rule)s.") % {"rule": criterion.rule}
        ), None
    try:
        params = clean_params(criterion.rule, criterion.params)
    except ValidationError:
        return Outcome(Verdict.UNKNOWN, _("The criterion's parameters are not valid.")), None
    return rule(candidate, params, facts), None


# --- results ------------------------------------------------------------------------------


@dataclass
class CriterionResult:
    criterion: Criterion
    verdict: str
    reason: str
    facts: tuple[str, ...] = ()
    attestation: Attestation | None = None

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


@dataclass
class CandidateEvaluation:
    candidate: Candidate
    criterion_set: CriterionSet | None
    results: list[CriterionResult] = field(default_factory=list)

    def _count(self, verdict: str) -> int:
        return sum(1 for r in self.results if r.verdict == verdict)

    @property
    def met(self) -> int:
        return self._count(Verdict.MET)

    @property
    def not_met(self) -> int:
        return self._count(Verdict.NOT_MET)

    @property
    def unknown(self) -> int:
        return self._count(Verdict.UNKNOWN)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def all_met(self) -> bool:
        return bool(self.results) and self.met == self.total

    def codes(self, verdict: str) -> list[str]:
        return [r.criterion.code for r in self.results if r.verdict == verdict]


@dataclass(frozen=True)
class SetCriteria:
    """A criterion set with its criteria in order (each criterion's ``criterion_set`` is
    this set, so reading it costs no query)."""

    criterion_set: CriterionSet
    criteria: list[Criterion]


def movement_sets(movement: Movement) -> tuple[dict[str, SetCriteria], list[Criterion]]:
    """The latest set of each candidate type of the movement, with its criteria prefetched,
    and every criterion of every version (for attestation lineage): two queries."""
    sets = [
        SetCriteria(criterion_set, [])
        for criterion_set in CriterionSet.objects.filter(movement=movement).order_by(
            "candidate_type", "version"
        )
    ]
    by_id = {s.criterion_set.pk: s for s in sets}
    criteria = list(Criterion.objects.filter(criterion_set_id__in=by_id).order_by("position", "pk"))
    latest: dict[str, SetCriteria] = {}
    for loaded in sets:
        latest[loaded.criterion_set.candidate_type] = loaded  # ordered by version
    for criterion in criteria:
        owner = by_id[criterion.criterion_set_id]
        criterion.criterion_set = owner.criterion_set
        owner.criteria.append(criterion)
    return latest, criteria


def evaluate_many(
    movement: Movement,
    candidates: Sequence[Candidate | Unit | Person],
    *,
    today: date | None = None,
    sets: dict[str, SetCriteria] | None = None,
) -> dict[tuple[str, int], CandidateEvaluation]:
    """Evaluate every candidate against the latest criterion set of its type in the movement
    (or against ``sets``: candidate type → set with its criteria). Candidates are units
    or people (people with ``unit`` loaded). A fixed number of queries whatever the count."""
    batch = [c if isinstance(c, Candidate) else Candidate.of(c) for c in candidates]
    latest, all_criteria = movement_sets(movement)
    if sets is not None:
        latest = sets
        all_criteria = all_criteria + [c for s in sets.values() for c in s.criteria]
    facts = load_facts(movement, batch, criteria=all_criteria, today=today)
    evaluations: dict[tuple[str, int], CandidateEvaluation] = {}
    for candidate in batch:
        chosen = latest.get(candidate.type) if candidate.type else None
        evaluation = CandidateEvaluation(
            candidate=candidate, criterion_set=chosen.criterion_set if chosen else None
        )
        for criterion in chosen.criteria if chosen else ():
            outcome, attestation = evaluate_criterion(criterion, candidate, facts)
            evaluation.results.append(
                CriterionResult(
                    criterion=criterion,
                    verdict=outcome.verdict,
                    reason=outcome.reason,
                    facts=outcome.facts,
                    attestation=attestation,
                )
            )
        evaluations[candidate.key] = evaluation
    return evaluations


def evaluate_candidate(
    movement: Movement,
    *,
    unit: Unit | None = None,
    person: Person | None = None,
    criterion_set: CriterionSet | None = None,
    today: date | None = None,
) -> CandidateEvaluation:
    """One candidate against the latest set of its type (or the ``criterion_set`` given, for
    example the locked set a decision used)."""
    candidate = Candidate(unit=unit, person=person)
    sets = None
    if criterion_set is not None:
        loaded = SetCriteria(criterion_set, list(criterion_set.criteria.order_by("position", "pk")))
        for criterion in loaded.criteria:
            criterion.criterion_set = criterion_set
        sets = {criterion_set.candidate_type: loaded}
        if candidate.type != criterion_set.candidate_type:
            raise ValueError("The set is for another candidate type.")
    return evaluate_many(movement, [candidate], today=today, sets=sets)[candidate.key]
