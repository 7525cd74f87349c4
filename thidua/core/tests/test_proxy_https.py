"""Behind an HTTPS-terminating proxy the login form is accepted only when the proxy says the
request was HTTPS (X-Forwarded-Proto) and SECURE_PROXY_SSL_HEADER believes it (README)."""

import pytest
from django.test import Client
from django.urls import reverse

from thidua.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _post_login(settings, *, forwarded_proto: str | None):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client(enforce_csrf_checks=True)
    # The proxy passes the public Host (proxy_set_header Host $host).
    https = {"HTTP_HOST": "testserver"}
    if forwarded_proto:
        https["HTTP_X_FORWARDED_PROTO"] = forwarded_proto
    client.get(reverse("login"), **https)
    token = client.cookies["csrftoken"].value
    return client.post(
        reverse("login"),
        {"username": "canbo_a", "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://testserver",
        **https,
    )


def test_https_login_through_the_proxy_is_accepted(world, settings):
    assert _post_login(settings, forwarded_proto="https").status_code == 302


def test_https_login_without_x_forwarded_proto_is_refused(world, settings):
    response = _post_login(settings, forwarded_proto=None)
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
