"""Cultural village recognitions over a range of years (see the package's note)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.criteria.evaluation.base import Candidate, Outcome, Verdict
from thidua.criteria.evaluation.facts import Facts


def rule_cultural_village(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
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
