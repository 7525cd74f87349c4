"""Reminders name the movement once: «hưởng ứng Phong trào thi đua …», not
«hưởng ứng phong trào “Phong trào thi đua …”»."""

import pytest
from django.urls import reverse
from django.utils import translation

from thidua.testing import launched_movement

pytestmark = pytest.mark.django_db


def test_the_registration_reminder_names_the_movement_once(world, client):
    movement = launched_movement(world)
    movement.title = "Phong trào thi đua “Chung sức xây dựng nông thôn mới”"
    movement.save()
    client.force_login(world.home_affairs)
    with translation.override("vi"):
        response = client.get(
            reverse("works:remind", args=[movement.pk]), HTTP_ACCEPT_LANGUAGE="vi"
        )
    message = response.context["form"].initial["message"]
    assert "hưởng ứng Phong trào thi đua “Chung sức xây dựng nông thôn mới”" in message
    assert message.lower().count("phong trào") == 1
