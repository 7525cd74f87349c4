from io import BytesIO

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from openpyxl import load_workbook

from thidua.interchange.tests.conftest import ACCOUNT_HEADERS, xlsx_upload


def _sessions_text() -> str:
    return " ".join(f"{row.session_data} {row.get_decoded()}" for row in Session.objects.all())


@pytest.fixture
def private_folder(settings, tmp_path):
    settings.THIDUA_CREDENTIALS_DIR = tmp_path / "credentials"
    return settings.THIDUA_CREDENTIALS_DIR


@pytest.mark.django_db
def test_no_plaintext_password_in_the_session_table_after_import(client, world, private_folder):
    client.force_login(world.home_affairs)
    upload = xlsx_upload(
        ACCOUNT_HEADERS, [["canbo_moi", "Phạm Thị Dung", "XA-2", "Focal officer", "", "", ""]]
    )
    assert client.post(reverse("accounts:import"), {"file": upload}).status_code == 302
    page = client.get(reverse("accounts:credentials"))
    password = page.context["credentials"][0].password
    assert password and password in page.content.decode()
    assert password not in _sessions_text()

    download = client.get(reverse("accounts:credentials_download"))
    rows = list(load_workbook(BytesIO(download.content)).active.iter_rows(values_only=True))
    assert any(password in row for row in rows)
    assert password not in _sessions_text()
    assert list(private_folder.iterdir()) == []  # read once, then gone
    assert client.get(reverse("accounts:credentials_download")).status_code == 404


@pytest.mark.django_db
def test_unread_credentials_expire_after_an_hour(private_folder):
    import os
    import time

    from thidua.accounts import credentials_store

    token = credentials_store.put(b"secret")
    old = time.time() - credentials_store.LIFETIME_SECONDS - 1
    os.utime(private_folder / token, (old, old))
    assert credentials_store.take(token) is None
    assert credentials_store.take("../../etc/passwd") is None
