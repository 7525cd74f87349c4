"""Excel imports of annual ratings and of other facts: good file, every kind of bad row, all or
nothing, duplicates, template, page, queries."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from thidua.criteria import services
from thidua.criteria.imports.facts import facts_import, facts_template
from thidua.criteria.imports.ratings import ratings_import, ratings_template
from thidua.criteria.models import (
    AnnualRating,
    FactKind,
    FactRecord,
    Person,
    PersonKind,
    RatingLevel,
    TargetOutcome,
)
from thidua.interchange import xlsx

pytestmark = pytest.mark.django_db
XLSX = xlsx.XLSX_CONTENT_TYPE
HEADERS = ("Đơn vị", "Cá nhân", "Năm", "Xếp loại", "Văn bản căn cứ")
THIS_YEAR = timezone.localdate().year
GOOD = "Hoàn thành tốt nhiệm vụ"
EXCELLENT = "Hoàn thành xuất sắc nhiệm vụ"


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for values in rows:
        sheet.append(list(values))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows, headers=HEADERS) -> SimpleUploadedFile:
    return SimpleUploadedFile("xep-loai.xlsx", xlsx_bytes(rows, headers), content_type=XLSX)


@pytest.fixture
def people(world) -> dict[str, Person]:
    def add(unit, name):
        return services.person_create(
            actor=world.home_affairs,
            unit=unit,
            data={"full_name": name, "kind": PersonKind.CADRE},
        )

    return {
        "an": add(world.commune_a, "Nguyễn Văn An"),
        "binh": add(world.village_a1, "Lò Thị Bình"),
        "b": add(world.commune_b, "Giàng A Páo"),
    }


def codes(result) -> list[tuple[int, str]]:
    return [(e.row, e.code) for e in result.errors]


def test_good_file_creates_and_replaces(world, people):
    services.rating_record(
        actor=world.officer_a,
        unit=world.commune_a,
        year=2022,
        level=RatingLevel.COMPLETED,
        document_reference="QĐ cũ",
    )
    rows = [
        ("XA", "", 2022, EXCELLENT, "Quyết định số 12/QĐ-UBND ngày 20/01/2023"),
        ("Xã A", "", "2023", "good", "QĐ 13"),
        ("xa a", "nguyen van an", 2023, GOOD, "QĐ 14"),
        ("Thôn A1 (XA-1)", "Lò Thị Bình", 2021, "hoan thanh nhiem vu", "QĐ 15"),
    ]
    result = ratings_import(actor=world.officer_a, upload=upload(rows))
    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created, result.updated) == (4, 3, 1)
    unit_2022 = AnnualRating.objects.get(unit=world.commune_a, year=2022)
    assert unit_2022.level == RatingLevel.EXCELLENT
    assert unit_2022.document_reference.startswith("Quyết định số 12")
    assert AnnualRating.objects.get(person=people["an"], year=2023).level == RatingLevel.GOOD
    assert AnnualRating.objects.get(person=people["binh"]).level == RatingLevel.COMPLETED
    last = unit_2022.history.order_by("-history_date").first()
    assert last.history_user == world.officer_a and last.history_type == "~"
    created = AnnualRating.objects.get(person=people["binh"]).history.get()
    assert created.history_user == world.officer_a


@pytest.mark.parametrize(
    "row,column,code",
    [
        (("XA", "", 2022, "rất tốt", "QĐ"), "Xếp loại", "unknown_choice"),
        (("KHONG-CO", "", 2022, GOOD, "QĐ"), "Đơn vị", "unknown_unit"),
        (("XB", "", 2022, GOOD, "QĐ"), "Đơn vị", "outside_reach"),
        (("XA", "Trần Văn Lạ", 2022, GOOD, "QĐ"), "Cá nhân", "unknown_person"),
        # Known person, but managed by another unit than the row's.
        (("Thôn A2", "Lò Thị Bình", 2022, GOOD, "QĐ"), "Cá nhân", "unknown_person"),
        (("XA", "", 1999, GOOD, "QĐ"), "Năm", "year_out_of_range"),
        (("XA", "", THIS_YEAR + 1, GOOD, "QĐ"), "Năm", "year_out_of_range"),
        (("XA", "", "năm ngoái", GOOD, "QĐ"), "Năm", "bad_year"),
        (("XA", "", 2022, GOOD, ""), "Văn bản căn cứ", "required"),
    ],
)
def test_bad_row_is_reported_and_nothing_saved(world, people, row, column, code):
    rows = [("XA", "", 2021, GOOD, "QĐ 1"), row]
    before = AnnualRating.objects.count()
    result = ratings_import(actor=world.officer_a, upload=upload(rows))
    assert not result.ok
    assert codes(result) == [(3, code)]
    error = result.errors[0]
    assert error.column == column
    assert str(error).startswith(f"Dòng 3, cột «{column}»: ")
    assert AnnualRating.objects.count() == before  # the good row 2 was not saved either
    assert result.annotated is not None


def test_duplicate_rows_in_file(world, people):
    rows = [
        ("XA", "", 2022, GOOD, "QĐ 1"),
        ("Xã A", "", 2022, EXCELLENT, "QĐ 2"),
        ("XA", "Nguyễn Văn An", 2022, GOOD, "QĐ 3"),  # a person, not the unit: fine
        ("XA", "NGUYỄN VĂN AN", 2022, GOOD, "QĐ 4"),
    ]
    result = ratings_import(actor=world.officer_a, upload=upload(rows))
    assert codes(result) == [(3, "duplicate_row"), (5, "duplicate_row")]
    assert "dòng 2" in result.errors[0].message
    assert not AnnualRating.objects.exists()


def test_ambiguous_person_is_refused(world, people):
    services.person_create(
        actor=world.officer_a,
        unit=world.commune_a,
        data={"full_name": "Nguyễn Văn An", "kind": PersonKind.WORKER},
    )
    result = ratings_import(
        actor=world.officer_a, upload=upload([("XA", "Nguyễn Văn An", 2022, GOOD, "QĐ")])
    )
    assert codes(result) == [(2, "ambiguous_person")]


def test_viewer_reaches_nothing_to_import(world, people):
    result = ratings_import(actor=world.viewer_a, upload=upload([("XA", "", 2022, GOOD, "QĐ")]))
    assert codes(result) == [(2, "outside_reach")]


def test_missing_column_is_a_workbook_error(world):
    with pytest.raises(xlsx.WorkbookError):
        ratings_import(
            actor=world.officer_a,
            upload=upload([("XA", 2022, GOOD)], headers=("Đơn vị", "Năm", "Xếp loại")),
        )


def test_template_has_drop_downs_and_example_that_is_skipped(world, people):
    data = ratings_template(actor=world.officer_a)
    workbook = load_workbook(BytesIO(data))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == list(HEADERS)
    example = [c.value for c in sheet[2]]
    assert example[0].startswith(xlsx.EXAMPLE_MARKER)
    assert len(sheet.data_validations.dataValidation) == 2  # unit and rating
    lists = workbook["Danh sách"] if "Danh sách" in workbook.sheetnames else workbook.worksheets[-1]
    values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert EXCELLENT in values and "Xã A (XA)" in values and "Xã B (XB)" not in values
    # Filling the template below its example imports only the real row.
    sheet.append(["XA", "", 2024, GOOD, "QĐ 1"])
    buffer = BytesIO()
    workbook.save(buffer)
    result = ratings_import(
        actor=world.officer_a,
        upload=SimpleUploadedFile("mau.xlsx", buffer.getvalue(), content_type=XLSX),
    )
    assert result.ok and result.created == 1


@pytest.mark.parametrize("size", [5, 60])
def test_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries, size):
    Person.objects.bulk_create(
        Person(unit=world.village_a1, full_name=f"Người số {i}", kind=PersonKind.WORKER)
        for i in range(size)
    )
    # Half the ratings exist already: the file both creates and replaces.
    existing = Person.objects.filter(unit=world.village_a1)[: size // 2]
    AnnualRating.objects.bulk_create(
        AnnualRating(person=p, year=2023, level="good", recorded_at=timezone.now())
        for p in existing
    )
    rows = [("XA-1", f"Người số {i}", 2023, EXCELLENT, f"QĐ {i}") for i in range(size)]
    rows.append(("XA-1", "", 2023, GOOD, "QĐ thôn"))
    file = upload(rows)
    with django_assert_max_num_queries(20):
        result = ratings_import(actor=world.officer_a, upload=file)
    assert result.ok
    assert (result.created, result.updated) == (size - size // 2 + 1, size // 2)
    assert AnnualRating.objects.filter(level=RatingLevel.EXCELLENT).count() == size


def test_import_page_flow(client, world, people):
    client.force_login(world.officer_a)
    url = reverse("criteria:ratings_import")
    page = client.get(url)
    assert page.status_code == 200 and b"data-busy" in page.content
    template = client.get(reverse("criteria:ratings_template"))
    assert template.status_code == 200 and template["Content-Type"] == XLSX
    bad = client.post(url, {"file": upload([("XA", "Ai Đó", 2022, GOOD, "QĐ")])})
    assert "Ai Đó" in bad.content.decode()
    assert bad.status_code == 200
    assert bad.context["errors"][0].code == "unknown_person"
    assert client.get(reverse("interchange:annotated")).status_code == 200
    good = client.post(url, {"file": upload([("XA", "Nguyễn Văn An", 2022, GOOD, "QĐ")])})
    assert good.status_code == 302
    assert AnnualRating.objects.get().person == people["an"]
    client.logout()
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 404
    assert client.get(reverse("criteria:ratings_template")).status_code == 404


# --- facts import ----------------------------------------------------------------------------

FACT_HEADERS = (
    "Đơn vị",
    "Cá nhân",
    "Năm",
    "Loại dữ kiện",
    "Nội dung",
    "Kết quả",
    "Số tiền (đồng)",
    "Văn bản căn cứ",
)
TARGET = "Thực hiện chỉ tiêu"
CONTRIBUTION = "Đóng góp quỹ, hoạt động nhân đạo, từ thiện"


def fact_upload(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("du-kien.xlsx", xlsx_bytes(rows, FACT_HEADERS), content_type=XLSX)


def test_facts_file_records_unit_and_person_facts(world, people):
    rows = [
        ("XA", "", 2024, TARGET, "Thu ngân sách đạt 112%", "Vượt chỉ tiêu", None, "BC 15"),
        ("XA", "Nguyễn Văn An", 2024, CONTRIBUTION, "Ủng hộ quỹ", "", 15_000_000, "GXN 1"),
        ("XA-1", "", "2023", "complaint", "Khiếu nại vượt cấp", None, None, "CV 88"),
        ("XA", "", 2024, "initiative", "Sáng kiến số hóa", "", "2.000.000 đ", "QĐ 7"),
    ]
    result = facts_import(actor=world.officer_a, upload=fact_upload(rows[:3]))
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == 3
    target = FactRecord.objects.get(kind=FactKind.TARGET)
    assert target.unit == world.commune_a and target.outcome == TargetOutcome.EXCEEDED
    gift = FactRecord.objects.get(kind=FactKind.CONTRIBUTION)
    assert gift.person == people["an"] and gift.amount == 15_000_000
    assert gift.history.get().history_user == world.officer_a
    # An amount on an initiative is refused by the same rule as the form.
    result = facts_import(actor=world.officer_a, upload=fact_upload(rows[3:]))
    assert codes(result) == [(2, "invalid_amount")]
    assert str(result.errors[0]).startswith("Dòng 2, cột «Số tiền (đồng)»: ")


@pytest.mark.parametrize(
    "row,column,code",
    [
        (("XA", "", 2024, TARGET, "Chỉ tiêu", "", None, "BC"), "Kết quả", "invalid_outcome"),
        (
            ("XA", "", 2024, CONTRIBUTION, "Ủng hộ", "", None, "BC"),
            "Số tiền (đồng)",
            "invalid_amount",
        ),
        (
            ("XA", "", 2024, CONTRIBUTION, "Ủng hộ", "", "mười triệu", "BC"),
            "Số tiền (đồng)",
            "bad_amount",
        ),
        (("XA", "", 2024, "Tin đồn", "X", "", None, "BC"), "Loại dữ kiện", "unknown_choice"),
        (("XA", "", 2024, "violation", "", "", None, "BC"), "Nội dung", "required"),
        (("XA", "", 2024, "violation", "Vi phạm", "", None, ""), "Văn bản căn cứ", "required"),
        (("XB", "", 2024, "violation", "Vi phạm", "", None, "BC"), "Đơn vị", "outside_reach"),
        (
            ("XA", "Ai Đó", 2024, "violation", "Vi phạm", "", None, "BC"),
            "Cá nhân",
            "unknown_person",
        ),
    ],
)
def test_bad_fact_rows_are_reported_and_nothing_saved(world, people, row, column, code):
    rows = [("XA", "", 2023, "violation", "Vi phạm A", "", None, "BB 1"), row]
    result = facts_import(actor=world.officer_a, upload=fact_upload(rows))
    assert codes(result) == [(3, code)]
    assert result.errors[0].column == column
    assert not FactRecord.objects.exists()


def test_facts_repeated_in_the_file_or_already_recorded_are_refused(world, people):
    row = ("XA", "", 2024, TARGET, "Thu ngân sách đạt 112%", "Vượt chỉ tiêu", None, "BC 15")
    result = facts_import(actor=world.officer_a, upload=fact_upload([row, row]))
    assert codes(result) == [(3, "duplicate_row")]
    assert facts_import(actor=world.officer_a, upload=fact_upload([row])).ok
    again = facts_import(actor=world.officer_a, upload=fact_upload([row]))
    assert codes(again) == [(2, "already_recorded")]
    assert FactRecord.objects.count() == 1


def test_facts_template_and_page(client, world, people):
    data = facts_template(actor=world.officer_a)
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    assert [c.value for c in sheet[1]] == list(FACT_HEADERS)
    assert sheet[2][0].value.startswith(xlsx.EXAMPLE_MARKER)
    client.force_login(world.officer_a)
    url = reverse("criteria:facts_import")
    assert client.get(url).status_code == 200
    assert client.get(reverse("criteria:facts_template"))["Content-Type"] == XLSX
    bad = client.post(
        url, {"file": fact_upload([("XA", "", 2024, TARGET, "Chỉ tiêu", "", None, "BC")])}
    )
    assert "Dòng 2, cột «Kết quả»" in bad.content.decode()
    good = client.post(
        url,
        {"file": fact_upload([("XA", "", 2024, TARGET, "Chỉ tiêu", "Đạt chỉ tiêu", None, "BC")])},
    )
    assert good.status_code == 302 and FactRecord.objects.get().outcome == "achieved"
    client.logout()
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [4, 60])
def test_facts_import_query_count_does_not_grow(world, django_assert_max_num_queries, size):
    Person.objects.bulk_create(
        Person(unit=world.village_a1, full_name=f"Người số {i}", kind=PersonKind.WORKER)
        for i in range(size)
    )
    rows = [
        ("XA-1", f"Người số {i}", 2024, "initiative", f"Sáng kiến {i}", "", None, "QĐ")
        for i in range(size)
    ]
    rows.append(("XA-1", "", 2024, CONTRIBUTION, "Ủng hộ quỹ", "", 1_000_000, "GXN"))
    file = fact_upload(rows)
    with django_assert_max_num_queries(16):
        result = facts_import(actor=world.officer_a, upload=file)
    assert result.ok and result.created == size + 1
