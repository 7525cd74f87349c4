"""Accounts are found without accents."""

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.testing import UserFactory, grant


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["lo thi hoa", "LÒ THỊ HOA", "thi hoa", "hoa lo"])
def test_account_found_without_accents(client, world, query):
    hoa = UserFactory(username="hoa.lt", full_name="Lò Thị Hoa", unit=world.village_a1)
    grant(hoa, Role.FOCAL_OFFICER, world.village_a1)
    other = UserFactory(username="lo.van.lanh", full_name="Lò Văn Lành", unit=world.village_a1)
    grant(other, Role.FOCAL_OFFICER, world.village_a1)
    client.force_login(world.home_affairs)
    response = client.get(reverse("accounts:list"), {"q": query})
    found = {user.username for user in response.context["page_obj"]}
    assert "hoa.lt" in found
    assert "lo.van.lanh" not in found


@pytest.mark.django_db
def test_account_found_by_unit_name_without_accents(client, world):
    user = UserFactory(username="canbo.thon", full_name="Vàng A Sử", unit=world.village_b1)
    grant(user, Role.FOCAL_OFFICER, world.village_b1)
    client.force_login(world.home_affairs)
    response = client.get(reverse("accounts:list"), {"q": "thon b1"})
    assert "canbo.thon" in {u.username for u in response.context["page_obj"]}
