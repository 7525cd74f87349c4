"""An empty list says why: nothing matched the filter (with a link that clears it) or
nothing exists yet; never that nothing exists when a filter hid it."""

import pytest
from django.urls import reverse

from thidua.testing import WorkFactory, launched_movement

pytestmark = pytest.mark.django_db

FILTERED = "Không có kết quả phù hợp với bộ lọc."
CLEAR = "Xóa bộ lọc"
NO_MATCH = "khong-co-gi-nhu-the"


@pytest.fixture
def movement(world):
    movement = launched_movement(world)
    WorkFactory(movement=movement, unit=world.commune_a, name="Nhà văn hóa thôn A1")
    return movement


def list_pages(movement) -> list[tuple[str, str]]:
    """(url, the words shown when nothing exists) for every list page with filters that the
    Home Affairs Office opens."""
    pk = movement.pk
    return [
        (reverse("works:list", args=[pk]), "Chưa có công trình, phần việc nào được đăng ký."),
        (reverse("units:list"), "Chưa có đơn vị nào."),
        (reverse("accounts:list"), "Chưa có tài khoản nào."),
        (reverse("criteria:people"), "Chưa có cá nhân nào."),
        (reverse("nominations:list", args=[pk]), "Chưa có hồ sơ nào."),
        (reverse("awards:register"), "Chưa có khen thưởng nào được ghi sổ."),
        (reverse("awards:decision_list", args=[pk]), ""),
        (reverse("movements:list"), ""),
        (reverse("movements:plan_monitor", args=[pk]), "Chưa có đơn vị nào tham gia."),
        (reverse("works:compliance", args=[pk]), "Chưa có đơn vị nào tham gia."),
        (reverse("works:reviews", args=[pk]), "Chưa có đơn vị nào tham gia."),
        (reverse("criteria:ranking", args=[pk]), "Chưa có ứng viên nào."),
        (reverse("works:flagship", args=[pk]), "Chưa có công trình, phần việc nào được đăng ký."),
    ]


def test_a_filter_that_matches_nothing_says_so_with_a_link_to_clear_it(client, world, movement):
    client.force_login(world.home_affairs)
    for url, nothing in list_pages(movement):
        response = client.get(url, {"q": NO_MATCH})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert FILTERED in html, url
        assert f'<a href="{url}">{CLEAR}</a>' in html, url
        if nothing:
            assert nothing not in html, url


def test_an_empty_list_without_a_filter_says_nothing_exists(client, world):
    movement = launched_movement(world)
    client.force_login(world.home_affairs)
    for url in (
        reverse("works:list", args=[movement.pk]),
        reverse("nominations:list", args=[movement.pk]),
        reverse("awards:register"),
        reverse("criteria:ranking", args=[movement.pk]) + "?candidate_type=",
    ):
        html = client.get(url).content.decode()
        assert FILTERED not in html, url
    html = client.get(reverse("works:list", args=[movement.pk])).content.decode()
    assert "Chưa có công trình, phần việc nào được đăng ký." in html
    html = client.get(reverse("nominations:list", args=[movement.pk])).content.decode()
    assert "Chưa có hồ sơ nào." in html


def test_the_page_number_is_not_a_filter(client, world):
    movement = launched_movement(world)
    client.force_login(world.home_affairs)
    html = client.get(reverse("works:list", args=[movement.pk]), {"page": "1"}).content.decode()
    assert FILTERED not in html
