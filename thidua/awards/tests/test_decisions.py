"""Decisions and proposals: authority on the decision's date, signing with a number, the awards
and their money, the nominations moved; the pages and who may use them."""

from __future__ import annotations

import sys
import types
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from thidua.accounts.models import Role
from thidua.award_catalogue.models import Authority, AwardForm
from thidua.award_catalogue.selectors import award_amount
from thidua.award_catalogue.services import load_award_reference
from thidua.awards.models import (
    Award,
    Decision,
    DecisionKind,
    DecisionStatus,
    DocumentCounter,
    SignerCapacity,
)
from thidua.awards.rules import MoneyScope
from thidua.awards.selectors import budget, candidates
from thidua.awards.selectors import decisions as decision_selectors
from thidua.awards.services import decisions
from thidua.awards.services.decisions import (
    DraftData,
    decision_create,
    decision_sign,
    decision_update,
)
from thidua.core.errors import ApplicationError
from thidua.criteria.models import Person, PersonKind
from thidua.nominations.models import Nomination, NominationEvent, NominationStatus
from thidua.testing import UserFactory, grant, launched_movement

pytestmark = pytest.mark.django_db

JUNE = date(2025, 6, 15)
AUGUST = date(2025, 8, 15)
FAKE_PDF = b"%PDF-1.4\n% fake for tests\n"


# --- shared helpers (imported by the other decision test modules) ----------------------


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch):
    """Signing converts to PDF with LibreOffice; one test in test_decision_documents does it
    for real, the others use this stand-in (a conversion takes seconds)."""
    monkeypatch.setattr("thidua.core.pdf.docx_to_pdf", lambda data, **kw: FAKE_PDF)


@pytest.fixture(name="reference")
def reference_fixture(db):
    load_award_reference()


@pytest.fixture(name="movement")
def movement_fixture(world, reference):
    return launched_movement(world, end_date=date(2025, 12, 31))


def form(code: str) -> AwardForm:
    return AwardForm.objects.get(code=code)


def person(unit, name: str, position: str = "Cán bộ", kind: str = PersonKind.CADRE) -> Person:
    return Person.objects.create(unit=unit, full_name=name, position=position, kind=kind)


def passed(world, movement, *, code: str, unit=None, who: Person | None = None) -> Nomination:
    """A nomination the council passed (the nominations app's own workflow is tested there)."""
    return Nomination.objects.create(
        movement=movement,
        proposing_unit=unit.parent if unit is not None and unit.parent else (unit or who.unit),
        candidate_unit=unit,
        candidate_person=who,
        award_form=form(code),
        status=NominationStatus.PASSED,
        created_by=world.home_affairs,
        candidate_name=unit.name if unit is not None else who.full_name,
    )


def data(day: date, **fields) -> DraftData:
    values = {
        "signed_on": day,
        "summary": "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc",
        "signer_name": "Nguyễn Văn Chủ",
        "signer_title": "Chủ tịch",
        "signer_capacity": SignerCapacity.ON_BEHALF,
        "distribution_list": "- Như Điều 3;\n- Lưu: VT, NV.",
    }
    values.update(fields)
    return DraftData(**values)


def draft(world, movement, nominations, *, day=JUNE, kind=DecisionKind.DECISION, unit=None):
    return decision_create(
        actor=world.home_affairs,
        movement=movement,
        issuing_unit=unit or world.district,
        kind=kind,
        data=data(day, summary=decisions.default_summary(movement, kind)),
        nomination_ids=[n.pk for n in nominations],
    )


def commune_staff(world):
    """After 1/7/2025 a commune decides: its own Home Affairs officer and chairman."""
    officer = UserFactory(username="vhxh_a", unit=world.commune_a)
    grant(officer, Role.HOME_AFFAIRS, world.commune_a)
    chairman = UserFactory(username="chutich_a", unit=world.commune_a)
    grant(chairman, Role.CHAIRMAN, world.commune_a)
    return officer, chairman


# --- authority on the decision's date --------------------------------------------------


def test_district_awards_its_giay_khen_to_a_commune_before_july_2025(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    decision = draft(world, movement, [nomination], day=JUNE)
    assert decision.deciding_office == "district_chairman"
    assert list(decision.items.values_list("nomination", flat=True)) == [nomination.pk]
    signed = decision_sign(actor=world.chairman, decision=decision, today=date(2026, 1, 5))
    assert signed.status == DecisionStatus.SIGNED
    assert signed.number_label == "01/QĐ-UBND"


def test_district_is_refused_after_its_authority_ended(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    with pytest.raises(ValidationError) as caught:
        draft(world, movement, [nomination], day=AUGUST)
    (message,) = caught.value.message_dict["nominations"]
    assert message.startswith("Ngày 15/08/2025 Chủ tịch UBND huyện không còn thẩm quyền tặng")
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân huyện" in message
    assert "Xã A" in message
    # Built from the Authority rows: the last day in force was 30/06/2025.
    assert "(thẩm quyền huyện chấm dứt từ 01/07/2025)" in message
    assert not Decision.objects.exists()


def test_the_refusal_follows_the_data_not_a_constant(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    Authority.objects.filter(
        deciding_office="district_chairman", valid_to=date(2025, 6, 30)
    ).update(valid_to=date(2025, 3, 31))
    with pytest.raises(ValidationError) as caught:
        draft(world, movement, [nomination], day=JUNE)
    (message,) = caught.value.message_dict["nominations"]
    assert "Ngày 15/06/2025" in message and "chấm dứt từ 01/04/2025" in message


def test_commune_chairman_decides_after_july_2025(world, movement):
    officer, chairman = commune_staff(world)
    village = passed(world, movement, code="giay_khen_xa", unit=world.village_a1)
    worker = passed(
        world,
        movement,
        code="lao_dong_tien_tien",
        who=person(world.commune_a, "Lò Thị Mai", "Công chức Văn hóa - Xã hội"),
    )
    decision = decision_create(
        actor=officer,
        movement=movement,
        issuing_unit=world.commune_a,
        kind=DecisionKind.DECISION,
        data=data(AUGUST),
        nomination_ids=[village.pk, worker.pk],
    )
    assert decision.deciding_office == "commune_chairman"
    # The district's chairman does not sign for the commune's People's Committee.
    with pytest.raises(ApplicationError, match="Chỉ Chủ tịch Xã A"):
        decision_sign(actor=world.chairman, decision=decision)
    signed = decision_sign(actor=chairman, decision=decision)
    assert signed.number_label == "01/QĐ-UBND"
    # Lao động tiên tiến: 0,3 × 2.340.000 = 702.000 on 15/08/2025, rounded up to 710.000
    # (Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2).
    assert Award.objects.get(person=worker.candidate_person).amount == Decimal(710_000)


def test_commune_chairman_could_not_award_a_giay_khen_xa_to_an_agency_before_july(world, movement):
    officer, _chairman = commune_staff(world)
    agency = world.home_affairs_office  # an agency: outside the commune anyway
    nomination = passed(world, movement, code="giay_khen_xa", unit=agency)
    with pytest.raises(ValidationError) as caught:
        decision_create(
            actor=officer,
            movement=movement,
            issuing_unit=world.commune_a,
            kind=DecisionKind.DECISION,
            data=data(JUNE),
            nomination_ids=[nomination.pk],
        )
    assert "Phòng Nội vụ không thuộc Xã A" in caught.value.message_dict["nominations"][0]


def test_signing_checks_authority_again(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    decision = draft(world, movement, [nomination], day=JUNE)
    Authority.objects.filter(
        deciding_office="district_chairman", award_form__code="giay_khen_huyen"
    ).update(valid_to=date(2025, 5, 31))
    with pytest.raises(ApplicationError, match="chấm dứt từ 01/06/2025"):
        decision_sign(actor=world.chairman, decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and decision.number is None
    assert not DocumentCounter.objects.exists()
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.PASSED


def test_changing_the_date_of_a_draft_rechecks_authority(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    decision = draft(world, movement, [nomination], day=JUNE)
    with pytest.raises(ValidationError, match="không còn thẩm quyền"):
        decision_update(
            actor=world.home_affairs,
            decision=decision,
            data=data(AUGUST),
            nomination_ids=[nomination.pk],
        )


def test_draft_candidates_mark_authority_on_the_date(world, movement):
    inside = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    upward = passed(world, movement, code="bang_khen_tinh", unit=world.commune_b)
    june = candidates.draft_candidates(
        movement=movement, issuing_unit=world.district, kind=DecisionKind.DECISION, day=JUNE
    )
    marks = {c.nomination.pk: c.within for c in june}
    assert marks == {inside.pk: True, upward.pk: False}
    august = candidates.draft_candidates(
        movement=movement, issuing_unit=world.district, kind=DecisionKind.DECISION, day=AUGUST
    )
    assert not any(c.within for c in august)
    proposals = candidates.draft_candidates(
        movement=movement, issuing_unit=world.district, kind=DecisionKind.PROPOSAL, day=JUNE
    )
    # The district awards its Giấy khen itself: only the Bằng khen goes to the province.
    assert [c.nomination.pk for c in proposals] == [upward.pk]
    assert proposals[0].within


def test_a_proposal_refuses_what_the_district_awards_itself(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    with pytest.raises(ValidationError) as caught:
        draft(world, movement, [nomination], kind=DecisionKind.PROPOSAL)
    assert "tự tặng được" in caught.value.message_dict["nominations"][0]


def test_a_nomination_sits_in_one_draft_only(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    draft(world, movement, [nomination])
    with pytest.raises(ValidationError, match="đã có trong một dự thảo khác"):
        draft(world, movement, [nomination])


def test_only_passed_nominations(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.AT_COUNCIL)
    with pytest.raises(ValidationError, match="chưa được Hội đồng thông qua"):
        draft(world, movement, [nomination])


def test_home_affairs_drafts_and_the_chairman_signs(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    with pytest.raises(ApplicationError):
        decision_create(
            actor=world.officer_a,
            movement=movement,
            issuing_unit=world.district,
            kind=DecisionKind.DECISION,
            data=data(JUNE),
            nomination_ids=[nomination.pk],
        )
    decision = draft(world, movement, [nomination])
    with pytest.raises(ApplicationError):
        decision_sign(actor=world.home_affairs, decision=decision)
    signed = decision_sign(actor=world.chairman, decision=decision)
    with pytest.raises(ApplicationError, match="đã ký"):
        decision_sign(actor=world.chairman, decision=signed)


def test_a_decision_dated_after_today_is_not_signed(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    decision = draft(world, movement, [nomination], day=JUNE)
    with pytest.raises(ApplicationError, match="sau ngày hôm nay"):
        decision_sign(actor=world.chairman, decision=decision, today=JUNE - timedelta(days=1))


def test_a_deputy_signs_for_the_chairman(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    with pytest.raises(ValidationError, match="Phó Chủ tịch"):
        decision_create(
            actor=world.home_affairs,
            movement=movement,
            issuing_unit=world.district,
            kind=DecisionKind.DECISION,
            data=data(JUNE, signer_capacity=SignerCapacity.DEPUTY),
            nomination_ids=[nomination.pk],
        )


# --- numbering ------------------------------------------------------------------------


def test_numbers_are_sequential_per_unit_year_and_series(world, movement):
    first = draft(
        world, movement, [passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)]
    )
    second = draft(
        world, movement, [passed(world, movement, code="giay_khen_huyen", unit=world.commune_b)]
    )
    upward = draft(
        world,
        movement,
        [passed(world, movement, code="bang_khen_tinh", unit=world.village_a1)],
        kind=DecisionKind.PROPOSAL,
    )
    from thidua.awards.services.quotas import quota_set

    quota_set(
        actor=world.home_affairs,
        movement=movement,
        unit=world.district,
        award_form=form("bang_khen_tinh"),
        allocated=3,
    )
    labels = [
        decision_sign(actor=world.chairman, decision=d).number_label
        for d in (first, upward, second)
    ]
    assert labels == ["01/QĐ-UBND", "01/TTr-UBND", "02/QĐ-UBND"]
    earlier = Decision.objects.filter(pk__in=[first.pk, second.pk]).values_list("number", flat=True)
    assert sorted(earlier) == [1, 2]
    # Each year starts again at 1.
    assert decisions.next_number(unit=world.district, year=2026, series="QĐ") == 1
    assert decisions.next_number(unit=world.district, year=2025, series="QĐ") == 3


# --- awards and money -----------------------------------------------------------------


def test_signing_records_awards_with_the_money_in_force_and_moves_nominations(world, movement):
    cadre = person(world.commune_a, "Giàng A Páo", "Chủ tịch Hội Nông dân xã")
    nominations = [
        passed(world, movement, code="lao_dong_tien_tien", who=cadre),
        passed(
            world,
            movement,
            code="chien_si_thi_dua_co_so",
            who=person(world.commune_b, "Sùng Thị Dở", "Công chức Tư pháp"),
        ),
        passed(world, movement, code="tap_the_lao_dong_tien_tien", unit=world.village_a1),
        passed(world, movement, code="giay_khen_huyen", unit=world.commune_b),
    ]
    decision = draft(world, movement, nominations, day=JUNE)
    view = decision_selectors.decision_view(decision, money=MoneyScope.whole_of(decision))
    # The draft shows the money: base 2.340.000 × multiple, rounded up to 10.000 đ (702.000 →
    # 710.000; 1.872.000 → 1.880.000); the district's Giấy khen has no multiple.
    amounts = {line.nomination.pk: line.amount for line in view.lines}
    assert amounts == {
        nominations[0].pk: Decimal(710_000),
        nominations[1].pk: Decimal(2_340_000),
        nominations[2].pk: Decimal(1_880_000),
        nominations[3].pk: None,
    }
    assert view.total == Decimal(4_930_000) and view.missing_money == 1
    # Collectives first in the annex.
    assert [line.row.recipient for line in view.lines][:2] == ["collective", "collective"]

    signed = decision_sign(actor=world.chairman, decision=decision)
    awards = {a.nomination_id: a for a in Award.objects.filter(decision=signed)}
    assert len(awards) == 4
    lao_dong = awards[nominations[0].pk]
    assert lao_dong.person == cadre and lao_dong.unit is None
    assert lao_dong.recipient_name == "Giàng A Páo"
    assert lao_dong.recipient_detail == "Chủ tịch Hội Nông dân xã, Xã A"
    assert lao_dong.base_salary == Decimal(2_340_000)
    assert lao_dong.multiple == Decimal("0.30")
    assert lao_dong.amount == Decimal(710_000)
    assert lao_dong.amount == award_amount("lao_dong_tien_tien", JUNE, recipient="individual")
    assert lao_dong.decision_number == "01/QĐ-UBND" and lao_dong.decided_on == JUNE
    assert lao_dong.deciding_office == "district_chairman"
    assert lao_dong.movement == movement and lao_dong.recorded_by == world.chairman
    assert "giang a pao" in lao_dong.search_text  # found in the register without accents
    village = awards[nominations[2].pk]
    assert village.unit == world.village_a1 and village.recipient_detail == "Xã A"
    assert village.amount == Decimal(1_880_000)
    giay_khen = awards[nominations[3].pk]
    assert giay_khen.amount is None and giay_khen.multiple is None
    assert giay_khen.base_salary == Decimal(2_340_000)
    for nomination in nominations:
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.DECIDED
        event = NominationEvent.objects.filter(nomination=nomination).latest("pk")
        assert event.to_status == NominationStatus.DECIDED and "01/QĐ-UBND" in event.note
    assert signed.docx and signed.pdf
    assert signed.pdf.read() == FAKE_PDF


def test_money_follows_the_base_salary_of_the_date(world, movement):
    officer, chairman = commune_staff(world)
    nomination = passed(
        world, movement, code="lao_dong_tien_tien", who=person(world.commune_a, "Vàng A Lử")
    )
    decision = decision_create(
        actor=officer,
        movement=movement,
        issuing_unit=world.commune_a,
        kind=DecisionKind.DECISION,
        data=data(date(2026, 7, 1)),
        nomination_ids=[nomination.pk],
    )
    decision_sign(actor=chairman, decision=decision, today=date(2026, 7, 2))
    award = Award.objects.get()
    # 0,3 × 2.530.000 = 759.000 from 1/7/2026 (Nghị định 161/2026, Điều 3 khoản 2), rounded up
    # to 760.000 (Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2).
    assert award.base_salary == Decimal(2_530_000) and award.amount == Decimal(760_000)


def test_money_rates_agree_with_the_selector(reference):
    rates = budget.MoneyRates()
    for code, recipient in (
        ("lao_dong_tien_tien", "individual"),
        ("chien_si_thi_dua_co_so", "individual"),
        ("thon_van_hoa", "collective"),
        ("tap_the_lao_dong_tien_tien", "collective"),
    ):
        item = form(code)
        for day in (JUNE, AUGUST, date(2026, 7, 1)):
            assert rates.amount(item.pk, day, recipient) == award_amount(
                item, day, recipient=recipient
            )
    bang_khen = form("bang_khen_tinh")
    assert rates.amount(bang_khen.pk, AUGUST, "individual") == Decimal(3_510_000)  # 1,5 ×
    assert rates.amount(bang_khen.pk, AUGUST, "collective") == Decimal(7_020_000)  # 3,0 ×
    assert rates.amount(form("giay_khen_huyen").pk, JUNE, "collective") is None


def test_a_pdf_failure_leaves_the_decision_signed_and_can_be_retried(world, movement, monkeypatch):
    def broken(data, **kwargs):
        raise ApplicationError("Không tạo được bản PDF: LibreOffice không chạy.")

    monkeypatch.setattr("thidua.core.pdf.docx_to_pdf", broken)
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    signed = decision_sign(actor=world.chairman, decision=draft(world, movement, [nomination]))
    assert signed.status == DecisionStatus.SIGNED and signed.docx and not signed.pdf
    assert "LibreOffice" in signed.pdf_error
    monkeypatch.setattr("thidua.core.pdf.docx_to_pdf", lambda data, **kw: FAKE_PDF)
    decisions.decision_make_pdf(actor=world.home_affairs, decision=signed)
    assert Decision.objects.get(pk=signed.pk).pdf


def test_signing_locks_the_criterion_sets_used(world, movement):
    from thidua.criteria.models import CandidateType, CriterionSet, candidate_type_of

    commune_type = candidate_type_of(unit=world.commune_a)
    used = CriterionSet.objects.create(movement=movement, candidate_type=commune_type, name="Xã")
    other_type = next(t for t in CandidateType.values if t != commune_type)
    unused = CriterionSet.objects.create(movement=movement, candidate_type=other_type, name="Khác")
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    decision_sign(actor=world.chairman, decision=draft(world, movement, [nomination]))
    used.refresh_from_db()
    unused.refresh_from_db()
    assert used.locked_at is not None
    assert used.locked_reason == "Quyết định số 01/QĐ-UBND ngày 15/06/2025"
    assert unused.locked_at is None


def test_signing_does_not_depend_on_the_criteria_app(world, movement, monkeypatch):
    monkeypatch.setitem(sys.modules, "thidua.criteria.sets", None)  # as if it did not exist
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    signed = decision_sign(actor=world.chairman, decision=draft(world, movement, [nomination]))
    assert signed.status == DecisionStatus.SIGNED
    fake = types.ModuleType("thidua.criteria.sets")  # present but without the function
    monkeypatch.setitem(sys.modules, "thidua.criteria.sets", fake)
    assert decisions.lock_criterion_sets(decision=signed, nominations=[], actor=None) == []


# --- pages ----------------------------------------------------------------------------


def _login(client, user):
    client.force_login(user)
    return client


def test_draft_form_ticks_what_is_within_authority_and_saves(client, world, movement):
    inside = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    passed(world, movement, code="bang_khen_tinh", unit=world.commune_b)
    _login(client, world.home_affairs)
    url = reverse("awards:decision_create", args=[movement.pk])
    page = client.get(url, {"kind": "decision", "date": "15/06/2025"})
    assert page.status_code == 200
    body = page.content.decode()
    assert f'value="{inside.pk}" id="nomination-{inside.pk}" checked' in body
    assert "Ngoài thẩm quyền" in body
    post = {
        "issuing_unit": world.district.pk,
        "kind": "decision",
        "signed_on": "15/08/2025",
        "summary": "Về việc khen thưởng",
        "signer_name": "Nguyễn Văn Chủ",
        "signer_title": "Chủ tịch",
        "signer_capacity": "tm",
        "distribution_list": "- Như Điều 3;",
        "nominations": [inside.pk],
        "action": "save",
    }
    refused = client.post(url, post)
    assert refused.status_code == 200
    assert "Ngày 15/08/2025 Chủ tịch UBND huyện không còn thẩm quyền" in refused.content.decode()
    refreshed = client.post(url, {**post, "action": "refresh"}).content.decode()
    assert f'id="nomination-{inside.pk}" checked' not in refreshed
    response = client.post(url, {**post, "signed_on": "15/06/2025"})
    decision = Decision.objects.get()
    assert response.url == reverse("awards:decision_detail", args=[decision.pk])
    detail = client.get(response.url).content.decode()
    assert "Xã A" in detail and "chưa có mức" in detail


def test_sign_page_confirms_then_signs(client, world, movement):
    nomination = passed(
        world, movement, code="lao_dong_tien_tien", who=person(world.commune_a, "Hờ A Chu")
    )
    decision = draft(world, movement, [nomination])
    _login(client, world.home_affairs)
    url = reverse("awards:decision_sign", args=[decision.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("awards:decision_preview", args=[decision.pk])).status_code == 200
    _login(client, world.chairman)
    page = client.get(url).content.decode()
    assert "Sau khi ký, số văn bản được cấp và không sửa được" in page
    assert "710.000 đ" in page and "Văn bản chưa ký được vì" not in page
    response = client.post(url)
    assert response.url == reverse("awards:decision_detail", args=[decision.pk])
    detail = client.get(response.url).content.decode()
    assert "01/QĐ-UBND" in detail
    docx = client.get(reverse("awards:decision_file", args=[decision.pk, "docx"]))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd")
    pdf = client.get(reverse("awards:decision_file", args=[decision.pk, "pdf"]))
    assert b"".join(pdf.streaming_content) == FAKE_PDF
    assert client.get(reverse("awards:decision_edit", args=[decision.pk])).status_code == 404


def test_who_sees_what(client, world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    decision = draft(world, movement, [nomination])
    detail = reverse("awards:decision_detail", args=[decision.pk])
    listing = reverse("awards:decision_list", args=[movement.pk])
    # A unit does not see drafts …
    _login(client, world.viewer_a)
    assert client.get(detail).status_code == 404
    assert "data-decision=" not in client.get(listing).content.decode()
    decision_sign(actor=world.chairman, decision=decision)
    # … but sees, read-only, the signed decision that awards it.
    page = client.get(detail)
    assert page.status_code == 200 and "Sửa dự thảo" not in page.content.decode()
    assert f'data-decision="{decision.pk}"' in client.get(listing).content.decode()
    # Commune B is not awarded: 404.
    _login(client, world.officer_b)
    assert client.get(detail).status_code == 404
    _login(client, world.nobody)
    assert client.get(detail).status_code == 404
    assert (
        client.get(reverse("awards:decision_file", args=[decision.pk, "docx"])).status_code == 404
    )


def _grow(world, movement, size: int) -> None:
    for index in range(size):
        who = person(world.commune_a, f"Người {index}")
        nominations = [
            passed(world, movement, code="lao_dong_tien_tien", who=who),
            passed(
                world,
                movement,
                code="chien_si_thi_dua_co_so",
                who=person(world.commune_b, f"Cán bộ {index}"),
            ),
        ]
        decision = draft(world, movement, nominations)
        if index % 2:
            decision_sign(actor=world.chairman, decision=decision)


@pytest.mark.parametrize("size", [2, 12])
def test_list_costs_a_fixed_number_of_queries(
    client, world, movement, size, django_assert_max_num_queries
):
    _grow(world, movement, size)
    _login(client, world.home_affairs)
    url = reverse("awards:decision_list", args=[movement.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data-decision=") == size
    _login(client, world.viewer_a)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_list_shows_money_and_filters(client, world, movement):
    _grow(world, movement, 2)
    _login(client, world.home_affairs)
    url = reverse("awards:decision_list", args=[movement.pk])
    body = client.get(url).content.decode()
    # 0,3 × 2.340.000 (702.000 rounded up to 710.000) + 1,0 × 2.340.000 per decision.
    assert body.count("3.050.000 đ") == 2
    signed = client.get(url, {"status": "signed"}).content.decode()
    assert signed.count("data-decision=") == 1 and "01/QĐ-UBND" in signed
    assert client.get(url, {"kind": "proposal"}).content.decode().count("data-decision=") == 0


def test_edit_and_delete_a_draft(client, world, movement):
    first = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    second = passed(world, movement, code="giay_khen_huyen", unit=world.commune_b)
    decision = draft(world, movement, [first])
    _login(client, world.home_affairs)
    url = reverse("awards:decision_edit", args=[decision.pk])
    page = client.get(url).content.decode()
    assert f'id="nomination-{first.pk}" checked' in page
    assert f'id="nomination-{second.pk}"' in page
    response = client.post(
        url,
        {
            "signed_on": "20/06/2025",
            "summary": "Về việc khen thưởng hai xã",
            "signer_name": "Nguyễn Văn Chủ",
            "signer_title": "Phó Chủ tịch",
            "signer_capacity": "kt",
            "distribution_list": "- Như Điều 3;",
            "nominations": [first.pk, second.pk],
            "action": "save",
            # A disabled field keeps its value whatever is posted.
            "kind": "proposal",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.kind == DecisionKind.DECISION
    assert decision.signed_on == date(2025, 6, 20)
    assert decision.signer_capacity == SignerCapacity.DEPUTY
    assert decision.items.count() == 2
    # Units, the chairman and outsiders do not edit.
    for user in (world.chairman, world.officer_a):
        _login(client, user)
        assert client.get(url).status_code == 404
    _login(client, world.home_affairs)
    delete = reverse("awards:decision_delete", args=[decision.pk])
    assert client.get(delete).status_code == 200
    assert client.post(delete).url == reverse("awards:decision_list", args=[movement.pk])
    assert not Decision.objects.exists()
    assert Nomination.objects.filter(status=NominationStatus.PASSED).count() == 2


def test_the_form_switches_to_a_commune_and_a_proposal(client, world, movement):
    officer, _chairman = commune_staff(world)
    grant(officer, Role.HOME_AFFAIRS, world.district)  # also the district's, to choose
    village = passed(world, movement, code="giay_khen_xa", unit=world.village_a1)
    upward = passed(world, movement, code="bang_khen_tinh", unit=world.commune_a)
    _login(client, officer)
    url = reverse("awards:decision_create", args=[movement.pk])
    post = {
        "issuing_unit": world.commune_a.pk,
        "kind": "decision",
        "signed_on": "15/08/2025",
        "summary": decisions.default_summary(movement, "decision"),
        "signer_name": "",
        "signer_title": "Chủ tịch",
        "signer_capacity": "tm",
        "distribution_list": decisions.default_distribution("decision"),
        "action": "refresh",
    }
    page = client.post(url, post).content.decode()
    assert f'id="nomination-{village.pk}" checked' in page
    assert f'id="nomination-{upward.pk}"' in page and "Ngoài thẩm quyền" in page
    page = client.post(url, {**post, "kind": "proposal"}).content.decode()
    assert f'id="nomination-{upward.pk}" checked' in page
    assert f'id="nomination-{village.pk}"' not in page
    assert "Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen" in page
    assert "- Sở Nội vụ tỉnh;" in page


def test_a_decision_cannot_be_dated_before_the_council_voted(world, movement):
    """The council passed Xã A on 20/06/2025: a decision dated 15/06/2025 is refused."""
    from thidua.councils.models import AgendaItem, Council, CouncilSession, ItemResult

    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    council = Council.objects.create(unit=world.district, name="Hội đồng huyện")
    session = CouncilSession.objects.create(
        council=council, movement=movement, held_on=date(2025, 6, 20), created_by=world.home_affairs
    )
    AgendaItem.objects.create(session=session, nomination=nomination, result=ItemResult.PASSED)
    with pytest.raises(ValidationError, match="Hội đồng xét thông qua hồ sơ ngày 20/06/2025"):
        draft(world, movement, [nomination], day=JUNE)
    assert draft(world, movement, [nomination], day=date(2025, 6, 25)).pk


def test_changes_to_a_drafts_list_are_in_the_history(world, movement):
    from thidua.awards.models import DecisionItem

    first = passed(world, movement, code="giay_khen_huyen", unit=world.commune_a)
    second = passed(world, movement, code="giay_khen_huyen", unit=world.commune_b)
    decision = draft(world, movement, [first])
    decision_update(
        actor=world.home_affairs, decision=decision, data=data(JUNE), nomination_ids=[second.pk]
    )
    rows = DecisionItem.history.filter(decision_id=decision.pk).order_by("history_id")
    assert [(r.history_type, r.nomination_id) for r in rows] == [
        ("+", first.pk),
        ("-", first.pk),
        ("+", second.pk),
    ]
    assert {r.history_user_id for r in rows} == {world.home_affairs.pk}
