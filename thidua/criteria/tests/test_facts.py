"""People, annual ratings and cultural village recognitions: services, access, constraints
and pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from thidua.criteria import services
from thidua.criteria.models import (
    RATING_RANK,
    AnnualRating,
    CulturalVillageRecognition,
    Person,
    PersonKind,
    RatingLevel,
)
from thidua.testing import files as testing_files

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def make_person(world, unit=None, name="Nguyễn Văn An", **data) -> Person:
    return services.person_create(
        actor=world.officer_a,
        unit=unit or world.commune_a,
        data={"full_name": name, "kind": PersonKind.CADRE, **data},
    )


def login(client, user):
    client.force_login(user)
    return client


# --- models and services ---------------------------------------------------------------------


def test_levels_are_ordered_best_first():
    assert RATING_RANK[RatingLevel.EXCELLENT] < RATING_RANK[RatingLevel.GOOD]
    assert RATING_RANK[RatingLevel.GOOD] < RATING_RANK[RatingLevel.COMPLETED]
    assert RATING_RANK[RatingLevel.COMPLETED] < RATING_RANK[RatingLevel.NOT_COMPLETED]


def test_person_create_folds_search_text_and_records_history(world):
    person = make_person(world, name="Đặng Thị Lành", position="Chủ tịch Hội Phụ nữ")
    assert person.search_text.startswith("dang thi lanh")
    record = person.history.get()
    assert record.history_user == world.officer_a


def test_person_errors_name_the_field(world):
    with pytest.raises(ValidationError) as caught:
        make_person(world, name=" ", kind="alien", birth_year=1800)
    assert set(caught.value.message_dict) == {"full_name", "kind", "birth_year"}


def test_person_outside_reach_is_refused(world):
    with pytest.raises(PermissionDenied):
        make_person(world, unit=world.commune_b)
    person = make_person(world)
    with pytest.raises(PermissionDenied):
        services.person_update(actor=world.officer_b, person=person, data={"position": "x"})
    # A viewer holds a role but may not edit.
    with pytest.raises(PermissionDenied):
        services.person_create(
            actor=world.viewer_a,
            unit=world.commune_a,
            data={"full_name": "A", "kind": PersonKind.WORKER},
        )


def test_home_affairs_may_record_for_any_unit_of_the_district(world):
    person = services.person_create(
        actor=world.home_affairs,
        unit=world.village_b1,
        data={"full_name": "Lò Văn Bình", "kind": PersonKind.VILLAGE_WORKER},
    )
    rating, created = services.rating_record(
        actor=world.home_affairs,
        person=person,
        year=2023,
        level=RatingLevel.GOOD,
        document_reference="QĐ 1",
    )
    assert created and rating.person == person


def test_person_update_moves_within_reach_only(world):
    person = make_person(world)
    services.person_update(
        actor=world.officer_a, person=person, unit=world.village_a1, data={"position": "Trưởng"}
    )
    person.refresh_from_db()
    assert person.unit == world.village_a1 and person.position == "Trưởng"
    with pytest.raises(PermissionDenied):
        services.person_update(actor=world.officer_a, person=person, unit=world.commune_b, data={})


def test_rating_record_creates_then_replaces_with_attributed_history(world):
    rating, created = services.rating_record(
        actor=world.officer_a,
        unit=world.commune_a,
        year=2022,
        level=RatingLevel.GOOD,
        document_reference="Quyết định số 12/QĐ-UBND ngày 20/01/2023",
    )
    assert created
    again, created = services.rating_record(
        actor=world.home_affairs,
        unit=world.commune_a,
        year=2022,
        level=RatingLevel.EXCELLENT,
        document_reference="Quyết định số 15/QĐ-UBND",
    )
    assert not created and again.pk == rating.pk
    assert AnnualRating.objects.count() == 1
    again.refresh_from_db()
    assert again.level == RatingLevel.EXCELLENT and again.recorded_by == world.home_affairs
    users = [h.history_user for h in again.history.order_by("history_date")]
    assert users == [world.officer_a, world.home_affairs]


@pytest.mark.parametrize("year", [1999, THIS_YEAR + 1])
def test_rating_year_out_of_range_is_refused(world, year):
    with pytest.raises(ValidationError) as caught:
        services.rating_record(
            actor=world.officer_a,
            unit=world.commune_a,
            year=year,
            level=RatingLevel.GOOD,
            document_reference="QĐ",
        )
    assert "year" in caught.value.message_dict
    assert "2000" in caught.value.message_dict["year"][0]


def test_rating_needs_evidence_or_reference_and_a_known_level(world):
    with pytest.raises(ValidationError) as caught:
        services.rating_record(actor=world.officer_a, unit=world.commune_a, year=2021, level="x")
    assert set(caught.value.message_dict) == {"level", "document_reference"}


def test_rating_evidence_must_be_a_real_document(world):
    fake = SimpleUploadedFile("qd.pdf", b"not a pdf at all")
    with pytest.raises(ValidationError) as caught:
        services.rating_record(
            actor=world.officer_a,
            unit=world.commune_a,
            year=2021,
            level=RatingLevel.GOOD,
            evidence=fake,
        )
    assert "evidence" in caught.value.message_dict
    good = SimpleUploadedFile("qd.pdf", testing_files.PDF)
    rating, _ = services.rating_record(
        actor=world.officer_a,
        unit=world.commune_a,
        year=2021,
        level=RatingLevel.GOOD,
        evidence=good,
    )
    assert rating.evidence.name.endswith(".pdf")
    # Replacing without a new file keeps the file (and so needs no reference).
    rating, _ = services.rating_record(
        actor=world.officer_a, unit=world.commune_a, year=2021, level=RatingLevel.EXCELLENT
    )
    assert rating.evidence and rating.level == RatingLevel.EXCELLENT


def test_rating_of_a_person_follows_their_unit_reach(world):
    person = make_person(world)
    with pytest.raises(PermissionDenied):
        services.rating_record(
            actor=world.officer_b,
            person=person,
            year=2022,
            level=RatingLevel.GOOD,
            document_reference="QĐ",
        )


def test_constraints_exactly_one_subject_and_one_rating_per_year(world):
    person = make_person(world)
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(year=2022, level="good", recorded_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(
            year=2022, level="good", unit=world.commune_a, person=person, recorded_at=now
        )
    AnnualRating.objects.create(year=2022, level="good", unit=world.commune_a, recorded_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(year=2022, level="good", unit=world.commune_a, recorded_at=now)
    AnnualRating.objects.create(year=2022, level="good", person=person, recorded_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(year=2022, level="good", person=person, recorded_at=now)
    CulturalVillageRecognition.objects.create(unit=world.village_a1, year=2022, recorded_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        CulturalVillageRecognition.objects.create(unit=world.village_a1, year=2022, recorded_at=now)


def test_recognition_only_for_villages(world):
    recognition, created = services.recognition_record(
        actor=world.officer_a, unit=world.village_a1, year=2023, document_reference="QĐ 5"
    )
    assert created and recognition.history.get().history_user == world.officer_a
    _again, created = services.recognition_record(
        actor=world.officer_a, unit=world.village_a1, year=2023, document_reference="QĐ 6"
    )
    assert not created
    with pytest.raises(ValidationError) as caught:
        services.recognition_record(
            actor=world.officer_a, unit=world.commune_a, year=2023, document_reference="QĐ"
        )
    assert "unit" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.recognition_record(
            actor=world.officer_b, unit=world.village_a1, year=2023, document_reference="QĐ"
        )


# --- pages and access ------------------------------------------------------------------------


def test_facts_page_shows_every_year_with_missing_ones(client, world):
    person = make_person(world)
    services.rating_record(
        actor=world.officer_a,
        person=person,
        year=2022,
        level=RatingLevel.EXCELLENT,
        document_reference="Quyết định số 12/QĐ-UBND",
    )
    response = login(client, world.viewer_a).get(reverse("criteria:person", args=[person.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.year for r in rows] == list(range(THIS_YEAR, 2019, -1))
    by_year = {r.year: r.rating for r in rows}
    assert by_year[2022].level == RatingLevel.EXCELLENT
    assert by_year[2021] is None and by_year[2023] is None
    html = response.content.decode()
    assert "chưa có" in html
    assert "Hoàn thành xuất sắc nhiệm vụ" in html or "hoàn thành xuất sắc nhiệm vụ" in html
    # A viewer sees no edit links.
    assert reverse("criteria:person_rating", args=[person.pk]) not in html


def test_unit_facts_page_shows_recognitions_for_villages(client, world):
    services.recognition_record(
        actor=world.officer_a, unit=world.village_a1, year=2024, document_reference="QĐ 77/QĐ"
    )
    response = login(client, world.officer_a).get(
        reverse("criteria:unit", args=[world.village_a1.pk])
    )
    assert response.status_code == 200
    assert "QĐ 77/QĐ" in response.content.decode()
    assert len(response.context["rows"]) == THIS_YEAR - 2020 + 1


@pytest.mark.parametrize(
    "name,args",
    [
        ("criteria:person", "person"),
        ("criteria:person_update", "person"),
        ("criteria:person_rating", "person"),
        ("criteria:unit", "unit"),
        ("criteria:unit_rating", "unit"),
    ],
)
def test_outsiders_get_404(client, world, name, args):
    person = make_person(world)
    pk = person.pk if args == "person" else world.commune_a.pk
    login(client, world.officer_b)
    assert client.get(reverse(name, args=[pk])).status_code == 404
    assert client.get(reverse(name, args=[999999])).status_code == 404


def test_viewer_cannot_edit(client, world):
    person = make_person(world)
    login(client, world.viewer_a)
    assert client.get(reverse("criteria:person", args=[person.pk])).status_code == 200
    for name, pk in (
        ("criteria:person_update", person.pk),
        ("criteria:person_rating", person.pk),
        ("criteria:unit_rating", world.commune_a.pk),
        ("criteria:recognition", world.village_a1.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert client.get(reverse("criteria:person_create")).status_code == 404
    assert client.get(reverse("criteria:ratings_import")).status_code == 404


def test_person_form_creates_and_edits(client, world):
    login(client, world.officer_a)
    response = client.post(
        reverse("criteria:person_create"),
        {"unit": world.village_a1.pk, "full_name": "Hà Văn Chiến", "kind": "village_worker"},
    )
    person = Person.objects.get()
    assert response.status_code == 302 and person.unit == world.village_a1
    response = client.post(
        reverse("criteria:person_update", args=[person.pk]),
        {
            "unit": world.village_a1.pk,
            "full_name": "Hà Văn Chiến",
            "kind": "worker",
            "birth_year": 1800,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["birth_year"]
    # A unit outside reach is not a choice.
    response = client.post(
        reverse("criteria:person_create"),
        {"unit": world.commune_b.pk, "full_name": "X", "kind": "worker"},
    )
    assert response.status_code == 200 and Person.objects.count() == 1


def test_rating_form_records_and_shows_field_errors(client, world):
    login(client, world.officer_a)
    url = reverse("criteria:unit_rating", args=[world.commune_a.pk])
    assert client.get(url + "?year=2021").context["form"].initial["year"] == 2021
    response = client.post(url, {"year": 1990, "level": "good", "document_reference": "QĐ"})
    assert response.status_code == 200
    assert "2000" in response.context["form"].errors["year"][0]
    response = client.post(url, {"year": 2021, "level": "good", "document_reference": "QĐ 1"})
    assert response.status_code == 302
    assert AnnualRating.objects.get().unit == world.commune_a


def test_recognition_form_only_for_villages(client, world):
    login(client, world.officer_a)
    assert client.get(reverse("criteria:recognition", args=[world.commune_a.pk])).status_code == 404
    url = reverse("criteria:recognition", args=[world.village_a1.pk])
    response = client.post(url, {"year": 2024, "document_reference": "QĐ 9"})
    assert response.status_code == 302
    assert CulturalVillageRecognition.objects.get().year == 2024


def test_evidence_download_checks_reach(client, world):
    rating, _ = services.rating_record(
        actor=world.officer_a,
        unit=world.commune_a,
        year=2021,
        level=RatingLevel.GOOD,
        evidence=SimpleUploadedFile("qd.pdf", testing_files.PDF),
    )
    url = reverse("criteria:rating_evidence", args=[rating.pk])
    assert login(client, world.viewer_a).get(url).status_code == 200
    client.logout()
    assert login(client, world.officer_b).get(url).status_code == 404


def test_people_list_scope_filters_and_search(client, world):
    make_person(world, name="Nguyễn Văn An")
    make_person(world, unit=world.village_a1, name="Lò Thị Bích", kind=PersonKind.HOUSEHOLD)
    services.person_create(
        actor=world.officer_b,
        unit=world.commune_b,
        data={"full_name": "Người Xã B", "kind": PersonKind.CADRE},
    )
    login(client, world.officer_a)
    url = reverse("criteria:people")
    names = lambda r: [p.full_name for p in r.context["page_obj"]]  # noqa: E731
    assert sorted(names(client.get(url))) == ["Lò Thị Bích", "Nguyễn Văn An"]
    assert names(client.get(url, {"q": "bich"})) == ["Lò Thị Bích"]
    assert names(client.get(url, {"kind": "cadre"})) == ["Nguyễn Văn An"]
    assert names(client.get(url, {"unit": world.village_a1.pk})) == ["Lò Thị Bích"]
    # Another commune's unit in the filter is ignored, not revealed.
    assert len(names(client.get(url, {"unit": world.commune_b.pk}))) == 2
    client.logout()
    assert login(client, world.nobody).get(url).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_people_list_query_count_is_fixed(client, world, django_assert_max_num_queries, count):
    Person.objects.bulk_create(
        Person(unit=world.village_a1, full_name=f"Người {i}", kind=PersonKind.WORKER)
        for i in range(count)
    )
    login(client, world.home_affairs)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("criteria:people"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == count
