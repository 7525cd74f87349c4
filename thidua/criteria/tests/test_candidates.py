"""The candidate check page, attesting, and the movement's ranking with its export."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thidua.accounts.scope import forget
from thidua.criteria import sets
from thidua.criteria.evaluation import Verdict
from thidua.criteria.models import (
    AnnualRating,
    Attestation,
    CandidateType,
    CriterionKind,
    Person,
)
from thidua.criteria.selectors import RankingFilters, VerdictFilter, ranking
from thidua.movements.models import Participant, ParticipantSource
from thidua.testing import MovementFactory, UnitFactory, launched_movement
from thidua.testing import files as testing_files
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db

PDF = testing_files.PDF  # a real PDF: uploads are checked by content


@pytest.fixture
def movement(world):
    movement = launched_movement(world)
    sets.criterion_sets_for_movement(movement=movement, actor=world.home_affairs)
    return movement


def rate_all(target, level="good", years=range(2020, 2026)):
    field = "person" if isinstance(target, Person) else "unit"
    for year in years:
        AnnualRating.objects.create(
            **{field: target}, year=year, level=level, recorded_at=timezone.now(),
            document_reference="QĐ",
        )  # fmt: skip


def check_url(movement, unit=None, person=None):
    if person is not None:
        return reverse("criteria:check_person", args=[movement.pk, person.pk])
    return reverse("criteria:check_unit", args=[movement.pk, unit.pk])


# --- the check page ---------------------------------------------------------------------------


def test_check_page_shows_each_criterion_with_verdict_reason_and_facts(client, world, movement):
    rate_all(world.commune_a)
    AnnualRating.objects.filter(unit=world.commune_a, year=2022).update(level="completed")
    client.force_login(world.officer_a)
    response = client.get(check_url(movement, world.commune_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kiểm tra tiêu chí: Xã A" in page
    assert "2022: chỉ hoàn thành nhiệm vụ" in page
    assert 'data-verdict="not_met"' in page
    assert "Không đạt" in page and "Chưa rõ" in page  # words, not colour alone
    assert "Chưa có xác nhận." in page
    assert page.count('name="criterion"') == 3  # one form per attested criterion (7.1.a)


def test_check_page_for_a_person(client, world, movement):
    cadre = Person.objects.create(unit=world.village_a1, full_name="Lò Văn Bình", kind="cadre")
    rate_all(cadre, "excellent")
    client.force_login(world.village_officer_a1)
    response = client.get(check_url(movement, person=cadre))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cán bộ, công chức, viên chức, lực lượng vũ trang" in page
    assert "Các năm 2020–2025 đều xếp loại" in page


def test_check_page_access(client, world, movement):
    person = Person.objects.create(unit=world.commune_a, full_name="Hộ A", kind="household")
    client.force_login(world.officer_b)  # another commune
    assert client.get(check_url(movement, world.commune_a)).status_code == 404
    assert client.get(check_url(movement, person=person)).status_code == 404
    client.force_login(world.nobody)
    assert client.get(check_url(movement, world.commune_a)).status_code == 404
    client.force_login(world.home_affairs)
    assert client.get(check_url(movement, world.commune_a)).status_code == 200
    assert client.get(reverse("criteria:check_unit", args=[movement.pk, 99999])).status_code == 404
    draft = MovementFactory(issuing_unit=world.district)
    assert client.get(check_url(draft, world.commune_a)).status_code == 404


def test_a_unit_outside_the_movement_is_not_checked_by_its_own_officers(client, world, movement):
    outside = UnitFactory(kind=UnitKind.ENTERPRISE, name="Công ty X", parent=world.commune_a)
    client.force_login(world.officer_a)
    assert client.get(check_url(movement, outside)).status_code == 404
    client.force_login(world.home_affairs)  # the issuer's staff check anyone
    assert client.get(check_url(movement, outside)).status_code == 200


def test_no_criterion_set_yet(client, world):
    movement = launched_movement(world)
    client.force_login(world.home_affairs)
    page = client.get(check_url(movement, world.commune_a)).content.decode()
    assert "Phong trào chưa có bộ tiêu chí cho loại đối tượng này." in page


def _attested(movement, candidate_type=CandidateType.COMMUNE_OR_TOWN):
    criterion_set = sets.criterion_set_for(movement, candidate_type)
    return criterion_set.criteria.filter(kind=CriterionKind.ATTESTED).first()


def test_attest_through_the_page(client, world, movement):
    criterion = _attested(movement)
    client.force_login(world.officer_a)
    url = check_url(movement, world.commune_a)
    prefix = f"c{criterion.pk}"
    response = client.post(url, {"criterion": criterion.pk, f"{prefix}-verdict": "met"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ghi chú lý do đánh giá." in page or "bắt buộc" in page
    response = client.post(
        url,
        {
            "criterion": criterion.pk,
            f"{prefix}-verdict": "met",
            f"{prefix}-note": "Hưởng ứng tích cực",
            f"{prefix}-evidence": SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#criterion-{criterion.pk}")
    attestation = Attestation.objects.get()
    assert attestation.attested_by == world.officer_a and attestation.evidence
    page = client.get(url).content.decode()
    assert "Hưởng ứng tích cực" in page
    evidence = client.get(reverse("criteria:attestation_evidence", args=[attestation.pk]))
    assert evidence.status_code == 200
    client.force_login(world.officer_b)
    evidence = client.get(reverse("criteria:attestation_evidence", args=[attestation.pk]))
    assert evidence.status_code == 404


def test_reference_or_file_is_required_and_viewers_cannot_attest(client, world, movement):
    criterion = _attested(movement)
    prefix = f"c{criterion.pk}"
    data = {"criterion": criterion.pk, f"{prefix}-verdict": "not_met", f"{prefix}-note": "x"}
    client.force_login(world.officer_a)
    response = client.post(check_url(movement, world.commune_a), data)
    assert response.status_code == 200
    assert "đính kèm tệp minh chứng" in response.content.decode()
    client.force_login(world.viewer_a)
    page = client.get(check_url(movement, world.commune_a)).content.decode()
    assert 'name="criterion"' not in page
    data[f"{prefix}-document_reference"] = "BB 01"
    assert client.post(check_url(movement, world.commune_a), data).status_code == 404
    client.force_login(world.officer_a)
    computed = sets.criterion_set_for(movement, CandidateType.COMMUNE_OR_TOWN).criteria.filter(
        kind=CriterionKind.COMPUTED
    )[0]
    data["criterion"] = computed.pk
    assert client.post(check_url(movement, world.commune_a), data).status_code == 404
    assert not Attestation.objects.exists()


# --- ranking ----------------------------------------------------------------------------------


def test_ranking_orders_by_criteria_met_and_scopes_to_the_user(world, movement):
    rate_all(world.commune_b)  # one more criterion met than commune A
    person = Person.objects.create(unit=world.village_a1, full_name="Hộ Giàng A", kind="household")
    rows = ranking(world.home_affairs, movement, RankingFilters(), today=date(2026, 3, 1))
    keys = [row.candidate.key for row in rows]
    assert ("unit", world.commune_b.pk) in keys and ("person", person.pk) in keys
    assert keys.index(("unit", world.commune_b.pk)) < keys.index(("unit", world.commune_a.pk))
    mets = [row.evaluation.met for row in rows]
    assert mets == sorted(mets, reverse=True)
    assert [row.rank for row in rows] == list(range(1, len(rows) + 1))
    mine = ranking(world.officer_a, movement, RankingFilters())
    assert {row.candidate.home_unit.pk for row in mine} <= {
        world.commune_a.pk,
        world.village_a1.pk,
        world.village_a2.pk,
    }
    assert ("person", person.pk) in [row.candidate.key for row in mine]


def test_ranking_filters(world, movement):
    Person.objects.create(unit=world.commune_a, full_name="Nguyễn Văn Cường", kind="cadre")
    Person.objects.create(unit=world.commune_b, full_name="Hờ A Páo", kind="household")
    rows = ranking(
        world.home_affairs, movement, RankingFilters(candidate_type=CandidateType.VILLAGE)
    )
    assert {row.candidate.unit.kind for row in rows} == {UnitKind.VILLAGE}
    rows = ranking(world.home_affairs, movement, RankingFilters(commune=world.commune_b.pk))
    assert {row.candidate.name for row in rows} == {"Xã B", "Thôn B1", "Hờ A Páo"}
    rows = ranking(world.home_affairs, movement, RankingFilters(q="cuong"))
    assert [row.candidate.name for row in rows] == ["Nguyễn Văn Cường"]
    unknown = ranking(
        world.home_affairs, movement, RankingFilters(verdict=VerdictFilter.SOME_UNKNOWN)
    )
    assert unknown and all(row.evaluation.unknown for row in unknown)
    assert (
        ranking(world.home_affairs, movement, RankingFilters(verdict=VerdictFilter.ALL_MET)) == []
    )


def test_household_meeting_every_criterion_is_all_met(world, movement):
    household = Person.objects.create(unit=world.village_a1, full_name="Hộ Sùng", kind="household")
    for criterion in sets.criterion_set_for(
        movement, CandidateType.HOUSEHOLD_OR_WORKER
    ).criteria.filter(kind=CriterionKind.ATTESTED):
        sets.attestation_record(
            actor=world.officer_a, criterion=criterion, movement=movement, person=household,
            verdict="met", note="Đạt", document_reference="BB thôn",
        )  # fmt: skip
    rows = ranking(world.home_affairs, movement, RankingFilters(verdict=VerdictFilter.ALL_MET))
    assert [row.candidate.key for row in rows] == [("person", household.pk)]
    assert rows[0].rank == 1
    assert all(r.verdict == Verdict.MET for r in rows[0].evaluation.results)


def test_ranking_page_access(client, world, movement):
    url = reverse("criteria:ranking", args=[movement.pk])
    client.force_login(world.nobody)
    assert client.get(url).status_code == 404
    client.force_login(world.officer_b)
    page = client.get(url).content.decode()
    assert f'data-candidate="unit-{world.commune_b.pk}"' in page
    assert f'data-candidate="unit-{world.commune_a.pk}"' not in page
    client.force_login(world.home_affairs)
    page = client.get(url + "?candidate_type=village").content.decode()
    assert f'data-candidate="unit-{world.village_a1.pk}"' in page
    assert f'data-candidate="unit-{world.commune_b.pk}"' not in page
    draft = MovementFactory(issuing_unit=world.district)
    assert client.get(reverse("criteria:ranking", args=[draft.pk])).status_code == 404


def _grow(world, movement, size: int) -> None:
    """More participating communes, villages and people, with facts and attestations."""
    criterion = _attested(movement, CandidateType.CADRE)
    for n in range(size):
        commune = UnitFactory(kind=UnitKind.COMMUNE, parent=world.district)
        Participant.objects.create(movement=movement, unit=commune, source=ParticipantSource.MANUAL)
        UnitFactory(kind=UnitKind.VILLAGE, parent=commune)
        rate_all(commune, years=[2023, 2024])
        cadre = Person.objects.create(unit=commune, full_name=f"Cán bộ {n}", kind="cadre")
        rate_all(cadre, "excellent", years=[2024])
        forget(world.home_affairs)  # the new commune joins the cached reach
        sets.attestation_record(
            actor=world.home_affairs, criterion=criterion, movement=movement, person=cadre,
            verdict="met", note="Đạt", document_reference="BB",
        )  # fmt: skip


def test_ranking_page_costs_a_fixed_number_of_queries(
    client, world, movement, django_assert_max_num_queries
):
    client.force_login(world.home_affairs)
    url = reverse("criteria:ranking", args=[movement.pk])
    _grow(world, movement, 2)
    client.get(url)
    with django_assert_max_num_queries(20):
        small = client.get(url + "?verdict=some_unknown&commune=")
    _grow(world, movement, 25)
    with django_assert_max_num_queries(20):
        large = client.get(url + "?verdict=some_unknown&commune=")
    assert small.status_code == large.status_code == 200
    assert large.context["counts"]["total"] > small.context["counts"]["total"]


def test_export_opens_with_openpyxl_and_follows_the_filters(client, world, movement):
    Person.objects.create(unit=world.commune_a, full_name="Nguyễn Văn Cường", kind="cadre")
    client.force_login(world.home_affairs)
    url = reverse("criteria:ranking_export", args=[movement.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH ỨNG VIÊN XẾP THEO SỐ TIÊU CHÍ ĐẠT"
    assert rows[4][:3] == ("Hạng", "Ứng viên", "Loại đối tượng")
    names = {row[1] for row in rows[5:]}
    assert {"Xã A", "Xã B", "Thôn A1", "Nguyễn Văn Cường"} <= names
    filtered = client.get(url + "?candidate_type=cadre")
    rows = list(load_workbook(BytesIO(filtered.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[5:]] == ["Nguyễn Văn Cường"]
    assert "Bộ lọc" in rows[2][0]
    client.force_login(world.nobody)
    assert client.get(url).status_code == 404
