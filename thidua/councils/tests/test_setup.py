"""Council setup (defaults as data, members, thresholds) and sessions with their agenda,
including the public notice window that keeps a nomination off the agenda."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from thidua.core.errors import ApplicationError
from thidua.councils import defaults, services
from thidua.councils.models import Basis, Council, CouncilMember, MemberRole, Threshold
from thidua.councils.selectors import agenda_refusal, notice_window_closed
from thidua.demo import council as demo
from thidua.nominations.models import NominationEvent, NominationStatus
from thidua.testing import UnitFactory, UserFactory
from thidua.units.models import UnitKind

from .conftest import make_council, nominate, plan_session, yesterday

pytestmark = pytest.mark.django_db


# --- council ------------------------------------------------------------------------------


def test_council_created_with_the_legal_defaults(world, award_forms):
    council = services.council_create_with_defaults(actor=world.home_affairs, unit=world.district)
    assert council.name == "Hội đồng Thi đua - Khen thưởng huyện Mẫu"
    assert (council.quorum_numerator, council.quorum_denominator) == (2, 3)
    assert (council.threshold_percent, council.threshold_basis) == (50, Basis.ALL_MEMBERS)
    assert "chưa đối chiếu" in council.legal_source
    rows = list(Threshold.objects.filter(council=council))
    # Only the recorded forms get a row: no provincial Chiến sĩ thi đua in this database.
    assert [(r.award_form.code, r.percent, r.basis) for r in rows] == [
        ("chien_si_thi_dua_co_so", 80, Basis.ALL_MEMBERS)
    ]
    assert "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7" in rows[0].legal_source
    assert "(chưa đối chiếu)" in rows[0].legal_source
    assert {row.award_form_code for row in defaults.FORM_THRESHOLDS} >= {"chien_si_thi_dua_co_so"}
    # Idempotent top-up keeps a corrected row.
    rows[0].percent = 85
    rows[0].save()
    assert services.council_add_default_thresholds(actor=world.home_affairs, council=council) == []
    assert Threshold.objects.get(pk=rows[0].pk).percent == 85


def test_council_rules(world, award_forms):
    with pytest.raises(ValidationError) as error:
        services.council_create_with_defaults(
            actor=world.home_affairs,
            unit=world.district,
            data={"quorum_numerator": 4, "quorum_denominator": 3},
        )
    assert "quorum_numerator" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.council_create_with_defaults(actor=world.home_affairs, unit=world.village_a1)
    assert "unit" in error.value.message_dict
    # A commune officer manages no council; the commune's chairman would.
    with pytest.raises(PermissionDenied):
        services.council_create_with_defaults(actor=world.officer_a, unit=world.commune_a)
    assert not Council.objects.exists()


def test_members_come_from_the_units_subtree_once(world, award_forms):
    board = make_council(world, size=4)
    assert [m.role for m in board.all] == ["chair", "secretary", "member", "member"]
    assert board.chair.full_name == world.chairman.display_name  # filled from the account
    other_district = UnitFactory(kind=UnitKind.DISTRICT, parent=world.province)
    stranger = UserFactory(unit=other_district)
    with pytest.raises(ValidationError) as error:
        services.member_add(actor=world.home_affairs, council=board.council, user=stranger, data={})
    assert "user" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.member_add(
            actor=world.home_affairs, council=board.council, user=world.chairman, data={}
        )


def test_manager_sets_up_a_council_through_the_pages(client, world, award_forms):
    client.force_login(world.home_affairs)
    response = client.get(reverse("councils:create"))
    assert response.status_code == 200
    assert response.context["form"]["quorum_numerator"].value() == 2
    response = client.post(
        reverse("councils:create"),
        {
            "unit": world.district.pk,
            "name": "",
            "quorum_numerator": "2",
            "quorum_denominator": "3",
            "threshold_percent": "50",
            "threshold_basis": "all",
            "legal_source": "Quy chế của Hội đồng",
        },
    )
    council = Council.objects.get()
    assert response.status_code == 302
    assert council.name.startswith("Hội đồng Thi đua - Khen thưởng")
    assert council.thresholds.count() == 1
    response = client.post(
        reverse("councils:member_create", args=[council.pk]),
        {
            "user": world.council_member.pk,
            "full_name": "",
            "position": "Ủy viên",
            "role": "member",
            "active": "on",
        },
    )
    assert response.status_code == 302
    member = CouncilMember.objects.get(council=council)
    assert member.full_name == world.council_member.display_name
    response = client.post(
        reverse("councils:threshold_create", args=[council.pk]),
        {
            "award_form": award_forms["giay_khen_huyen"].pk,
            "percent": "60",
            "basis": "present",
            "origin": "rules",
            "legal_source": "Quy chế",
        },
    )
    assert response.status_code == 302
    assert council.thresholds.get(award_form__code="giay_khen_huyen").basis == Basis.PRESENT
    # Changing a form that has a row updates it.
    threshold = council.thresholds.get(award_form__code="chien_si_thi_dua_co_so")
    client.post(
        reverse("councils:threshold_edit", args=[threshold.pk]),
        {
            "percent": "90",
            "basis": "all",
            "origin": "law",
            "legal_source": "x",
            "valid_from": "01/01/2024",
            "valid_to": "30/06/2025",
        },
    )
    threshold.refresh_from_db()
    assert threshold.percent == 90
    response = client.get(reverse("councils:detail", args=[council.pk]))
    assert "Chiến sĩ thi đua cơ sở" in response.content.decode()
    # A member of a commune cannot pick the district.
    client.force_login(world.officer_a)
    assert client.get(reverse("councils:create")).status_code == 404


def test_commune_chairman_sets_up_only_the_communes_council(client, world, award_forms):
    from thidua.accounts.models import Role
    from thidua.testing import grant

    leader = UserFactory(unit=world.commune_a)
    grant(leader, Role.CHAIRMAN, world.commune_a)
    client.force_login(leader)
    response = client.get(reverse("councils:create"))
    assert list(response.context["form"].fields["unit"].queryset) == [world.commune_a]
    response = client.post(
        reverse("councils:create"),
        {
            "unit": world.district.pk,
            "quorum_numerator": "2",
            "quorum_denominator": "3",
            "threshold_percent": "50",
            "threshold_basis": "all",
        },
    )
    assert response.status_code == 200
    assert not Council.objects.exists()


def test_load_demo_council_is_idempotent(world, award_forms, monkeypatch):
    monkeypatch.setattr(demo, "DISTRICT_CODE", world.district.code)
    council = demo.load_demo_council()
    again = demo.load_demo_council()
    assert council.pk == again.pk
    roles = dict(council.members.values_list("user__username", "role"))
    # The world has no "xem" account: that member is skipped.
    assert roles == {
        "chutich": MemberRole.CHAIR,
        "noivu": MemberRole.SECRETARY,
        "hoidong": MemberRole.MEMBER,
    }
    assert council.thresholds.count() == 1


# --- sessions and the notice window -------------------------------------------------------


def test_the_agenda_is_prepared_before_the_window_closes_but_the_vote_waits(
    world, board, movement, award_forms
):
    """The agenda goes out with the invitation, while the notice is still open; the session
    is held after the window, and only the vote waits for it to close."""
    today = timezone.localdate()
    form = award_forms["giay_khen_huyen"]
    still_open = nominate(world, movement, form, "Nguyễn Văn Mở", closes_on=today)
    closed = nominate(world, movement, form, "Trần Thị Xong", closes_on=yesterday())
    unpublished = nominate(world, movement, form, "Lê Văn Chưa", closes_on=None)
    assert not notice_window_closed(still_open)
    assert notice_window_closed(closed)
    assert not notice_window_closed(unpublished)
    assert agenda_refusal(still_open) is None
    assert "chưa được công khai" in agenda_refusal(unpublished)
    # A session held while the notice is still open may not consider it (the minutes would
    # show the council meeting before the window closed).
    with pytest.raises(ValidationError) as error:
        plan_session(world, board, movement, [closed, still_open], held_on=today)
    assert error.value.message_dict["nominations"] == [
        f"«Nguyễn Văn Mở» công khai đến hết ngày {today:%d/%m/%Y}; phiên họp ngày "
        f"{today:%d/%m/%Y} không thể xét hồ sơ này."
    ]
    assert not board.council.sessions.exists()  # nothing half-done
    # Held tomorrow, the session takes both on its agenda today.
    session = plan_session(
        world, board, movement, [closed, still_open], held_on=today + timedelta(days=1)
    )
    assert session.items.count() == 2
    services.attendance_record(
        actor=world.home_affairs, session=session, present=board.council.members.all()
    )
    with pytest.raises(ApplicationError) as refused:
        services.voting_open(actor=world.home_affairs, session=session)
    assert refused.value.message == (
        f"«Nguyễn Văn Mở» đang công khai đến hết ngày {today:%d/%m/%Y}; chỉ mở bỏ phiếu sau "
        "khi hết thời hạn công khai."
    )
    session.refresh_from_db()
    assert session.status == "planned"
    # The next day the window has closed and the vote opens.
    from thidua.councils.services.guards import ensure_notices_closed

    ensure_notices_closed(session, today + timedelta(days=1))


def test_session_agenda_moves_nominations_to_the_council_and_back(
    world, board, movement, award_forms
):
    form = award_forms["giay_khen_huyen"]
    first = nominate(world, movement, form, "Người thứ nhất")
    second = nominate(world, movement, form, "Người thứ hai")
    session = plan_session(world, board, movement, [first])
    services.agenda_add(actor=board.secretary.user, session=session, nominations=[second])
    first.refresh_from_db()
    assert first.status == NominationStatus.AT_COUNCIL
    assert list(session.items.values_list("nomination_id", "position")) == [
        (first.pk, 1),
        (second.pk, 2),
    ]
    event = NominationEvent.objects.filter(nomination=first).latest("pk")
    assert event.to_status == NominationStatus.AT_COUNCIL
    assert event.actor == world.home_affairs
    # Once on an agenda it is no longer on notice: it cannot go on a second one.
    with pytest.raises(ValidationError):
        services.agenda_add(actor=world.home_affairs, session=session, nominations=[first])
    services.agenda_remove(actor=world.home_affairs, item=session.items.get(nomination=first))
    first.refresh_from_db()
    assert first.status == NominationStatus.ON_NOTICE
    # A plain member does not run the session.
    with pytest.raises(PermissionDenied):
        services.agenda_add(actor=board.member.user, session=session, nominations=[first])


def test_agenda_page_takes_a_nomination_whose_window_is_still_open(
    client, world, board, movement, award_forms
):
    today = timezone.localdate()
    form = award_forms["giay_khen_huyen"]
    ready = nominate(world, movement, form, "Sẵn Sàng")
    waiting = nominate(world, movement, form, "Còn Công Khai", closes_on=today + timedelta(days=3))
    held_on = today + timedelta(days=5)
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("councils:session_create", args=[board.council.pk]),
        {"movement": movement.pk, "held_on": held_on.strftime("%d/%m/%Y"), "place": "Hội trường"},
    )
    session = board.council.sessions.get()
    assert response.url == reverse("councils:session", args=[session.pk])
    page = client.get(response.url).content.decode()
    assert "Sẵn Sàng" in page and "Còn Công Khai" in page  # both listed, with their window
    client.post(
        reverse("councils:agenda_add", args=[session.pk]), {"nominations": [ready.pk, waiting.pk]}
    )
    assert set(session.items.values_list("nomination_id", flat=True)) == {ready.pk, waiting.pk}


def test_movement_of_another_district_is_refused(world, board, award_forms):
    from thidua.testing import MovementFactory

    other = UnitFactory(kind=UnitKind.DISTRICT, parent=world.province)
    foreign = MovementFactory(issuing_unit=other, status="launched")
    with pytest.raises(ValidationError) as error:
        services.session_create(
            actor=world.home_affairs,
            council=board.council,
            movement=foreign,
            held_on=timezone.localdate(),
        )
    assert "movement" in error.value.message_dict


def test_same_rule_as_the_nominations_selector(world, movement, award_forms):
    """Our per-nomination rule and thidua.nominations.selectors.ready_for_council agree."""
    selectors = pytest.importorskip("thidua.nominations.selectors")
    today = timezone.localdate()
    form = award_forms["giay_khen_huyen"]
    people = [
        nominate(world, movement, form, "Hết hạn hôm qua", closes_on=yesterday()),
        nominate(world, movement, form, "Hết hạn hôm nay", closes_on=today),
        nominate(world, movement, form, "Chưa công khai", closes_on=None),
        nominate(world, movement, form, "Đã ở Hội đồng", status=NominationStatus.AT_COUNCIL),
    ]
    theirs = set(selectors.ready_for_council(movement).values_list("pk", flat=True))
    ours = {n.pk for n in people if notice_window_closed(n)}
    assert ours == theirs == {people[0].pk}
