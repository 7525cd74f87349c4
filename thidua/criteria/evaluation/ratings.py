"""Annual ratings: every year of the range rated at least ``min_level`` (see the package's note)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.criteria.evaluation.base import Candidate, Outcome, Verdict
from thidua.criteria.evaluation.facts import Facts
from thidua.criteria.models import RATING_RANK, RatingLevel


def rule_ratings(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
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
