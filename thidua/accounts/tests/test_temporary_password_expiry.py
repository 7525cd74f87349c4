from datetime import timedelta

import pytest
from django.urls import reverse

from thidua.accounts import services
from thidua.accounts.models import User


@pytest.fixture
def temporary(world) -> tuple[User, str]:
    user = world.officer_a
    User.objects.filter(pk=user.pk).update(email="")
    user.refresh_from_db()
    outcome = services.account_reset_password(
        actor=world.home_affairs, user=user, site_url="http://testserver"
    )
    return user, outcome.temporary_password


@pytest.mark.django_db
def test_unexpired_temporary_password_logs_in(client, temporary):
    user, password = temporary
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302


@pytest.mark.django_db
def test_expired_temporary_password_is_refused(client, temporary):
    user, password = temporary
    user.refresh_from_db()
    assert user.temporary_password_expires_at is not None
    User.objects.filter(pk=user.pk).update(
        temporary_password_expires_at=user.temporary_password_expires_at - timedelta(hours=25)
    )
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 200
    assert "hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session
