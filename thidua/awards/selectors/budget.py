"""Award money and budget of a movement (plan III, IV.7).

Each award carries the money fixed when it was decided: the base salary in force on the
decision date × the form's multiple for the recipient in force then (Nghị định 98/2023 Art. 54,
then Nghị định 152/2025 Art. 50 and 54), rounded up to the nearest 10.000 đ (Nghị định 152/2025
Art. 49(2); ``award_catalogue.money.award_money``, the one rule every page and paper uses). It is paid from the fund of the level that decided
(the deciding office: province, district or commune). Revoked awards are left out of every
total (their money is to be recovered, Chapter VII of the 2022 Law) and counted apart;
awards whose form has no multiple in force are listed apart as «chưa có mức tiền thưởng».

The Finance and Planning Office and the Home Affairs Office over the issuing unit see the
whole movement; any other role sees the money its units may see (``rules.money_scope``: the
awards of its own units, and of the decisions it signs or funds), never a sibling unit's. Every read here costs a
fixed number of queries whatever the number of awards. ``MoneyRates`` prices drafts (not yet
awards) from the reference tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db.models import Case, CharField, Count, Max, Min, Q, QuerySet, Sum, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.scope import reach
from thidua.award_catalogue.models import (
    BaseSalary,
    DecidingOffice,
    Effective,
    MoneyMultiple,
    Recipient,
)
from thidua.award_catalogue.money import award_money
from thidua.awards.models import Award
from thidua.awards.rules import BUDGET_ROLES, money_scope, sees_whole_movement
from thidua.criteria.models import Person, PersonKind
from thidua.movements.models import Movement

E = TypeVar("E", bound=Effective)

# Funds in the order the page and the payment list show them.
FUND_ORDER: tuple[str, ...] = (
    DecidingOffice.PROVINCE_CHAIRMAN,
    DecidingOffice.DISTRICT_CHAIRMAN,
    DecidingOffice.COMMUNE_CHAIRMAN,
)
FUND_LABELS: dict[str, Promise] = {
    DecidingOffice.PROVINCE_CHAIRMAN: _("Provincial emulation and commendation fund"),
    DecidingOffice.DISTRICT_CHAIRMAN: _("District emulation and commendation fund"),
    DecidingOffice.COMMUNE_CHAIRMAN: _("Commune emulation and commendation fund"),
}
FUND_SHORT: dict[str, Promise] = {
    DecidingOffice.PROVINCE_CHAIRMAN: _("Province level"),
    DecidingOffice.DISTRICT_CHAIRMAN: _("District level"),
    DecidingOffice.COMMUNE_CHAIRMAN: _("Commune level"),
}
# How many awards without money the page lists (the payment workbook lists them all).
UNPRICED_SHOWN = 200

VALID = Q(revoked_on__isnull=True)
PRICED = VALID & Q(amount__isnull=False)
UNPRICED = VALID & Q(amount__isnull=True)


def multiple_text(value: Decimal | None) -> str:
    """A multiple the Vietnamese way, without trailing zeros: 0.30 → "0,3", 1.00 → "1"."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def money_recipient(person: Person | None) -> str:
    """Whose multiple applies: a collective (no person), a household or an individual."""
    if person is None:
        return Recipient.COLLECTIVE
    return Recipient.HOUSEHOLD if person.kind == PersonKind.HOUSEHOLD else Recipient.INDIVIDUAL


def recipient_expression(person: str = "candidate_person") -> Case:
    """``money_recipient`` in SQL, for grouping rows by whose multiple applies."""
    return Case(
        When(**{f"{person}__isnull": True}, then=Value(Recipient.COLLECTIVE.value)),
        When(**{f"{person}__kind": PersonKind.HOUSEHOLD}, then=Value(Recipient.HOUSEHOLD.value)),
        default=Value(Recipient.INDIVIDUAL.value),
        output_field=CharField(),
    )


class MoneyRates:
    """Base salary × the form's multiple for the recipient in force on any day, rounded by
    ``award_money``, from the two small reference tables read once (two queries), for pages
    that show many drafts' money at once. Signing records the money through the selectors
    (``money_on``), which use the same ``award_money``."""

    def __init__(self) -> None:
        self.salaries = list(BaseSalary.objects.order_by("-valid_from"))
        self.multiples: dict[tuple[int, str], list[MoneyMultiple]] = defaultdict(list)
        for row in MoneyMultiple.objects.order_by("-valid_from"):
            self.multiples[(row.award_form_id, row.recipient)].append(row)

    @staticmethod
    def _in_force(rows: Iterable[E], day: date) -> E | None:
        for row in rows:  # newest first
            if row.valid_from <= day and (row.valid_to is None or row.valid_to >= day):
                return row
        return None

    def amount(self, form_id: int, day: date, recipient: str) -> Decimal | None:
        salary = self._in_force(self.salaries, day)
        multiple = self._in_force(self.multiples.get((form_id, recipient), ()), day)
        if salary is None or multiple is None:
            return None
        return award_money(salary.amount, multiple.multiple, multiple.round_up_to)


def budget_awards(user: User, movement: Movement) -> QuerySet[Award]:
    """The movement's awards the user may count: all of them for Finance and Home Affairs
    over the issuer, else those of the user's own units."""
    awards = Award.objects.filter(movement=movement)
    if sees_whole_movement(user, movement):
        return awards
    scope = money_scope(user)
    if not scope.recipients and not scope.deciders:
        return awards.none()
    return awards.filter(scope.q())


@dataclass
class FormLine:
    name: str
    position: int
    count: int = 0  # valid awards
    total: Decimal = Decimal(0)
    unpriced: int = 0
    revoked: int = 0


@dataclass
class FundLine:
    office: str
    label: str
    short: str
    forms: list[FormLine] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(line.count for line in self.forms)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.forms), Decimal(0))

    @property
    def unpriced(self) -> int:
        return sum(line.unpriced for line in self.forms)


@dataclass
class RateLine:
    """One base salary × multiple applied to a form, with the sources of both figures."""

    form_name: str
    base_salary: Decimal
    multiple: Decimal
    each: Decimal
    count: int
    total: Decimal
    first: date
    last: date
    multiple_source: str = ""
    salary_source: str = ""

    @property
    def multiple_label(self) -> str:
        return multiple_text(self.multiple)


@dataclass
class Budget:
    movement: Movement
    whole: bool
    funds: list[FundLine]
    rates: list[RateLine]
    unpriced_awards: list[Award]
    revoked_count: int = 0
    revoked_total: Decimal = Decimal(0)

    @property
    def count(self) -> int:
        return sum(fund.count for fund in self.funds)

    @property
    def total(self) -> Decimal:
        return sum((fund.total for fund in self.funds), Decimal(0))

    @property
    def unpriced(self) -> int:
        return sum(fund.unpriced for fund in self.funds)

    @property
    def unpriced_more(self) -> int:
        return max(self.unpriced - len(self.unpriced_awards), 0)


def _funds(awards: QuerySet[Award]) -> tuple[list[FundLine], int, Decimal]:
    rows = (
        awards.order_by()
        .values("deciding_office", "award_form_id", "award_form__name", "award_form__position")
        .annotate(
            count=Count("pk", filter=VALID),
            total=Sum("amount", filter=PRICED),
            unpriced=Count("pk", filter=UNPRICED),
            revoked=Count("pk", filter=~VALID),
            revoked_total=Sum("amount", filter=~VALID),
        )
    )
    funds = {
        office: FundLine(office, str(FUND_LABELS[office]), str(FUND_SHORT[office]))
        for office in FUND_ORDER
    }
    revoked_count, revoked_total = 0, Decimal(0)
    for row in rows:
        fund = funds.get(row["deciding_office"])
        if fund is None:
            continue
        revoked_count += row["revoked"]
        revoked_total += row["revoked_total"] or 0
        if not row["count"]:
            continue  # only revoked awards of this form: nothing to pay
        fund.forms.append(
            FormLine(
                name=row["award_form__name"],
                position=row["award_form__position"],
                count=row["count"],
                total=Decimal(row["total"] or 0),
                unpriced=row["unpriced"],
                revoked=row["revoked"],
            )
        )
    for fund in funds.values():
        fund.forms.sort(key=lambda line: (line.position, line.name))
    return [fund for fund in funds.values() if fund.forms], revoked_count, revoked_total


def _in_force(row: Effective, first: date, last: date) -> bool:
    return row.valid_from <= last and (row.valid_to is None or row.valid_to >= first)


def _rates(awards: QuerySet[Award]) -> list[RateLine]:
    rows = list(
        awards.filter(PRICED)
        .order_by()
        .values(
            "award_form_id", "award_form__name", "award_form__position", "multiple", "base_salary"
        )
        .annotate(
            count=Count("pk"), total=Sum("amount"), first=Min("decided_on"), last=Max("decided_on")
        )
    )
    if not rows:
        return []
    form_ids = {row["award_form_id"] for row in rows}
    multiples = list(MoneyMultiple.objects.filter(award_form_id__in=form_ids))
    salaries = list(BaseSalary.objects.all())
    lines = []
    for row in sorted(rows, key=lambda r: (r["award_form__position"], r["first"])):
        multiple, base = Decimal(row["multiple"] or 0), Decimal(row["base_salary"] or 0)
        first, last = row["first"], row["last"]
        multiple_sources = sorted(
            {
                m.legal_source
                for m in multiples
                if m.award_form_id == row["award_form_id"]
                and m.multiple == multiple
                and _in_force(m, first, last)
            }
        )
        salary_sources = sorted(
            {s.legal_source for s in salaries if s.amount == base and _in_force(s, first, last)}
        )
        lines.append(
            RateLine(
                form_name=row["award_form__name"],
                base_salary=base,
                multiple=multiple,
                each=Decimal(row["total"]) / row["count"] if row["count"] else Decimal(0),
                count=row["count"],
                total=Decimal(row["total"] or 0),
                first=first,
                last=last,
                multiple_source="; ".join(multiple_sources),
                salary_source="; ".join(salary_sources),
            )
        )
    return lines


def movement_budget(user: User, movement: Movement) -> Budget:
    """The movement's award money as the user may see it (five queries at most)."""
    awards = budget_awards(user, movement)
    funds, revoked_count, revoked_total = _funds(awards)
    unpriced = list(
        awards.filter(UNPRICED)
        .select_related("award_form", "unit", "person__unit", "decision")
        .order_by("deciding_office", "award_form__position", "decided_on", "recipient_name", "pk")[
            :UNPRICED_SHOWN
        ]
    )
    return Budget(
        movement=movement,
        whole=sees_whole_movement(user, movement),
        funds=funds,
        rates=_rates(awards),
        unpriced_awards=unpriced,
        revoked_count=revoked_count,
        revoked_total=revoked_total,
    )


def budget_overview(user: User) -> list[dict]:
    """Per movement with awards the user may count: number and money of valid awards.

    One query: a movement counts all its awards when the user is Finance or Home Affairs
    over its issuer, else only the awards of the user's units.
    """
    budget_ids = reach(user, BUDGET_ROLES)
    scope = money_scope(user)
    if not scope.recipients and not scope.deciders:
        return []
    return list(
        Award.objects.filter(movement__isnull=False)
        .filter(Q(movement__issuing_unit_id__in=budget_ids) | scope.q())
        .order_by()
        .values("movement_id", "movement__title", "movement__start_date")
        .annotate(
            count=Count("pk", filter=VALID),
            total=Sum("amount", filter=PRICED),
            unpriced=Count("pk", filter=UNPRICED),
            revoked=Count("pk", filter=~VALID),
        )
        .order_by("-movement__start_date", "movement_id")
    )


def payment_awards(user: User, movement: Movement) -> QuerySet[Award]:
    """Valid awards of the movement the user may count, with what the payment list prints."""
    return (
        budget_awards(user, movement)
        .filter(VALID)
        .select_related("award_form", "unit__parent", "person__unit", "decision__issuing_unit")
        .order_by(
            "deciding_office",
            "decided_on",
            "decision_number",
            "award_form__position",
            "recipient_name",
            "pk",
        )
    )
