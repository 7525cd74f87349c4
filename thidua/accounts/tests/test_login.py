import pytest
from django.urls import reverse

from thidua.testing import PASSWORD


@pytest.mark.django_db
def test_login_and_logout(client, world):
    response = client.post(reverse("login"), {"username": "canbo_a", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_lockout_after_repeated_failures(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "canbo_a", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    # Another user from the same address is not locked out (offices share one NAT address).
    other = client.post(reverse("login"), {"username": "canbo_b", "password": PASSWORD})
    assert other.status_code == 302


@pytest.mark.django_db
def test_no_self_sign_up(client):
    assert client.get("/dang-ky/").status_code == 404


@pytest.mark.django_db
def test_must_change_password_first(client, world):
    world.officer_a.must_change_password = True
    world.officer_a.save()
    client.force_login(world.officer_a)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2025",
            "new_password2": "Mot-mat-khau-moi-2025",
        },
    )
    assert response.status_code == 302
    world.officer_a.refresh_from_db()
    assert not world.officer_a.must_change_password
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_login_updates_last_login_without_a_history_row(client, world):
    before = world.officer_a.history.count()
    client.post(reverse("login"), {"username": "canbo_a", "password": PASSWORD})
    world.officer_a.refresh_from_db()
    assert world.officer_a.last_login is not None
    assert world.officer_a.history.count() == before
