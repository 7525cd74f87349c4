"""A council of the world's district with nine members, nominations on public notice, and
helpers to run a session up to any step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from thidua.award_catalogue.models import AwardForm, AwardKind, Recipient
from thidua.councils import services
from thidua.councils.models import Council, CouncilMember, CouncilSession, MemberRole
from thidua.criteria.models import Person
from thidua.nominations.models import Nomination, NominationStatus, PublicNotice
from thidua.testing import UserFactory, launched_movement


@pytest.fixture
def award_forms(db) -> dict[str, AwardForm]:
    rows = [
        ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", AwardKind.TITLE, Recipient.INDIVIDUAL),
        (
            "giay_khen_huyen",
            "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
            AwardKind.COMMENDATION,
            Recipient.BOTH,
        ),
    ]
    return {
        code: AwardForm.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "recipient": recipient}
        )[0]
        for code, name, kind, recipient in rows
    }


@pytest.fixture
def movement(world):
    return launched_movement(world)


@dataclass
class Board:
    council: Council
    chair: CouncilMember
    secretary: CouncilMember
    member: CouncilMember  # the world's "hoidong"
    others: list[CouncilMember]

    @property
    def all(self) -> list[CouncilMember]:
        return [self.chair, self.secretary, self.member, *self.others]


def make_council(world, size: int = 9, **data) -> Board:
    """The district's council: the chairman chairs, a secretary from the Home Affairs Office,
    the world's council member, and plain members up to ``size``."""
    council = services.council_create_with_defaults(
        actor=world.home_affairs, unit=world.district, data=data
    )

    def add(user, role):
        return services.member_add(
            actor=world.home_affairs, council=council, user=user, data={"role": role}
        )

    chair = add(world.chairman, MemberRole.CHAIR)
    secretary = add(
        UserFactory(username="thuky", full_name="Thư Ký Hội Đồng", unit=world.home_affairs_office),
        MemberRole.SECRETARY,
    )
    member = add(world.council_member, MemberRole.MEMBER)
    others = [
        add(
            UserFactory(username=f"uyvien{n}", full_name=f"Ủy viên {n}", unit=world.district),
            MemberRole.MEMBER,
        )
        for n in range(1, size - 2)
    ]
    return Board(council, chair, secretary, member, others)


@pytest.fixture
def board(world, award_forms) -> Board:
    return make_council(world)


def notice(world, movement, closes_on: date | None) -> PublicNotice:
    published = closes_on - timedelta(days=14) if closes_on else None
    return PublicNotice.objects.create(
        movement=movement,
        title="Danh sách đề nghị khen thưởng",
        published_on=published,
        closes_on=closes_on,
        created_by=world.home_affairs,
    )


def nominate(
    world,
    movement,
    award_form: AwardForm,
    name: str,
    *,
    closes_on: date | None = date(2000, 1, 1),
    status: str = NominationStatus.ON_NOTICE,
    unit=None,
) -> Nomination:
    """A nomination of a person of commune A, on a notice closing on ``closes_on``
    (by default long past; None: no notice)."""
    unit = unit or world.commune_a
    person = Person.objects.create(unit=unit, full_name=name, kind="civil_servant")
    return Nomination.objects.create(
        movement=movement,
        proposing_unit=unit,
        candidate_person=person,
        candidate_name=name,
        award_form=award_form,
        status=status,
        notice=notice(world, movement, closes_on) if closes_on else None,
        created_by=world.officer_a,
    )


# Sessions of the tests are held under Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (in force until
# 30/06/2025), so Chiến sĩ thi đua cơ sở needs ≥ 80 % of all members; tests of the rules after
# 1/7/2025 give their own date.
HELD_ON = date(2025, 6, 20)


def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def plan_session(world, board: Board, movement, nominations, **fields) -> CouncilSession:
    return services.session_create(
        actor=world.home_affairs,
        council=board.council,
        movement=movement,
        held_on=fields.pop("held_on", HELD_ON),
        place=fields.pop("place", "Hội trường UBND huyện"),
        nominations=nominations,
        **fields,
    )


def open_session(world, session, present) -> CouncilSession:
    services.attendance_record(actor=world.home_affairs, session=session, present=present)
    return services.voting_open(actor=world.home_affairs, session=session)


def vote(session, member: CouncilMember, choices: dict) -> None:
    """``choices``: nomination → True/False."""
    items = {item.nomination_id: item.pk for item in session.items.all()}
    services.ballot_cast(
        actor=member.user,
        session=session,
        votes={items[n.pk]: choice for n, choice in choices.items()},
    )


def written(world, session, member: CouncilMember, choices: dict, actor=None) -> None:
    items = {item.nomination_id: item.pk for item in session.items.all()}
    services.ballot_record_written(
        actor=actor or world.home_affairs,
        session=session,
        member=member,
        votes={items[n.pk]: choice for n, choice in choices.items()},
    )


def close_early(world, session, reason: str = "Hai thành viên phải rời cuộc họp vì việc đột xuất."):
    """Close with members present who have not voted, giving the reason."""
    return services.session_close(actor=world.home_affairs, session=session, early_reason=reason)
