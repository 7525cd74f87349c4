"""The unit's own plan for the movement, issued."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.criteria.evaluation.base import Candidate, Outcome, Verdict, date_text
from thidua.criteria.evaluation.facts import Facts
from thidua.movements.models import PlanStatus


def rule_unit_plan(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
    if candidate.person is not None:
        return Outcome(Verdict.UNKNOWN, _("This rule applies to units."))
    plans = [facts.plans[pk] for pk in facts.all_units(candidate.own_unit.pk) if pk in facts.plans]
    issued = [p for p in plans if p.status == PlanStatus.ISSUED]
    if issued:
        plan = issued[0]
        return Outcome(
            Verdict.MET,
            _("Plan %(number)s issued on %(date)s.")
            % {"number": plan.document_number or "—", "date": date_text(plan.issued_date)},
        )
    if not plans:
        return Outcome(Verdict.NOT_MET, _("The unit has no plan task in this movement."))
    if facts.today <= facts.movement.end_date:
        return Outcome(Verdict.UNKNOWN, _("The unit has not issued its plan yet."))
    return Outcome(Verdict.NOT_MET, _("The unit did not issue its plan."))
