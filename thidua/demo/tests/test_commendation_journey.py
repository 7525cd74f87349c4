"""The commendation journey of issue 5, end to end in Debian's Chromium.

A commune nominates one of its people and itself; the Home Affairs Office returns one dossier
with a reason and accepts both after correction; the public notice is published, a citizen
comments and reads the answer; the council may not take the dossiers while the notice is
open, then votes (the person fails the 80% threshold, the commune passes); the chairman signs
a decision, whose certificate's QR page shows the award valid; a proposal to the province
above the quota is refused at signing.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from thidua.award_catalogue.models import AwardForm, MoneyMultiple, Recipient
from thidua.award_catalogue.services import load_award_reference
from thidua.awards.documents.certificates import verify_path
from thidua.awards.models import (
    Award,
    Decision,
    DecisionKind,
    DecisionStatus,
    DocumentCounter,
    Quota,
)
from thidua.calendar_days.workdays import add_working_days
from thidua.core.templatetags.vn_format import vnd
from thidua.councils import services as councils
from thidua.councils.models import MemberRole
from thidua.criteria.models import Person, PersonKind
from thidua.movements.tests.test_browser import login, logout
from thidua.nominations.models import Nomination, NominationStatus, PublicNotice
from thidua.nominations.tests.helpers import docx_bytes
from thidua.nominations.tests.test_browser import no_horizontal_scroll
from thidua.testing import UserFactory, launched_movement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON = "Nguyễn Văn Bình"
CHIEN_SI = "Chiến sĩ thi đua cơ sở"
GIAY_KHEN = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện"
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
DECISION_DAY = date(2025, 6, 15)  # the district chairman still had authority (until 30/06/2025)
SESSION_DAY = date(2025, 6, 10)
NOTICE_PUBLISHED = date(2025, 5, 20)
# A figure for the test only: the seed leaves Giấy khen without a multiple until someone checks
# the decree (thidua/awards/reference.py), and a superuser records it in the admin.
GIAY_KHEN_MULTIPLE = Decimal("0.3")
PHONE = 390


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-"
    reader = PdfReader(BytesIO(data))
    return unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages))


def download(page: Page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def setup(world):
    """Reference data, the movement, the person nominated, the district's council and the
    two passed Bằng khen nominations of the quota step."""
    load_award_reference()
    forms = {form.code: form for form in AwardForm.objects.all()}
    money = MoneyMultiple(
        award_form=forms["giay_khen_huyen"],
        recipient=Recipient.COLLECTIVE,
        multiple=GIAY_KHEN_MULTIPLE,
        round_up_to=Decimal(10_000),
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 6, 30),
        legal_source="Giá trị dùng trong bài kiểm thử",
    )
    money.full_clean()
    money.save()
    movement = launched_movement(world)
    person = Person.objects.create(
        unit=world.commune_a,
        full_name=PERSON,
        kind=PersonKind.CIVIL_SERVANT,
        position="Công chức Văn phòng - Thống kê",
    )

    # The district's council, with the default thresholds (Chiến sĩ thi đua cơ sở: 80% of
    # all members; others 50%): the chairman chairs, five members in all.
    council = councils.council_create_with_defaults(
        actor=world.home_affairs, unit=world.district, data={}
    )
    office, district = world.home_affairs_office, world.district
    for user, role in (
        (world.chairman, MemberRole.CHAIR),
        (
            UserFactory(username="thuky", full_name="Thư Ký Hội Đồng", unit=office),
            MemberRole.SECRETARY,
        ),
        (world.council_member, MemberRole.MEMBER),
        (
            UserFactory(username="uyvien1", full_name="Ủy viên Một", unit=district),
            MemberRole.MEMBER,
        ),
        (
            UserFactory(username="uyvien2", full_name="Ủy viên Hai", unit=district),
            MemberRole.MEMBER,
        ),
    ):
        councils.member_add(
            actor=world.home_affairs, council=council, user=user, data={"role": role}
        )

    # Two people of Xã B passed by an earlier session for the provincial Bằng khen.
    for name in ("Lò Văn Sáng", "Hà Thị Kiến"):
        upward = Person.objects.create(unit=world.commune_b, full_name=name, kind=PersonKind.CADRE)
        Nomination.objects.create(
            movement=movement,
            proposing_unit=world.commune_b,
            candidate_person=upward,
            candidate_name=name,
            award_form=forms["bang_khen_tinh"],
            status=NominationStatus.PASSED,
            achievement="Tóm tắt thành tích: hoàn thành xuất sắc nhiệm vụ.",
            created_by=world.officer_b,
        )
    return movement, person, council


def test_commendation_journey(page: Page, live_server, world, tmp_path):
    base = live_server.url
    movement, person, council = setup(world)
    minutes = tmp_path / "bien-ban-hop-xet.docx"
    minutes.write_bytes(docx_bytes("Biên bản họp xét thi đua của Xã A"))

    # --- 1. The commune nominates its civil servant and itself, and sends both. -----------
    login(page, base, "canbo_a")
    create_url = base + reverse("nominations:create", args=[movement.pk])
    for key, form in ((f"p{person.pk}", CHIEN_SI), (f"u{world.commune_a.pk}", GIAY_KHEN)):
        page.goto(create_url)
        page.locator(f'[data-candidate="{key}"]').click()
        page.get_by_label("Hình thức khen thưởng").select_option(label=form)
        page.get_by_label("Biên bản họp xét của đơn vị (.docx hoặc .pdf)").set_input_files(
            str(minutes)
        )
        page.get_by_role("button", name="Lập hồ sơ").click()
        expect(page.get_by_test_id("nomination-status")).to_have_text("Dự thảo")
        expect(page.get_by_test_id("minutes-link")).to_be_visible()
        page.get_by_role("button", name="Gửi Phòng Nội vụ kiểm tra").click()
        expect(page.get_by_test_id("nomination-status")).to_have_text("Đã gửi kiểm tra")
    for_person = Nomination.objects.get(candidate_person=person)
    for_commune = Nomination.objects.get(candidate_unit=world.commune_a)
    assert for_person.award_form.name == CHIEN_SI
    assert for_commune.award_form.name == GIAY_KHEN
    logout(page)

    # --- 2. Home Affairs returns the person's dossier; the commune corrects and resends. ----
    login(page, base, "noivu")
    page.goto(base + reverse("nominations:detail", args=[for_person.pk]))
    page.get_by_role("link", name="Trả lại để bổ sung").click()
    page.get_by_label("Lý do trả lại").fill("Bổ sung sáng kiến năm 2024 kèm xác nhận.")
    page.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Trả lại để bổ sung")
    logout(page)

    login(page, base, "canbo_a")
    page.goto(base + reverse("nominations:detail", args=[for_person.pk]))
    expect(page.get_by_test_id("return-reason")).to_contain_text(
        "Bổ sung sáng kiến năm 2024 kèm xác nhận."
    )
    page.get_by_role("link", name="Chỉnh sửa", exact=True).click()
    page.get_by_label("Báo cáo thành tích", exact=True).fill(
        "Tóm tắt thành tích: sáng kiến «Số hóa hồ sơ một cửa» được công nhận năm 2024."
    )
    page.get_by_role("button", name="Lưu và gửi lại").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Đã gửi kiểm tra")
    logout(page)

    login(page, base, "noivu")
    for nomination in (for_person, for_commune):
        page.goto(base + reverse("nominations:detail", args=[nomination.pk]))
        page.get_by_role("button", name="Xác nhận hồ sơ hợp lệ").click()
        expect(page.get_by_test_id("nomination-status")).to_have_text("Hợp lệ")
    expect(page.get_by_test_id("trail")).to_contain_text("Hợp lệ")

    # --- 3. The public notice; a citizen's comment and the office's answer. ---------------
    page.goto(base + reverse("nominations:notice_create", args=[movement.pk]))
    listed = page.get_by_test_id("notice-nominations")
    expect(listed.get_by_role("checkbox", checked=True)).to_have_count(2)
    page.get_by_label("Tiêu đề").fill("Công khai danh sách đề nghị khen thưởng đợt 1")
    page.get_by_role("button", name="Công bố ngay").click()
    expect(page.get_by_test_id("notice-state")).to_have_text("Đang nhận ý kiến")
    public_url = page.get_by_test_id("public-link").get_attribute("href")
    notice = PublicNotice.objects.get()
    logout(page)

    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(base + public_url)
    no_horizontal_scroll(page)
    expect(page.get_by_test_id("candidates")).to_contain_text(PERSON)
    expect(page.get_by_test_id("candidates")).to_contain_text("Số hóa hồ sơ một cửa")
    page.get_by_label("Họ và tên").fill("Ông Sùng A Páo")
    page.get_by_label("Nội dung ý kiến").fill("Đề nghị nêu rõ sáng kiến đã áp dụng ở đâu.")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Cảm ơn ông/bà đã gửi ý kiến")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})

    login(page, base, "noivu")
    page.goto(base + reverse("nominations:notice_detail", args=[notice.pk]))
    expect(page.get_by_test_id("unanswered")).to_be_visible()
    page.get_by_label("Trả lời", exact=True).fill("Sáng kiến áp dụng tại bộ phận một cửa của xã.")
    page.get_by_role("button", name="Đăng câu trả lời").click()
    expect(page.get_by_test_id("unanswered")).to_have_count(0)
    logout(page)
    page.goto(base + public_url)
    expect(page.get_by_test_id("answered")).to_contain_text("bộ phận một cửa của xã")

    # --- 4. The council may not take the dossiers while the notice is open. ---------------
    login(page, base, "noivu")
    page.goto(base + reverse("councils:sessions", args=[council.pk]))
    page.get_by_role("link", name="Lên lịch phiên họp").click()
    page.get_by_label("Ngày họp").fill(SESSION_DAY.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Hội trường UBND huyện")
    page.get_by_role("button", name="Lưu").click()
    session = council.sessions.get()
    page.get_by_label(re.compile(PERSON)).check()
    page.get_by_label(re.compile(rf"^Xã A · {GIAY_KHEN}")).check()
    page.get_by_role("button", name="Đưa vào chương trình").click()
    refusal = page.locator(".alert-danger", has_text="công khai đến hết ngày")
    expect(refusal.first).to_contain_text(notice.closes_on.strftime("%d/%m/%Y"))
    expect(page.get_by_test_id("agenda")).to_contain_text("Chưa có hồ sơ nào trong chương trình.")
    assert session.items.count() == 0

    # Ten working days cannot pass during a test: move the notice's window into the past in
    # the database, as if it had been published on 20/05/2025 and had closed before the
    # session of 10/06/2025.
    PublicNotice.objects.filter(pk=notice.pk).update(
        published_on=NOTICE_PUBLISHED, closes_on=add_working_days(NOTICE_PUBLISHED, 10)
    )

    # --- 5. The session: agenda, roll call, the secret vote, the chair closes. ------------
    page.reload()
    page.get_by_label(re.compile(PERSON)).check()
    page.get_by_label(re.compile(rf"^Xã A · {GIAY_KHEN}")).check()
    page.get_by_role("button", name="Đưa vào chương trình").click()
    expect(page.get_by_text("Đã đưa vào chương trình: 2 hồ sơ.")).to_be_visible()
    page.get_by_role("link", name="Điểm danh").click()
    page.get_by_label(re.compile("Ủy viên Hai")).uncheck()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Bắt đầu biểu quyết").click()
    expect(page.get_by_test_id("presence")).to_have_text("4/5")
    logout(page)

    # Four members present. The person: 3 yes of 5 members (60%) < 80%. The commune: 4 of 5.
    for username, on_person in (
        ("thuky", "Đồng ý"),
        ("hoidong", "Không đồng ý"),
        ("uyvien1", "Đồng ý"),
        ("chutich", "Đồng ý"),
    ):
        login(page, base, username)
        page.goto(base + reverse("councils:session", args=[session.pk]))
        page.get_by_test_id("my-ballot").get_by_role("link", name="Biểu quyết").click()
        ballot = page.get_by_test_id("ballot-form")
        ballot.get_by_role("group", name=PERSON, exact=True).get_by_label(
            on_person, exact=True
        ).check()
        ballot.get_by_role("group", name="Xã A", exact=True).get_by_label(
            "Đồng ý", exact=True
        ).check()
        page.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.get_by_text(re.compile("Bạn đã biểu quyết lúc"))).to_be_visible()
        if username != "chutich":
            logout(page)

    # The chair (still signed in) closes the session.
    page.goto(base + reverse("councils:session", args=[session.pk]))
    expect(page.get_by_test_id("ballot-count")).to_contain_text("4/5")
    page.get_by_role("link", name="Kết thúc phiên họp").click()
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    agenda = page.get_by_test_id("agenda")
    person_row = agenda.locator("tr", has_text=PERSON)
    commune_row = agenda.locator("tr", has_text=GIAY_KHEN)
    expect(person_row).to_contain_text("≥ 80%")
    expect(person_row.locator(".badge")).to_have_text("Không đạt")
    expect(commune_row).to_contain_text("≥ 50%")
    expect(commune_row.locator(".badge")).to_have_text("Đạt")
    for_person.refresh_from_db()
    for_commune.refresh_from_db()
    assert for_person.status == NominationStatus.REJECTED
    assert for_commune.status == NominationStatus.PASSED
    logout(page)

    # --- 6. The decision, dated 15/06/2025, drafted by Home Affairs, signed by the chairman.
    login(page, base, "noivu")
    page.goto(base + reverse("awards:decision_list", args=[movement.pk]))
    page.get_by_test_id("new-decision").click()
    page.get_by_label("Ngày văn bản").fill(DECISION_DAY.strftime("%d/%m/%Y"))
    page.get_by_test_id("refresh").click()
    candidates = page.get_by_test_id("candidates")
    expect(candidates).to_contain_text("15/06/2025")
    expect(page.locator(f"#nomination-{for_commune.pk}")).to_be_checked()
    expect(candidates.get_by_role("checkbox", checked=True)).to_have_count(1)
    page.get_by_test_id("save").click()
    decision = Decision.objects.get(kind=DecisionKind.DECISION)
    expect(page.get_by_test_id("annex")).to_contain_text("Xã A")
    logout(page)

    login(page, base, "chutich")
    page.goto(base + reverse("awards:decision_detail", args=[decision.pk]))
    page.get_by_test_id("sign-link").click()
    expect(page.get_by_test_id("sign-problems")).to_have_count(0)
    page.get_by_test_id("confirm-sign").click()  # LibreOffice makes the PDF before the reply
    expect(page.get_by_test_id("number-label")).to_have_text("01/QĐ-UBND")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED
    assert decision.signed_on == DECISION_DAY
    award = Award.objects.get(decision=decision)
    assert award.unit == world.commune_a
    assert award.base_salary == Decimal(2_340_000)
    assert award.multiple == GIAY_KHEN_MULTIPLE
    assert award.amount == Decimal(710_000)  # 702.000 rounded up (Nghị định 98/2023)
    expect(page.get_by_test_id("total")).to_have_text(vnd(award.amount))
    for_commune.refresh_from_db()
    assert for_commune.status == NominationStatus.DECIDED
    if shutil.which("soffice") is not None:
        text = pdf_text(download(page, page.get_by_test_id("pdf")))
        assert "01/QĐ-UBND" in text
        assert "Xã A" in text

    # --- 7. The certificate and its public verification page. -----------------------------
    page.goto(base + reverse("awards:award", args=[award.pk]))
    expect(page.get_by_test_id("award-amount")).to_contain_text(vnd(award.amount))
    certificate = pdf_text(download(page, page.get_by_role("link", name="Giấy khen (PDF)")))
    assert "Xã A" in certificate
    assert "01/QĐ-UBND" in certificate
    # The QR code holds the absolute address of the award's token page on this host.
    verify_url = base + verify_path(award)
    expect(page.get_by_role("link", name="Trang xác minh công khai")).to_have_attribute(
        "href", verify_url
    )
    logout(page)

    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(verify_url)
    status = page.get_by_test_id("verify-status")
    expect(status).to_have_attribute("data-status", "valid")
    expect(status).to_contain_text("HỢP LỆ")
    details = page.get_by_test_id("verify-details")
    expect(details).to_contain_text("Xã A")
    expect(details).to_contain_text("01/QĐ-UBND")
    expect(details).to_contain_text("15/06/2025")
    expect(details).to_contain_text(GIAY_KHEN)
    no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # --- 8. A proposal to the province above its quota is refused at signing. -------------
    login(page, base, "noivu")
    page.goto(base + reverse("awards:decision_list", args=[movement.pk]))
    page.get_by_test_id("quotas-link").click()
    page.get_by_label("Đơn vị được phân bổ").select_option(str(world.district.pk))
    page.get_by_label("Hình thức khen thưởng").select_option(label=BANG_KHEN)
    page.get_by_label("Số lượng phân bổ").fill("1")
    page.get_by_label("Văn bản phân bổ của tỉnh").fill(
        "Công văn số 123/UBND-NC ngày 05/09/2025 của UBND tỉnh"
    )
    page.get_by_test_id("save-quota").click()
    quota_row = page.get_by_test_id("quota-table").locator("tr", has_text=BANG_KHEN)
    expect(quota_row.get_by_test_id("remaining")).to_have_text("1")
    quota = Quota.objects.get()

    page.goto(base + reverse("awards:decision_list", args=[movement.pk]))
    page.get_by_test_id("new-proposal").click()
    candidates = page.get_by_test_id("candidates")
    expect(candidates.get_by_role("checkbox", checked=True)).to_have_count(2)
    page.get_by_test_id("save").click()
    proposal = Decision.objects.get(kind=DecisionKind.PROPOSAL)
    expect(page.get_by_test_id("quota-use")).to_contain_text("vượt chỉ tiêu")
    logout(page)

    login(page, base, "chutich")
    page.goto(base + reverse("awards:decision_detail", args=[proposal.pk]))
    page.get_by_test_id("sign-link").click()
    expect(page.get_by_test_id("sign-problems")).to_contain_text("Vượt chỉ tiêu")
    page.get_by_test_id("confirm-sign").click()
    refused = page.locator(".alert-danger.alert-dismissible")
    expect(refused).to_contain_text("Vượt chỉ tiêu")
    expect(refused).to_contain_text("tờ trình này đề nghị 2")
    proposal.refresh_from_db()
    assert proposal.status == DecisionStatus.DRAFT
    assert proposal.number is None
    assert proposal.number_label == ""
    assert not DocumentCounter.objects.filter(series="TTr").exists()
    quota.refresh_from_db()
    assert quota.used == 0
    assert set(
        Nomination.objects.filter(award_form__code="bang_khen_tinh").values_list(
            "status", flat=True
        )
    ) == {NominationStatus.PASSED}
