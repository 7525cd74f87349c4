"""Reads of award reference data: what is in force on a day. Each function costs one query."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.award_catalogue.models import (
    Authority,
    AwardForm,
    BaseSalary,
    Effective,
    MoneyMultiple,
    Recipient,
)
from thidua.award_catalogue.money import award_money
from thidua.core.errors import ApplicationError
from thidua.units.models import rule_kinds

NO_BASE_SALARY = gettext_noop("No base salary is recorded in force on %(day)s.")
NO_MULTIPLE = gettext_noop(
    "No award money multiple is recorded for “%(form)s” (%(recipient)s) in force on %(day)s."
)


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _form_filter(form: AwardForm | str, prefix: str = "award_form") -> dict:
    if isinstance(form, AwardForm):
        return {prefix: form}
    return {f"{prefix}__code": form}


def _form_label(form: AwardForm | str) -> str:
    return form.name if isinstance(form, AwardForm) else form


def base_salary_on(day: date) -> BaseSalary:
    salary = BaseSalary.objects.filter(Effective.in_force_q(day)).order_by("-valid_from").first()
    if salary is None:
        raise ApplicationError(_(NO_BASE_SALARY) % {"day": _day(day)})
    return salary


def _no_multiple(form: AwardForm | str, day: date, recipient: str) -> ApplicationError:
    return ApplicationError(
        _(NO_MULTIPLE)
        % {
            "form": _form_label(form),
            "recipient": Recipient(recipient).label.lower(),
            "day": _day(day),
        }
    )


def _multiples(form: AwardForm | str, day: date, recipient: str) -> QuerySet[MoneyMultiple]:
    return MoneyMultiple.objects.filter(
        Effective.in_force_q(day), recipient=recipient, **_form_filter(form)
    ).order_by("-valid_from")


def multiple_on(form: AwardForm | str, day: date, *, recipient: str) -> MoneyMultiple:
    """The form's multiple for this kind of recipient (``Recipient``) in force on the day."""
    multiple = _multiples(form, day, recipient).select_related("award_form").first()
    if multiple is None:
        raise _no_multiple(form, day, recipient)
    return multiple


def award_amount(form: AwardForm | str, day: date, *, recipient: str) -> Decimal:
    """The award's money: base salary in force × the form's multiple for the recipient in
    force, rounded up as the multiple's decree says (``money.award_money``)."""
    base = BaseSalary.objects.filter(Effective.in_force_q(day)).order_by("-valid_from")
    row = (
        _multiples(form, day, recipient)
        .annotate(base=Subquery(base.values("amount")[:1]))
        .values("multiple", "round_up_to", "base")
        .first()
    )
    if row is None:
        raise _no_multiple(form, day, recipient)
    if row["base"] is None:
        raise ApplicationError(_(NO_BASE_SALARY) % {"day": _day(day)})
    return award_money(row["base"], row["multiple"], row["round_up_to"])


def authorities_on(
    day: date,
    *,
    office: str | None = None,
    form: AwardForm | str | None = None,
    level: str | None = None,
) -> QuerySet[Authority]:
    """The authorities in force on ``day``, optionally narrowed (a lazy queryset: one query)."""
    qs = Authority.objects.filter(Effective.in_force_q(day)).select_related("award_form")
    if office is not None:
        qs = qs.filter(deciding_office=office)
    if form is not None:
        qs = qs.filter(**_form_filter(form))
    if level is not None:
        # A ward's or special zone's candidates fall under the commune rows.
        qs = qs.filter(unit_level__in=rule_kinds(level))
    return qs


def may_award(office: str, form: AwardForm | str, level: str, day: date) -> bool:
    """Whether ``office`` may award ``form`` to a candidate managed at ``level`` on ``day``."""
    return authorities_on(day, office=office, form=form, level=level).exists()


@dataclass(frozen=True)
class Money:
    base_salary: Decimal | None
    multiple: Decimal | None
    amount: Decimal | None


def money_on(form: AwardForm, day: date, *, recipient: str) -> Money:
    """The base salary, the form's multiple for the recipient and the amount in force on the
    day (two queries); no multiple (or no base salary) in force gives no amount."""
    try:
        base = base_salary_on(day).amount
    except ApplicationError:
        base = None
    try:
        row = multiple_on(form, day, recipient=recipient)
    except ApplicationError:
        return Money(base, None, None)
    if base is None:
        return Money(None, row.multiple, None)
    return Money(base, row.multiple, award_money(base, row.multiple, row.round_up_to))
