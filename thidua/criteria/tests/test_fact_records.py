"""Other facts (targets, initiatives, contributions, violations, complaints): validation,
services, pages; deleting ratings, recognitions and facts after a confirmation page; the demo
facts; query-count guards on the people list and the unit facts page."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from thidua.criteria import services
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactKind,
    FactRecord,
    Person,
    PersonKind,
    RatingLevel,
    TargetOutcome,
)
from thidua.criteria.views.facts import facts_by_year
from thidua.demo.facts import load_demo_facts
from thidua.testing import files as testing_files

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year
PDF = testing_files.PDF  # a real PDF: uploads are checked by content


def login(client, user):
    client.force_login(user)
    return client


def make_person(world, unit=None, name="Nguyễn Văn An") -> Person:
    return services.person_create(
        actor=world.officer_a,
        unit=unit or world.commune_a,
        data={"full_name": name, "kind": PersonKind.CADRE},
    )


def fact_data(**overrides) -> dict:
    data = {
        "kind": FactKind.TARGET,
        "year": 2024,
        "summary": "Thu ngân sách đạt 112% dự toán",
        "outcome": TargetOutcome.EXCEEDED,
        "amount": None,
        "document_reference": "Báo cáo số 15/BC-UBND",
    }
    data.update(overrides)
    return data


def add_fact(world, *, unit=None, person=None, **overrides) -> FactRecord:
    if person is None and unit is None:
        unit = world.commune_a
    return services.fact_record_create(
        actor=world.officer_a, unit=unit, person=person, data=fact_data(**overrides)
    )


def photo(name="anh.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- fact_record_errors ----------------------------------------------------------------------


def errors(**overrides) -> dict[str, str]:
    values = {**fact_data(), "has_file": False}
    values.update(overrides)
    return services.fact_record_errors(**values)


def test_a_complete_target_has_no_error():
    assert errors() == {}


@pytest.mark.parametrize(
    "overrides,field,words",
    [
        ({"kind": "rumour"}, "kind", "«Loại dữ kiện»"),
        ({"year": 1999}, "year", "2000"),
        ({"year": THIS_YEAR + 1}, "year", str(THIS_YEAR)),
        ({"year": "2024"}, "year", "2000"),
        ({"summary": "  "}, "summary", "«Nội dung»"),
        ({"summary": "x" * 501}, "summary", "500"),
        ({"outcome": ""}, "outcome", "«Kết quả»"),
        ({"outcome": "great"}, "outcome", "«Kết quả»"),
        ({"amount": 5}, "amount", "chỉ ghi cho đóng góp"),
        ({"document_reference": ""}, "document_reference", "«Văn bản căn cứ»"),
        ({"document_reference": "x" * 301}, "document_reference", "300"),
    ],
)
def test_each_rule_names_its_field(overrides, field, words):
    found = errors(**overrides)
    assert list(found) == [field]
    assert words in found[field]


def test_outcome_only_for_targets_and_amount_only_for_contributions():
    found = errors(kind=FactKind.INITIATIVE)
    assert list(found) == ["outcome"] and "chỉ ghi cho chỉ tiêu" in found["outcome"]
    base = {"kind": FactKind.CONTRIBUTION, "outcome": ""}
    for amount in (None, 0, -5, Decimal("1.5"), 10**16, "abc"):
        assert list(errors(**base, amount=amount)) == ["amount"], amount
    assert errors(**base, amount=15_000_000) == {}
    assert errors(**base, amount=Decimal("15000000")) == {}
    for kind in (FactKind.VIOLATION, FactKind.COMPLAINT, FactKind.INITIATIVE):
        assert errors(kind=kind, outcome="") == {}


def test_a_file_replaces_the_reference():
    assert errors(document_reference="", has_file=True) == {}


# --- services --------------------------------------------------------------------------------


def test_create_update_delete_keep_attributed_history(world):
    fact = add_fact(world)
    assert fact.recorded_by == world.officer_a and fact.outcome == TargetOutcome.EXCEEDED
    services.fact_record_update(
        actor=world.home_affairs,
        fact=fact,
        data={"outcome": TargetOutcome.ACHIEVED, "summary": "Thu ngân sách đạt 100%"},
    )
    fact.refresh_from_db()
    assert fact.outcome == TargetOutcome.ACHIEVED and fact.recorded_by == world.home_affairs
    services.fact_record_delete(actor=world.officer_a, fact=fact)
    assert not FactRecord.objects.exists()
    history = list(FactRecord.history.filter(id=fact.pk).order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert [h.history_user for h in history] == [
        world.officer_a,
        world.home_affairs,
        world.officer_a,
    ]
    assert history[-1].summary == "Thu ngân sách đạt 100%"


def test_contribution_of_a_person_with_amount(world):
    person = make_person(world)
    fact = add_fact(
        world,
        person=person,
        kind=FactKind.CONTRIBUTION,
        outcome="",
        amount=15_000_000,
        summary="Ủng hộ Quỹ Vì người nghèo",
    )
    assert fact.person == person and fact.unit is None and fact.amount == Decimal(15_000_000)


def test_validation_errors_are_raised_by_field(world):
    with pytest.raises(ValidationError) as caught:
        add_fact(world, kind=FactKind.CONTRIBUTION, outcome="exceeded", document_reference="")
    assert set(caught.value.message_dict) == {"outcome", "amount", "document_reference"}
    assert not FactRecord.objects.exists()


def test_evidence_must_be_a_real_document_or_photo(world):
    with pytest.raises(ValidationError) as caught:
        add_fact_with_file(world, SimpleUploadedFile("bb.pdf", b"not a pdf"))
    assert "evidence" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        add_fact_with_file(world, SimpleUploadedFile("anh.jpg", b"not an image"))
    assert "evidence" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        add_fact_with_file(world, SimpleUploadedFile("ghi-chu.txt", b"hello"))
    assert "evidence" in caught.value.message_dict
    assert add_fact_with_file(world, SimpleUploadedFile("bb.pdf", PDF)).evidence
    assert add_fact_with_file(world, photo()).evidence.name.endswith(".jpg")


def add_fact_with_file(world, upload) -> FactRecord:
    return services.fact_record_create(
        actor=world.officer_a,
        unit=world.commune_a,
        data=fact_data(document_reference=""),
        evidence=upload,
    )


def test_removing_the_only_evidence_needs_a_reference(world):
    fact = add_fact_with_file(world, SimpleUploadedFile("bb.pdf", PDF))
    with pytest.raises(ValidationError) as caught:
        services.fact_record_update(actor=world.officer_a, fact=fact, data={}, clear_evidence=True)
    assert "document_reference" in caught.value.message_dict
    services.fact_record_update(
        actor=world.officer_a, fact=fact, data={"document_reference": "QĐ 1"}, clear_evidence=True
    )
    fact.refresh_from_db()
    assert not fact.evidence and fact.document_reference == "QĐ 1"


def test_writes_outside_reach_are_refused(world):
    fact = add_fact(world)
    with pytest.raises(PermissionDenied):
        add_fact(world, unit=world.commune_b)
    with pytest.raises(PermissionDenied):
        services.fact_record_update(actor=world.officer_b, fact=fact, data={})
    with pytest.raises(PermissionDenied):
        services.fact_record_delete(actor=world.viewer_a, fact=fact)
    person = make_person(world)
    rating, _ = services.rating_record(
        actor=world.officer_a, person=person, year=2022, level="good", document_reference="QĐ"
    )
    with pytest.raises(PermissionDenied):
        services.rating_delete(actor=world.officer_b, rating=rating)
    with pytest.raises(ValueError):
        services.fact_record_create(actor=world.officer_a, data=fact_data())


def test_facts_by_year_groups_newest_year_first_then_kind_order(world):
    add_fact(world, year=2023, kind=FactKind.COMPLAINT, outcome="", summary="Khiếu nại")
    add_fact(world, year=2023, summary="Chỉ tiêu A")
    add_fact(world, year=2025, summary="Chỉ tiêu B")
    add_fact(world, year=2023, kind=FactKind.INITIATIVE, outcome="", summary="Sáng kiến")
    years = facts_by_year(list(FactRecord.objects.all()))
    assert [y.year for y in years] == [2025, 2023]
    assert [g.kind for g in years[1].groups] == ["target", "initiative", "complaint"]
    assert years[1].groups[0].label == "Thực hiện chỉ tiêu"


# --- pages -----------------------------------------------------------------------------------


def test_unit_fact_form_records_a_target(client, world):
    login(client, world.officer_a)
    url = reverse("criteria:unit_fact_create", args=[world.commune_a.pk])
    page = client.get(url + "?kind=contribution&year=2023")
    assert page.context["form"].initial == {"kind": "contribution", "year": 2023}
    response = client.post(
        url,
        {
            "kind": "target",
            "year": 2024,
            "summary": "Giảm 5,2% hộ nghèo",
            "outcome": "exceeded",
            "document_reference": "Báo cáo 198/BC-UBND",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("criteria:unit", args=[world.commune_a.pk]) + "#facts"
    )
    fact = FactRecord.objects.get()
    assert fact.unit == world.commune_a and fact.outcome == "exceeded"
    html = client.get(reverse("criteria:unit", args=[world.commune_a.pk])).content.decode()
    assert "Giảm 5,2% hộ nghèo" in html and "Năm 2024" in html
    assert reverse("criteria:fact_delete", args=[fact.pk]) in html


def test_person_fact_form_shows_field_errors_and_parses_amounts(client, world):
    person = make_person(world)
    login(client, world.officer_a)
    url = reverse("criteria:person_fact_create", args=[person.pk])
    response = client.post(url, {"kind": "contribution", "year": 2024, "summary": "Ủng hộ"})
    assert response.status_code == 200
    form_errors = response.context["form"].errors
    assert "«Số tiền (đồng)»" in form_errors["amount"][0]
    assert "«Văn bản căn cứ»" in form_errors["document_reference"][0]
    response = client.post(url, {"kind": "contribution", "year": 2024, "amount": "15 triệu"})
    assert "amount" in response.context["form"].errors
    response = client.post(
        url,
        {
            "kind": "contribution",
            "year": 2024,
            "summary": "Ủng hộ Quỹ Vì người nghèo",
            "amount": "15.000.000 đ",
            "evidence": photo(),
        },
    )
    assert response.status_code == 302
    fact = FactRecord.objects.get()
    assert fact.person == person and fact.amount == 15_000_000 and fact.evidence
    html = client.get(reverse("criteria:person", args=[person.pk])).content.decode()
    assert "15.000.000 đ" in html and "Ủng hộ Quỹ Vì người nghèo" in html
    download = client.get(reverse("criteria:fact_evidence", args=[fact.pk]))
    assert download.status_code == 200


def test_fact_edit_page_prefills_and_saves(client, world):
    fact = add_fact(world, kind=FactKind.CONTRIBUTION, outcome="", amount=2_500_000)
    login(client, world.officer_a)
    url = reverse("criteria:fact_update", args=[fact.pk])
    page = client.get(url)
    assert 'value="2.500.000"' in page.content.decode()
    response = client.post(
        url,
        {
            "kind": "contribution",
            "year": 2024,
            "summary": "Ủng hộ quỹ (sửa)",
            "amount": "3.000.000",
            "document_reference": "GXN 45",
        },
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.amount == 3_000_000 and fact.summary == "Ủng hộ quỹ (sửa)"


def test_fact_delete_asks_first_then_deletes(client, world):
    fact = add_fact(world)
    login(client, world.officer_a)
    url = reverse("criteria:fact_delete", args=[fact.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "Thu ngân sách đạt 112% dự toán" in html
    assert "lịch sử thay đổi vẫn giữ" in html
    assert FactRecord.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and not FactRecord.objects.exists()
    history = client.get(reverse("criteria:unit_history", args=[world.commune_a.pk]))
    deleted = [e for e in history.context["history_entries"] if e.action == "Xóa"]
    assert len(deleted) == 1 and "Thực hiện chỉ tiêu" in deleted[0].subject
    assert "2024" in deleted[0].subject


def test_rating_and_recognition_delete_with_confirmation(client, world):
    person = make_person(world)
    rating, _ = services.rating_record(
        actor=world.officer_a,
        person=person,
        year=2022,
        level=RatingLevel.EXCELLENT,
        document_reference="QĐ 12",
    )
    recognition, _ = services.recognition_record(
        actor=world.officer_a, unit=world.village_a1, year=2023, document_reference="QĐ 30"
    )
    login(client, world.officer_a)
    page = client.get(reverse("criteria:person", args=[person.pk])).content.decode()
    assert reverse("criteria:rating_delete", args=[rating.pk]) in page
    url = reverse("criteria:rating_delete", args=[rating.pk])
    confirm = client.get(url).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in confirm and "QĐ 12" in confirm
    response = client.post(url)
    assert response["Location"].endswith(reverse("criteria:person", args=[person.pk]) + "#ratings")
    assert not AnnualRating.objects.exists()
    # The person's page keeps the deleted rating in its history.
    page = client.get(reverse("criteria:person", args=[person.pk]))
    assert any(e.action == "Xóa" for e in page.context["history_entries"])
    url = reverse("criteria:recognition_delete", args=[recognition.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    assert not CulturalVillageRecognition.objects.exists()
    assert CulturalVillageRecognition.history.filter(history_type="-").get().year == 2023


@pytest.mark.parametrize("name", ["fact_update", "fact_delete", "fact_evidence"])
def test_fact_pages_answer_404_to_outsiders(client, world, name):
    fact = add_fact(world)
    login(client, world.officer_b)
    assert client.get(reverse(f"criteria:{name}", args=[fact.pk])).status_code == 404
    assert client.get(reverse(f"criteria:{name}", args=[999999])).status_code == 404


def test_viewer_sees_facts_but_cannot_change_them(client, world):
    fact = add_fact(world)
    person = make_person(world)
    rating, _ = services.rating_record(
        actor=world.officer_a, person=person, year=2022, level="good", document_reference="QĐ"
    )
    login(client, world.viewer_a)
    html = client.get(reverse("criteria:unit", args=[world.commune_a.pk])).content.decode()
    assert fact.summary in html
    assert reverse("criteria:fact_update", args=[fact.pk]) not in html
    for name, pk in (
        ("criteria:fact_update", fact.pk),
        ("criteria:fact_delete", fact.pk),
        ("criteria:rating_delete", rating.pk),
        ("criteria:unit_fact_create", world.commune_a.pk),
        ("criteria:person_fact_create", person.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
        assert client.post(reverse(name, args=[pk])).status_code == 404
    assert FactRecord.objects.exists() and AnnualRating.objects.exists()


def test_delete_pages_refuse_other_methods(client, world):
    fact = add_fact(world)
    login(client, world.officer_a)
    assert client.put(reverse("criteria:fact_delete", args=[fact.pk])).status_code == 405


# --- query-count guards ----------------------------------------------------------------------


def _fill_unit(world, count: int) -> None:
    now = timezone.now()
    FactRecord.objects.bulk_create(
        FactRecord(
            unit=world.village_a1,
            kind=FactKind.values[i % len(FactKind.values)],
            year=2020 + i % 6,
            summary=f"Dữ kiện {i}",
            outcome="achieved" if i % len(FactKind.values) == 0 else "",
            amount=1000 if FactKind.values[i % len(FactKind.values)] == "contribution" else None,
            document_reference="QĐ",
            recorded_by=world.officer_a,
            recorded_at=now,
        )
        for i in range(count)
    )
    AnnualRating.objects.bulk_create(
        AnnualRating(
            unit=world.village_a1,
            year=2020 + i,
            level="good",
            document_reference="QĐ",
            recorded_by=world.officer_a,
            recorded_at=now,
        )
        for i in range(min(count, 6))
    )
    CulturalVillageRecognition.objects.bulk_create(
        CulturalVillageRecognition(
            unit=world.village_a1, year=2020 + i, document_reference="QĐ", recorded_at=now
        )
        for i in range(min(count, 6))
    )
    Person.objects.bulk_create(
        Person(unit=world.village_a1, full_name=f"Người {i}", kind=PersonKind.WORKER)
        for i in range(count)
    )


@pytest.mark.parametrize("count", [2, 40])
def test_unit_facts_page_query_count_is_fixed(client, world, django_assert_max_num_queries, count):
    _fill_unit(world, count)
    login(client, world.officer_a)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("criteria:unit", args=[world.village_a1.pk]))
    assert response.status_code == 200
    shown = sum(len(g.facts) for y in response.context["fact_years"] for g in y.groups)
    assert shown == count


@pytest.mark.parametrize("count", [2, 40])
def test_people_list_of_a_unit_query_count_is_fixed(
    client, world, django_assert_max_num_queries, count
):
    _fill_unit(world, count)
    login(client, world.officer_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("criteria:people"), {"unit": world.village_a1.pk})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == count


# --- demo facts ------------------------------------------------------------------------------


def test_demo_facts_are_idempotent_and_cover_the_branches(db):
    call_command("load_demo", stdout=StringIO())
    # load_demo may already call it; either way the facts are there afterwards.
    load_demo_facts()
    assert FactRecord.objects.exists()
    counts = (
        Person.objects.count(),
        AnnualRating.objects.count(),
        CulturalVillageRecognition.objects.count(),
        FactRecord.objects.count(),
    )
    assert load_demo_facts() is False
    assert counts == (
        Person.objects.count(),
        AnnualRating.objects.count(),
        CulturalVillageRecognition.objects.count(),
        FactRecord.objects.count(),
    )
    people = Person.objects.filter(unit__code__startswith="TT.")
    assert people.count() >= 4 and all(p.is_sample for p in people)
    assert len({p.unit.code.split(".")[1] for p in people}) >= 2

    def levels(**owner) -> dict[int, str]:
        return dict(AnnualRating.objects.filter(**owner).values_list("year", "level"))

    sinh = levels(person__full_name="Mùa A Sình")
    assert sorted(sinh) == list(range(2020, 2026))
    assert list(sinh.values()).count(RatingLevel.EXCELLENT) == 2
    assert RatingLevel.COMPLETED in levels(person__full_name="Sùng Thị Dua").values()
    assert 2023 not in levels(person__full_name="Hờ Thị Mỷ")
    assert 2021 not in levels(unit__code="TT.HATLUU")
    assert levels(unit__code="TT.XAHO")[2022] == RatingLevel.COMPLETED
    recognised = {
        code: CulturalVillageRecognition.objects.filter(unit__code=code).count()
        for code in ("TT.BANMU.T1", "TT.BANMU.T2")
    }
    assert recognised == {"TT.BANMU.T1": 5, "TT.BANMU.T2": 4}
    assert all(
        "(mẫu)" in r for r in AnnualRating.objects.values_list("document_reference", flat=True)
    )
    kinds = set(FactRecord.objects.values_list("kind", flat=True))
    assert kinds == set(FactKind.values)
    for fact in FactRecord.objects.all():
        assert not services.fact_record_errors(
            kind=fact.kind,
            year=fact.year,
            summary=fact.summary,
            outcome=fact.outcome,
            amount=fact.amount,
            document_reference=fact.document_reference,
            has_file=False,
        )


def test_demo_facts_do_nothing_without_the_demo_units(world):
    assert load_demo_facts() is False
    assert not FactRecord.objects.exists()
