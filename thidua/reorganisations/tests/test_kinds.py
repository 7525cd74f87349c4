"""Split, rename and transfer through the screens."""

from django.urls import reverse

from thidua.reorganisations.models import Reorganisation
from thidua.reorganisations.tests.conftest import counts, run_steps
from thidua.units.models import Unit, UnitSuccession


def test_split_sends_each_child_where_chosen(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    before = counts()
    data = {
        "source": world.commune_a.pk,
        "code_1": "XA-BAC",
        "name_1": "Xã A Bắc",
        "code_2": "XA-NAM",
        "name_2": "Xã A Nam",
        "full_name_2": "Ủy ban nhân dân xã A Nam",
    }
    response = client.post(reverse("reorganisations:new"), {"kind": "split"})
    response = client.post(response["Location"], data)
    draft = Reorganisation.objects.latest("pk")
    north, south = list(draft.targets.order_by("pk"))
    # The legal-basis step asks where each child goes.
    page = client.get(response["Location"])
    assert f"child_{world.village_a2.pk}" in page.context["form"].fields
    reorganisation = run_steps_existing(
        client,
        draft,
        {f"child_{world.village_a1.pk}": north.pk, f"child_{world.village_a2.pk}": south.pk},
    )
    assert counts() == before
    north.refresh_from_db()
    south.refresh_from_db()
    assert north.unit.parent == world.district and north.unit.kind == "commune"
    assert list(north.unit.children.all()) == [world.village_a1]
    assert list(south.unit.children.all()) == [world.village_a2]
    assert south.unit.full_name == "Ủy ban nhân dân xã A Nam"
    # The split unit's own open work goes on with the first new unit.
    assert north.unit.works.filter(name="Đường Xã A").exists()
    links = UnitSuccession.objects.filter(predecessor=world.commune_a)
    assert {link.successor_id for link in links} == {north.unit_id, south.unit_id}
    assert reorganisation.status == "applied"


def run_steps_existing(client, draft, children):
    response = client.post(
        reverse("reorganisations:basis", args=[draft.pk]),
        {
            "document_number": "1665/NQ-UBTVQH15",
            "effective_date": "01/07/2025",
            **children,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(reverse("reorganisations:apply", args=[draft.pk]), {"confirm": "on"})
    draft.refresh_from_db()
    return draft


def test_rename_keeps_the_old_name_in_history(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    reorganisation = run_steps(
        client,
        "rename",
        {"source": world.commune_b.pk, "name": "Xã Bình Minh", "full_name": "UBND xã Bình Minh"},
    )
    unit = Unit.objects.get(pk=world.commune_b.pk)
    assert unit.name == "Xã Bình Minh" and unit.full_name == "UBND xã Bình Minh"
    assert unit.valid_to is None  # the same unit goes on
    names = list(unit.history.order_by("history_date").values_list("name", flat=True))
    assert names[0] == "Xã B" and names[-1] == "Xã Bình Minh"
    assert unit.history.latest().history_change_reason == reorganisation.change_reason
    page = client.get(reverse("reorganisations:detail", args=[reorganisation.pk]))
    assert {row["key"] for row in page.context["summary"]} == {"renamed"}


def test_transfer_moves_villages_to_another_commune(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    before = counts()
    run_steps(
        client,
        "transfer",
        {"sources_": [world.village_a1.pk, world.village_a2.pk], "parent": world.commune_b.pk},
    )
    assert counts() == before
    assert set(world.commune_b.children.values_list("code", flat=True)) == {
        "XA-1",
        "XA-2",
        "XB-1",
    }
    world.village_a1.refresh_from_db()
    assert world.village_a1.valid_to is None


def test_transfer_under_its_own_subunit_is_refused(client, reorg):
    world = reorg.world
    client.force_login(reorg.officer)
    reorganisation = run_steps(
        client,
        "transfer",
        {"sources_": [world.commune_a.pk], "parent": world.village_a1.pk},
        apply=False,
    )
    response = client.post(
        reverse("reorganisations:apply", args=[reorganisation.pk]), {"confirm": "on"}, follow=True
    )
    assert "Không thể đặt Xã A trực thuộc chính nó" in response.content.decode()
    world.commune_a.refresh_from_db()
    assert world.commune_a.parent == world.district
