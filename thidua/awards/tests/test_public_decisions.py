"""The public list of signed award decisions: no login, only signed decisions (never drafts
or proposals), the recipients and forms with their validity, no money; fixed query cost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.awards.models import Award, DecisionKind
from thidua.awards.services.decisions import decision_sign
from thidua.awards.tests.test_decisions import (  # noqa: F401 (fixtures)
    draft,
    movement_fixture,
    passed,
    person,
    reference_fixture,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch):
    monkeypatch.setattr("thidua.core.pdf.docx_to_pdf", lambda data, **kw: b"%PDF-1.4\n%%EOF")


def signed(world, movement, units):
    nominations = [passed(world, movement, code="giay_khen_huyen", unit=u) for u in units]
    return decision_sign(actor=world.chairman, decision=draft(world, movement, nominations))


def test_signed_decisions_are_public_drafts_and_proposals_are_not(client, world, movement):
    decision = signed(world, movement, [world.commune_a])
    unsigned = draft(
        world, movement, [passed(world, movement, code="giay_khen_huyen", unit=world.commune_b)]
    )
    proposal = draft(
        world,
        movement,
        [passed(world, movement, code="bang_khen_tinh", unit=world.village_a1)],
        kind=DecisionKind.PROPOSAL,
    )
    index = client.get(reverse("verify:decisions"))
    assert index.status_code == 200
    assert list(index.context["page_obj"]) == [decision]
    page = client.get(reverse("verify:decision", args=[decision.pk]))
    assert page.status_code == 200
    assert "Xã A" in page.content.decode()
    assert "710.000" not in page.content.decode()  # no money on the public page
    for hidden in (unsigned, proposal):
        assert client.get(reverse("verify:decision", args=[hidden.pk])).status_code == 404


def test_a_revoked_award_shows_as_revoked(client, world, movement):
    decision = signed(world, movement, [world.commune_a])
    Award.objects.filter(decision=decision).update(
        revoked_on=decision.signed_on, revocation_reason="Khai không đúng"
    )
    page = client.get(reverse("verify:decision", args=[decision.pk])).content.decode()
    assert "THU HỒI" in page and "HỢP LỆ" not in page
    assert "Khai không đúng" not in page


def test_anonymous_pages_never_carry_the_reason_only_the_revoking_decision(client, world, movement):
    decision = signed(world, movement, [world.commune_a, world.commune_b])
    reason = "Bị kỷ luật cảnh cáo do vi phạm quy chế"
    Award.objects.filter(decision=decision).update(
        revoked_on=decision.signed_on,
        revocation_reason=reason,
        revocation_decision="Quyết định số 301/QĐ-UBND ngày 02/10/2025",
    )
    award = Award.objects.filter(decision=decision).first()
    pages = [
        client.get(reverse("verify:decisions")),
        client.get(reverse("verify:decision", args=[decision.pk])),
        client.get(reverse("verify:award", kwargs={"token": award.token})),
    ]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert reason not in html
        assert "Bị kỷ luật" not in html
    assert "301/QĐ-UBND" in pages[1].content.decode()
    assert "301/QĐ-UBND" in pages[2].content.decode()


def test_the_public_list_does_not_link_the_verification_pages(client, world, movement):
    decision = signed(world, movement, [world.commune_a, world.commune_b])
    html = client.get(reverse("verify:decision", args=[decision.pk])).content.decode()
    for award in Award.objects.filter(decision=decision):
        assert str(award.token) not in html
        assert award.token.hex[:12].upper() not in html


def test_search_by_number(client, world, movement):
    decision = signed(world, movement, [world.commune_a])
    found = client.get(reverse("verify:decisions"), {"q": decision.number_label})
    assert list(found.context["page_obj"]) == [decision]
    none = client.get(reverse("verify:decisions"), {"q": "999/QĐ"})
    assert list(none.context["page_obj"]) == []


@pytest.mark.parametrize("size", [1, 6])
def test_decision_page_costs_a_fixed_number_of_queries(
    client, world, movement, django_assert_max_num_queries, size
):
    from thidua.testing import UnitFactory

    units = [UnitFactory(kind="village", parent=world.commune_a) for _ in range(size)]
    decision = signed(world, movement, units)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("verify:decision", args=[decision.pk])).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("verify:decisions")).status_code == 200
