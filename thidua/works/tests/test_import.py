"""Excel import of works (issue 4, point 2) and the consolidated register export (point 3).

Uploads are real .xlsx files with the Vietnamese headers of the template; messages are
checked in Vietnamese (the default language), error kinds by their codes.
"""

import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from thidua.interchange import xlsx
from thidua.movements.models import MovementStatus, Participant, ParticipantSource
from thidua.testing import UnitFactory, WorkFactory, launched_movement
from thidua.units.models import UnitKind
from thidua.works import services
from thidua.works.documents.register import works_export
from thidua.works.imports import WORKS_SPEC, works_import, works_template
from thidua.works.models import RegistrationStatus, Work
from thidua.works.selectors import WorkFilters

pytestmark = pytest.mark.django_db

HEADERS = [
    "Đơn vị",
    "Loại",
    "Tên công trình, phần việc",
    "Mô tả",
    "Khối lượng",
    "Địa điểm thi công",
    "Giá trị dự kiến",
    "Nguồn kinh phí",
    "Do nhân dân đóng góp",
    "Thời gian dự kiến hoàn thành",
]
EXPORT_HEADERS = [
    "STT",
    "Xã, thị trấn",
    "Đơn vị",
    "Loại",
    "Tên công trình, phần việc",
    "Khối lượng",
    "Địa điểm thi công",
    "Giá trị dự kiến (đồng)",
    "Nguồn kinh phí",
    "Do nhân dân đóng góp",
    "Thời gian dự kiến hoàn thành",
    "Ngày đăng ký",
    "Đăng ký muộn",
    "Trạng thái đăng ký",
    "Tỷ lệ hoàn thành (%)",
    "Tiến độ",
    "Đánh giá tiến độ",
    "Ngày hoàn thành thực tế",
    "Ngày đưa vào sử dụng",
    "Giá trị đã thực hiện (đồng)",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row(
    name="Đường bê tông nội thôn",
    unit="",
    *,
    kind="Công trình",
    description="",
    volume="1,2 km",
    site="Thôn A1",
    value=850_000_000,
    source="Ngân sách nhà nước",
    people="",
    completion="30/06/2025",
):
    return [unit, kind, name, description, volume, site, value, source, people, completion]


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Công trình"
    sheet.append(list(headers))
    for values in rows:
        sheet.append(list(values))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows, name="cong-trinh.xlsx", headers=HEADERS) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, headers), content_type=XLSX)


def snapshot() -> tuple[int, int]:
    return Work.objects.count(), Work.history.count()


def codes(result) -> set[tuple[int, str, str]]:
    return {(e.row, e.column, e.code) for e in result.errors}


@pytest.fixture
def movement(world):
    return launched_movement(world)


def officer_import(world, movement, rows, **kwargs):
    kwargs.setdefault("unit", world.commune_a)
    return works_import(actor=world.officer_a, movement=movement, upload=upload(rows), **kwargs)


# --- the template -------------------------------------------------------------------------


def test_template_has_vietnamese_headers_lists_example_and_instructions(world, movement):
    workbook = load_workbook(BytesIO(works_template(actor=world.officer_a, movement=movement)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    example = rows[1]
    assert example[2].startswith(xlsx.EXAMPLE_MARKER)
    assert example[0] == "Xã A (XA)", "the officer's own unit is the example"
    assert example[6] == 850_000_000
    assert sheet.cell(2, 7).number_format == "#,##0"
    assert example[9] == datetime(movement.end_date.year, 12, 31)
    assert sheet.cell(2, 10).number_format == xlsx.DATE_FORMAT
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    # unit (the officer's units), kind, funding source, people funded
    assert validated == {"A2", "B2", "H2", "I2"}
    lists = workbook["Danh mục"]
    columns = list(lists.iter_cols(values_only=True))
    assert {"Xã A (XA)", "Thôn A1 (XA-1)", "Thôn A2 (XA-2)"} <= set(columns[0])
    assert "Xã B (XB)" not in columns[0]
    assert {v for v in columns[1] if v} == {"Công trình", "Phần việc"}
    assert "Nhân dân đóng góp" in columns[2]
    assert lists.sheet_state == "hidden"
    instructions = [r[0] for r in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Giá trị dự kiến" in instructions


def test_filled_in_template_imports_and_skips_the_example(world, movement):
    workbook = load_workbook(BytesIO(works_template(actor=world.officer_a, movement=movement)))
    sheet = workbook.worksheets[0]
    sheet.append(row("Nhà văn hóa thôn A2", "Thôn A2 (XA-2)"))
    buffer = BytesIO()
    workbook.save(buffer)
    result = works_import(
        actor=world.officer_a,
        movement=movement,
        upload=SimpleUploadedFile("mau.xlsx", buffer.getvalue()),
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == 1
    assert Work.objects.get().unit == world.village_a2


# --- good files ---------------------------------------------------------------------------


def test_officer_imports_for_the_chosen_unit_and_named_villages(world, movement):
    rows = [
        row("Đường bê tông nội thôn", value="850.000.000"),
        row("Nhà văn hóa thôn A1", "Thôn A1", source="Nhân dân đóng góp", kind="công trình"),
        row("Vệ sinh môi trường", "xa-2", kind="Phần việc", value=12_500_000.0, people="có"),
        [None] * 10,  # a blank row is skipped
    ]
    before = timezone.now()
    result = officer_import(world, movement, rows)

    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created) == (3, 3)
    works = {w.name: w for w in Work.objects.select_related("unit")}
    road = works["Đường bê tông nội thôn"]
    assert road.unit == world.commune_a
    assert road.estimated_value == Decimal("850000000")
    assert road.expected_completion == date(2025, 6, 30)
    assert road.volume == "1,2 km" and road.site == "Thôn A1"
    assert road.people_funded is False
    hall = works["Nhà văn hóa thôn A1"]
    assert hall.unit == world.village_a1
    assert hall.people_funded, "people's contributions are people-funded"
    task = works["Vệ sinh môi trường"]
    assert task.unit == world.village_a2 and task.kind == "task" and task.people_funded
    assert task.estimated_value == Decimal("12500000")
    for work in works.values():
        # The commune registers for its villages: no acceptance needed.
        assert work.status == RegistrationStatus.REGISTERED
        assert work.registered_by == world.officer_a and work.created_by == world.officer_a
        assert work.registered_at >= before
        # The seed deadline (25/10/2024) has passed: registered now is late, as in work_create.
        assert work.is_late == services.is_late(movement, work.registered_at) is True
    history = Work.history.filter(history_type="+")
    assert history.count() == 3
    assert {h.history_user for h in history} == {world.officer_a}


def test_village_officer_import_waits_for_the_commune(world, movement):
    result = works_import(
        actor=world.village_officer_a1,
        movement=movement,
        upload=upload([row("Sân thể thao thôn A1")]),
        unit=world.village_a1,
    )
    assert result.ok, [str(e) for e in result.errors]
    work = Work.objects.get()
    assert work.unit == world.village_a1
    assert work.status == RegistrationStatus.PENDING


def test_home_affairs_imports_a_consolidated_sheet_by_code_and_by_name(world, movement):
    rows = [
        row("Đường liên xã", "XA"),
        row("Trường mầm non", "xã b"),  # name, case ignored
        row("Nhà văn hóa", "THON A1"),  # name, accents ignored
        row("Cầu treo", "Thôn B1"),
        row("Kênh mương", "Thôn A2 (XA-2)"),  # as the template's drop-down writes it
    ]
    result = works_import(actor=world.home_affairs, movement=movement, upload=upload(rows))
    assert result.ok, [str(e) for e in result.errors]
    units = dict(Work.objects.values_list("name", "unit__code"))
    assert units == {
        "Đường liên xã": "XA",
        "Trường mầm non": "XB",
        "Nhà văn hóa": "XA-1",
        "Cầu treo": "XB-1",
        "Kênh mương": "XA-2",
    }
    assert set(Work.objects.values_list("status", flat=True)) == {RegistrationStatus.REGISTERED}
    assert {h.history_user for h in Work.history.all()} == {world.home_affairs}


# --- bad cells: nothing saved ---------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, column, code",
    [
        (row("Thiếu khối lượng", volume=""), "Khối lượng", "required"),
        (row("Thiếu giá trị", value=None), "Giá trị dự kiến", "required"),
        (row("Giá trị bằng chữ", value="tám trăm triệu"), "Giá trị dự kiến", "bad_number"),
        (row("Giá trị lẻ", value=1500.5), "Giá trị dự kiến", "not_whole"),
        (
            row("Ngày bằng chữ", completion="cuối năm 2025"),
            "Thời gian dự kiến hoàn thành",
            "bad_date",
        ),
        (row("Đơn vị lạ", "XZ-99"), "Đơn vị", "unknown_unit"),
        (row("Đơn vị xã khác", "XB"), "Đơn vị", "outside_reach"),
        (row("Nguồn lạ", source="Vốn vay ngân hàng"), "Nguồn kinh phí", "unknown_choice"),
        (row("Loại lạ", kind="Dự án"), "Loại", "unknown_choice"),
        (
            row("Trước phong trào", completion="15/09/2024"),
            "Thời gian dự kiến hoàn thành",
            "invalid",
        ),
        (row("Giá trị âm", value=-5), "Giá trị dự kiến", "invalid"),
        (row("Có nhân dân?", people="có lẽ"), "Do nhân dân đóng góp", "bad_boolean"),
    ],
    ids=[
        "missing volume",
        "missing value",
        "text in the value column",
        "fraction of a dong",
        "not a date",
        "unknown unit",
        "unit outside reach",
        "unknown funding source",
        "unknown kind",
        "date before the movement starts",
        "negative value",
        "not yes or no",
    ],
)
def test_each_bad_cell_is_reported_and_nothing_is_saved(world, movement, bad, column, code):
    WorkFactory(movement=movement, unit=world.commune_b)
    before = snapshot()
    result = officer_import(world, movement, [row("Dòng tốt"), bad])
    assert codes(result) == {(3, column, code)}
    assert snapshot() == before
    assert result.annotated is not None
    marked = load_workbook(BytesIO(result.annotated)).worksheets[0]
    cell = marked.cell(3, HEADERS.index(column) + 1)
    assert cell.comment is not None and result.errors[0].message in cell.comment.text


def test_error_names_row_and_column_in_vietnamese(world, movement):
    rows = [row(f"Công trình số {n}") for n in range(2, 7)] + [row("Số 7", value=0)]
    result = officer_import(world, movement, rows)
    assert [str(e) for e in result.errors] == ["Dòng 7, cột «Giá trị dự kiến»: Phải là số dương."]
    before_start = officer_import(world, movement, [row("Sớm", completion=date(2024, 9, 1))])
    assert [str(e) for e in before_start.errors] == [
        "Dòng 2, cột «Thời gian dự kiến hoàn thành»: "
        "Không được trước ngày bắt đầu phong trào (01/10/2024)."
    ]
    assert not Work.objects.exists()


def test_a_row_may_have_several_errors_all_reported(world, movement):
    bad = row("", "XZ", volume="", value="abc", source="", completion="ngày mai")
    result = officer_import(world, movement, [bad])
    assert {(e.column, e.code) for e in result.errors} == {
        ("Đơn vị", "unknown_unit"),
        ("Tên công trình, phần việc", "required"),
        ("Khối lượng", "required"),
        ("Giá trị dự kiến", "bad_number"),
        ("Nguồn kinh phí", "required"),
        ("Thời gian dự kiến hoàn thành", "bad_date"),
    }


def test_consolidated_sheet_unit_errors(world, movement):
    UnitFactory(kind=UnitKind.VILLAGE, code="XB-9", name="Thôn A1", parent=world.commune_b)
    UnitFactory(kind=UnitKind.DISTRICT, code="D2", name="Huyện Khác", parent=world.province)
    before = snapshot()
    rows = [
        row("Không ghi đơn vị", ""),
        row("Tên trùng", "Thôn A1"),  # Xã A and Xã B both have a «Thôn A1»
        row("Không tham gia", "Phòng Nội vụ"),  # an agency; the movement takes communes
        row("Huyện khác", "D2"),
        row("Được", "XA"),
    ]
    result = works_import(actor=world.home_affairs, movement=movement, upload=upload(rows))
    assert codes(result) == {
        (2, "Đơn vị", "unit_required"),
        (3, "Đơn vị", "ambiguous_unit"),
        (4, "Đơn vị", "not_participating"),
        (5, "Đơn vị", "outside_reach"),
    }
    assert "XA-1, XB-9" in result.errors[1].message
    assert snapshot() == before
    # For the commune's officer the same name is unambiguous: only its own «Thôn A1» counts.
    mine = officer_import(world, movement, [row("Tên trùng", "Thôn A1")])
    assert mine.ok and Work.objects.get().unit == world.village_a1


def test_missing_required_column_refuses_the_whole_file(world, movement):
    headers = [h for h in HEADERS if h != "Giá trị dự kiến"]
    with pytest.raises(xlsx.WorkbookError) as caught:
        works_import(
            actor=world.officer_a,
            movement=movement,
            upload=upload([row()[:6] + row()[7:]], headers=headers),
            unit=world.commune_a,
        )
    assert "«Giá trị dự kiến»" in caught.value.message
    assert not Work.objects.exists()


# --- duplicates -----------------------------------------------------------------------------


def test_same_unit_and_name_twice_in_the_file(world, movement):
    rows = [
        row("Đường bê tông nội thôn"),
        row("Nhà văn hóa"),
        row("ĐƯỜNG BÊ TÔNG NỘI THÔN", "XA"),  # the same unit, named; case ignored
        row("Đường bê tông nội thôn", "Thôn A1"),  # another unit: fine
    ]
    result = officer_import(world, movement, rows)
    assert codes(result) == {(4, "Tên công trình, phần việc", "duplicate_row")}
    assert result.errors[0].message == ("Trùng với công trình, phần việc của Xã A ở dòng 2.")
    assert not Work.objects.exists()


def test_same_name_as_a_live_work_of_the_unit(world, movement):
    WorkFactory(movement=movement, unit=world.commune_a, name="Nhà văn hóa thôn")
    WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Chợ phiên",
        status=RegistrationStatus.CANCELLED,
    )
    other = launched_movement(world)
    WorkFactory(movement=other, unit=world.commune_a, name="Sân bóng")
    before = snapshot()
    result = officer_import(world, movement, [row("Nhà văn hoá thôn"), row("Sân bóng")])
    assert codes(result) == {(2, "Tên công trình, phần việc", "duplicate_existing")}
    assert "«Nhà văn hóa thôn»" in result.errors[0].message
    assert snapshot() == before
    # A cancelled work, or one of another movement, does not block the same name.
    assert officer_import(world, movement, [row("Chợ phiên"), row("Sân bóng")]).ok


# --- unusable files and access, through the page -------------------------------------------


def import_url(movement) -> str:
    return reverse("works:import", args=[movement.pk])


@pytest.mark.parametrize(
    "file, message",
    [
        (
            SimpleUploadedFile("cong-trinh.csv", "Đơn vị,Loại\nXA,Công trình\n".encode()),
            "không phải là bảng tính Excel",
        ),
        (SimpleUploadedFile("cong-trinh.xlsx", b"Day la van ban"), "không phải là bảng tính Excel"),
        (SimpleUploadedFile("cong-trinh.xlsx", b""), "rỗng"),
        (upload([]), "không có dòng dữ liệu nào"),
        (upload([["VD: ví dụ"]], headers=["Tên công trình, phần việc"]), "còn thiếu"),
    ],
    ids=["csv", "renamed text", "zero bytes", "header only", "wrong columns"],
)
def test_unusable_files_get_a_clear_vietnamese_error(client, world, movement, file, message):
    client.force_login(world.officer_a)
    before = snapshot()
    response = client.post(import_url(movement), {"unit": world.commune_a.pk, "file": file})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert snapshot() == before


def test_page_imports_and_redirects_to_the_works_list(client, world, movement):
    client.force_login(world.officer_a)
    page = client.get(import_url(movement))
    assert page.status_code == 200
    assert page.context["form"]["unit"].value() == world.commune_a.pk
    html = page.content.decode()
    assert "data-busy" in html and 'class="progress d-none' in html
    assert reverse("works:import_template", args=[movement.pk]) in html
    response = client.post(
        import_url(movement),
        {"unit": world.commune_a.pk, "file": upload([row("A"), row("B", "Thôn A1")])},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/cong-trinh/phong-trao/{movement.pk}/"
    follow = client.get(response["Location"])
    assert "Đã nhập 2 công trình, phần việc." in [str(m) for m in follow.context["messages"]]
    assert Work.objects.count() == 2


def test_page_shows_row_errors_and_the_marked_file(client, world, movement):
    client.force_login(world.officer_a)
    before = snapshot()
    response = client.post(
        import_url(movement),
        {"unit": world.commune_a.pk, "file": upload([row("Tốt"), row("Xấu", value="abc")])},
    )
    assert response.status_code == 200
    assert snapshot() == before
    html = response.content.decode()
    assert "Chưa có gì được lưu" in html
    assert [(e.row, e.column) for e in response.context["errors"]] == [(3, "Giá trị dự kiến")]
    annotated = reverse("interchange:annotated")
    assert annotated in html
    download = client.get(annotated)
    assert download.status_code == 200
    assert load_workbook(BytesIO(download.content)).active["G3"].comment is not None


def test_consolidated_import_through_the_page_without_a_unit(client, world, movement):
    client.force_login(world.home_affairs)
    page = client.get(import_url(movement))
    assert page.context["form"]["unit"].value() is None  # the district is no participant
    response = client.post(
        import_url(movement), {"unit": "", "file": upload([row("A", "XA"), row("B", "XB")])}
    )
    assert response.status_code == 302
    assert dict(Work.objects.values_list("name", "unit__code")) == {"A": "XA", "B": "XB"}


def test_a_unit_outside_the_choices_cannot_be_posted(client, world, movement):
    client.force_login(world.officer_a)
    response = client.post(
        import_url(movement), {"unit": world.commune_b.pk, "file": upload([row("A")])}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Work.objects.exists()


@pytest.mark.parametrize("persona", ["nobody", "viewer_a", "council_member"])
@pytest.mark.parametrize("name", ["import", "import_template"])
def test_who_may_not_register_gets_404(client, world, movement, persona, name):
    client.force_login(getattr(world, persona))
    url = reverse(f"works:{name}", args=[movement.pk])
    assert client.get(url).status_code == 404
    if name == "import":
        assert client.post(url, {"file": upload([row("A")])}).status_code == 404
    assert not Work.objects.exists()


@pytest.mark.parametrize("status", [MovementStatus.DRAFT, MovementStatus.CLOSED])
def test_import_needs_a_launched_movement(client, world, movement, status):
    movement.status = status
    movement.save()
    client.force_login(world.officer_a)
    assert client.get(import_url(movement)).status_code == 404
    assert client.get(reverse("works:import", args=[99999])).status_code == 404
    with pytest.raises(xlsx.WorkbookError):
        officer_import(world, movement, [row("A")])


def test_anonymous_is_sent_to_login(client, world, movement):
    for name in ("import", "import_template", "export"):
        response = client.get(reverse(f"works:{name}", args=[movement.pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_template_download_through_the_page(client, world, movement):
    client.force_login(world.village_officer_a1)
    response = client.get(reverse("works:import_template", args=[movement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "mau-nhap-cong-trinh.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    assert sheet["A2"].value == "Thôn A1 (XA-1)"


# --- a large file (its speed is measured by `make bench`, never asserted here) ------------


def test_two_thousand_rows_import_in_one_go(world, movement):
    units = ["XA", "Xã B", "XA-1", "Thôn A2", "xb-1"]
    rows = [
        row(f"Công trình số {n}", units[n % len(units)], value=1_000_000 + n, people="")
        for n in range(2000)
    ]
    file = upload(rows)
    result = works_import(actor=world.home_affairs, movement=movement, upload=file)
    assert result.ok, [str(e) for e in result.errors[:5]]
    assert result.created == 2000
    assert Work.objects.count() == 2000 and Work.history.count() == 2000


# --- export -------------------------------------------------------------------------------


def export_url(movement, query: str = "") -> str:
    return reverse("works:export", args=[movement.pk]) + query


def sheet_rows(content: bytes):
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    return sheet, list(sheet.iter_rows(values_only=True))


@pytest.fixture
def register(world, movement):
    """Works of a commune, a village, a district agency, another commune and a cancelled one."""
    Participant.objects.create(
        movement=movement, unit=world.home_affairs_office, source=ParticipantSource.MANUAL
    )
    registered = timezone.make_aware(datetime(2024, 10, 28, 9, 0))
    road = WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Đường bê tông",
        estimated_value=1_250_000_000,
        registered_at=registered,
        is_late=True,
        progress_percent=100,
        progress_status="completed",
        actual_completion=date(2025, 7, 15),
        value_done=1_200_000_000,
    )
    hall = WorkFactory(
        movement=movement,
        unit=world.village_a1,
        name="Nhà văn hóa",
        kind="task",
        funding_source="people",
        people_funded=True,
        estimated_value=300_000_000,
        status=RegistrationStatus.PENDING,
    )
    office = WorkFactory(movement=movement, unit=world.home_affairs_office, name="Cải cách")
    other = WorkFactory(movement=movement, unit=world.commune_b, name="Trường học")
    WorkFactory(
        movement=movement, unit=world.commune_a, name="Đã hủy", status=RegistrationStatus.CANCELLED
    )
    return {"road": road, "hall": hall, "office": office, "other": other}


def test_export_opens_with_the_plan_columns_and_values(client, world, movement, register):
    client.force_login(world.home_affairs)
    response = client.get(export_url(movement))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "tong-hop-dang-ky-cong-trinh-" in response["Content-Disposition"]
    sheet, rows = sheet_rows(response.content)
    assert rows[0][0] == "TỔNG HỢP ĐĂNG KÝ CÔNG TRÌNH, PHẦN VIỆC"
    assert rows[1][0] == movement.title
    assert list(rows[4]) == EXPORT_HEADERS
    data = {r[4]: r for r in rows[5:-1]}
    assert set(data) == {"Đường bê tông", "Nhà văn hóa", "Cải cách", "Trường học"}
    assert [r[0] for r in rows[5:-1]] == [1, 2, 3, 4]
    road = data["Đường bê tông"]
    assert road[1:5] == ("Xã A", "Xã A", "Công trình", "Đường bê tông")
    assert road[7] == 1_250_000_000
    assert road[8] == "Ngân sách nhà nước"
    assert road[10] == datetime(2025, 6, 30)
    assert road[11] == datetime(2024, 10, 28)
    assert road[12] == "có (28/10/2024)"
    assert road[13] == "Đã đăng ký"
    assert road[14:17] == (100, "Đã hoàn thành", "Hoàn thành chậm")
    assert road[17] == datetime(2025, 7, 15)
    assert road[19] == 1_200_000_000
    hall = data["Nhà văn hóa"]
    assert hall[1:4] == ("Xã A", "Thôn A1", "Phần việc")
    assert hall[9] == "có" and hall[13] == "Chờ xã tiếp nhận"
    assert data["Cải cách"][1] is None, "a district agency belongs to no commune"
    total = rows[-1]
    assert total[1] == "Tổng cộng: 4 công trình, phần việc"
    assert total[7] == 1_250_000_000 + 300_000_000 + 2 * 500_000_000
    assert total[19] == 1_200_000_000
    # Numbers and dates are real numbers and dates, formatted for Vietnamese Excel.
    road_row = 6 + [r[4] for r in rows[5:-1]].index("Đường bê tông")
    assert sheet.cell(road_row, 8).number_format == "#,##0"
    assert sheet.cell(road_row, 11).number_format == xlsx.DATE_FORMAT
    assert sheet.cell(road_row, 12).number_format == xlsx.DATE_FORMAT


def test_export_follows_the_list_filters_and_the_users_reach(client, world, movement, register):
    client.force_login(world.home_affairs)
    _sheet, rows = sheet_rows(
        client.get(export_url(movement, f"?commune={world.commune_a.pk}")).content
    )
    assert {r[4] for r in rows[5:-1]} == {"Đường bê tông", "Nhà văn hóa"}
    _sheet, rows = sheet_rows(client.get(export_url(movement, "?kind=task&q=thon+a1")).content)
    assert {r[4] for r in rows[5:-1]} == {"Nhà văn hóa"}
    _sheet, rows = sheet_rows(client.get(export_url(movement, "?status=cancelled")).content)
    assert {r[4] for r in rows[5:-1]} == {"Đã hủy"}
    _sheet, rows = sheet_rows(client.get(export_url(movement, "?kind=bogus")).content)
    assert len(rows[5:-1]) == 4, "an unknown value is no filter"

    client.force_login(world.officer_a)
    _sheet, rows = sheet_rows(client.get(export_url(movement)).content)
    assert {r[4] for r in rows[5:-1]} == {"Đường bê tông", "Nhà văn hóa"}
    client.force_login(world.nobody)
    assert client.get(export_url(movement)).status_code == 404


def test_export_of_an_empty_register_still_opens(world, movement):
    _sheet, rows = sheet_rows(
        works_export(actor=world.home_affairs, movement=movement, filters=WorkFilters())
    )
    assert list(rows[4]) == EXPORT_HEADERS
    assert rows[5][1] == "Tổng cộng: 0 công trình, phần việc"


@pytest.mark.parametrize("size", [5, 60])
def test_export_costs_a_fixed_number_of_queries(
    client, world, movement, size, django_assert_max_num_queries
):
    units = [world.commune_a, world.village_a1, world.commune_b, world.village_b1]
    for n in range(size):
        WorkFactory(movement=movement, unit=units[n % len(units)])
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(8):
        response = client.get(export_url(movement, f"?commune={world.commune_a.pk}"))
    assert response.status_code == 200
    _sheet, rows = sheet_rows(response.content)
    assert len(rows[5:-1]) == (size + 1) // 2


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_export_opens_in_libreoffice(world, movement, register, tmp_path):
    source = tmp_path / "tong-hop.xlsx"
    source.write_bytes(
        works_export(actor=world.home_affairs, movement=movement, filters=WorkFilters())
    )
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "tong-hop.pdf").read_bytes().startswith(b"%PDF-")


def test_spec_headers_do_not_collide_in_any_language():
    seen: dict[str, str] = {}
    for column in WORKS_SPEC.columns:
        for alias in column.aliases():
            assert seen.setdefault(alias, column.key) == column.key, alias


# --- browser journey ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_commune_officer_imports_ten_works_after_a_bad_file(live_server, page, world):
    from playwright.sync_api import expect

    from thidua.movements.tests.test_browser import login

    movement = launched_movement(world)
    base = live_server.url
    login(page, base, "canbo_a")
    page.goto(base + reverse("works:list", args=[movement.pk]))
    page.get_by_role("link", name="Nhập từ Excel").click()
    expect(page.get_by_label("Đơn vị", exact=True)).to_have_value(str(world.commune_a.pk))

    bad = [row("Đường nội thôn"), row("Nhà văn hóa", value="tám trăm triệu")]
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        files=[{"name": "sai.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(bad)}]
    )
    page.get_by_role("button", name="Nhập", exact=True).click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Chưa có gì được lưu")
    expect(page.get_by_role("cell", name="Giá trị dự kiến", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("Tải tệp đã đánh dấu các ô lỗi"))
    ).to_be_visible()
    assert not Work.objects.exists()

    good = [row(f"Công trình số {n}", "Thôn A1" if n % 2 else "") for n in range(1, 11)]
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        files=[{"name": "dung.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(good)}]
    )
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.get_by_text("Đã nhập 10 công trình, phần việc.")).to_be_visible()
    assert page.url.endswith(f"/cong-trinh/phong-trao/{movement.pk}/")
    assert Work.objects.filter(status=RegistrationStatus.REGISTERED).count() == 10


def test_export_cells_keep_their_formats(world):
    """Styles are copied from one prototype per column; each cell must still carry them."""
    from io import BytesIO

    from openpyxl import load_workbook

    from thidua.testing import WorkFactory, launched_movement
    from thidua.works.documents.register import HEADER_ROW, works_export

    movement = launched_movement(world)
    WorkFactory.create_batch(3, movement=movement, unit=world.commune_a)
    sheet = load_workbook(BytesIO(works_export(actor=world.home_affairs, movement=movement))).active
    money, day = sheet.cell(HEADER_ROW + 1, 8), sheet.cell(HEADER_ROW + 3, 11)
    assert money.value == 500_000_000 and money.number_format == "#,##0"
    assert day.number_format == "DD/MM/YYYY" and money.border.left.style == "thin"
