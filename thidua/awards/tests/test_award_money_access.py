"""Who sees an award's money (``awards.view_award_money``): the recipient's own unit and the
units above it, the deciding unit's chairman, Home Affairs and Finance; never a sibling
unit. Checked on the decision page and list, the register, the budget and the files."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.awards.models import Award
from thidua.awards.rules import money_scope
from thidua.awards.selectors.budget import budget_overview, movement_budget
from thidua.awards.services.decisions import decision_sign
from thidua.awards.tests.test_decisions import (  # noqa: F401 (fixtures)
    _no_libreoffice,
    _vietnamese,
    draft,
    movement_fixture,
    passed,
    person,
    reference_fixture,
)
from thidua.testing import UnitFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

A_PERSON, B_PERSON, A1_VILLAGE = "710.000", "2.340.000", "1.880.000"


@pytest.fixture
def decision(world, movement):
    nominations = [
        passed(
            world, movement, code="lao_dong_tien_tien", who=person(world.commune_a, "Giàng A Páo")
        ),
        passed(
            world,
            movement,
            code="chien_si_thi_dua_co_so",
            who=person(world.commune_b, "Sùng Thị Dở"),
        ),
        passed(world, movement, code="tap_the_lao_dong_tien_tien", unit=world.village_a1),
    ]
    return decision_sign(actor=world.chairman, decision=draft(world, movement, nominations))


@pytest.fixture
def finance(world):
    user = UserFactory(username="taichinh", unit=world.district)
    grant(user, Role.FINANCE, world.district)
    return user


def _page(client, user, decision):
    client.force_login(user)
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("officer_a", [A_PERSON, A1_VILLAGE, "2.590.000"], [B_PERSON, "4.930.000"]),
        ("viewer_a", [A_PERSON, A1_VILLAGE], [B_PERSON]),
        ("village_officer_a1", [A1_VILLAGE], [A_PERSON, B_PERSON]),
        ("officer_b", [B_PERSON], [A_PERSON, A1_VILLAGE, "4.930.000"]),
        ("chairman", [A_PERSON, B_PERSON, A1_VILLAGE, "4.930.000"], []),
        ("home_affairs", [A_PERSON, B_PERSON, A1_VILLAGE, "4.930.000"], []),
    ],
)
def test_a_commune_sees_only_its_own_awards_money_in_a_district_decision(
    client, world, decision, who, shown, hidden
):
    html = _page(client, getattr(world, who), decision)
    for amount in shown:
        assert amount in html, (who, amount)
    for amount in hidden:
        assert amount not in html, (who, amount)


def test_finance_sees_all_the_money_and_the_files(client, world, decision, finance):
    html = _page(client, finance, decision)
    for amount in (A_PERSON, B_PERSON, A1_VILLAGE, "4.930.000"):
        assert amount in html
    assert (
        client.get(reverse("awards:decision_file", args=[decision.pk, "docx"])).status_code == 200
    )


def test_a_commune_cannot_download_the_document_listing_every_award(client, world, decision):
    html = _page(client, world.officer_a, decision)
    assert reverse("awards:decision_file", args=[decision.pk, "docx"]) not in html
    assert (
        client.get(reverse("awards:decision_file", args=[decision.pk, "docx"])).status_code == 404
    )
    assert client.get(reverse("awards:decision_file", args=[decision.pk, "pdf"])).status_code == 404


def test_the_decision_list_counts_only_the_money_one_may_see(client, world, movement, decision):
    client.force_login(world.officer_b)
    html = client.get(reverse("awards:decision_list", args=[movement.pk])).content.decode()
    assert B_PERSON in html and "4.930.000" not in html
    client.force_login(world.home_affairs)
    html = client.get(reverse("awards:decision_list", args=[movement.pk])).content.decode()
    assert "4.930.000" in html


def test_the_rule_and_the_register(client, world, decision, finance):
    awards = {a.recipient_name: a for a in Award.objects.select_related("decision", "person")}
    sibling = awards["Sùng Thị Dở"]
    assert world.officer_b.has_perm("awards.view_award_money", sibling)
    assert finance.has_perm("awards.view_award_money", sibling)
    assert not world.officer_a.has_perm("awards.view_award_money", sibling)
    assert not world.village_officer_a1.has_perm("awards.view_award_money", awards["Giàng A Páo"])
    assert money_scope(world.officer_a).sees_award(awards["Thôn A1"])
    # The award page of one's own award shows its money; the register too.
    client.force_login(world.officer_a)
    html = client.get(reverse("awards:award", args=[awards["Giàng A Páo"].pk])).content.decode()
    assert A_PERSON in html
    html = client.get(reverse("awards:register")).content.decode()
    assert A_PERSON in html and B_PERSON not in html


def test_the_budget_of_a_commune_user_leaves_out_sibling_communes(
    world, movement, decision, finance
):
    assert movement_budget(world.officer_a, movement).total == Decimal(2_590_000)
    assert movement_budget(world.officer_b, movement).total == Decimal(2_340_000)
    assert movement_budget(finance, movement).total == Decimal(4_930_000)
    (row,) = budget_overview(world.village_officer_a1)
    assert row["total"] == Decimal(1_880_000)


@pytest.mark.parametrize("size", [1, 6])
def test_decision_page_query_count_does_not_grow_with_its_awards(
    client, world, movement, django_assert_max_num_queries, size
):
    villages = [UnitFactory(kind="village", parent=world.commune_a) for _ in range(size)]
    people = [person(world.commune_b, f"Người số {n}") for n in range(size)]
    nominations = [
        passed(world, movement, code="tap_the_lao_dong_tien_tien", unit=v) for v in villages
    ] + [passed(world, movement, code="lao_dong_tien_tien", who=p) for p in people]
    signed = decision_sign(actor=world.chairman, decision=draft(world, movement, nominations))
    client.force_login(world.officer_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("awards:decision_detail", args=[signed.pk]))
    assert response.status_code == 200
    assert "710.000" not in response.content.decode()  # commune B's people
