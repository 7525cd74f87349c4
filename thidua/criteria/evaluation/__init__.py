"""The rules engine: whether a candidate meets each criterion of its set, and why.

A computed criterion names a rule (``RuleKey``) and its parameters; the rule is a pure function
of the candidate and the facts loaded beforehand (``Facts``), and answers MET, NOT_MET or
UNKNOWN with a Vietnamese reason and the facts it used («2022: chỉ hoàn thành nhiệm vụ»). An
attested criterion is answered by the latest ``Attestation``.

``evaluate_many`` loads every fact for every candidate in a fixed number of queries (no query
per candidate), so the movement's ranking costs the same whatever its size.

Decisions encoded here (each one is what the plan's wording asks, read strictly):

* Ratings: every year of the range must be rated at least ``min_level``; a year without a
  rating is not yet known, unless another year already fails (NOT_MET) or the excellent years
  could no longer reach the number required even if every missing year were excellent.
* Cultural village: recognitions are recorded facts; a finished year without one was not
  recognised. Fewer recognitions than required is NOT_MET, unless the years not yet over
  could still make up the number (UNKNOWN).
* Targets: every year of the range needs a target record, each reaching ``outcome``.
* Initiatives and contributions: counted; too few is NOT_MET once the range is over, UNKNOWN
  while its last year runs.
* No violations: MET when none is recorded (the reason says it is what the records show).
* Works: a registered work of the candidate's unit (a person's managing unit) in the
  movement, completed by its expected completion and put into use by then. Works still
  running, or awaiting the commune, leave it UNKNOWN.
* Merged units: for a unit that continues others (``UnitSuccession``, any depth), a year that
  ended before the succession's effective date is judged on the predecessors' facts, each of
  which must satisfy it (the worst counts, and the reason names the predecessor). The unit's
  own facts count as well for such a year when its ``valid_from`` shows it existed then (a
  unit that absorbed others). Works of predecessors in the movement count too; attestations
  are about the candidate itself.

Layout: ``base`` (verdicts, outcome, candidate), ``params`` (each rule's parameters), ``facts``
(loading the facts), one module per rule family (``ratings``, ``villages``, ``works``,
``records``, ``plans``, ``awards``) and ``engine`` (the registry and the evaluation). The
public names are re-exported here: callers import them from ``criteria.evaluation``.
"""

from thidua.criteria.evaluation.awards import rule_awards_received
from thidua.criteria.evaluation.base import Candidate, Outcome, Source, Verdict
from thidua.criteria.evaluation.engine import (
    RULES,
    CandidateEvaluation,
    CriterionResult,
    attested,
    evaluate_candidate,
    evaluate_criterion,
    evaluate_many,
    movement_sets,
)
from thidua.criteria.evaluation.facts import AwardFact, Facts, Predecessor, RecordFact, load_facts
from thidua.criteria.evaluation.params import (
    LAST_YEAR,
    OUTCOME_CHOICES,
    PARAMS,
    VIOLATION_KINDS,
    Param,
    clean_params,
    default_params,
    describe_params,
)
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

__all__ = [
    "LAST_YEAR",
    "OUTCOME_CHOICES",
    "PARAMS",
    "RULES",
    "VIOLATION_KINDS",
    "AwardFact",
    "Candidate",
    "CandidateEvaluation",
    "CriterionResult",
    "Facts",
    "Outcome",
    "Param",
    "Predecessor",
    "RecordFact",
    "Source",
    "Verdict",
    "attested",
    "clean_params",
    "default_params",
    "describe_params",
    "evaluate_candidate",
    "evaluate_criterion",
    "evaluate_many",
    "load_facts",
    "movement_sets",
    "rule_awards_received",
    "rule_contributions",
    "rule_cultural_village",
    "rule_initiatives",
    "rule_no_violations",
    "rule_ratings",
    "rule_targets",
    "rule_unit_plan",
    "rule_works",
]
