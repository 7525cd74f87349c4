"""The dossier: who may propose whom for which award form, one live dossier per candidate,
the pre-filled achievement report, its .docx, uploads, and editing only while editable."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from thidua.core.errors import ApplicationError
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactKind,
    FactRecord,
    PersonKind,
    RatingLevel,
)
from thidua.nominations import achievement, services
from thidua.nominations.models import Nomination, NominationFile, NominationStatus
from thidua.testing import MovementFactory, WorkFactory, launched_movement

from .helpers import (
    award_forms,
    docx_upload,
    fake_docx,
    make,
    pdf_upload,
    person,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world)


@pytest.fixture
def forms(db):
    return award_forms()


# --- creation rules ---------------------------------------------------------------------


def test_commune_nominates_itself_a_village_and_a_person(world, movement, forms):
    commune = make(world, movement, unit=world.commune_a)
    village = make(world, movement, unit=world.village_a1, form=forms["tap_the"])
    cadre = person(world.village_a2, "Đặng Thị Lành", position="Trưởng thôn")
    individual = make(world, movement, person_=cadre, form=forms["lao_dong"])
    assert commune.status == NominationStatus.DRAFT
    assert commune.candidate_name == "Xã A"
    assert village.candidate_name == "Thôn A1"
    assert "thon a1" in village.search_text and "xa a" in village.search_text
    assert individual.candidate_name == "Đặng Thị Lành"
    assert individual.search_text.startswith("dang thi lanh")
    assert individual.is_collective is False
    assert commune.history.get().history_user == world.officer_a


def test_home_affairs_proposes_for_any_unit_of_the_district(world, movement):
    nomination = make(
        world, movement, actor=world.home_affairs, proposing=world.district, unit=world.commune_b
    )
    assert nomination.proposing_unit == world.district


def test_candidate_must_be_in_the_proposing_units_subtree(world, movement):
    with pytest.raises(ValidationError) as caught:
        make(world, movement, unit=world.village_b1)
    assert "candidate" in caught.value.message_dict
    outsider = person(world.commune_b, "Lò Văn Bình")
    with pytest.raises(ValidationError):
        make(world, movement, person_=outsider)
    # A village cannot propose its commune (above it).
    with pytest.raises(ValidationError):
        make(
            world,
            movement,
            actor=world.village_officer_a1,
            proposing=world.village_a1,
            unit=world.commune_a,
        )


@pytest.mark.parametrize(
    "user", ["officer_b", "viewer_a", "council_member", "nobody", "village_officer_a1"]
)
def test_only_editors_of_the_proposing_unit_may_propose(world, movement, user):
    with pytest.raises(PermissionDenied):
        make(world, movement, actor=getattr(world, user))


def test_only_while_the_movement_runs(world, forms):
    draft = MovementFactory(issuing_unit=world.district)
    with pytest.raises(ApplicationError):
        make(world, draft)


@pytest.mark.parametrize(
    "form,candidate,fits",
    [
        ("tap_the", "unit", True),
        ("tap_the", "cadre", False),
        ("lao_dong", "cadre", True),
        ("lao_dong", "unit", False),
        ("lao_dong", "household", False),
        ("gia_dinh", "household", True),
        ("gia_dinh", "cadre", False),
        ("gia_dinh", "unit", False),
        ("giay_khen", "unit", True),
        ("giay_khen", "cadre", True),
        ("giay_khen", "household", True),
    ],
)
def test_award_form_must_fit_the_candidate(world, movement, forms, form, candidate, fits):
    kwargs = {"unit": world.commune_a}
    if candidate == "cadre":
        kwargs = {"person_": person(world.commune_a)}
    elif candidate == "household":
        kwargs = {"person_": person(world.village_a1, "Hộ ông Giàng A Páo", PersonKind.HOUSEHOLD)}
    if fits:
        assert make(world, movement, form=forms[form], **kwargs).pk
        return
    with pytest.raises(ValidationError) as caught:
        make(world, movement, form=forms[form], **kwargs)
    assert "award_form" in caught.value.message_dict
    # The picker offers only the forms that fit.
    offered = set(
        services.award_forms_for(unit=kwargs.get("unit"), person=kwargs.get("person_")).values_list(
            "code", flat=True
        )
    )
    assert form not in offered


# --- one achievement, one nomination ----------------------------------------------------


def test_second_live_nomination_is_refused_naming_the_dossier(world, movement, forms):
    first = make(world, movement, unit=world.commune_a)
    with pytest.raises(ApplicationError) as caught:
        make(
            world,
            movement,
            actor=world.home_affairs,
            proposing=world.district,
            unit=world.commune_a,
            form=forms["tap_the"],
        )
    message = caught.value.message
    assert message.startswith("Xã A đã được đề nghị")
    assert f"hồ sơ số {first.pk}" in message
    assert "Một thành tích chỉ được đề nghị khen thưởng một lần." in message
    assert Nomination.objects.filter(candidate_unit=world.commune_a).count() == 1


def test_duplicate_caught_by_the_database_gets_the_same_message(
    world, movement, forms, monkeypatch
):
    """Two officers saving at once: the pre-check saw nothing, the constraint refuses."""
    first = make(world, movement, unit=world.commune_a)
    real = services.live_nomination
    calls = []

    def blind_first(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr("thidua.nominations.services.dossiers.live_nomination", blind_first)
    with pytest.raises(ApplicationError) as caught:
        make(world, movement, unit=world.commune_a, form=forms["tap_the"])
    assert len(calls) == 2  # the second call names the dossier after the IntegrityError
    assert f"hồ sơ số {first.pk}" in caught.value.message
    assert Nomination.objects.filter(candidate_unit=world.commune_a).count() == 1


def test_withdrawn_dossier_frees_the_candidate(world, movement, forms):
    first = make(world, movement, unit=world.commune_a)
    services.nomination_withdraw(actor=world.officer_a, nomination=first)
    second = make(world, movement, unit=world.commune_a, form=forms["tap_the"])
    assert second.pk != first.pk


def test_the_same_candidate_may_be_nominated_in_another_movement(world, movement):
    make(world, movement, unit=world.commune_a)
    other = launched_movement(world)
    assert make(world, other, unit=world.commune_a).pk


# --- editing ----------------------------------------------------------------------------


def test_edit_only_while_draft_or_returned(world, movement, forms, client):
    nomination = make(world, movement)
    services.nomination_update(
        actor=world.officer_a,
        nomination=nomination,
        data=services.DossierData(award_form=forms["tap_the"], achievement="Sửa lại."),
    )
    nomination.refresh_from_db()
    assert nomination.award_form == forms["tap_the"]
    assert nomination.achievement == "Sửa lại."
    assert nomination.review_minutes  # kept when no new file is given
    services.nomination_submit(actor=world.officer_a, nomination=nomination)
    with pytest.raises(ApplicationError) as caught:
        services.nomination_update(
            actor=world.officer_a,
            nomination=nomination,
            data=services.DossierData(award_form=forms["giay_khen"], achievement="x"),
        )
    assert "Đã gửi kiểm tra" in caught.value.message
    with pytest.raises(ApplicationError):
        services.nomination_add_files(
            actor=world.officer_a, nomination=nomination, uploads=[pdf_upload()]
        )
    client.force_login(world.officer_a)
    assert client.get(reverse("nominations:edit", args=[nomination.pk])).status_code == 403
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert reverse("nominations:edit", args=[nomination.pk]) not in page


def test_other_units_may_not_edit(world, movement, forms):
    nomination = make(world, movement)
    with pytest.raises(PermissionDenied):
        services.nomination_update(
            actor=world.officer_b,
            nomination=nomination,
            data=services.DossierData(award_form=forms["tap_the"]),
        )


# --- files ------------------------------------------------------------------------------


def test_report_and_minutes_must_really_be_docx_or_pdf(world, movement, forms):
    with pytest.raises(ValidationError) as caught:
        services.nomination_create(
            actor=world.officer_a,
            movement=movement,
            proposing_unit=world.commune_a,
            candidate_unit=world.commune_a,
            data=services.DossierData(
                award_form=forms["giay_khen"],
                achievement_file=fake_docx(),
                review_minutes=fake_docx("bien-ban.docx"),
            ),
        )
    assert set(caught.value.message_dict) == {"achievement_file", "review_minutes"}
    assert "không phải là tài liệu .docx thật" in " ".join(
        caught.value.message_dict["review_minutes"]
    )
    nomination = services.nomination_create(
        actor=world.officer_a,
        movement=movement,
        proposing_unit=world.commune_a,
        candidate_unit=world.commune_a,
        data=services.DossierData(
            award_form=forms["giay_khen"],
            achievement_file=docx_upload("bao-cao.docx", "Báo cáo"),
            review_minutes=pdf_upload("bien-ban.pdf"),
        ),
    )
    assert nomination.achievement_file.name.endswith(".docx")
    assert services.missing_parts(nomination) == {}


def test_several_evidence_files_at_once_through_the_page(world, movement, forms, client):
    client.force_login(world.officer_a)
    url = reverse("nominations:create", args=[movement.pk])
    response = client.post(
        f"{url}?proposing={world.commune_a.pk}&candidate=u{world.village_a1.pk}",
        {
            "award_form": forms["tap_the"].pk,
            "achievement": "Tóm tắt thành tích: thôn văn hóa 5 năm liền.",
            "review_minutes": docx_upload(),
            "files": [pdf_upload("quyet-dinh.pdf"), docx_upload("sang-kien.docx")],
        },
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("nominations:detail", args=[nomination.pk])
    assert nomination.candidate_unit == world.village_a1
    assert sorted(nomination.files.values_list("title", flat=True)) == [
        "quyet-dinh",
        "sang-kien",
    ]
    item = nomination.files.first()
    download = client.get(reverse("nominations:evidence", args=[item.pk]))
    assert download.status_code == 200
    client.force_login(world.officer_b)
    assert client.get(reverse("nominations:evidence", args=[item.pk])).status_code == 404
    # A fake file among them: nothing is created, the error names the file.
    client.force_login(world.officer_a)
    response = client.post(
        f"{url}?proposing={world.commune_a.pk}&candidate=u{world.village_a2.pk}",
        {
            "award_form": forms["tap_the"].pk,
            "achievement": "x",
            "files": [pdf_upload(), fake_docx("anh.docx")],
        },
    )
    assert response.status_code == 200
    assert "anh.docx" in response.content.decode()
    assert not Nomination.objects.filter(candidate_unit=world.village_a2).exists()


def test_evidence_added_and_removed_on_the_dossier(world, movement, client):
    nomination = make(world, movement)
    client.force_login(world.officer_a)
    client.post(
        reverse("nominations:evidence_add", args=[nomination.pk]),
        {"files": [pdf_upload("a.pdf"), pdf_upload("b.pdf")]},
    )
    assert nomination.files.count() == 2
    item = nomination.files.first()
    client.post(reverse("nominations:evidence_delete", args=[item.pk]))
    assert not NominationFile.objects.filter(pk=item.pk).exists()


# --- the achievement report -------------------------------------------------------------


def _facts(world, movement):
    now = timezone.now()
    levels = {2020: RatingLevel.EXCELLENT, 2021: RatingLevel.GOOD, 2023: RatingLevel.EXCELLENT}
    for year, level in levels.items():
        AnnualRating.objects.create(
            unit=world.village_a1,
            year=year,
            level=level,
            document_reference=f"QĐ {year}",
            recorded_at=now,
        )
    for year in (2021, 2022):
        CulturalVillageRecognition.objects.create(
            unit=world.village_a1, year=year, document_reference="QĐ", recorded_at=now
        )
    FactRecord.objects.create(
        unit=world.village_a1,
        kind=FactKind.CONTRIBUTION,
        year=2024,
        summary="Ủng hộ Quỹ vì người nghèo",
        amount=5_000_000,
        recorded_at=now,
    )
    WorkFactory(
        movement=movement,
        unit=world.village_a1,
        name="Nhà văn hóa thôn A1",
        progress_status="in_use",
        progress_percent=100,
        actual_completion=date(2025, 5, 30),
        put_into_use=date(2025, 6, 1),
    )


def test_report_is_prefilled_from_the_facts(world, movement):
    _facts(world, movement)
    text = achievement.draft_text(movement=movement, unit=world.village_a1, today=date(2025, 7, 1))
    assert text.startswith("Tóm tắt thành tích: Thôn A1 có 2 năm hoàn thành xuất sắc")
    assert "(chưa có dữ liệu năm 2022, 2024, 2025)" in text
    assert "- Năm 2020: Hoàn thành xuất sắc nhiệm vụ (QĐ 2020)." in text
    assert "- Năm 2022: chưa có dữ liệu xếp loại." in text
    assert "thôn, tổ dân phố văn hóa các năm: 2021, 2022" in text
    assert "Ủng hộ Quỹ vì người nghèo (5.000.000 đồng)" in text
    assert "«Nhà văn hóa thôn A1»" in text
    assert "đúng tiến độ" in text.lower()
    assert "đưa vào sử dụng ngày 01/06/2025" in text
    summary = achievement.public_summary(text)
    assert summary.startswith("Thôn A1 có 2 năm hoàn thành xuất sắc")
    assert "I." not in summary


def test_person_report_has_no_works_section(world, movement):
    cadre = person(world.commune_a)
    text = achievement.draft_text(movement=movement, person=cadre)
    assert "CÔNG TRÌNH" not in text
    assert "- Năm 2025: chưa có dữ liệu xếp loại." in text


def test_create_page_picks_a_candidate_then_prefills(world, movement, client):
    _facts(world, movement)
    make(world, movement, unit=world.commune_a)
    client.force_login(world.officer_a)
    url = reverse("nominations:create", args=[movement.pk])
    page = client.get(url).content.decode()
    assert f'data-candidate="u{world.village_a1.pk}"' in page
    assert "Đã được đề nghị" in page  # Xã A already holds a dossier
    assert f'data-candidate="u{world.commune_a.pk}"' not in page
    assert f'data-candidate="u{world.commune_b.pk}"' not in page
    found = client.get(url, {"proposing": world.commune_a.pk, "q": "a1"}).content.decode()
    assert f'data-candidate="u{world.village_a1.pk}"' in found
    assert f'data-candidate="u{world.village_a2.pk}"' not in found
    form = client.get(
        url, {"proposing": world.commune_a.pk, "candidate": f"u{world.village_a1.pk}"}
    )
    assert form.status_code == 200
    assert "Tóm tắt thành tích: Thôn A1" in form.content.decode()
    # A candidate outside the proposing unit's subtree is not offered.
    outside = client.get(
        url, {"proposing": world.commune_a.pk, "candidate": f"u{world.commune_b.pk}"}
    )
    assert "Tóm tắt thành tích" not in outside.content.decode()
    # Someone who edits no unit may not open the page.
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 403


def test_report_downloads_as_a_docx_that_opens(world, movement, client):
    _facts(world, movement)
    text = achievement.draft_text(movement=movement, unit=world.village_a1)
    nomination = make(world, movement, unit=world.village_a1, achievement=text)
    client.force_login(world.officer_a)
    response = client.get(reverse("nominations:achievement_docx", args=[nomination.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(BytesIO(response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO THÀNH TÍCH" in body
    assert "Đề nghị tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện" in body
    assert "I. XẾP LOẠI HẰNG NĂM (2020-2025)" in body
    # The printed report leaves out the notes of missing data.
    assert "chưa có dữ liệu" not in body.lower()
    header = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    client.force_login(world.officer_b)
    assert (
        client.get(reverse("nominations:achievement_docx", args=[nomination.pk])).status_code == 404
    )


def test_submitted_dossier_of_another_unit_is_not_editable_by_page(world, movement, client):
    nomination = submitted(world, movement)
    client.force_login(world.officer_b)
    assert client.get(reverse("nominations:edit", args=[nomination.pk])).status_code == 404
