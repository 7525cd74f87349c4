"""Works of the movement completed (on time) and put into use (see the package's note)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from thidua.criteria.evaluation.base import Candidate, Outcome, Verdict, date_text
from thidua.criteria.evaluation.facts import Facts
from thidua.works.models import (
    DONE_STATUSES,
    FundingSource,
    ProgressStatus,
    RegistrationStatus,
    Work,
)


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
                "date": date_text(used),
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
            "actual": date_text(work.actual_completion),
            "expected": date_text(expected),
        }
    if done and used is not None:
        if used <= expected:
            return "qualifies", _(
                "%(work)s: completed on schedule, put into use on %(used)s (registered %(expected)s)"
            ) % {"work": name, "used": date_text(used), "expected": date_text(expected)}
        return "fails", _("%(work)s: put into use late (%(used)s; registered %(expected)s)") % {
            "work": name,
            "used": date_text(used),
            "expected": date_text(expected),
        }
    if facts.today <= expected:
        if done:
            return "possible", _("%(work)s: completed, not yet put into use (registered %(expected)s)") % {
                "work": name,
                "expected": date_text(expected),
            }  # fmt: skip
        return "possible", _("%(work)s: in progress (%(percent)s%%), expected %(expected)s") % {
            "work": name,
            "percent": work.progress_percent,
            "expected": date_text(expected),
        }
    if done:
        return "fails", _("%(work)s: not put into use by the registered date %(expected)s") % {
            "work": name,
            "expected": date_text(expected),
        }
    return "fails", _("%(work)s: overdue (expected %(expected)s), not completed") % {
        "work": name,
        "expected": date_text(expected),
    }


def rule_works(candidate: Candidate, params: dict[str, Any], facts: Facts) -> Outcome:
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
                message
                + " "
                + _("Registration is open until %(date)s.") % {"date": date_text(deadline)},
            )
        return Outcome(Verdict.NOT_MET, message)
    if on_time:
        reason = _("No registered work was completed and put into use by its registered date.")
    else:
        reason = _("No registered work was completed and put into use.")
    return Outcome(Verdict.NOT_MET, reason, lines)
