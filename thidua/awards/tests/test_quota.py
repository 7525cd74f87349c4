"""Quotas of proposals to the province: what remains is shown, a proposal above the quota or
without one is refused, and two proposals signed at once cannot both take the last place."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from thidua.awards.models import Decision, DecisionKind, DecisionStatus, DocumentCounter, Quota
from thidua.awards.services.decisions import decision_sign
from thidua.awards.services.quotas import quota_reserve, quota_set
from thidua.awards.tests.test_decisions import (  # noqa: F401 - fixtures
    _no_libreoffice,
    _vietnamese,
    draft,
    form,
    movement_fixture,
    passed,
    reference_fixture,
)
from thidua.core.errors import ApplicationError
from thidua.nominations.models import Nomination, NominationStatus

pytestmark = pytest.mark.django_db


def allocate(world, movement, allocated: int, code: str = "bang_khen_tinh") -> Quota:
    return quota_set(
        actor=world.home_affairs,
        movement=movement,
        unit=world.district,
        award_form=form(code),
        allocated=allocated,
        document_reference="Công văn số 123/UBND-NC ngày 05/09/2025 của UBND tỉnh",
    )


def proposal(world, movement, *units):
    nominations = [passed(world, movement, code="bang_khen_tinh", unit=unit) for unit in units]
    return draft(world, movement, nominations, kind=DecisionKind.PROPOSAL)


def test_signing_a_proposal_takes_places_and_moves_the_nominations(world, movement):
    quota = allocate(world, movement, 3)
    signed = decision_sign(
        actor=world.chairman,
        decision=proposal(world, movement, world.commune_a, world.village_a1),
    )
    assert signed.number_label == "01/TTr-UBND"
    assert signed.deciding_office == "province_chairman"
    quota.refresh_from_db()
    assert (quota.allocated, quota.used, quota.remaining) == (3, 2, 1)
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.PROPOSED}
    assert not signed.awards.exists()  # the province decides; nothing is awarded yet
    # The history names who took the places.
    latest = quota.history.latest("history_id")
    assert latest.used == 2 and latest.history_user == world.chairman


def test_above_the_quota_is_refused_and_nothing_is_used(world, movement):
    quota = allocate(world, movement, 1)
    upward = proposal(world, movement, world.commune_a, world.commune_b)
    with pytest.raises(ApplicationError) as caught:
        decision_sign(actor=world.chairman, decision=upward)
    assert caught.value.message == (
        "Vượt chỉ tiêu: tỉnh phân bổ 1 Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, "
        "đã đề nghị 0, còn 1; tờ trình này đề nghị 2."
    )
    quota.refresh_from_db()
    assert quota.used == 0
    upward.refresh_from_db()
    assert upward.status == DecisionStatus.DRAFT and not upward.number_label
    assert not DocumentCounter.objects.exists()  # the number was not taken either
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.PASSED}


def test_the_last_place_goes_once(world, movement):
    allocate(world, movement, 3)
    decision_sign(
        actor=world.chairman,
        decision=proposal(world, movement, world.commune_a, world.commune_b, world.village_a1),
    )
    with pytest.raises(ApplicationError, match="tỉnh phân bổ 3 .*, đã đề nghị 3, còn 0"):
        decision_sign(actor=world.chairman, decision=proposal(world, movement, world.village_b1))


def test_no_quota_is_refused(client, world, movement):
    upward = proposal(world, movement, world.commune_a)
    client.force_login(world.chairman)
    page = client.get(reverse("awards:decision_sign", args=[upward.pk])).content.decode()
    assert "Tỉnh chưa phân bổ chỉ tiêu Bằng khen" in page
    with pytest.raises(ApplicationError) as caught:
        decision_sign(actor=world.chairman, decision=upward)
    assert caught.value.message.startswith(
        "Tỉnh chưa phân bổ chỉ tiêu Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho Huyện Mẫu"
    )


def test_quota_of_another_form_does_not_count(world, movement):
    allocate(world, movement, 5, code="tap_the_lao_dong_xuat_sac")
    with pytest.raises(ApplicationError, match="Tỉnh chưa phân bổ chỉ tiêu Bằng khen"):
        decision_sign(actor=world.chairman, decision=proposal(world, movement, world.commune_a))


def test_the_conditional_update_ignores_what_the_caller_holds(world, movement):
    quota = allocate(world, movement, 2)
    stale = Quota.objects.get(pk=quota.pk)  # read while 0 places are used
    quota_reserve(quota=quota, count=2, actor=world.chairman)
    assert stale.used == 0 and stale.remaining == 2
    with pytest.raises(ApplicationError, match="đã đề nghị 2, còn 0; tờ trình này đề nghị 1"):
        quota_reserve(quota=stale, count=1, actor=world.chairman)
    assert stale.used == 2  # refreshed from the database with the refusal
    assert Quota.objects.get(pk=quota.pk).used == 2
    quota_reserve(quota=stale, count=0)  # nothing asked, nothing checked


def test_the_allocation_cannot_drop_below_what_is_used(world, movement):
    quota = allocate(world, movement, 3)
    quota_reserve(quota=quota, count=2)
    with pytest.raises(ApplicationError, match="đã dùng 2 chỉ tiêu"):
        allocate(world, movement, 1)
    assert allocate(world, movement, 2).allocated == 2


def test_only_home_affairs_over_the_unit_records_quotas(world, movement):
    with pytest.raises(ApplicationError):
        quota_set(
            actor=world.officer_a,
            movement=movement,
            unit=world.district,
            award_form=form("bang_khen_tinh"),
            allocated=3,
        )


def test_quota_page_shows_what_remains(client, world, movement):
    quota = allocate(world, movement, 3)
    quota_reserve(quota=quota, count=1)
    url = reverse("awards:quota_list", args=[movement.pk])
    client.force_login(world.home_affairs)
    page = client.get(url).content.decode()
    assert 'data-testid="allocated">3<' in page
    assert 'data-testid="used">1<' in page
    assert 'data-testid="remaining">2<' in page
    assert "Công văn số 123/UBND-NC" in page
    response = client.post(
        url,
        {
            "unit": world.district.pk,
            "award_form": form("tap_the_lao_dong_xuat_sac").pk,
            "allocated": "2",
            "document_reference": "",
        },
    )
    assert response.status_code == 302
    assert Quota.objects.filter(award_form__code="tap_the_lao_dong_xuat_sac").get().allocated == 2
    edit = reverse("awards:quota_edit", args=[quota.pk])
    refused = client.post(edit, {"allocated": "0", "document_reference": ""})
    assert "đã dùng 1 chỉ tiêu" in refused.content.decode()
    # The chairman reads it; a commune officer does not see it at all.
    client.force_login(world.chairman)
    page = client.get(url)
    assert page.status_code == 200 and "Ghi chỉ tiêu phân bổ" not in page.content.decode()
    assert client.get(edit).status_code == 404
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 404


def test_proposal_page_shows_the_quota_it_would_use(client, world, movement):
    allocate(world, movement, 1)
    upward = proposal(world, movement, world.commune_a, world.commune_b)
    client.force_login(world.chairman)
    page = client.get(reverse("awards:decision_detail", args=[upward.pk])).content.decode()
    assert "phân bổ 1, đã đề nghị 2, còn -1" in page and "vượt chỉ tiêu" in page
    warning = client.get(reverse("awards:decision_sign", args=[upward.pk])).content.decode()
    assert "Văn bản chưa ký được vì:" in warning
    assert "Vượt chỉ tiêu: tỉnh phân bổ 1 Bằng khen" in warning and "đề nghị 2." in warning
    response = client.post(reverse("awards:decision_sign", args=[upward.pk]), follow=True)
    assert "Vượt chỉ tiêu: tỉnh phân bổ 1" in response.content.decode()
    assert Decision.objects.get(pk=upward.pk).status == DecisionStatus.DRAFT


# --- two signatures at the same moment (PostgreSQL) ------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_proposals_signed_at_once_cannot_both_take_the_last_place(world, movement):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite runs one writing transaction at a time (IMMEDIATE mode), so the two "
            "signatures cannot overlap there; the race needs PostgreSQL's row locks."
        )
    quota = allocate(world, movement, 3)
    quota_reserve(quota=quota, count=2)  # one place left
    first = proposal(world, movement, world.commune_a)
    second = proposal(world, movement, world.commune_b)
    barrier = threading.Barrier(2)
    results: dict[int, object] = {}

    def sign(decision: Decision) -> None:
        try:
            barrier.wait(timeout=10)
            results[decision.pk] = decision_sign(actor=world.chairman, decision=decision)
        except ApplicationError as error:
            results[decision.pk] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(d,)) for d in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    signed = [r for r in results.values() if isinstance(r, Decision)]
    refused = [r for r in results.values() if isinstance(r, ApplicationError)]
    assert len(signed) == 1 and len(refused) == 1, results
    assert "Vượt chỉ tiêu" in refused[0].message and "còn 0" in refused[0].message
    quota.refresh_from_db()
    assert quota.used == quota.allocated == 3
    assert Decision.objects.filter(status=DecisionStatus.SIGNED).count() == 1
    assert signed[0].number_label == "01/TTr-UBND"
