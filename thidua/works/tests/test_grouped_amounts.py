"""The works forms take amounts typed the Vietnamese way and show them grouped."""

import pytest
from django.urls import reverse

from thidua.testing import launched_movement
from thidua.works.models import Work

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "construction",
    "name": "Đường liên thôn",
    "volume": "2 km",
    "site": "Thôn A1",
    "funding_source": "combined",
    "expected_completion": "30/06/2027",
    "register": "1",
}


@pytest.mark.parametrize("typed", ["1.800.000.000 đ", "1 800 000 000", "1800000000"])
def test_registration_posts_a_grouped_amount(client, world, typed):
    movement = launched_movement(world)
    client.force_login(world.officer_a)
    url = reverse("works:create", args=[movement.pk])
    response = client.post(url, {**FORM, "unit": world.commune_a.pk, "estimated_value": typed})
    assert response.status_code == 302, response.context["form"].errors
    assert Work.objects.get().estimated_value == 1_800_000_000


def test_bad_amount_is_refused_by_name_and_the_box_is_text(client, world):
    movement = launched_movement(world)
    client.force_login(world.officer_a)
    url = reverse("works:create", args=[movement.pk])
    page = client.get(url).content.decode()
    assert 'name="estimated_value"' in page and 'type="number"' not in page
    response = client.post(url, {**FORM, "unit": world.commune_a.pk, "estimated_value": "1,8 tỷ"})
    assert response.status_code == 200
    assert "«Giá trị dự kiến (đồng)»" in response.context["form"].errors["estimated_value"][0]
    assert not Work.objects.exists()
