from io import BytesIO

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.accounts.imports import (
    INITIAL_PASSWORD_ITERATIONS,
    accounts_export,
    accounts_import,
    accounts_template,
    credentials_workbook,
)
from thidua.accounts.models import Role, RoleAssignment, User
from thidua.interchange import xlsx
from thidua.interchange.tests.conftest import ACCOUNT_HEADERS, as_upload, xlsx_upload
from thidua.testing import UnitFactory, UserFactory


def _row(
    username,
    full_name="Nguyễn Văn A",
    unit="XA",
    role="Focal officer",
    email="",
    phone="",
    position="",
):
    return [username, full_name, unit, role, email, phone, position]


def can_log_in(client, username: str, password: str) -> bool:
    """Through the real login form: django-axes refuses authenticate() without a request."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    logged_in = response.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    return logged_in


def _snapshot() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        User.history.count(),
        RoleAssignment.history.count(),
    )


def _codes(result) -> set[tuple[int, str, str]]:
    return {(e.row, e.column, e.code) for e in result.errors}


def test_two_accounts_created_with_roles_history_and_working_passwords(world, client):
    rows = [
        ["VD:nguyenvana", "Ví Dụ", "XA", "Focal officer", "", "", ""],  # example row
        _row(
            "canbo_xa1",
            "Trần Thị Bình",
            "XA-1",
            "Focal officer",
            "binh@example.org",
            "0912345678",
            "Trưởng thôn",
        ),
        _row("xem_xb", "Lê Văn Cường", "XB", "viewer"),
    ]
    result = accounts_import(actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, rows))

    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    binh = User.objects.get(username="canbo_xa1")
    assert binh.full_name == "Trần Thị Bình"
    assert binh.unit == world.village_a1
    assert (binh.email, binh.phone, binh.position) == (
        "binh@example.org",
        "0912345678",
        "Trưởng thôn",
    )
    assert binh.must_change_password
    assert list(binh.role_assignments.values_list("role", "unit__code")) == [
        (Role.FOCAL_OFFICER, "XA-1")
    ]
    assert binh.history.get().history_user == world.home_affairs
    assert RoleAssignment.history.filter(user_id=binh.pk).get().history_user == world.home_affairs

    passwords = {c.username: c.password for c in result.details}
    assert all(passwords.values())
    assert passwords["canbo_xa1"] not in binh.password  # only the hash is stored
    for username, password in passwords.items():
        assert can_log_in(client, username, password)
    assert not can_log_in(client, "xem_xb", "wrong-password")


def test_initial_passwords_use_a_light_hash_upgraded_at_first_login(world, client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    result = accounts_import(
        actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, [_row("moi")])
    )
    user = User.objects.get(username="moi")
    assert identify_hasher(user.password).decode(user.password)["iterations"] == (
        INITIAL_PASSWORD_ITERATIONS
    )
    assert can_log_in(client, "moi", result.details[0].password)
    user.refresh_from_db()
    assert identify_hasher(user.password).decode(user.password)["iterations"] > (
        INITIAL_PASSWORD_ITERATIONS
    )


def test_existing_account_in_reach_only_receives_the_missing_role(world):
    rows = [
        _row("canbo_a", "Tên khác", "XA", "Viewer", email="khac@example.org"),  # new role
        _row("CANBO_B", "Cán bộ B", "XB", "Focal officer"),  # held already; case ignored
    ]
    before_name = world.officer_a.full_name
    result = accounts_import(actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, rows))

    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    world.officer_a.refresh_from_db()
    assert world.officer_a.full_name == before_name  # other columns are ignored
    assert set(world.officer_a.role_assignments.values_list("role", flat=True)) == {
        Role.FOCAL_OFFICER,
        Role.VIEWER,
    }
    assert [c.password for c in result.details] == [None]


BAD_CASES = {
    "missing username": ([_row("")], (2, "Username", "required")),
    "missing full name": ([_row("moi", full_name=None)], (2, "Full name", "required")),
    "username with spaces": ([_row("nguyen van a")], (2, "Username", "invalid")),
    "username too long": ([_row("a" * 151)], (2, "Username", "too_long")),
    "unknown role": ([_row("moi", role="Thủ quỹ")], (2, "Role", "unknown_choice")),
    "bad email": ([_row("moi", email="không-phải-email")], (2, "Email", "invalid_email")),
    "phone too long": ([_row("moi", phone="0" * 33)], (2, "Phone", "too_long")),
    "unknown unit": ([_row("moi", unit="XYZ")], (2, "Unit code", "unknown_unit")),
    "unit outside reach": ([_row("moi", unit="P")], (2, "Unit code", "unit_outside_reach")),
    "duplicate in file": (
        [_row("moi"), _row("khac"), _row("MOI", "Người khác")],
        (4, "Username", "duplicate"),
    ),
}


@pytest.mark.parametrize("rows, expected", BAD_CASES.values(), ids=BAD_CASES.keys())
def test_bad_cells_are_reported_and_nothing_is_saved(world, rows, expected):
    good = _row("tot", "Người Tốt")
    before = _snapshot()
    result = accounts_import(
        actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, [good, *rows])
    )
    expected = (expected[0] + 1, expected[1], expected[2])
    assert expected in _codes(result), [str(e) for e in result.errors]
    assert result.annotated
    assert _snapshot() == before


def test_username_of_an_account_outside_reach_is_taken(world):
    outsider = UserFactory(username="tinh", unit=world.province)
    before = _snapshot()
    result = accounts_import(
        actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, [_row(outsider.username)])
    )
    assert _codes(result) == {(2, "Username", "username_taken")}
    assert _snapshot() == before


def test_not_an_xlsx_and_empty_files_are_refused(world):
    before = _snapshot()
    with pytest.raises(xlsx.WorkbookError):
        accounts_import(
            actor=world.home_affairs, upload=SimpleUploadedFile("a.xlsx", b"PK\x03\x04")
        )
    with pytest.raises(xlsx.WorkbookError, match="no data rows"):
        accounts_import(actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, [[None] * 7]))
    with pytest.raises(xlsx.WorkbookError, match="no data rows"):
        accounts_import(actor=world.home_affairs, upload=as_upload(accounts_template()))
    assert _snapshot() == before


def test_template_has_role_list():
    workbook = load_workbook(BytesIO(accounts_template()))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ACCOUNT_HEADERS
    validation = next(dv for dv in sheet.data_validations.dataValidation if "D2" in str(dv.sqref))
    assert validation.type == "list"
    lists = workbook[workbook.sheetnames[-1]]
    assert [r[0] for r in lists.iter_rows(values_only=True)] == [str(x) for x in Role.labels]


def test_export_lists_roles_in_reach_without_passwords_and_reimports_unchanged(world):
    data = accounts_export(actor=world.home_affairs)
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    assert [c.value for c in sheet[1]] == ACCOUNT_HEADERS
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    usernames = {r[0] for r in rows}
    assert {"noivu", "canbo_a", "thon_a1", "canbo_b"} <= usernames
    assert "khongquyen" not in usernames  # no role, nothing to export
    flat = " ".join(str(v) for r in rows for v in r)
    assert "pbkdf2" not in flat and "md5" not in flat

    before = _snapshot()
    result = accounts_import(actor=world.home_affairs, upload=as_upload(data))
    assert result.ok, [str(e) for e in result.errors]
    assert result.unchanged == len(rows)
    assert _snapshot() == before


def test_export_is_limited_to_managed_units(world):
    other = UnitFactory(code="OTHER", parent=world.province)
    grant_user = UserFactory(username="ngoai", unit=other)
    RoleAssignment.objects.create(user=grant_user, role=Role.VIEWER, unit=other)
    sheet = load_workbook(BytesIO(accounts_export(actor=world.home_affairs))).worksheets[0]
    assert "ngoai" not in {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}


def test_credentials_workbook_has_passwords_and_no_instructions(world):
    result = accounts_import(
        actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, [_row("moi")])
    )
    workbook = load_workbook(BytesIO(credentials_workbook(result.details)))
    assert workbook.sheetnames == ["Initial passwords"]
    row = next(workbook.active.iter_rows(min_row=2, values_only=True))
    assert row[0] == "moi" and row[-1] == result.details[0].password


@pytest.mark.parametrize("count", [10, 200])
def test_query_count_does_not_grow_with_rows(world, count, django_assert_max_num_queries):
    rows = [_row(f"cb{i}", f"Cán bộ {i}", "XA-1" if i % 2 else "XB") for i in range(count)]
    # SQLite splits wide inserts into batches of 999 parameters: a few more queries per
    # hundred rows, never one per row.
    with django_assert_max_num_queries(20):
        result = accounts_import(
            actor=world.home_affairs, upload=xlsx_upload(ACCOUNT_HEADERS, rows)
        )
    assert result.created == count
