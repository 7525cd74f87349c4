"""The movement's list of dossiers: who sees which, the status chips with their counts, the
filters, pagination, and a fixed number of queries whatever the number of dossiers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thidua.criteria.models import PersonKind
from thidua.nominations import selectors, services
from thidua.nominations.models import Nomination, NominationStatus
from thidua.testing import MovementFactory, UnitFactory, launched_movement
from thidua.units.models import UnitKind

from .helpers import award_forms, checked, make, person, submitted

pytestmark = pytest.mark.django_db
S = NominationStatus


@pytest.fixture
def movement(world):
    award_forms()
    return launched_movement(world)


def url(movement, **params) -> str:
    base = reverse("nominations:list", args=[movement.pk])
    if not params:
        return base
    return base + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def rows(html: str) -> list[str]:
    """The dossier numbers listed on the page."""
    return re.findall(r'<td data-label="[^"]+" class="text-nowrap"><a href="[^"]+">(\d+)</a>', html)


@pytest.fixture
def dossiers(world, movement):
    forms = award_forms()
    a = make(world, movement, unit=world.commune_a)  # draft
    a1 = submitted(world, movement, unit=world.village_a1, form=forms["tap_the"])
    cadre = person(world.village_a2, "Vàng Thị Mai")
    mai = checked(world, movement, person_=cadre, form=forms["lao_dong"])
    b = submitted(
        world, movement, actor=world.officer_b, proposing=world.commune_b, unit=world.commune_b
    )
    return {"a": a, "a1": a1, "mai": mai, "b": b}


def test_a_unit_sees_its_subtree_the_office_sees_all(world, movement, client, dossiers):
    client.force_login(world.officer_a)
    mine = rows(client.get(url(movement)).content.decode())
    assert sorted(mine) == sorted(str(dossiers[k].pk) for k in ("a", "a1", "mai"))
    client.force_login(world.officer_b)
    assert rows(client.get(url(movement)).content.decode()) == [str(dossiers["b"].pk)]
    client.force_login(world.home_affairs)
    assert len(rows(client.get(url(movement)).content.decode())) == 4
    # The village's officer did not propose anything: an empty list, not somebody else's.
    client.force_login(world.village_officer_a1)
    assert rows(client.get(url(movement)).content.decode()) == []


def test_list_access(world, movement, client):
    draft_movement = MovementFactory(issuing_unit=world.district)
    client.force_login(world.home_affairs)
    assert client.get(url(draft_movement)).status_code == 404
    assert client.get(reverse("nominations:list", args=[999999])).status_code == 404
    # A user of another district sees nothing of this movement.
    other = UnitFactory(kind=UnitKind.DISTRICT, code="D2", name="Huyện Khác")
    from thidua.testing import UserFactory, grant

    stranger = UserFactory(username="khac")
    grant(stranger, "home_affairs", other)
    client.force_login(stranger)
    assert client.get(url(movement)).status_code == 404
    client.force_login(world.nobody)
    assert client.get(url(movement)).status_code == 404


def test_status_chips_count_what_the_other_filters_leave(world, movement, client, dossiers):
    client.force_login(world.home_affairs)
    html = client.get(url(movement)).content.decode()
    chips = dict(
        re.findall(r'data-status="(\w+)">[^<]*<span class="badge[^"]*">(\d+)</span>', html)
    )
    assert chips == {"all": "4", "draft": "1", "submitted": "2", "checked": "1"}
    # Filtering by status keeps the chips' counts and lists only that status.
    html = client.get(url(movement, status="submitted")).content.decode()
    assert sorted(rows(html)) == sorted(str(dossiers[k].pk) for k in ("a1", "b"))
    assert 'data-status="submitted">' in html and 'aria-current="true"' in html
    # Another filter narrows the counts too.
    html = client.get(url(movement, recipient="individual")).content.decode()
    chips = dict(
        re.findall(r'data-status="(\w+)">[^<]*<span class="badge[^"]*">(\d+)</span>', html)
    )
    assert chips == {"all": "1", "checked": "1"}


def test_filters(world, movement, client, dossiers):
    forms = award_forms()
    client.force_login(world.home_affairs)

    def listed(**params):
        return sorted(rows(client.get(url(movement, **params)).content.decode()))

    def ids(*keys):
        return sorted(str(dossiers[k].pk) for k in keys)

    assert listed(award_form=forms["tap_the"].pk) == ids("a1")
    assert listed(recipient="collective") == ids("a", "a1", "b")
    assert listed(recipient="individual") == ids("mai")
    assert listed(commune=world.commune_a.pk) == ids("a", "a1", "mai")
    assert listed(commune=world.commune_b.pk) == ids("b")
    assert listed(q="vang thi") == ids("mai")  # accents folded
    assert listed(q="Thôn A") == ids("a1", "mai")  # the person's village matches too
    assert listed(q="xa b") == ids("b")
    assert listed(status="checked", commune=world.commune_a.pk) == ids("mai")


def test_pagination_by_25(world, movement, client):
    for n in range(30):
        cadre = person(world.commune_a, f"Người số {n:02d}", kind=PersonKind.WORKER)
        make(world, movement, person_=cadre)
    client.force_login(world.officer_a)
    first = rows(client.get(url(movement)).content.decode())
    second = rows(client.get(url(movement, page=2)).content.decode())
    assert len(first) == 25 and len(second) == 5
    assert not set(first) & set(second)


def _many(world, movement, size):
    """Dossiers made straight in the database (the services are tested elsewhere)."""
    forms = award_forms()
    units = [world.commune_a, world.village_a1, world.village_a2, world.commune_b]
    statuses = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.CHECKED, S.WITHDRAWN]
    for n in range(size):
        unit = units[n % len(units)]
        cadre = person(unit, f"Cán bộ {n}")
        Nomination.objects.create(
            movement=movement,
            proposing_unit=unit if unit.kind == UnitKind.COMMUNE else unit.parent,
            candidate_person=cadre,
            award_form=forms["lao_dong"],
            status=statuses[n % len(statuses)],
            created_by=world.officer_a,
            candidate_name=cadre.full_name,
            search_text=cadre.search_text,
        )


@pytest.mark.parametrize("size", [3, 40])
def test_list_costs_a_fixed_number_of_queries(
    world, movement, client, size, django_assert_max_num_queries
):
    _many(world, movement, size)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(18):
        response = client.get(url(movement, q="can bo", recipient="individual"))
    assert response.status_code == 200
    client.force_login(world.officer_a)
    with django_assert_max_num_queries(18):
        response = client.get(url(movement, commune=world.commune_a.pk))
    assert response.status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("nominations:create", args=[movement.pk])).status_code == 200


def test_ready_for_council_is_empty_without_a_closed_notice(world, movement, dossiers):
    assert list(selectors.ready_for_council(movement)) == []


def test_home_page_counts(world, movement, dossiers):
    assert selectors.tasks_for(world.home_affairs) == {"to_check": 2, "returned": 0}
    assert selectors.tasks_for(world.officer_a)["to_check"] == 0


def test_home_page_tasks_by_movement(world, movement, dossiers):
    services.nomination_return(
        actor=world.home_affairs, nomination=dossiers["a1"], reason="Thiếu biên bản."
    )
    # The dossier returned to commune A is the commune's to correct, not the office's.
    assert selectors.tasks_by_movement(world.home_affairs) == [
        {"movement_id": movement.pk, "title": movement.title, "to_check": 1, "returned": 0}
    ]
    assert selectors.tasks_by_movement(world.officer_a) == [
        {"movement_id": movement.pk, "title": movement.title, "to_check": 0, "returned": 1}
    ]
    assert selectors.tasks_by_movement(world.officer_b) == []
