"""Awards received, from the award register (``extensions.award_rows``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.criteria.evaluation.base import Candidate, Outcome, Verdict, date_text, years_text
from thidua.criteria.evaluation.facts import AwardFact, Facts


def rule_awards_received(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
    """Awards the candidate (or, before a merger, its predecessors) received in the period,
    from the award register; revoked awards do not count."""
    first, last, need = params["from_year"], params["to_year"], params["min_count"]
    found: list[tuple[str, AwardFact]] = []
    for year in range(first, last + 1):
        for source in facts.sources(candidate, year):
            who = facts.label(candidate, source)
            found.extend((who, a) for a in facts.awards.get(source, ()) if a.year == year)
    lines = tuple(
        f"{a.year}{who}: {a.form} — {a.decision_number} ({date_text(a.decided_on)})"
        for who, a in found
    )
    values = {"n": len(found), "need": need, "years": years_text(first, last)}
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
