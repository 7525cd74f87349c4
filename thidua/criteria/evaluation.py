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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.criteria.extensions import award_rows
from thidua.criteria.models import (
    FIRST_YEAR,
    RATING_RANK,
    AnnualRating,
    Attestation,
    AttestationVerdict,
    Criterion,
    CriterionKind,
    CriterionSet,
    CulturalVillageRecognition,
    FactKind,
    FactRecord,
    Person,
    RatingLevel,
    RuleKey,
    TargetOutcome,
    candidate_type_of,
)
from thidua.movements.models import Movement, PlanStatus, UnitPlan
from thidua.units.models import Unit, UnitSuccession
from thidua.works.models import (
    DONE_STATUSES,
    FundingSource,
    ProgressStatus,
    RegistrationStatus,
    Work,
)

LAST_YEAR = 2100


class Verdict(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    NOT_MET = "not_met", gettext_lazy("Not met")
    UNKNOWN = "unknown", gettext_lazy("Not yet known")


@dataclass(frozen=True)
class Outcome:
    verdict: str
    reason: str
    facts: tuple[str, ...] = ()


# --- candidates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A unit or a person being checked. A person's ``unit`` must be loaded."""

    unit: Unit | None = None
    person: Person | None = None

    def __post_init__(self) -> None:
        if (self.unit is None) == (self.person is None):
            raise ValueError("A candidate is a unit or a person.")

    @classmethod
    def of(cls, obj: Unit | Person) -> Candidate:
        return cls(person=obj) if isinstance(obj, Person) else cls(unit=obj)

    @property
    def key(self) -> tuple[str, int]:
        return ("person", self.person.pk) if self.person is not None else ("unit", self.unit.pk)

    @property
    def type(self) -> str | None:
        return candidate_type_of(unit=self.unit, person=self.person)

    @property
    def name(self) -> str:
        return self.person.full_name if self.person is not None else self.unit.name

    @property
    def home_unit(self) -> Unit:
        """The unit itself, or the person's managing unit (whose works count for them)."""
        return self.person.unit if self.person is not None else self.unit

    @property
    def is_person(self) -> bool:
        return self.person is not None


# --- parameters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter of a rule, as the criterion form shows it and the services validate it."""

    name: str
    label: Any
    type: str  # year | count | level | outcome | bool | kinds
    default: Any = None
    required: bool = True
    minimum: int = 0


def _year(name: str, label, default: int | None, required: bool = True) -> Param:
    return Param(name, label, "year", default, required)


FROM = gettext_lazy("From year")
TO = gettext_lazy("To year")

PARAMS: dict[str, tuple[Param, ...]] = {
    RuleKey.RATINGS: (
        _year("from_year", FROM, 2020),
        _year("to_year", TO, 2025),
        Param("min_level", gettext_lazy("Every year rated at least"), "level", RatingLevel.GOOD),
        Param(
            "excellent_at_least",
            gettext_lazy("Years rated 'completed tasks excellently', at least"),
            "count",
            0,
        ),
    ),
    RuleKey.CULTURAL_VILLAGE: (
        _year("from_year", FROM, 2020),
        _year("to_year", TO, 2025),
        Param("years_required", gettext_lazy("Years recognised, at least"), "count", 5, minimum=1),
    ),
    RuleKey.WORKS_COMPLETED_ON_TIME: (
        Param(
            "people_funded", gettext_lazy("Only works funded by the people"), "bool", False, False
        ),
        Param(
            "on_time",
            gettext_lazy("Completed and put into use by the registered completion date"),
            "bool",
            True,
            False,
        ),
    ),
    RuleKey.TARGETS: (
        _year("from_year", FROM, 2025),
        _year("to_year", TO, 2025),
        Param("outcome", gettext_lazy("Every target at least"), "outcome", TargetOutcome.ACHIEVED),
    ),
    RuleKey.INITIATIVES: (
        _year("from_year", FROM, 2020, required=False),
        _year("to_year", TO, 2025, required=False),
        Param("min_count", gettext_lazy("Number recorded, at least"), "count", 1, minimum=1),
    ),
    RuleKey.CONTRIBUTIONS: (
        _year("from_year", FROM, 2024, required=False),
        _year("to_year", TO, 2025, required=False),
        Param("min_count", gettext_lazy("Number recorded, at least"), "count", 1, minimum=1),
    ),
    RuleKey.NO_VIOLATIONS: (
        _year("from_year", FROM, 2020),
        _year("to_year", TO, 2025),
        Param(
            "kinds",
            gettext_lazy("Facts that break the criterion"),
            "kinds",
            [FactKind.VIOLATION, FactKind.COMPLAINT],
        ),
    ),
    RuleKey.UNIT_PLAN_ISSUED: (),
    RuleKey.AWARDS_RECEIVED: (
        _year("from_year", FROM, 2020),
        _year("to_year", TO, 2025),
        Param("min_count", gettext_lazy("Awards received, at least"), "count", 1, minimum=1),
    ),
}

VIOLATION_KINDS = (FactKind.VIOLATION, FactKind.COMPLAINT)
OUTCOME_CHOICES = (TargetOutcome.EXCEEDED, TargetOutcome.ACHIEVED)
_OUTCOME_RANK = {
    TargetOutcome.EXCEEDED: 0,
    TargetOutcome.ACHIEVED: 1,
    TargetOutcome.NOT_ACHIEVED: 2,
}


def default_params(rule: str) -> dict[str, Any]:
    return {p.name: p.default for p in PARAMS.get(rule, ())}


def clean_params(rule: str, raw: dict[str, Any] | None) -> dict[str, Any]:
    """Validated parameters of ``rule``; errors name the parameter (``ValidationError`` keyed
    by the parameter's name). Unknown keys are dropped, missing ones take their default."""
    if rule not in PARAMS:
        raise ValidationError({"rule": _("Choose a rule from the list.")})
    raw = raw or {}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for param in PARAMS[rule]:
        # A missing key takes the default; an explicit blank leaves an optional one empty.
        value = raw.get(param.name, param.default)
        try:
            cleaned[param.name] = _clean_value(param, value)
        except ValueError as error:
            errors[param.name] = str(error)
    first, last = cleaned.get("from_year"), cleaned.get("to_year")
    if first is not None and last is not None and first > last and "to_year" not in errors:
        errors["to_year"] = _("The last year must not be before the first year.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_value(param: Param, value: Any) -> Any:
    blank = value is None or value == "" or value == []
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        if blank:
            return False
        raise ValueError(_("Answer yes or no."))
    if blank:
        if param.required:
            raise ValueError(_("This parameter is required: %(name)s.") % {"name": param.label})
        return None
    if param.type in ("year", "count"):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(_("Enter a whole number."))
        if param.type == "year" and not FIRST_YEAR <= value <= LAST_YEAR:
            raise ValueError(
                _("The year must be from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if param.type == "count" and value < param.minimum:
            raise ValueError(_("Enter a number of at least %(n)s.") % {"n": param.minimum})
        return value
    if param.type == "level":
        if value not in RatingLevel.values:
            raise ValueError(_("Choose the rating from the list."))
        return value
    if param.type == "outcome":
        if value not in OUTCOME_CHOICES:
            raise ValueError(_("Choose 'achieved' or 'exceeded'."))
        return value
    if param.type == "kinds":
        values = [value] if isinstance(value, str) else list(value)
        if not values or any(v not in VIOLATION_KINDS for v in values):
            raise ValueError(_("Choose violations, complaints or both."))
        return [k for k in VIOLATION_KINDS if k in values]
    raise ValueError(param.type)


def _years_text(first: int | None, last: int | None) -> str:
    if first is None and last is None:
        return _("any year")
    if first is None:
        return _("up to %(year)s") % {"year": last}
    if last is None:
        return _("from %(year)s") % {"year": first}
    if first == last:
        return str(first)
    return f"{first}–{last}"


def describe_params(rule: str, params: dict[str, Any]) -> str:
    """A short Vietnamese summary of a computed criterion's parameters, for the set page."""
    p = {**default_params(rule), **(params or {})}
    years = _years_text(p.get("from_year"), p.get("to_year"))
    if rule == RuleKey.RATINGS:
        text = _("%(years)s: every year %(level)s or better") % {
            "years": years,
            "level": RatingLevel(p["min_level"]).label,
        }
        if p["excellent_at_least"]:
            text += "; " + _("at least %(n)s years completed tasks excellently") % {
                "n": p["excellent_at_least"]
            }
        return text
    if rule == RuleKey.CULTURAL_VILLAGE:
        return _("%(years)s: recognised as a cultural village in at least %(n)s years") % {
            "years": years,
            "n": p["years_required"],
        }
    if rule == RuleKey.WORKS_COMPLETED_ON_TIME:
        parts = [_("at least 1 registered work completed and put into use")]
        if p.get("on_time", True):
            parts.append(_("by its registered completion date"))
        if p.get("people_funded"):
            parts.append(_("funded by the people"))
        return ", ".join(str(x) for x in parts)
    if rule == RuleKey.TARGETS:
        return _("%(years)s: every year's targets %(outcome)s") % {
            "years": years,
            "outcome": TargetOutcome(p["outcome"]).label.lower(),
        }
    if rule in (RuleKey.INITIATIVES, RuleKey.CONTRIBUTIONS):
        return _("%(years)s: at least %(n)s recorded") % {"years": years, "n": p["min_count"]}
    if rule == RuleKey.NO_VIOLATIONS:
        kinds = ", ".join(str(FactKind(k).label).lower() for k in p["kinds"])
        return _("%(years)s: none recorded (%(kinds)s)") % {"years": years, "kinds": kinds}
    if rule == RuleKey.UNIT_PLAN_ISSUED:
        return _("the unit's plan for the movement is issued")
    return ""


# --- facts ---------------------------------------------------------------------------------


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


Source = tuple[str, int]  # ("unit", id) or ("person", id)


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
        return [("unit", pk) for pk in self._unit_sources(candidate.unit.pk, year, set())]

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


def _predecessor_closure(predecessors: dict[int, list[Predecessor]], ids: Iterable[int]) -> set:
    found, stack = set(), list(ids)
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
        source = ("unit", unit_id) if unit_id else ("person", person_id)
        facts.ratings.setdefault(source, {})[year] = level
    # 3. Cultural village recognitions.
    for unit_id, year, reference in CulturalVillageRecognition.objects.filter(
        unit_id__in=unit_ids
    ).values_list("unit_id", "year", "document_reference"):
        facts.recognitions.setdefault(unit_id, {})[year] = reference
    # 4. Other facts: targets, initiatives, contributions, violations, complaints.
    for row in (
        FactRecord.objects.filter(whose)
        .order_by("year", "pk")
        .values_list(
            "unit_id", "person_id", "kind", "year", "summary", "outcome", "amount",
            "document_reference",
        )
    ):  # fmt: skip
        unit_id, person_id, *rest = row
        source = ("unit", unit_id) if unit_id else ("person", person_id)
        facts.records.setdefault(source, []).append(RecordFact(*rest))
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
    for unit_id, person_id, form, number, decided_on in award_rows(unit_ids, person_ids):
        source = ("unit", unit_id) if unit_id else ("person", person_id)
        facts.awards.setdefault(source, []).append(
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
        source = (
            ("unit", attestation.unit_id)
            if attestation.unit_id
            else ("person", attestation.person_id)
        )
        facts.attestations[(root, source)] = attestation  # later ones replace earlier ones
    return facts


def _lineage_roots(criteria: Iterable[Criterion]) -> dict[int, int]:
    """criterion id → the first criterion it continues (through ``origin``), within the
    criteria given (all versions of the movement's sets)."""
    origin = {c.pk: c.origin_id for c in criteria}
    roots: dict[int, int] = {}
    for pk in origin:
        node, seen = pk, {pk}
        while origin.get(node) in origin and origin[node] not in seen:
            node = origin[node]
            seen.add(node)
        roots[pk] = node
    return roots


# --- rules --------------------------------------------------------------------------------


def _d(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def rule_ratings(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    first, last = params["from_year"], params["to_year"]
    min_rank = RATING_RANK[params["min_level"]]
    need = params["excellent_at_least"] or 0
    lines: list[str] = []
    failing: list[str] = []
    missing: list[int] = []
    excellent = 0
    for year in range(first, last + 1):
        year_missing, year_excellent = False, True
        for source in facts.sources(candidate, year):
            level = facts.ratings.get(source, {}).get(year)
            who = facts.label(candidate, source)
            if level is None:
                lines.append(_("%(year)s%(who)s: not rated yet") % {"year": year, "who": who})
                year_missing, year_excellent = True, False
                continue
            if level != RatingLevel.EXCELLENT:
                year_excellent = False
            if RATING_RANK[level] > min_rank:
                if level == RatingLevel.COMPLETED:
                    line = _("%(year)s%(who)s: only completed tasks") % {"year": year, "who": who}
                else:
                    line = f"{year}{who}: {RatingLevel(level).label}"
                failing.append(line)
                lines.append(line)
            else:
                lines.append(f"{year}{who}: {RatingLevel(level).label}")
        if year_missing:
            missing.append(year)
        elif year_excellent:
            excellent += 1
    level_label = RatingLevel(params["min_level"]).label
    if failing:
        return Outcome(Verdict.NOT_MET, "; ".join(failing), tuple(lines))
    if need and excellent + len(missing) < need:
        return Outcome(
            Verdict.NOT_MET,
            _("Only %(found)s years completed tasks excellently; %(need)s are required.")
            % {"found": excellent, "need": need},
            tuple(lines),
        )
    if missing:
        return Outcome(
            Verdict.UNKNOWN,
            _("No rating recorded yet for %(years)s.")
            % {"years": ", ".join(str(y) for y in missing)},
            tuple(lines),
        )
    if need and excellent < need:
        return Outcome(
            Verdict.NOT_MET,
            _("Only %(found)s years completed tasks excellently; %(need)s are required.")
            % {"found": excellent, "need": need},
            tuple(lines),
        )
    reason = _("Every year %(first)s–%(last)s rated %(level)s or better.") % {
        "first": first,
        "last": last,
        "level": level_label,
    }
    if need:
        reason += " " + _("%(found)s years completed tasks excellently (%(need)s required).") % {
            "found": excellent,
            "need": need,
        }
    return Outcome(Verdict.MET, reason, tuple(lines))


def rule_cultural_village(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    if candidate.person is not None:
        return Outcome(Verdict.UNKNOWN, _("This rule applies to villages and residential groups."))
    first, last, need = params["from_year"], params["to_year"], params["years_required"]
    lines: list[str] = []
    recognised: list[int] = []
    refused: list[str] = []
    still_open: list[int] = []
    for year in range(first, last + 1):
        absent = []
        for source in facts.sources(candidate, year):
            reference = facts.recognitions.get(source[1], {}).get(year)
            who = facts.label(candidate, source)
            if reference is None:
                absent.append(who)
            else:
                line = _("%(year)s%(who)s: cultural village") % {"year": year, "who": who}
                lines.append(f"{line} ({reference})" if reference else line)
        if not absent:
            recognised.append(year)
        elif year >= facts.today.year:
            still_open.append(year)
            lines.append(_("%(year)s: no result yet") % {"year": year})
        else:
            for who in absent:
                line = _("%(year)s%(who)s: not recognised") % {"year": year, "who": who}
                lines.append(line)
                refused.append(f"{year}{who}")
    count = len(recognised)
    years = ", ".join(str(y) for y in recognised) or "—"
    if count >= need:
        return Outcome(
            Verdict.MET,
            _("Recognised as a cultural village in %(count)s years (%(need)s required): %(years)s.")
            % {"count": count, "need": need, "years": years},
            tuple(lines),
        )
    if count + len(still_open) >= need:
        return Outcome(
            Verdict.UNKNOWN,
            _("Recognised in %(count)s years so far (%(need)s required); %(open)s not over yet.")
            % {"count": count, "need": need, "open": ", ".join(str(y) for y in still_open)},
            tuple(lines),
        )
    return Outcome(
        Verdict.NOT_MET,
        _("Recognised as a cultural village in only %(count)s years (%(need)s required); "
          "not recognised: %(refused)s.")
        % {"count": count, "need": need, "refused": ", ".join(refused) or "—"},
        tuple(lines),
    )  # fmt: skip


def _use_date(work: Work) -> date | None:
    if work.put_into_use:
        return work.put_into_use
    if work.progress_status == ProgressStatus.IN_USE:
        return work.actual_completion
    return None


def _judge_work(work: Work, on_time: bool, facts: Facts) -> tuple[str, str]:
    """("qualifies" | "possible" | "fails", the fact line naming the work)."""
    name = f"«{work.name}»"
    expected = work.expected_completion
    if work.status == RegistrationStatus.PENDING:
        return "possible", _("%(work)s: awaiting the commune's acceptance") % {"work": name}
    done = work.progress_status in DONE_STATUSES
    used = _use_date(work)
    if not on_time:
        if done and used is not None:
            return "qualifies", _("%(work)s: completed and put into use on %(date)s") % {
                "work": name,
                "date": _d(used),
            }
        if facts.today <= facts.movement.end_date:
            if done:
                return "possible", _("%(work)s: completed, not yet put into use") % {"work": name}
            return "possible", _("%(work)s: in progress (%(percent)s%%)") % {
                "work": name,
                "percent": work.progress_percent,
            }
        return "fails", _("%(work)s: not completed and put into use") % {"work": name}
    if expected is None:
        return "possible", _("%(work)s: no expected completion date registered") % {"work": name}
    if done and work.actual_completion and work.actual_completion > expected:
        return "fails", _("%(work)s: completed late (%(actual)s; registered %(expected)s)") % {
            "work": name,
            "actual": _d(work.actual_completion),
            "expected": _d(expected),
        }
    if done and used is not None:
        if used <= expected:
            return "qualifies", _(
                "%(work)s: completed on schedule, put into use on %(used)s (registered %(expected)s)"
            ) % {"work": name, "used": _d(used), "expected": _d(expected)}
        return "fails", _("%(work)s: put into use late (%(used)s; registered %(expected)s)") % {
            "work": name,
            "used": _d(used),
            "expected": _d(expected),
        }
    if facts.today <= expected:
        if done:
            return "possible", _("%(work)s: completed, not yet put into use (registered %(expected)s)") % {
                "work": name,
                "expected": _d(expected),
            }  # fmt: skip
        return "possible", _("%(work)s: in progress (%(percent)s%%), expected %(expected)s") % {
            "work": name,
            "percent": work.progress_percent,
            "expected": _d(expected),
        }
    if done:
        return "fails", _("%(work)s: not put into use by the registered date %(expected)s") % {
            "work": name,
            "expected": _d(expected),
        }
    return "fails", _("%(work)s: overdue (expected %(expected)s), not completed") % {
        "work": name,
        "expected": _d(expected),
    }


def rule_works(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    people_only = params.get("people_funded", False)
    on_time = params.get("on_time", True)
    works = [
        work
        for pk in facts.all_units(candidate.home_unit.pk)
        for work in facts.works.get(pk, ())
        if not people_only or work.people_funded or work.funding_source == FundingSource.PEOPLE
    ]
    judged = [(work, *_judge_work(work, on_time, facts)) for work in works]
    lines = tuple(line for _work, _state, line in judged)
    qualifying = [line for _work, state, line in judged if state == "qualifies"]
    if qualifying:
        return Outcome(Verdict.MET, qualifying[0], lines)
    possible = [work for work, state, _line in judged if state == "possible"]
    if possible:
        return Outcome(
            Verdict.UNKNOWN,
            _("No work has qualified yet; %(n)s may still qualify.") % {"n": len(possible)},
            lines,
        )
    if not works:
        deadline = facts.movement.registration_deadline
        if people_only:
            message = _("No work funded by the people is registered in the movement.")
        else:
            message = _("No work is registered in the movement.")
        if deadline is not None and facts.today <= deadline:
            return Outcome(
                Verdict.UNKNOWN,
                message + " " + _("Registration is open until %(date)s.") % {"date": _d(deadline)},
            )
        return Outcome(Verdict.NOT_MET, message)
    if on_time:
        reason = _("No registered work was completed and put into use by its registered date.")
    else:
        reason = _("No registered work was completed and put into use.")
    return Outcome(Verdict.NOT_MET, reason, lines)


def _records(
    candidate: Candidate, facts: Facts, kinds, first, last
) -> list[tuple[str, RecordFact]]:
    """(who, record) of the given kinds in the years, each year from its own sources."""
    found = []
    years = {r.year for s in _all_sources(candidate, facts) for r in facts.records.get(s, ())}
    for year in sorted(years):
        if (first is not None and year < first) or (last is not None and year > last):
            continue
        for source in facts.sources(candidate, year):
            for record in facts.records.get(source, ()):
                if record.year == year and record.kind in kinds:
                    found.append((facts.label(candidate, source), record))
    return found


def _all_sources(candidate: Candidate, facts: Facts) -> list[Source]:
    if candidate.person is not None:
        return [("person", candidate.person.pk)]
    return [("unit", pk) for pk in facts.all_units(candidate.unit.pk)]


def _record_line(who: str, record: RecordFact) -> str:
    line = f"{record.year}{who}: {record.summary}"
    if record.outcome:
        line += f" ({TargetOutcome(record.outcome).label.lower()})"
    if record.reference:
        line += f" — {record.reference}"
    return line


def rule_targets(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    first, last = params["from_year"], params["to_year"]
    need = _OUTCOME_RANK[params["outcome"]]
    lines: list[str] = []
    failing: list[str] = []
    missing: list[int] = []
    for year in range(first, last + 1):
        for source in facts.sources(candidate, year):
            who = facts.label(candidate, source)
            records = [
                r
                for r in facts.records.get(source, ())
                if r.year == year and r.kind == FactKind.TARGET
            ]
            if not records:
                lines.append(
                    _("%(year)s%(who)s: no target result recorded") % {"year": year, "who": who}
                )
                missing.append(year)
                continue
            for record in records:
                line = _record_line(who, record)
                lines.append(line)
                if not record.outcome:
                    missing.append(year)
                elif _OUTCOME_RANK[record.outcome] > need:
                    failing.append(line)
    outcome_label = TargetOutcome(params["outcome"]).label.lower()
    if failing:
        return Outcome(
            Verdict.NOT_MET,
            _("Targets not %(outcome)s: %(list)s.") % {"outcome": outcome_label, "list": "; ".join(failing)},
            tuple(lines),
        )  # fmt: skip
    if missing:
        return Outcome(
            Verdict.UNKNOWN,
            _("No target result recorded yet for %(years)s.")
            % {"years": ", ".join(str(y) for y in sorted(set(missing)))},
            tuple(lines),
        )
    return Outcome(
        Verdict.MET,
        _("Targets %(outcome)s in every year %(years)s.")
        % {"outcome": outcome_label, "years": _years_text(first, last)},
        tuple(lines),
    )


def _rule_count(kind: str, noun_met, noun_short) -> Callable[[Candidate, dict, Facts], Outcome]:
    def rule(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
        first, last, need = params.get("from_year"), params.get("to_year"), params["min_count"]
        found = _records(candidate, facts, (kind,), first, last)
        lines = tuple(_record_line(who, record) for who, record in found)
        years = _years_text(first, last)
        values = {"n": len(found), "need": need, "what": noun_met, "years": years}
        if len(found) >= need:
            return Outcome(Verdict.MET, _("%(n)s %(what)s recorded (%(years)s).") % values, lines)
        if last is not None and last >= facts.today.year:
            return Outcome(
                Verdict.UNKNOWN,
                _("%(n)s %(what)s recorded so far (%(need)s required); %(last)s is not over.")
                % {**values, "last": last},
                lines,
            )
        if not found:
            return Outcome(
                Verdict.NOT_MET,
                _("No %(what)s recorded (%(years)s).") % {**values, "what": noun_short},
                lines,
            )
        return Outcome(
            Verdict.NOT_MET,
            _("Only %(n)s %(what)s recorded; %(need)s required.") % values,
            lines,
        )

    return rule


rule_initiatives = _rule_count(
    FactKind.INITIATIVE, gettext_lazy("initiatives"), gettext_lazy("initiative")
)
rule_contributions = _rule_count(
    FactKind.CONTRIBUTION, gettext_lazy("contributions"), gettext_lazy("contribution")
)


def rule_no_violations(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    first, last, kinds = params["from_year"], params["to_year"], params["kinds"]
    found = _records(candidate, facts, kinds, first, last)
    what = ", ".join(str(FactKind(k).label).lower() for k in kinds)
    years = _years_text(first, last)
    if found:
        lines = tuple(
            f"{record.year}{who}: {FactKind(record.kind).label}: {record.summary}"
            + (f" — {record.reference}" if record.reference else "")
            for who, record in found
        )
        return Outcome(
            Verdict.NOT_MET,
            _("%(n)s recorded (%(what)s, %(years)s).")
            % {"n": len(found), "what": what, "years": years},
            lines,
        )
    return Outcome(
        Verdict.MET,
        _("No %(what)s recorded for %(years)s (as far as the records show).")
        % {"what": what, "years": years},
    )


def rule_unit_plan(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    if candidate.person is not None:
        return Outcome(Verdict.UNKNOWN, _("This rule applies to units."))
    plans = [facts.plans[pk] for pk in facts.all_units(candidate.unit.pk) if pk in facts.plans]
    issued = [p for p in plans if p.status == PlanStatus.ISSUED]
    if issued:
        plan = issued[0]
        return Outcome(
            Verdict.MET,
            _("Plan %(number)s issued on %(date)s.")
            % {"number": plan.document_number or "—", "date": _d(plan.issued_date)},
        )
    if not plans:
        return Outcome(Verdict.NOT_MET, _("The unit has no plan task in this movement."))
    if facts.today <= facts.movement.end_date:
        return Outcome(Verdict.UNKNOWN, _("The unit has not issued its plan yet."))
    return Outcome(Verdict.NOT_MET, _("The unit did not issue its plan."))


def rule_awards_received(candidate: Candidate, params: dict, facts: Facts) -> Outcome:
    """Awards the candidate (or, before a merger, its predecessors) received in the period,
    from the award register; revoked awards do not count."""
    first, last, need = params["from_year"], params["to_year"], params["min_count"]
    found: list[tuple[str, AwardFact]] = []
    for year in range(first, last + 1):
        for source in facts.sources(candidate, year):
            who = facts.label(candidate, source)
            found.extend((who, a) for a in facts.awards.get(source, ()) if a.year == year)
    lines = tuple(
        f"{a.year}{who}: {a.form} — {a.decision_number} ({_d(a.decided_on)})" for who, a in found
    )
    values = {"n": len(found), "need": need, "years": _years_text(first, last)}
    if len(found) >= need:
        return Outcome(Verdict.MET, _("%(n)s awards in the register (%(years)s).") % values, lines)
    if last >= facts.today.year:
        return Outcome(
            Verdict.UNKNOWN,
            _("%(n)s awards in the register so far (%(need)s required); %(last)s is not over.")
            % {**values, "last": last},
            lines,
        )
    return Outcome(
        Verdict.NOT_MET,
        _("%(n)s awards in the register (%(years)s); %(need)s required.") % values,
        lines,
    )


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


def attested(criterion: Criterion, candidate: Candidate, facts: Facts) -> tuple[Outcome, Any]:
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


def evaluate_criterion(criterion: Criterion, candidate: Candidate, facts: Facts):
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


def movement_sets(movement: Movement) -> tuple[dict[str, CriterionSet], list[Criterion]]:
    """The latest set of each candidate type of the movement, with its criteria prefetched,
    and every criterion of every version (for attestation lineage): two queries."""
    sets = list(
        CriterionSet.objects.filter(movement=movement).order_by("candidate_type", "version")
    )
    by_id = {s.pk: s for s in sets}
    criteria = list(Criterion.objects.filter(criterion_set_id__in=by_id).order_by("position", "pk"))
    latest: dict[str, CriterionSet] = {}
    for criterion_set in sets:
        criterion_set.criteria_list = []
        latest[criterion_set.candidate_type] = criterion_set  # ordered by version
    for criterion in criteria:
        owner = by_id[criterion.criterion_set_id]
        criterion.criterion_set = owner
        owner.criteria_list.append(criterion)
    return latest, criteria


def evaluate_many(
    movement: Movement,
    candidates: Sequence[Candidate | Unit | Person],
    *,
    today: date | None = None,
    sets: dict[str, CriterionSet] | None = None,
) -> dict[tuple[str, int], CandidateEvaluation]:
    """Evaluate every candidate against the latest criterion set of its type in the movement
    (or against ``sets``: candidate type → set with ``criteria_list``). Candidates are units
    or people (people with ``unit`` loaded). A fixed number of queries whatever the count."""
    candidates = [c if isinstance(c, Candidate) else Candidate.of(c) for c in candidates]
    latest, all_criteria = movement_sets(movement)
    if sets is not None:
        latest = sets
        all_criteria = all_criteria + [c for s in sets.values() for c in s.criteria_list]
    facts = load_facts(movement, candidates, criteria=all_criteria, today=today)
    evaluations: dict[tuple[str, int], CandidateEvaluation] = {}
    for candidate in candidates:
        criterion_set = latest.get(candidate.type) if candidate.type else None
        evaluation = CandidateEvaluation(candidate=candidate, criterion_set=criterion_set)
        for criterion in getattr(criterion_set, "criteria_list", ()):
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
        criterion_set.criteria_list = list(criterion_set.criteria.order_by("position", "pk"))
        for criterion in criterion_set.criteria_list:
            criterion.criterion_set = criterion_set
        sets = {criterion_set.candidate_type: criterion_set}
        if candidate.type != criterion_set.candidate_type:
            raise ValueError("The set is for another candidate type.")
    return evaluate_many(movement, [candidate], today=today, sets=sets)[candidate.key]
