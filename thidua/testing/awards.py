"""Factories for award tests: reference figures, signed decisions and register rows.

Awards are made directly (the decision signing that creates them in production lives in
``awards.services.decisions``); ``AwardFactory`` fills the money from the figures in force on the decision
date when the form has a multiple, as signing does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from thidua.accounts.models import Role, User
from thidua.award_catalogue.models import (
    AwardForm,
    AwardKind,
    BaseSalary,
    DecidingOffice,
    MoneyMultiple,
    Recipient,
)
from thidua.award_catalogue.selectors import money_on
from thidua.awards.models import Award, Decision, DecisionKind, DecisionStatus
from thidua.awards.selectors.budget import money_recipient
from thidua.awards.services.register import award_refresh_derived
from thidua.core.documents import number_and_symbol
from thidua.criteria.models import Person, PersonKind
from thidua.movements.models import Movement
from thidua.testing import UserFactory, World, grant
from thidua.units.models import Unit

ND98 = "Nghị định 98/2023/NĐ-CP, Điều 54"
ND73 = "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2"

# code: (name, kind, recipient, position)
FORMS = {
    "bang_khen_tinh": (
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        AwardKind.COMMENDATION,
        Recipient.BOTH,
        10,
    ),
    "giay_khen_huyen": (
        "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
        AwardKind.COMMENDATION,
        Recipient.BOTH,
        20,
    ),
    "giay_khen_xa": (
        "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
        AwardKind.COMMENDATION,
        Recipient.BOTH,
        30,
    ),
    "lao_dong_tien_tien": ("Lao động tiên tiến", AwardKind.TITLE, Recipient.INDIVIDUAL, 50),
    "tap_the_lao_dong_tien_tien": (
        "Tập thể lao động tiên tiến",
        AwardKind.TITLE,
        Recipient.COLLECTIVE,
        70,
    ),
}
# code: (recipient, multiple); the money is rounded up to 10.000 đ as both decrees say.
MULTIPLES = {
    "lao_dong_tien_tien": (Recipient.INDIVIDUAL, Decimal("0.3")),
    "tap_the_lao_dong_tien_tien": (Recipient.COLLECTIVE, Decimal("0.8")),
}


def award_form(code: str = "giay_khen_huyen") -> AwardForm:
    name, kind, recipient, position = FORMS[code]
    form, _created = AwardForm.objects.get_or_create(
        code=code,
        defaults={"name": name, "kind": kind, "recipient": recipient, "position": position},
    )
    return form


def money_reference() -> None:
    """Base salary 2.340.000 đ from 1/7/2024 and the two multiples of the fixture forms."""
    BaseSalary.objects.get_or_create(
        valid_from=date(2024, 7, 1), defaults={"amount": Decimal(2_340_000), "legal_source": ND73}
    )
    for code, (recipient, multiple) in MULTIPLES.items():
        MoneyMultiple.objects.get_or_create(
            award_form=award_form(code),
            recipient=recipient,
            valid_from=date(2024, 1, 1),
            defaults={
                "multiple": multiple,
                "round_up_to": Decimal(10_000),
                "legal_source": ND98,
            },
        )


class DecisionFactory(DjangoModelFactory):
    """A signed award decision of the movement's issuer."""

    class Meta:
        model = Decision

    kind = DecisionKind.DECISION
    movement: Movement | None = None
    issuing_unit = factory.LazyAttribute(lambda o: o.movement.issuing_unit)
    deciding_office = DecidingOffice.DISTRICT_CHAIRMAN
    status = DecisionStatus.SIGNED
    signed_on = date(2025, 5, 20)
    number = factory.Sequence(lambda n: n + 1)
    number_label = factory.LazyAttribute(lambda o: number_and_symbol(o.number, "QĐ-UBND"))
    summary = "Về việc khen thưởng trong phong trào thi đua"
    signer_name = "Nguyễn Văn Chủ"
    created_by: User | None = None


class AwardFactory(DjangoModelFactory):
    """An award in the register. Pass ``unit`` or ``person``; ``decision`` fills the movement,
    office, number and date."""

    class Meta:
        model = Award

    award_form = factory.LazyFunction(award_form)
    unit: Unit | None = None
    person: Person | None = None
    recipient_name = factory.LazyAttribute(
        lambda o: o.person.full_name if o.person is not None else o.unit.name
    )
    recipient_detail = factory.LazyAttribute(
        lambda o: o.person.unit.name if o.person is not None else ""
    )
    decision: Decision | None = None
    movement = factory.LazyAttribute(lambda o: o.decision.movement if o.decision else None)
    deciding_office = factory.LazyAttribute(
        lambda o: o.decision.deciding_office if o.decision else DecidingOffice.DISTRICT_CHAIRMAN
    )
    decision_number = factory.LazyAttribute(
        lambda o: o.decision.number_label if o.decision else "15/QĐ-UBND"
    )
    decided_on = factory.LazyAttribute(
        lambda o: o.decision.signed_on if o.decision else date(2025, 5, 20)
    )

    @classmethod
    def _create(cls, model_class: Callable[..., Award], *args: Any, **kwargs: Any) -> Award:
        award = model_class(*args, **kwargs)
        if award.amount is None and "amount" not in kwargs:
            money = money_on(
                award.award_form, award.decided_on, recipient=money_recipient(award.person)
            )
            award.base_salary, award.multiple, award.amount = (
                money.base_salary,
                money.multiple,
                money.amount,
            )
        award_refresh_derived(award)
        award.save()
        return award


def person(unit: Unit, name: str = "Nguyễn Thị Hoa", **fields: Any) -> Person:
    fields.setdefault("kind", PersonKind.CIVIL_SERVANT)
    return Person.objects.create(unit=unit, full_name=name, **fields)


def finance_officer(world: World, username: str = "taichinh") -> User:
    """A Finance and Planning Office officer over the world's district."""
    user: User = UserFactory.create(username=username, unit=world.district)
    grant(user, Role.FINANCE, world.district)
    return user
