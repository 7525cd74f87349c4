"""Merging two communes into a new one through the screens: nothing lost, what moves and what
stays, the successions and the history."""

from django.urls import reverse

from thidua.nominations.models import Nomination, NominationStatus
from thidua.reorganisations.models import ReorganisationStatus
from thidua.reorganisations.tests.conftest import EFFECTIVE, counts, run_steps
from thidua.units.models import Unit, UnitSuccession
from thidua.works.models import Work

MERGE = {
    "sources_": [],
    "new_kind": "commune",
    "new_code": "XAB",
    "new_name": "Xã A-B",
    "new_full_name": "Ủy ban nhân dân xã A-B",
}


def merge(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    data = {
        **MERGE,
        "sources_": [world.commune_a.pk, world.commune_b.pk],
        "new_parent": world.province.pk,
    }
    return run_steps(client, "merge", data)


def test_preview_lists_what_moves_and_what_stays(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    data = {
        **MERGE,
        "sources_": [world.commune_a.pk, world.commune_b.pk],
        "new_parent": world.province.pk,
    }
    reorganisation = run_steps(client, "merge", data, apply=False)
    page = client.get(reverse("reorganisations:detail", args=[reorganisation.pk]))
    moves = {s.key: s for s in page.context["moves"]}
    stays = {s.key: s for s in page.context["stays"]}
    assert moves["children"].count == 3  # Thôn A1, A2, B1
    assert moves["works"].count == 2 and "Đường Xã A" in moves["works"].rows
    assert moves["nominations"].count == 2
    assert moves["people"].count == 2
    assert stays["closed_works"].count == 2
    assert stays["ratings"].count == 2 and stays["awards"].count == 2
    assert stays["decided_nominations"].count == 2
    assert page.context["roles"].count == 3  # canbo_a, xem_a, canbo_b
    assert "Áp dụng sắp xếp" in page.content.decode()
    # The preview changes nothing.
    assert Unit.objects.filter(code="XAB").count() == 0
    assert reorganisation.status == ReorganisationStatus.DRAFT


def test_merge_moves_open_work_and_keeps_history(client, reorg):
    world = reorg.world
    before = counts()
    reorganisation = merge(client, reorg)
    assert counts() == before  # nothing lost
    new = Unit.objects.get(code="XAB")
    assert new.valid_from == EFFECTIVE and new.parent == world.province
    for old in (world.commune_a, world.commune_b):
        old.refresh_from_db()
        assert old.valid_to == date_before(EFFECTIVE)
        link = UnitSuccession.objects.get(predecessor=old)
        assert link.successor == new and link.kind == "merge"
        assert link.legal_basis.startswith("1665/NQ-UBTVQH15")
        # Closed works, ratings, awards and decided nominations stay with the old unit.
        assert old.works.count() == 1
        assert old.annual_ratings.count() == 1 and old.awards.count() == 1
        assert (
            Nomination.objects.filter(proposing_unit=old, status=NominationStatus.DECIDED).count()
            == 1
        )
    # The successor has the open works, children, people and open nominations.
    assert sorted(new.works.values_list("name", flat=True)) == ["Đường Xã A", "Đường Xã B"]
    assert set(new.children.values_list("code", flat=True)) == {"XA-1", "XA-2", "XB-1"}
    assert new.people.count() == 2
    assert (
        Nomination.objects.filter(proposing_unit=new, status=NominationStatus.SUBMITTED).count()
        == 2
    )
    # Every move is attributed in history, with the reorganisation's reason.
    work = Work.objects.get(name="Đường Xã A")
    last = work.history.latest()
    assert last.history_user == reorg.officer
    assert last.history_change_reason == reorganisation.change_reason
    assert "1665/NQ-UBTVQH15" in reorganisation.change_reason
    assert reorganisation.history.filter(status="applied").exists()
    # The detail page says what moved.
    page = client.get(reverse("reorganisations:detail", args=[reorganisation.pk]))
    summary = {row["key"]: row["count"] for row in page.context["summary"]}
    assert summary["works"] == 2 and summary["children"] == 3
    assert summary["new_units"] == 1 and summary["successions"] == 2


def test_merge_into_an_existing_unit(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    run_steps(client, "merge", {"sources_": [world.commune_b.pk], "target": world.commune_a.pk})
    world.commune_b.refresh_from_db()
    assert world.commune_b.valid_to is not None
    assert world.commune_a.works.filter(name="Đường Xã B").exists()
    assert world.village_b1 in Unit.objects.filter(parent=world.commune_a)


def test_applying_twice_is_refused(client, reorg):
    reorganisation = merge(client, reorg)
    response = client.post(
        reverse("reorganisations:apply", args=[reorganisation.pk]), {"confirm": "on"}, follow=True
    )
    assert "Chỉ sửa hoặc áp dụng được sắp xếp ở trạng thái bản nháp." in response.content.decode()
    assert Unit.objects.filter(code="XAB").count() == 1


def test_apply_needs_the_confirmation(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    data = {
        **MERGE,
        "sources_": [world.commune_a.pk, world.commune_b.pk],
        "new_parent": world.province.pk,
    }
    reorganisation = run_steps(client, "merge", data, apply=False)
    client.post(reverse("reorganisations:apply", args=[reorganisation.pk]), {})
    reorganisation.refresh_from_db()
    assert reorganisation.status == ReorganisationStatus.DRAFT


def date_before(day):
    from datetime import timedelta

    return day - timedelta(days=1)


def test_a_failing_apply_changes_nothing(client, reorg):
    """The new unit's code is taken: the whole reorganisation is refused, by name."""
    from thidua.reorganisations.tests.conftest import snapshot

    world = reorg.world
    client.force_login(reorg.officer)
    data = {
        **MERGE,
        "new_code": "XA",
        "sources_": [world.commune_a.pk, world.commune_b.pk],
        "new_parent": world.province.pk,
    }
    reorganisation = run_steps(client, "merge", data, apply=False)
    before = snapshot()
    response = client.post(
        reverse("reorganisations:apply", args=[reorganisation.pk]), {"confirm": "on"}, follow=True
    )
    assert "Đơn vị mới Xã A-B" in response.content.decode()
    assert snapshot() == before
    reorganisation.refresh_from_db()
    assert reorganisation.status == ReorganisationStatus.DRAFT
    assert not reorganisation.changes.exists()


def test_a_successor_inside_a_merged_unit_is_refused(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    reorganisation = run_steps(
        client,
        "merge",
        {"sources_": [world.commune_a.pk, world.commune_b.pk], "target": world.village_a1.pk},
        apply=False,
    )
    response = client.post(
        reverse("reorganisations:apply", args=[reorganisation.pk]), {"confirm": "on"}, follow=True
    )
    assert "Không thể đặt Thôn A1" in response.content.decode()
    world.village_a1.refresh_from_db()
    assert world.village_a1.parent == world.commune_a
