"""The login lockout behind a reverse proxy keys on the real client address, and a client
talking to the app directly cannot choose its address with X-Forwarded-For."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from thidua.core.net import client_ip
from thidua.testing import PASSWORD

PROXY = "127.0.0.1"
ATTACKER = "203.0.113.7"
REAL_USER = "198.51.100.20"


def _login(client, password, *, remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": "canbo_a", "password": password}, **extra)


@pytest.mark.django_db
def test_behind_the_proxy_only_the_attacker_is_locked(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        _login(client, "sai", forwarded=ATTACKER)
    assert _login(client, PASSWORD, forwarded=ATTACKER).status_code == 429
    # The officer, at another address behind the same proxy, still logs in.
    assert _login(client, PASSWORD, forwarded=REAL_USER).status_code == 302


@pytest.mark.django_db
def test_a_direct_client_forging_forwarded_addresses_is_locked(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        _login(client, "sai", remote=ATTACKER, forwarded=f"192.0.2.{n + 1}")
    response = _login(client, PASSWORD, remote=ATTACKER, forwarded="192.0.2.99")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (ATTACKER, "192.0.2.1", ATTACKER),  # direct: the header is ignored
        (PROXY, f"{ATTACKER}", ATTACKER),
        (PROXY, f"192.0.2.1, {ATTACKER}", ATTACKER),  # the forged left part is not reached
        (PROXY, f"{ATTACKER}, 10.0.0.2", ATTACKER),  # a second trusted proxy is skipped
        (PROXY, "not-an-address", PROXY),
        (PROXY, None, PROXY),
    ],
)
def test_client_ip(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected
