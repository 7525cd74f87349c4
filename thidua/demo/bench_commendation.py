"""Commendation data for ``make bench``: people, nominations in every status, a council with a
closed session of 150 items, and 1,650 awards in the register. Written in bulk (the bench
measures pages, not services), after the works data of the same province."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.utils import timezone

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.award_catalogue.money import award_money
from thidua.award_catalogue.services import load_award_reference
from thidua.awards.models import Award
from thidua.core import documents
from thidua.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    ItemResult,
    SessionStatus,
)
from thidua.criteria.models import AnnualRating, Person, PersonKind
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination, NominationStatus
from thidua.units.models import Unit

PEOPLE_PER_VILLAGE = 2


def build(movement: Movement, officer: User, communes: list[Unit], villages: list[Unit]) -> None:
    load_award_reference()
    forms = {f.code: f for f in AwardForm.objects.all()}
    people = []
    for village in villages:
        for n in range(PEOPLE_PER_VILLAGE):
            person = Person(
                unit=village, full_name=f"Người thử {village.code} {n}", kind=PersonKind.WORKER
            )
            person.refresh_derived()
            people.append(person)
    Person.objects.bulk_create(people, batch_size=500)
    now = timezone.now()
    ratings = [
        AnnualRating(
            unit=commune,
            year=year,
            level="excellent" if (year + i) % 3 == 0 else "good",
            document_reference="QĐ thử",
            recorded_at=now,
        )
        for i, commune in enumerate(communes)
        for year in range(2020, 2026)
    ]
    AnnualRating.objects.bulk_create(ratings, batch_size=500)

    statuses = list(NominationStatus.values)
    nominations = []
    for n, unit in enumerate([*communes, *villages]):
        nomination = Nomination(
            movement=movement,
            proposing_unit=unit if unit in communes else unit.parent,
            candidate_unit=unit,
            award_form=forms["giay_khen_huyen"],
            status=statuses[n % len(statuses)],
            achievement="Thành tích thử",
            candidate_name=unit.name,
            search_text=unit.search_text,
            created_by=officer,
        )
        nominations.append(nomination)
    Nomination.objects.bulk_create(nominations, batch_size=500)

    council = Council.objects.create(unit=movement.issuing_unit, name="Hội đồng thử")
    members = []
    for n in range(9):
        user = User.objects.create(username=f"bench.hd{n}", full_name=f"Ủy viên thử {n}")
        members.append(CouncilMember(council=council, user=user, full_name=user.full_name))
    CouncilMember.objects.bulk_create(members)
    session = CouncilSession.objects.create(
        council=council,
        movement=movement,
        held_on=date(2025, 6, 20),
        status=SessionStatus.CLOSED,
        member_count=9,
        present_count=9,
        created_by=officer,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            session=session,
            nomination=nomination,
            position=n,
            yes_count=7,
            no_count=2,
            threshold_percent=50,
            threshold_basis="all",
            threshold_denominator=9,
            result=ItemResult.PASSED,
        )
        for n, nomination in enumerate(nominations[:150])
    )

    awards = []
    for n, unit in enumerate([*communes, *villages]):
        awards.append(
            Award(
                award_form=forms["giay_khen_huyen"],
                unit=unit,
                recipient_name=unit.name,
                movement=movement,
                deciding_office=DecidingOffice.DISTRICT_CHAIRMAN,
                decision_number=documents.number_and_symbol(n + 1, "QĐ-UBND"),
                decided_on=date(2020 + n % 6, 6, 15),
                base_salary=Decimal(2_340_000),
                multiple=Decimal("0.3"),
                amount=award_money(Decimal(2_340_000), Decimal("0.3"), Decimal(10_000)),
                token=uuid.uuid4(),
                search_text=unit.search_text,
            )
        )
    Award.objects.bulk_create(awards, batch_size=500)


def pages(movement: Movement, officer: User, commune_officer: User):
    """(user, label, url name, args, params) of the commendation pages to measure."""
    council = Council.objects.get(unit=movement.issuing_unit)
    session = council.sessions.get()
    return [
        (officer, "nominations list", "nominations:list", [movement.pk], {}),
        (commune_officer, "nominations list (commune)", "nominations:list", [movement.pk], {}),
        (officer, "candidates ranking", "criteria:ranking", [movement.pk], {}),
        (officer, "council sessions", "councils:sessions", [council.pk], {}),
        (officer, "council session, 150 items", "councils:session", [session.pk], {}),
        (officer, "award register", "awards:register", [], {}),
        (officer, "award register search", "awards:register", [], {"q": "thon 1"}),
        (officer, "award money", "awards:budget", [movement.pk], {}),
        (officer, "decisions list", "awards:decision_list", [movement.pk], {}),
    ]
