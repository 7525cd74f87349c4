from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.accounts import views
from thidua.accounts.models import RoleAssignment, User
from thidua.interchange.tests.conftest import ACCOUNT_HEADERS, UNIT_HEADERS, xlsx_upload
from thidua.interchange.tests.test_accounts_import import can_log_in
from thidua.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL_NAMES = [
    "units_template",
    "units_import",
    "units_export",
    "accounts_template",
    "accounts_import",
    "accounts_export",
]
HOME_AFFAIRS_ONLY = [n for n in ALL_NAMES if n != "units_export"]


# The units and accounts pages live in their own apps; the annotated upload stays shared.
MOVED = {
    "units_template": "units:import_template",
    "units_import": "units:import",
    "units_export": "units:export",
    "accounts_template": "accounts:import_template",
    "accounts_import": "accounts:import",
    "accounts_export": "accounts:export",
    "accounts_credentials": "accounts:credentials",
    "accounts_credentials_download": "accounts:credentials_download",
}


def url(name: str) -> str:
    return reverse(MOVED.get(name, f"interchange:{name}"))


def _counts() -> tuple[int, int, int]:
    return Unit.objects.count(), User.objects.count(), RoleAssignment.objects.count()


def _good_units():
    return xlsx_upload(
        UNIT_HEADERS,
        [
            ["XC", "Xã C", "", "Commune", "D", None, None, ""],
            ["XC-1", "Thôn C1", "", "Village", "XC", "01/07/2025", None, ""],
            ["XA-1", "Thôn A1 mới", "", "Village", "XA", None, None, ""],
        ],
        name="don-vi.xlsx",
    )


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_NAMES)
def test_anonymous_is_sent_to_login(client, world, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", HOME_AFFAIRS_ONLY)
@pytest.mark.parametrize("persona", ["officer_a", "chairman", "viewer_a", "nobody"])
def test_without_home_affairs_role_is_forbidden(client, world, name, persona):
    client.force_login(getattr(world, persona))
    assert client.get(url(name)).status_code == 403


@pytest.mark.parametrize("name", ["units_import", "accounts_import"])
def test_officer_cannot_post_an_import(client, world, name):
    client.force_login(world.officer_a)
    before = _counts()
    response = client.post(url(name), {"file": _good_units()})
    assert response.status_code == 403
    assert _counts() == before


def test_units_export_is_open_to_any_role_holder_over_their_reach(client, world):
    client.force_login(world.officer_a)
    response = client.get(url("units_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    assert {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)} == {"XA", "XA-1", "XA-2"}
    client.force_login(world.nobody)
    assert client.get(url("units_export")).status_code == 403


def test_wrong_method(client, world):
    client.force_login(world.home_affairs)
    assert client.put(url("units_import")).status_code == 405
    assert client.post(url("units_template")).status_code == 405


# --- templates and exports ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, headers",
    [("units_template", UNIT_HEADERS), ("accounts_template", ACCOUNT_HEADERS)],
)
def test_template_download_opens_with_validations(client, world, name, headers):
    client.force_login(world.home_affairs)
    response = client.get(url(name))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == headers
    assert sheet.data_validations.dataValidation
    assert "Instructions" in workbook.sheetnames


def test_accounts_export_download(client, world):
    client.force_login(world.home_affairs)
    response = client.get(url("accounts_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    assert "canbo_a" in {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}


# --- import page --------------------------------------------------------------------------


def test_import_page_has_busy_form_and_hidden_progress_bar(client, world):
    client.force_login(world.home_affairs)
    response = client.get(url("units_import"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html and "data-busy" in html
    assert 'class="progress d-none' in html and "progress-bar-animated" in html
    assert url("units_template") in html


def test_good_units_file_is_imported_and_redirects_to_the_list(client, world):
    client.force_login(world.home_affairs)
    response = client.post(url("units_import"), {"file": _good_units()})
    assert response.status_code == 302
    assert response["Location"] == reverse("units:list")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported 3 units (2 new, 1 updated, 0 unchanged)."
    ]
    assert Unit.objects.get(code="XC-1").parent.code == "XC"
    assert Unit.history.filter(code="XC").get().history_user == world.home_affairs


def test_bad_units_file_shows_errors_and_the_annotated_download(client, world):
    client.force_login(world.home_affairs)
    before = _counts()
    upload = xlsx_upload(
        UNIT_HEADERS,
        [
            ["XC", "Xã C", "", "Commune", "D", None, None, ""],
            ["XC-1", "", "", "Hành tinh", "XYZ", "31/02/2025", None, ""],
        ],
        name="don-vi.xlsx",
    )
    response = client.post(url("units_import"), {"file": upload})
    assert response.status_code == 200
    assert _counts() == before
    errors = response.context["errors"]
    assert {(e.row, e.column) for e in errors} == {
        (3, "Short name"),
        (3, "Unit kind"),
        (3, "Parent unit code"),
        (3, "Valid from"),
    }
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert url("annotated") in html

    download = client.get(url("annotated"))
    assert download.status_code == 200
    assert "don-vi-errors.xlsx" in download["Content-Disposition"]
    sheet = load_workbook(BytesIO(download.content)).active
    assert sheet["E3"].comment is not None and sheet["A2"].comment is None


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("don-vi.xlsx", b"code,name\nXA,Xa A\n"), "not an Excel workbook"),
        (SimpleUploadedFile("don-vi.xlsx", b""), "empty"),
        (xlsx_upload(UNIT_HEADERS, []), "no data rows"),
        (xlsx_upload(["Tên", "Mã"], [["Xã C", "XC"]]), "missing"),
    ],
    ids=["csv renamed", "zero bytes", "header only", "wrong columns"],
)
def test_unusable_files_are_refused_with_a_clear_message(client, world, upload, message):
    client.force_login(world.home_affairs)
    before = _counts()
    response = client.post(url("units_import"), {"file": upload})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert _counts() == before


def test_post_without_a_file_asks_for_one(client, world):
    client.force_login(world.home_affairs)
    response = client.post(url("accounts_import"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_too_large_file_is_refused(client, world, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(world.home_affairs)
    response = client.post(url("units_import"), {"file": _good_units()})
    assert "limit" in " ".join(response.context["form"].errors["file"])


# --- accounts import and the one-time credentials ----------------------------------------


def test_accounts_import_shows_passwords_once_and_they_work(client, world):
    client.force_login(world.home_affairs)
    upload = xlsx_upload(
        ACCOUNT_HEADERS,
        [
            ["canbo_xc", "Phạm Thị Dung", "XA-2", "Focal officer", "", "", ""],
            ["xem_b1", "Hoàng Văn Em", "XB-1", "Viewer", "em@example.org", "", ""],
        ],
    )
    response = client.post(url("accounts_import"), {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == url("accounts_credentials")

    page = client.get(url("accounts_credentials"))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    credentials = {c.username: c.password for c in page.context["credentials"]}
    assert set(credentials) == {"canbo_xc", "xem_b1"}
    html = page.content.decode()
    assert all(password in html for password in credentials.values())

    again = client.get(url("accounts_credentials"))
    assert again.status_code == 302  # shown once only

    download = client.get(url("accounts_credentials_download"))
    assert download.status_code == 200
    rows = list(load_workbook(BytesIO(download.content)).active.iter_rows(values_only=True))
    assert {r[0]: r[-1] for r in rows[1:]} == credentials
    assert client.get(url("accounts_credentials_download")).status_code == 404
    session = client.session
    assert views.CREDENTIALS_KEY not in session and views.CREDENTIALS_FILE_KEY not in session

    client.logout()
    for username, password in credentials.items():
        assert can_log_in(client, username, password)


def test_bad_accounts_file_saves_nothing(client, world):
    client.force_login(world.home_affairs)
    before = _counts()
    upload = xlsx_upload(
        ACCOUNT_HEADERS,
        [
            ["moi", "Người Mới", "XA", "Viewer", "", "", ""],
            ["moi2", "Người Mới 2", "P", "Viewer", "sai", "", ""],
        ],
    )
    response = client.post(url("accounts_import"), {"file": upload})
    assert response.status_code == 200
    assert {(e.row, e.code) for e in response.context["errors"]} == {
        (3, "unit_outside_reach"),
        (3, "invalid_email"),
    }
    assert _counts() == before
    assert views.CREDENTIALS_KEY not in client.session
