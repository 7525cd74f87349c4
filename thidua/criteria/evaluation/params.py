"""The parameters of each computed rule: what the criterion form shows, how the services
validate them (``clean_params``) and how the set page summarises them (``describe_params``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.criteria.evaluation.base import years_text
from thidua.criteria.models import FIRST_YEAR, FactKind, RatingLevel, RuleKey, TargetOutcome

LAST_YEAR = 2100


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


def describe_params(rule: str, params: dict[str, Any]) -> str:
    """A short Vietnamese summary of a computed criterion's parameters, for the set page."""
    p = {**default_params(rule), **(params or {})}
    years = years_text(p.get("from_year"), p.get("to_year"))
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
