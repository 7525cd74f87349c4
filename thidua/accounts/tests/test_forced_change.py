import pytest
from django.urls import reverse

from thidua.testing import PASSWORD


@pytest.mark.django_db
def test_forced_change_refuses_the_same_password(client, world):
    user = world.officer_a
    user.must_change_password = True
    user.save()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu hiện tại." in response.content.decode()
    user.refresh_from_db()
    assert user.must_change_password


@pytest.mark.django_db
def test_forced_change_to_a_new_password_is_logged(client, world):
    user = world.officer_a
    user.must_change_password = True
    user.save()
    client.force_login(user)
    new = "Mat-khau-rieng-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    entry = user.history.first()
    assert entry.history_user == user
    assert entry.history_change_reason == "Chủ tài khoản đổi mật khẩu"
