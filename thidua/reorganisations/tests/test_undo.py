"""Undo: allowed while nothing is recorded on the successor, and then exact."""

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.criteria.models import AnnualRating, RatingLevel
from thidua.reorganisations.models import ReorganisationStatus
from thidua.reorganisations.roles import GrantAction
from thidua.reorganisations.tests.conftest import counts, run_steps, snapshot
from thidua.reorganisations.tests.test_merge import MERGE
from thidua.testing import WorkFactory
from thidua.units.models import Unit
from thidua.works.models import Work


def _merge(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    data = {
        **MERGE,
        "sources_": [world.commune_a.pk, world.commune_b.pk],
        "new_parent": world.province.pk,
    }
    return run_steps(client, "merge", data)


def test_undo_while_untouched_restores_everything(client, reorg):
    before, totals = snapshot(), counts()
    reorganisation = _merge(client, reorg)
    # Roles moved after applying are undone too.
    roles_url = reverse("reorganisations:roles", args=[reorganisation.pk])
    new = Unit.objects.get(code="XAB")
    response = client.post(
        roles_url,
        {"select_all": "on", "confirmed": "1", "action": GrantAction.MOVE, "target": new.pk},
    )
    assert response.status_code == 302
    assert snapshot() != before
    page = client.get(reverse("reorganisations:undo", args=[reorganisation.pk]))
    assert page.context["blockers"] == []
    response = client.post(
        reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
    )
    assert response.status_code == 302
    assert snapshot() == before
    assert counts() == totals
    assert not Unit.objects.filter(code="XAB").exists()
    reorganisation.refresh_from_db()
    assert reorganisation.status == ReorganisationStatus.UNDONE
    assert reorganisation.history.filter(status=ReorganisationStatus.UNDONE).exists()
    # The undo is attributed in each object's history.
    work = Work.objects.get(name="Đường Xã A")
    assert work.history.latest().history_user == reorg.officer
    assert work.history.latest().history_change_reason.startswith("Hoàn tác")


def test_undo_is_refused_after_a_new_work_on_the_successor(client, reorg):
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    WorkFactory.create(movement=reorg.movement, unit=new, name="Công trình mới")
    before = snapshot()
    page = client.get(reverse("reorganisations:undo", args=[reorganisation.pk]))
    assert "Không thể hoàn tác" in page.content.decode()
    response = client.post(
        reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
    )
    assert response.status_code == 200
    assert snapshot() == before
    reorganisation.refresh_from_db()
    assert reorganisation.status == ReorganisationStatus.APPLIED


def test_undo_is_refused_after_a_rating_on_the_successor(client, reorg):
    reorganisation = _merge(client, reorg)
    new = Unit.objects.get(code="XAB")
    AnnualRating.objects.create(
        year=2025,
        level=RatingLevel.GOOD,
        unit=new,
        document_reference="x",
        recorded_at=timezone.now(),
    )
    response = client.post(
        reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
    )
    assert "xếp loại" in response.content.decode()
    assert Unit.objects.filter(code="XAB").exists()


def test_undo_is_refused_after_progress_on_a_moved_work(client, reorg):
    reorganisation = _merge(client, reorg)
    work = Work.objects.get(name="Đường Xã A")
    work.progress_percent = 40
    work.save()
    response = client.post(
        reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
    )
    assert response.status_code == 200
    reorganisation.refresh_from_db()
    assert reorganisation.status == ReorganisationStatus.APPLIED


def test_a_focal_officer_kept_as_viewer_is_restored(client, reorg):
    world = reorg.world
    before = snapshot()
    reorganisation = _merge(client, reorg)
    grant = world.officer_a.role_assignments.get()
    client.post(
        reverse("reorganisations:roles", args=[reorganisation.pk]),
        {"grants": [grant.pk], "confirmed": "1", "action": GrantAction.KEEP_VIEW},
    )
    grant.refresh_from_db()
    assert grant.role == Role.VIEWER
    client.post(reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"})
    assert snapshot() == before


def _units(world, kind):
    if kind == "split":
        return {
            "source": world.commune_a.pk,
            "code_1": "N1",
            "name_1": "Xã N1",
            "code_2": "N2",
            "name_2": "Xã N2",
        }
    if kind == "rename":
        return {"source": world.commune_b.pk, "name": "Xã Mới"}
    return {"sources_": [world.village_a1.pk], "parent": world.commune_b.pk}


@pytest.mark.parametrize("kind", ["split", "rename", "transfer"])
def test_undo_of_each_kind_restores_everything(client, reorg, kind):
    before = snapshot()
    client.force_login(reorg.officer)
    reorganisation = run_steps(client, kind, _units(reorg.world, kind))
    assert snapshot() != before
    response = client.post(
        reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
    )
    assert response.status_code == 302
    assert snapshot() == before


def test_an_undone_reorganisation_cannot_be_undone_again(client, reorg):
    reorganisation = _merge(client, reorg)
    client.post(reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"})
    before = snapshot()
    response = client.post(
        reverse("reorganisations:undo", args=[reorganisation.pk]), {"confirm": "on"}
    )
    assert response.status_code == 302  # back to the detail page, nothing done
    assert snapshot() == before
