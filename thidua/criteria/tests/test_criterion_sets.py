"""Criterion sets as data: templates from the plan, copies per movement, versions, locks,
criterion edits, and their pages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from thidua.core.errors import ApplicationError
from thidua.criteria import plan_criteria, sets
from thidua.criteria.models import (
    Attestation,
    CandidateType,
    Criterion,
    CriterionKind,
    CriterionSet,
    Person,
    RuleKey,
)
from thidua.testing import launched_movement

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world)


@pytest.fixture
def commune_set(world, movement):
    sets.criterion_sets_for_movement(movement=movement, actor=world.home_affairs)
    return sets.criterion_set_for(movement, CandidateType.COMMUNE_OR_TOWN)


# --- templates ------------------------------------------------------------------------------


def test_templates_load_one_set_per_candidate_type_and_a_second_run_changes_nothing():
    first = sets.criterion_templates_load()
    assert sorted(first.created) == sorted(CandidateType.values)
    templates = CriterionSet.objects.filter(movement__isnull=True)
    assert templates.count() == len(CandidateType.values)
    count = Criterion.objects.count()
    second = sets.criterion_templates_load()
    assert second.created == [] and second.new_versions == []
    assert sorted(second.unchanged) == sorted(CandidateType.values)
    assert Criterion.objects.count() == count


def test_templates_use_the_plans_wording_and_parameters():
    sets.criterion_templates_load()
    cadre = CriterionSet.objects.get(movement__isnull=True, candidate_type=CandidateType.CADRE)
    rating = cadre.criteria.get(rule=RuleKey.RATINGS)
    assert rating.params == {
        "from_year": 2020,
        "to_year": 2025,
        "min_level": "good",
        "excellent_at_least": 2,
    }
    assert "ít nhất 02 năm đạt Hoàn thành xuất sắc nhiệm vụ" in rating.text
    village = CriterionSet.objects.get(movement__isnull=True, candidate_type=CandidateType.VILLAGE)
    assert village.criteria.get(rule=RuleKey.CULTURAL_VILLAGE).text == (
        "Có 05 năm đạt thôn, tổ dân phố văn hóa."
    )
    assert village.criteria.filter(kind=CriterionKind.ATTESTED).exists()


def test_a_changed_plan_gives_a_new_template_version(monkeypatch):
    sets.criterion_templates_load()
    changed = list(plan_criteria.PLAN_SETS)
    first = changed[0]
    changed[0] = plan_criteria.SetData(
        first.candidate_type, first.name + " (sửa)", first.source, first.criteria
    )
    monkeypatch.setattr(plan_criteria, "PLAN_SETS", tuple(changed))
    result = sets.criterion_templates_load()
    assert result.new_versions == [first.candidate_type]
    latest = sets.latest_templates()[first.candidate_type]
    assert latest.version == 2 and latest.based_on.version == 1


def test_load_criterion_sets_command_is_idempotent_and_copies_to_a_movement(movement):
    out = StringIO()
    call_command("load_criterion_sets", "--movement", str(movement.pk), stdout=out)
    call_command("load_criterion_sets", "--all-movements", stdout=out)
    assert "unchanged 7" in out.getvalue()
    assert CriterionSet.objects.filter(movement=movement).count() == 7
    assert CriterionSet.objects.filter(movement__isnull=True).count() == 7


# --- sets of a movement ---------------------------------------------------------------------


def test_copying_templates_to_a_movement_makes_version_1_once(world, movement):
    copied = sets.criterion_sets_for_movement(movement=movement, actor=world.home_affairs)
    assert len(copied) == 7
    assert {s.version for s in copied} == {1}
    again = sets.criterion_sets_for_movement(movement=movement, actor=world.home_affairs)
    assert [s.pk for s in again] == [s.pk for s in copied]
    commune = sets.criterion_set_for(movement, CandidateType.COMMUNE_OR_TOWN)
    assert commune.based_on.is_template
    assert commune.history.first().history_user == world.home_affairs


def test_only_home_affairs_of_the_issuer_manages_sets(world, movement):
    with pytest.raises(PermissionDenied):
        sets.criterion_sets_for_movement(movement=movement, actor=world.officer_a)
    with pytest.raises(PermissionDenied):
        sets.criterion_sets_for_movement(movement=movement, actor=world.chairman)


def test_new_version_copies_the_criteria(world, commune_set):
    version_2 = sets.criterion_set_new_version(criterion_set=commune_set, actor=world.home_affairs)
    assert version_2.version == 2
    assert version_2.based_on == commune_set

    def rows(s):
        return list(
            s.criteria.order_by("position").values_list("code", "text", "kind", "rule", "params")
        )

    assert rows(version_2) == rows(commune_set)
    assert all(c.origin_id for c in version_2.criteria.all())
    assert sets.criterion_set_for(commune_set.movement, CandidateType.COMMUNE_OR_TOWN) == version_2


def test_locked_set_refuses_every_edit_and_a_new_version_is_editable(world, commune_set):
    sets.criterion_set_lock(sets=[commune_set], reason="Quyết định số 12/QĐ-UBND")
    sets.criterion_set_lock(sets=[commune_set], reason="Quyết định khác")
    commune_set.refresh_from_db()
    assert commune_set.is_locked
    assert commune_set.locked_reason == "Quyết định số 12/QĐ-UBND"
    criterion = commune_set.criteria.first()
    data = {"code": "X", "text": "Mới", "kind": CriterionKind.ATTESTED}
    attempts = [
        lambda: sets.criterion_add(criterion_set=commune_set, actor=world.home_affairs, data=data),
        lambda: sets.criterion_update(
            criterion=criterion, actor=world.home_affairs, data={"text": "Sửa"}
        ),
        lambda: sets.criterion_delete(criterion=criterion, actor=world.home_affairs),
        lambda: sets.criterion_move(criterion=criterion, actor=world.home_affairs, offset=1),
        lambda: sets.criterion_reorder(
            criterion_set=commune_set,
            actor=world.home_affairs,
            order=list(commune_set.criteria.values_list("pk", flat=True)),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ApplicationError) as caught:
            attempt()
        assert "đã khóa" in caught.value.message
        assert "phiên bản mới" in caught.value.message
    criterion.refresh_from_db()
    assert criterion.text != "Sửa"
    version_2 = sets.criterion_set_new_version(criterion_set=commune_set, actor=world.home_affairs)
    assert not version_2.is_locked
    sets.criterion_add(criterion_set=version_2, actor=world.home_affairs, data=data)
    assert version_2.criteria.count() == commune_set.criteria.count() + 1


def test_lock_needs_a_reason(commune_set):
    with pytest.raises(ValidationError):
        sets.criterion_set_lock(sets=[commune_set], reason=" ")


def test_criterion_edits_validate_and_name_the_field(world, commune_set):
    with pytest.raises(ValidationError) as caught:
        sets.criterion_add(
            criterion_set=commune_set,
            actor=world.home_affairs,
            data={
                "code": "7.1.a-2",
                "text": "",
                "kind": CriterionKind.COMPUTED,
                "rule": RuleKey.RATINGS,
                "params": {"from_year": 2025, "to_year": 2020, "min_level": "good"},
            },
        )
    assert {"code", "text", "param_to_year"} <= set(caught.value.message_dict)
    added = sets.criterion_add(
        criterion_set=commune_set,
        actor=world.home_affairs,
        data={
            "code": "9",
            "text": "Có 3 năm văn hóa",
            "kind": CriterionKind.COMPUTED,
            "rule": RuleKey.CULTURAL_VILLAGE,
            "params": {"years_required": "3"},
        },
    )
    assert added.params == {"from_year": 2020, "to_year": 2025, "years_required": 3}
    assert added.position == commune_set.criteria.count()
    updated = sets.criterion_update(
        criterion=added, actor=world.home_affairs, data={"kind": CriterionKind.ATTESTED}
    )
    assert updated.rule == "" and updated.params == {}


def test_move_and_reorder(world, commune_set):
    codes = list(commune_set.criteria.values_list("code", flat=True))
    second = commune_set.criteria.get(code=codes[1])
    sets.criterion_move(criterion=second, actor=world.home_affairs, offset=-1)
    assert list(commune_set.criteria.values_list("code", flat=True))[:2] == [codes[1], codes[0]]
    pks = list(commune_set.criteria.values_list("pk", flat=True))
    sets.criterion_reorder(criterion_set=commune_set, actor=world.home_affairs, order=pks[::-1])
    assert list(commune_set.criteria.values_list("pk", flat=True)) == pks[::-1]
    with pytest.raises(ValidationError):
        sets.criterion_reorder(criterion_set=commune_set, actor=world.home_affairs, order=pks[1:])


def test_a_criterion_with_attestations_cannot_be_deleted(world, movement, commune_set):
    criterion = commune_set.criteria.filter(kind=CriterionKind.ATTESTED).first()
    sets.attestation_record(
        actor=world.officer_a, criterion=criterion, movement=movement, unit=world.commune_a,
        verdict="met", note="Đạt", document_reference="BB 01",
    )  # fmt: skip
    with pytest.raises(ApplicationError):
        sets.criterion_delete(criterion=criterion, actor=world.home_affairs)


def test_attestation_rules(world, movement, commune_set):
    attested = commune_set.criteria.filter(kind=CriterionKind.ATTESTED).first()
    computed = commune_set.criteria.filter(kind=CriterionKind.COMPUTED).first()
    base = {"criterion": attested, "movement": movement, "unit": world.commune_a}
    with pytest.raises(ValidationError) as caught:
        sets.attestation_record(actor=world.officer_a, verdict="maybe", note=" ", **base)
    assert set(caught.value.message_dict) == {"verdict", "note", "document_reference"}
    with pytest.raises(ValidationError):
        sets.attestation_record(
            actor=world.officer_a,
            verdict="met",
            note="x",
            document_reference="y",
            **{**base, "criterion": computed},
        )
    with pytest.raises(PermissionDenied):
        sets.attestation_record(
            actor=world.officer_b, verdict="met", note="x", document_reference="y", **base
        )
    with pytest.raises(PermissionDenied):
        sets.attestation_record(
            actor=world.viewer_a, verdict="met", note="x", document_reference="y", **base
        )
    person = Person.objects.create(unit=world.commune_a, full_name="Hộ A", kind="household")
    with pytest.raises(ApplicationError):
        sets.attestation_record(
            actor=world.officer_a,
            verdict="met",
            note="x",
            document_reference="y",
            criterion=attested,
            movement=movement,
            person=person,
        )
    saved = sets.attestation_record(
        actor=world.officer_a, verdict="met", note="Đạt", document_reference="BB 1", **base
    )
    assert saved.attested_by == world.officer_a
    assert saved.history.first().history_user == world.officer_a
    assert Attestation.objects.count() == 1


def test_models_are_registered_in_the_admin():
    assert {CriterionSet, Criterion, Attestation} <= set(admin.site._registry)


# --- pages ----------------------------------------------------------------------------------


def test_sets_page_copy_and_detail(client, world, movement):
    client.force_login(world.home_affairs)
    url = reverse("criteria:sets", args=[movement.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Sao chép tiêu chí của kế hoạch" in page.content.decode()
    response = client.post(reverse("criteria:sets_create", args=[movement.pk]))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Tiêu chí khen thưởng thôn, tổ dân phố" in page
    village = sets.criterion_set_for(movement, CandidateType.VILLAGE)
    detail = client.get(reverse("criteria:set_detail", args=[village.pk])).content.decode()
    assert "Có 05 năm đạt thôn, tổ dân phố văn hóa." in detail
    assert "ít nhất 5 năm đạt thôn, tổ dân phố văn hóa" in detail


def test_sets_pages_access(client, world, movement, commune_set):
    client.force_login(world.nobody)
    assert client.get(reverse("criteria:sets", args=[movement.pk])).status_code == 404
    assert client.get(reverse("criteria:set_detail", args=[commune_set.pk])).status_code == 404
    client.force_login(world.officer_a)  # sees the movement, may not change its criteria
    assert client.get(reverse("criteria:sets", args=[movement.pk])).status_code == 200
    assert client.get(reverse("criteria:set_detail", args=[commune_set.pk])).status_code == 200
    assert client.post(reverse("criteria:sets_create", args=[movement.pk])).status_code == 404
    assert client.get(reverse("criteria:criterion_add", args=[commune_set.pk])).status_code == 404
    criterion = commune_set.criteria.first()
    assert client.post(reverse("criteria:criterion_delete", args=[criterion.pk])).status_code == 404
    assert client.get(reverse("criteria:sets", args=[movement.pk + 99])).status_code == 404


def test_add_a_computed_criterion_through_the_form(client, world, commune_set):
    client.force_login(world.home_affairs)
    url = reverse("criteria:criterion_add", args=[commune_set.pk])
    # Choosing a rule first shows its parameters, with their defaults, without saving.
    response = client.post(
        url, {"code": "10", "text": "Văn hóa", "kind": "computed", "rule": "cultural_village"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="param_years_required"' in page and 'value="5"' in page
    assert not commune_set.criteria.filter(code="10").exists()
    response = client.post(
        url,
        {
            "code": "10",
            "text": "Văn hóa",
            "kind": "computed",
            "rule": "cultural_village",
            "shown_rule": "cultural_village",
            "param_from_year": "2021",
            "param_to_year": "2020",
            "param_years_required": "3",
        },
    )
    assert response.status_code == 200
    assert "Năm kết thúc không được trước năm bắt đầu." in response.content.decode()
    response = client.post(
        url,
        {
            "code": "10",
            "text": "Văn hóa",
            "kind": "computed",
            "rule": "cultural_village",
            "shown_rule": "cultural_village",
            "param_from_year": "2021",
            "param_to_year": "2025",
            "param_years_required": "3",
        },
    )
    assert response.status_code == 302
    saved = commune_set.criteria.get(code="10")
    assert saved.params == {"from_year": 2021, "to_year": 2025, "years_required": 3}


def test_edit_move_delete_and_new_version_pages(client, world, commune_set):
    client.force_login(world.home_affairs)
    criterion = commune_set.criteria.filter(kind=CriterionKind.ATTESTED).last()
    edit = reverse("criteria:criterion_edit", args=[criterion.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"code": criterion.code, "text": "Nội dung mới", "kind": "attested"}
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.text == "Nội dung mới"
    client.post(reverse("criteria:criterion_move", args=[criterion.pk]), {"direction": "up"})
    moved = Criterion.objects.get(pk=criterion.pk)
    assert moved.position < criterion.position
    client.post(reverse("criteria:criterion_delete", args=[criterion.pk]))
    assert not Criterion.objects.filter(pk=criterion.pk).exists()
    sets.criterion_set_lock(sets=[commune_set], reason="QĐ 1")
    locked_edit = client.get(
        reverse("criteria:criterion_edit", args=[commune_set.criteria.first().pk]), follow=True
    )
    assert "đã khóa" in locked_edit.content.decode()
    response = client.post(reverse("criteria:set_new_version", args=[commune_set.pk]))
    version_2 = sets.criterion_set_for(commune_set.movement, CandidateType.COMMUNE_OR_TOWN)
    assert version_2.version == 2
    assert response.url == reverse("criteria:set_detail", args=[version_2.pk])


def test_the_model_itself_refuses_changes_to_a_locked_set(commune_set):
    sets.criterion_set_lock(sets=[commune_set], reason="QĐ 1")
    criterion = commune_set.criteria.first()
    criterion.text = "Sửa thẳng"
    with pytest.raises(ApplicationError):
        criterion.save()
    with pytest.raises(ApplicationError):
        criterion.delete()
