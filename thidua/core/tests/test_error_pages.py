"""What a user sees when a request fails, with DEBUG off: Vietnamese pages, never Django's."""

import pytest
from django.template import loader
from django.test import Client, override_settings
from django.urls import reverse

from thidua.testing import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.urls("thidua.core.tests.error_urls")]


@pytest.fixture
def plain_client() -> Client:
    return Client(raise_request_exception=False)


@override_settings(DEBUG=False)
def test_404_is_vietnamese_and_lists_no_routes(client, world):
    client.force_login(world.officer_a)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text
    assert "URLconf" not in text and "int:pk" not in text


@override_settings(DEBUG=False)
def test_403_is_vietnamese(client, world):
    client.force_login(world.officer_a)
    response = client.get("/test-403/")
    assert response.status_code == 403
    assert "Bạn không được làm việc này" in response.content.decode()


@override_settings(DEBUG=False)
def test_400_is_vietnamese(client):
    response = client.get("/test-400/")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@override_settings(DEBUG=False)
def test_500_is_vietnamese_without_context_processors(plain_client):
    response = plain_client.get("/test-500/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Có lỗi ở máy chủ" in text
    assert "boom" not in text and "Traceback" not in text


def test_500_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        text = loader.get_template("500.html").render()
    assert "Có lỗi ở máy chủ" in text


@override_settings(DEBUG=False)
def test_csrf_failure_is_vietnamese(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "canbo_a", "password": PASSWORD})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Không gửi được biểu mẫu" in text
    assert "CSRF verification failed" not in text


def test_pages_link_the_favicon(client):
    text = client.get(reverse("login")).content.decode()
    assert 'rel="icon"' in text and "img/favicon.svg" in text
    assert client.get("/favicon.ico").status_code == 301
