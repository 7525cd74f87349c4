"""The list of reorganisations: filters, pagination and a fixed number of queries."""

from django.urls import reverse

from thidua.reorganisations.models import Reorganisation, ReorganisationSource


def _drafts(reorg, n):
    for i in range(n):
        reorganisation = Reorganisation.objects.create(
            province=reorg.world.province,
            kind="rename" if i % 2 else "merge",
            document_number=f"{i + 1:02d}/NQ",
            created_by=reorg.officer,
        )
        ReorganisationSource.objects.create(
            reorganisation=reorganisation, unit=reorg.world.commune_a
        )


def test_filters(client, reorg):
    _drafts(reorg, 4)
    client.force_login(reorg.officer)
    page = client.get(reverse("reorganisations:list"), {"kind": "rename"})
    assert page.context["page_obj"].paginator.count == 2
    page = client.get(reverse("reorganisations:list"), {"q": "03/NQ"})
    assert [r.document_number for r in page.context["page_obj"]] == ["03/NQ"]
    page = client.get(reverse("reorganisations:list"), {"status": "applied"})
    assert page.context["page_obj"].paginator.count == 0


def test_queries_do_not_grow(client, reorg, django_assert_max_num_queries):
    client.force_login(reorg.officer)
    _drafts(reorg, 3)
    with django_assert_max_num_queries(12):
        client.get(reverse("reorganisations:list"))
    _drafts(reorg, 30)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("reorganisations:list"))
    assert len(page.context["page_obj"]) == 25
