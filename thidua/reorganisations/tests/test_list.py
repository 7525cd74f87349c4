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


def test_roles_and_detail_pages_do_not_grow(client, reorg, django_assert_max_num_queries):
    from thidua.accounts.models import Role
    from thidua.reorganisations.tests.test_undo import _merge
    from thidua.testing import UserFactory, grant

    reorganisation = _merge(client, reorg)
    roles_url = reverse("reorganisations:roles", args=[reorganisation.pk])
    detail_url = reverse("reorganisations:detail", args=[reorganisation.pk])
    counts = []
    for extra in (0, 20):
        for _ in range(extra):
            grant(UserFactory.create(), Role.VIEWER, reorg.world.commune_b)
        with django_assert_max_num_queries(20) as roles_queries:
            page = client.get(roles_url)
        assert len(page.context["grants"]) == 3 + extra
        with django_assert_max_num_queries(25) as detail_queries:
            client.get(detail_url)
        counts.append((len(roles_queries), len(detail_queries)))
    assert counts[0] == counts[1]
