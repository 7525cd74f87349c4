"""Rules on the other recorded facts: targets, initiatives, contributions, violations and
complaints (see the package's note)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.criteria.evaluation.base import Candidate, Outcome, Source, Verdict, years_text
from thidua.criteria.evaluation.facts import Facts, RecordFact
from thidua.criteria.models import FactKind, TargetOutcome

OUTCOME_RANK: dict[str, int] = {
    TargetOutcome.EXCEEDED: 0,
    TargetOutcome.ACHIEVED: 1,
    TargetOutcome.NOT_ACHIEVED: 2,
}


def _records(
    candidate: Candidate,
    facts: Facts,
    kinds: Collection[str],
    first: int | None,
    last: int | None,
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
    return [("unit", pk) for pk in facts.all_units(candidate.own_unit.pk)]


def _record_line(who: str, record: RecordFact) -> str:
    line = f"{record.year}{who}: {record.summary}"
    if record.outcome:
        line += f" ({TargetOutcome(record.outcome).label.lower()})"
    if record.reference:
        line += f" — {record.reference}"
    return line


def rule_targets(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
    first, last = params["from_year"], params["to_year"]
    need = OUTCOME_RANK[params["outcome"]]
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
                elif OUTCOME_RANK[record.outcome] > need:
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
        % {"outcome": outcome_label, "years": years_text(first, last)},
        tuple(lines),
    )


def _rule_count(
    kind: str, noun_met: str | Promise, noun_short: str | Promise
) -> Callable[[Candidate, dict[str, Any], Facts], Outcome]:
    def rule(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
        first, last, need = params.get("from_year"), params.get("to_year"), params["min_count"]
        found = _records(candidate, facts, (kind,), first, last)
        lines = tuple(_record_line(who, record) for who, record in found)
        years = years_text(first, last)
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


def rule_no_violations(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
    first, last, kinds = params["from_year"], params["to_year"], params["kinds"]
    found = _records(candidate, facts, kinds, first, last)
    what = ", ".join(str(FactKind(k).label).lower() for k in kinds)
    years = years_text(first, last)
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
