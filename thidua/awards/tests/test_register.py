"""The award register: who sees what, filters, per-unit and per-person histories, recording an
earlier paper award, revocation, the export, and query-count guards."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thidua.accounts.models import Role, User
from thidua.award_catalogue.models import DecidingOffice
from thidua.awards import rules as register  # may_record and may_revoke live in rules
from thidua.awards.models import Award
from thidua.awards.selectors.register import (
    RegisterFilters,
    awards_by_person,
    awards_by_unit,
    awards_of_person,
    awards_of_unit,
    awards_visible,
    register_awards,
)
from thidua.awards.services.register import award_record, award_revoke
from thidua.core.errors import ApplicationError
from thidua.testing import UnitFactory, UserFactory, grant, launched_movement
from thidua.testing.awards import (
    AwardFactory,
    DecisionFactory,
    award_form,
    money_reference,
    person,
)
from thidua.units.models import UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world, title="Phong trào thi đua đặc biệt")


@pytest.fixture
def decision(world, movement):
    return DecisionFactory(
        movement=movement,
        created_by=world.chairman,
        number_label="125/QĐ-UBND",
        signed_on=date(2025, 5, 20),
    )


@pytest.fixture
def awards(world, decision):
    """Xã A: a village and a person; Xã B: the commune; an older paper award in Xã A."""
    hoa = person(world.village_a1, "Nguyễn Thị Hoa")
    return {
        "village_a1": AwardFactory(decision=decision, unit=world.village_a1),
        "hoa": AwardFactory(decision=decision, person=hoa),
        "commune_b": AwardFactory(decision=decision, unit=world.commune_b),
        "old_a": AwardFactory(
            unit=world.commune_a,
            award_form=award_form("giay_khen_xa"),
            deciding_office=DecidingOffice.COMMUNE_CHAIRMAN,
            decision_number="07/QĐ-UBND",
            decided_on=date(2022, 3, 8),
        ),
    }


def _names(queryset) -> set[str]:
    return {award.recipient_name for award in queryset}


# --- who sees what ----------------------------------------------------------------------


def test_home_affairs_of_the_district_sees_every_award(world, awards):
    assert _names(awards_visible(world.home_affairs)) == {
        "Thôn A1",
        "Nguyễn Thị Hoa",
        "Xã B",
        "Xã A",
    }


def test_a_commune_officer_sees_only_its_subtree(world, awards):
    assert _names(awards_visible(world.officer_a)) == {"Thôn A1", "Nguyễn Thị Hoa", "Xã A"}
    assert _names(awards_visible(world.officer_b)) == {"Xã B"}
    assert _names(awards_visible(world.village_officer_a1)) == {"Thôn A1", "Nguyễn Thị Hoa"}


def test_no_role_sees_nothing(world, awards):
    assert not awards_visible(world.nobody).exists()


def test_the_public_sees_nothing_of_the_register(client, awards):
    for url in (
        reverse("awards:register"),
        reverse("awards:register_export"),
        reverse("awards:award", args=[awards["hoa"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/dang-nhap/" in response["Location"]


def test_register_page_lists_what_the_officer_may_see(client, world, awards):
    client.force_login(world.officer_b)
    response = client.get(reverse("awards:register"))
    assert response.status_code == 200
    assert [a.recipient_name for a in response.context["page_obj"]] == ["Xã B"]


def test_award_page_is_404_outside_the_subtree(client, world, awards):
    client.force_login(world.officer_b)
    assert client.get(reverse("awards:award", args=[awards["hoa"].pk])).status_code == 404
    assert client.get(reverse("awards:award", args=[99999])).status_code == 404


def test_award_page_shows_the_award_and_its_history(client, world, awards):
    client.force_login(world.officer_a)
    response = client.get(reverse("awards:award", args=[awards["hoa"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Thị Hoa" in html and "125/QĐ-UBND" in html
    assert reverse("awards:certificate", args=[awards["hoa"].pk]) in html
    assert reverse("awards:revoke", args=[awards["hoa"].pk]) not in html  # not Home Affairs


def test_register_pages_refuse_other_methods(client, world, awards):
    client.force_login(world.home_affairs)
    assert client.post(reverse("awards:register")).status_code == 405
    assert client.post(reverse("awards:award", args=[awards["hoa"].pk])).status_code == 405


# --- filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"year": 2022}, {"Xã A"}),
        ({"year": 2025}, {"Thôn A1", "Nguyễn Thị Hoa", "Xã B"}),
        ({"recipient": "individual"}, {"Nguyễn Thị Hoa"}),
        ({"recipient": "collective"}, {"Thôn A1", "Xã B", "Xã A"}),
        ({"q": "nguyen thi hoa"}, {"Nguyễn Thị Hoa"}),
        ({"q": "Hoa"}, {"Nguyễn Thị Hoa"}),
        ({"q": "07/QĐ"}, {"Xã A"}),
        ({"q": "thon a1"}, {"Thôn A1", "Nguyễn Thị Hoa"}),  # her detail names the village
        ({"q": "125/qđ"}, {"Thôn A1", "Nguyễn Thị Hoa", "Xã B"}),
    ],
)
def test_filters(world, awards, filters, expected):
    assert _names(register_awards(world.home_affairs, RegisterFilters(**filters))) == expected


def test_filter_by_form_movement_and_commune(world, awards, movement):
    ha = world.home_affairs
    form = award_form("giay_khen_xa")
    assert _names(register_awards(ha, RegisterFilters(award_form=form.pk))) == {"Xã A"}
    assert _names(register_awards(ha, RegisterFilters(movement=movement.pk))) == {
        "Thôn A1",
        "Nguyễn Thị Hoa",
        "Xã B",
    }
    assert _names(register_awards(ha, RegisterFilters(commune=world.commune_a.pk))) == {
        "Thôn A1",
        "Nguyễn Thị Hoa",
        "Xã A",
    }


def test_filter_by_validity(world, awards):
    awards["commune_b"].revoked_on = date(2025, 9, 1)
    awards["commune_b"].save()
    ha = world.home_affairs
    assert _names(register_awards(ha, RegisterFilters(revoked="revoked"))) == {"Xã B"}
    assert "Xã B" not in _names(register_awards(ha, RegisterFilters(revoked="valid")))


def test_filters_through_the_page(client, world, awards):
    client.force_login(world.home_affairs)
    response = client.get(
        reverse("awards:register"), {"q": "hoa", "year": "2025", "recipient": "individual"}
    )
    assert [a.recipient_name for a in response.context["page_obj"]] == ["Nguyễn Thị Hoa"]
    # A commune outside the user's reach is not a valid choice: the filter is ignored.
    client.force_login(world.officer_b)
    response = client.get(reverse("awards:register"), {"commune": world.commune_a.pk})
    assert [a.recipient_name for a in response.context["page_obj"]] == ["Xã B"]


def test_pagination_by_50(client, world, decision):
    for number in range(51):
        AwardFactory(decision=decision, unit=world.village_a1, recipient_name=f"Thôn {number}")
    client.force_login(world.home_affairs)
    first = client.get(reverse("awards:register"))
    assert len(first.context["page_obj"]) == 50
    second = client.get(reverse("awards:register"), {"page": 2})
    assert len(second.context["page_obj"]) == 1


def _many(world, decision, count: int) -> None:
    people = [person(world.village_a1, f"Người {n}") for n in range(count)]
    for index in range(count):
        AwardFactory(decision=decision, unit=world.village_a2)
        AwardFactory(decision=decision, person=people[index])
        AwardFactory(
            unit=world.commune_b,
            decision_number=f"{index}/QĐ-UBND",
            decided_on=date(2021, 1, 1) + timedelta(days=index),
            revoked_on=date(2024, 1, 1),
        )


@pytest.mark.parametrize("count", [3, 30])
def test_register_page_query_count_is_fixed(
    client, world, decision, django_assert_max_num_queries, count
):
    _many(world, decision, count)
    client.force_login(world.home_affairs)
    # The page's own queries plus session, user, reach and base.html's context processors.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("awards:register"), {"recipient": ""})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_award_page_query_count_is_fixed(
    client, world, decision, django_assert_max_num_queries, count
):
    _many(world, decision, count)
    award = Award.objects.filter(person__isnull=False).first()
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("awards:award", args=[award.pk])).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_export_query_count_is_fixed(client, world, decision, django_assert_max_num_queries, count):
    _many(world, decision, count)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("awards:register_export"))
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 3 + 3 * count


def test_export_keeps_the_filters(client, world, awards):
    awards["hoa"].revoked_on = date(2025, 9, 1)
    awards["hoa"].revocation_reason = "Sai sự thật"
    awards["hoa"].save()
    client.force_login(world.officer_a)
    response = client.get(reverse("awards:register_export"), {"year": "2025"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert {row[1] for row in rows} == {"Thôn A1", "Nguyễn Thị Hoa"}
    hoa = next(row for row in rows if row[1] == "Nguyễn Thị Hoa")
    assert "01/09/2025" in hoa[10] and hoa[11] == "Sai sự thật"


# --- per unit and per person ------------------------------------------------------------


def test_awards_of_a_unit_and_a_person(world, awards, django_assert_num_queries):
    with django_assert_num_queries(1):
        history = awards_of_unit(world.commune_a)
        names = [(a.award_form.name, a.movement, a.decision) for a in history]
    assert names == [("Giấy khen của Chủ tịch Ủy ban nhân dân xã", None, None)]
    hoa = awards["hoa"].person
    with django_assert_num_queries(1):
        assert [a.pk for a in awards_of_person(hoa)] == [awards["hoa"].pk]


def test_histories_across_movements_newest_first_and_revoked_marked(world, decision):
    other = launched_movement(world, title="Phong trào khác")
    old = DecisionFactory(movement=other, created_by=world.chairman, signed_on=date(2024, 12, 1))
    first = AwardFactory(decision=old, unit=world.village_a1)
    second = AwardFactory(decision=decision, unit=world.village_a1, revoked_on=date(2025, 6, 1))
    assert [a.pk for a in awards_of_unit(world.village_a1)] == [second.pk, first.pk]
    assert awards_of_unit(world.village_a1)[0].is_revoked
    assert [a.pk for a in awards_of_unit(world.village_a1, include_revoked=False)] == [first.pk]


def test_a_merged_unit_keeps_its_predecessors_awards(world, decision, django_assert_num_queries):
    merged = UnitFactory(kind=UnitKind.COMMUNE, name="Xã AB", parent=world.district)
    UnitSuccession.objects.create(
        predecessor=world.commune_a, successor=merged, kind="merge", effective_date=date(2025, 7, 1)
    )
    UnitSuccession.objects.create(
        predecessor=world.commune_b, successor=merged, kind="merge", effective_date=date(2025, 7, 1)
    )
    a = AwardFactory(decision=decision, unit=world.commune_a)
    b = AwardFactory(decision=decision, unit=world.commune_b)
    own = AwardFactory(unit=merged, decided_on=date(2025, 12, 1))
    assert [x.pk for x in awards_of_unit(merged)] == [own.pk]
    with django_assert_num_queries(2):
        pks = {x.pk for x in awards_of_unit(merged, include_predecessors=True)}
    assert pks == {own.pk, a.pk, b.pk}


@pytest.mark.parametrize("count", [2, 20])
def test_bulk_histories_cost_one_query(world, decision, django_assert_num_queries, count):
    people = [person(world.village_a1, f"Người {n}") for n in range(count)]
    for someone in people:
        AwardFactory(decision=decision, person=someone)
        AwardFactory(decision=decision, unit=world.village_a2)
    with django_assert_num_queries(1):
        by_person = awards_by_person([p.pk for p in people])
    assert all(len(by_person[p.pk]) == 1 for p in people)
    with django_assert_num_queries(1):
        assert len(awards_by_unit([world.village_a2.pk])[world.village_a2.pk]) == count


def test_partial_template_lists_the_awards(world, awards):
    html = render_to_string(
        "awards/register/_awards_of.html",
        {"awards": awards_of_unit(world.commune_a), "record_url": "/ghi?unit=1"},
    )
    assert "07/QĐ-UBND" in html and "08/03/2022" in html
    assert 'href="/ghi?unit=1"' in html
    empty = render_to_string("awards/register/_awards_of.html", {"awards": []})
    assert "/ghi" not in empty


# --- revocation -------------------------------------------------------------------------


def _revoke(actor, award, **overrides):
    data = {
        "reason": "Kê khai thành tích không trung thực",
        "revocation_decision": "Quyết định số 301/QĐ-UBND ngày 02/10/2025",
        "revoked_on": date(2025, 10, 2),
        **overrides,
    }
    return award_revoke(actor=actor, award=award, **data)


def test_home_affairs_revokes_with_history(world, awards):
    award = _revoke(world.home_affairs, awards["hoa"])
    award.refresh_from_db()
    assert award.is_revoked and award.revoked_by == world.home_affairs
    assert award.revocation_decision.startswith("Quyết định số 301")
    record = award.history.first()
    assert record.history_user == world.home_affairs
    assert "Kê khai" in record.history_change_reason


def test_home_affairs_of_the_recipient_commune_may_revoke_a_paper_award(world, awards):
    commune_ha = UserFactory(username="noivu_xa")
    grant(commune_ha, Role.HOME_AFFAIRS, world.commune_a)
    _revoke(commune_ha, awards["old_a"], revoked_on=date(2024, 1, 10))
    with pytest.raises(PermissionDenied):
        _revoke(commune_ha, awards["commune_b"])


@pytest.mark.parametrize("username", ["canbo_a", "chutich", "hoidong", "khongquyen"])
def test_only_home_affairs_revokes(world, awards, username):
    with pytest.raises(PermissionDenied):
        _revoke(User.objects.get(username=username), awards["hoa"])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"revocation_decision": ""}, "revocation_decision"),
        ({"revoked_on": None}, "revoked_on"),
        ({"revoked_on": date(2025, 5, 19)}, "revoked_on"),  # before the decision
    ],
)
def test_revocation_rules(world, awards, overrides, field):
    with pytest.raises(ValidationError) as error:
        _revoke(world.home_affairs, awards["hoa"], **overrides)
    assert field in error.value.error_dict
    awards["hoa"].refresh_from_db()
    assert not awards["hoa"].is_revoked


def test_revocation_date_not_in_the_future(world, awards):
    with pytest.raises(ValidationError) as error:
        _revoke(
            world.home_affairs, awards["hoa"], revoked_on=timezone.localdate() + timedelta(days=1)
        )
    assert "revoked_on" in error.value.error_dict


def test_revocation_on_the_decision_day_and_only_once(world, awards):
    _revoke(world.home_affairs, awards["hoa"], revoked_on=date(2025, 5, 20))
    with pytest.raises(ApplicationError, match="20/05/2025"):
        _revoke(world.home_affairs, awards["hoa"])


def test_revoke_page_flow(client, world, awards):
    award = awards["hoa"]
    client.force_login(world.home_affairs)
    url = reverse("awards:revoke", args=[award.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "", "revocation_decision": "", "revoked_on": ""})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"reason", "revocation_decision"}
    response = client.post(
        url,
        {
            "reason": "Vi phạm phát hiện sau",
            "revocation_decision": "301/QĐ-UBND ngày 02/10/2025",
            "revoked_on": "02/10/2025",
        },
    )
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.revoked_on == date(2025, 10, 2)
    page = client.get(reverse("awards:award", args=[award.pk])).content.decode()
    assert "Vi phạm phát hiện sau" in page and 'data-testid="revocation"' in page
    listing = client.get(reverse("awards:register")).content.decode()
    assert "02/10/2025" in listing
    # Already revoked: the page sends back to the award.
    assert client.get(url).status_code == 302


def test_revoke_page_is_403_for_a_viewer_and_404_for_an_outsider(client, world, awards):
    url = reverse("awards:revoke", args=[awards["hoa"].pk])
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 403
    client.force_login(world.officer_b)
    assert client.get(url).status_code == 404


# --- recording an earlier award ---------------------------------------------------------


def test_record_computes_money_when_a_multiple_is_in_force(world):
    money_reference()
    tu = person(world.commune_a, "Hà Văn Tú", position="Công chức văn hóa")
    award = award_record(
        actor=world.home_affairs,
        award_form=award_form("lao_dong_tien_tien"),
        deciding_office=DecidingOffice.DISTRICT_CHAIRMAN,
        decision_number=" 45/QĐ-UBND ",
        decided_on=date(2024, 12, 15),
        person=tu,
    )
    assert (award.base_salary, award.multiple, award.amount) == (
        Decimal(2340000),
        Decimal("0.30"),
        Decimal(710000),
    )
    assert award.decision_number == "45/QĐ-UBND"
    assert award.recipient_detail == "Công chức văn hóa, Xã A"
    assert award.search_text.startswith("ha van tu")
    assert award.recorded_by == world.home_affairs
    assert award.history.first().history_user == world.home_affairs


def test_record_without_a_multiple_leaves_the_money_empty(world):
    money_reference()
    award = award_record(
        actor=world.home_affairs,
        award_form=award_form("giay_khen_huyen"),
        deciding_office=DecidingOffice.DISTRICT_CHAIRMAN,
        decision_number="12/QĐ-UBND",
        decided_on=date(2023, 4, 1),
        unit=world.village_b1,
    )
    assert award.amount is None and award.multiple is None
    assert award.recipient_detail == "Xã B"


def test_record_rules(world):
    kwargs = {
        "actor": world.home_affairs,
        "award_form": award_form("giay_khen_huyen"),
        "deciding_office": DecidingOffice.DISTRICT_CHAIRMAN,
        "decision_number": "12/QĐ-UBND",
        "decided_on": date(2023, 4, 1),
        "unit": world.village_b1,
    }
    award_record(**kwargs)
    with pytest.raises(ValidationError) as error:
        award_record(**kwargs)  # the same award twice
    assert "decision_number" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        award_record(**{**kwargs, "decided_on": timezone.localdate() + timedelta(days=2)})
    assert "decided_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        award_record(**{**kwargs, "person": person(world.village_b1)})
    assert "unit" in error.value.error_dict
    with pytest.raises(PermissionDenied):
        award_record(**{**kwargs, "actor": world.officer_b, "decision_number": "13/QĐ"})
    outside = UnitFactory(kind=UnitKind.VILLAGE, parent=world.province)
    with pytest.raises(PermissionDenied):
        award_record(**{**kwargs, "unit": outside, "decision_number": "14/QĐ"})


def test_record_page(client, world):
    money_reference()
    tu = person(world.commune_a, "Hà Văn Tú")
    client.force_login(world.home_affairs)
    url = reverse("awards:record")
    response = client.get(url, {"person": tu.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["recipient_kind"] == "individual"
    response = client.post(
        url,
        {
            "award_form": award_form("lao_dong_tien_tien").pk,
            "recipient_kind": "individual",
            "person": tu.pk,
            "deciding_office": DecidingOffice.DISTRICT_CHAIRMAN,
            "decision_number": "45/QĐ-UBND",
            "decided_on": "15/12/2024",
        },
    )
    award = Award.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:award", args=[award.pk])
    assert award.amount == Decimal(710000)


def test_record_page_requires_the_chosen_recipient(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("awards:record"),
        {
            "award_form": award_form().pk,
            "recipient_kind": "collective",
            "deciding_office": DecidingOffice.DISTRICT_CHAIRMAN,
            "decision_number": "45/QĐ-UBND",
            "decided_on": "15/12/2024",
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Award.objects.exists()


def test_record_page_is_403_without_home_affairs(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("awards:record")).status_code == 403


def test_may_record_and_revoke_helpers(world, awards):
    assert register.may_record(world.home_affairs)
    assert not register.may_record(world.chairman)
    assert register.may_revoke(world.home_affairs, awards["commune_b"])
