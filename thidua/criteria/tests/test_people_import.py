"""Excel import of people: good file, the chosen unit for blank cells, every kind of bad row,
duplicates in the file and against existing people, all or nothing, template, page, queries."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.criteria import services
from thidua.criteria.imports.people import people_import, people_template
from thidua.criteria.models import Person, PersonKind
from thidua.interchange import xlsx

pytestmark = pytest.mark.django_db
XLSX = xlsx.XLSX_CONTENT_TYPE
HEADERS = ("Đơn vị", "Họ và tên", "Đối tượng", "Chức vụ", "Năm sinh")
CADRE = "Cán bộ"
HOUSEHOLD = "Hộ gia đình"


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
    return SimpleUploadedFile("ca-nhan.xlsx", xlsx_bytes(rows, headers), content_type=XLSX)


def codes(result) -> list[tuple[int, str]]:
    return [(e.row, e.code) for e in result.errors]


def test_person_kind_labels_are_the_vietnamese_ones():
    assert str(PersonKind.CADRE.label) == CADRE
    assert str(PersonKind.HOUSEHOLD.label) == HOUSEHOLD


def test_good_file_creates_people_with_history(world):
    rows = [
        ("XA", "Nguyễn Văn An", CADRE, "Phó Chủ tịch UBND xã", 1980),
        ("Thôn A1 (XA-1)", "lò thị bình", "household", "", "1975"),
        (
            "",
            "Giàng A Páo",
            "Người hoạt động không chuyên trách ở thôn, tổ dân phố",
            "Trưởng thôn",
            None,
        ),
    ]
    result = people_import(
        actor=world.officer_a, upload=upload(rows), default_unit=world.village_a2
    )
    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created) == (3, 3)
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert an.unit == world.commune_a and an.kind == PersonKind.CADRE and an.birth_year == 1980
    assert an.search_text.startswith("nguyen van an") and an.sort_name
    binh = Person.objects.get(full_name="lò thị bình")
    assert binh.unit == world.village_a1 and binh.kind == PersonKind.HOUSEHOLD
    pao = Person.objects.get(full_name="Giàng A Páo")
    assert pao.unit == world.village_a2 and pao.kind == PersonKind.VILLAGE_WORKER
    record = an.history.get()
    assert record.history_user == world.officer_a and record.history_type == "+"


def test_a_file_without_the_unit_column_uses_the_chosen_unit(world):
    rows = [("Nguyễn Văn An", CADRE), ("Lò Văn Bình", CADRE)]
    result = people_import(
        actor=world.officer_a,
        upload=upload(rows, headers=("Họ và tên", "Đối tượng")),
        default_unit=world.commune_a,
    )
    assert result.ok and Person.objects.filter(unit=world.commune_a).count() == 2


@pytest.mark.parametrize(
    "row,column,code",
    [
        (("XA", "Lò Văn Bình", "Trưởng bản", "", None), "Đối tượng", "unknown_choice"),
        (("XA", "", CADRE, "", None), "Họ và tên", "required"),
        (("XA", "Lò Văn Bình", "", "", None), "Đối tượng", "required"),
        (("KHONG-CO", "Lò Văn Bình", CADRE, "", None), "Đơn vị", "unknown_unit"),
        (("XB", "Lò Văn Bình", CADRE, "", None), "Đơn vị", "outside_reach"),
        (("XA", "Lò Văn Bình", CADRE, "", 1850), "Năm sinh", "year_out_of_range"),
        (("XA", "Lò Văn Bình", CADRE, "", "khoảng 1980"), "Năm sinh", "bad_year"),
        (("XA", "Lò Văn Bình " + "x" * 200, CADRE, "", None), "Họ và tên", "too_long"),
        (("XA", "Lò Văn Bình", CADRE, "y" * 201, None), "Chức vụ", "too_long"),
    ],
)
def test_bad_row_is_reported_by_row_and_column_and_nothing_saved(world, row, column, code):
    rows = [("XA", "Nguyễn Văn An", CADRE, "", 1980), row]
    result = people_import(actor=world.officer_a, upload=upload(rows))
    assert codes(result) == [(3, code)]
    error = result.errors[0]
    assert error.column == column
    assert str(error).startswith(f"Dòng 3, cột «{column}»: ")
    assert not Person.objects.exists()  # row 2 was good but is not saved either
    assert result.annotated is not None


def test_a_blank_unit_without_a_chosen_unit_is_refused(world):
    result = people_import(actor=world.officer_a, upload=upload([("", "An", CADRE, "", None)]))
    assert codes(result) == [(2, "no_unit")]
    assert "Đơn vị" in result.errors[0].message


def test_a_chosen_unit_outside_reach_is_refused(world):
    result = people_import(
        actor=world.officer_a,
        upload=upload([("", "An", CADRE, "", None)]),
        default_unit=world.commune_b,
    )
    assert codes(result) == [(2, "outside_reach")]


def test_duplicates_within_the_file(world):
    rows = [
        ("XA", "Nguyễn Văn An", CADRE, "", 1980),
        ("Xã A", "NGUYEN VAN AN", "worker", "", "1980"),  # same unit, folded name, year
        ("XA", "Nguyễn Văn An", CADRE, "", 1990),  # another year of birth: another person
        ("XA-1", "Nguyễn Văn An", CADRE, "", 1980),  # another unit: another person
        ("XA", "Lò Thị Hoa", CADRE, "", None),
        ("", "lo thi hoa", CADRE, "", None),  # blank unit = the chosen Xã A; no year on both
    ]
    result = people_import(actor=world.officer_a, upload=upload(rows), default_unit=world.commune_a)
    assert codes(result) == [(3, "duplicate_row"), (7, "duplicate_row")]
    assert "dòng 2" in result.errors[0].message and "dòng 6" in result.errors[1].message
    assert result.errors[0].column == "Họ và tên"
    assert not Person.objects.exists()


def test_people_already_recorded_are_refused(world):
    services.person_create(
        actor=world.officer_a,
        unit=world.commune_a,
        data={"full_name": "Nguyễn Văn An", "kind": PersonKind.CADRE, "birth_year": 1980},
    )
    rows = [
        ("XA", "Nguyễn Văn Ân", CADRE, "", 1980),  # same folded name and year
        ("XA", "Nguyễn Văn An", CADRE, "", None),  # no year: not the same record
    ]
    result = people_import(actor=world.officer_a, upload=upload(rows))
    assert codes(result) == [(2, "already_recorded")]
    assert "Xã A" in result.errors[0].message
    assert Person.objects.count() == 1


def test_viewer_reaches_nothing_to_import(world):
    result = people_import(
        actor=world.viewer_a,
        upload=upload([("XA", "An", CADRE, "", None)]),
        default_unit=world.commune_a,
    )
    assert codes(result) == [(2, "outside_reach")]


def test_template_has_drop_downs_and_an_example_that_is_skipped(world):
    data = people_template(actor=world.officer_a)
    workbook = load_workbook(BytesIO(data))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == [*HEADERS, "Ngày sinh", "Giới tính", "Dân tộc"]
    example = [c.value for c in sheet[2]]
    assert example[0] is None and example[1].startswith(xlsx.EXAMPLE_MARKER)
    assert len(sheet.data_validations.dataValidation) == 4  # unit, kind, sex, ethnic group
    lists = workbook.worksheets[-1]
    values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert CADRE in values and HOUSEHOLD in values
    assert {"Nam", "Nữ", "Kinh", "Mông", "Rơ-măm"} <= values
    assert "Xã A (XA)" in values and "Thôn A1 (XA-1)" in values and "Xã B (XB)" not in values
    sheet.append([None, "Hà Thị Lan", HOUSEHOLD, None, 1979])
    buffer = BytesIO()
    workbook.save(buffer)
    result = people_import(
        actor=world.officer_a,
        upload=SimpleUploadedFile("mau.xlsx", buffer.getvalue(), content_type=XLSX),
        default_unit=world.village_a1,
    )
    assert result.ok and result.created == 1
    assert Person.objects.get().unit == world.village_a1


@pytest.mark.parametrize("size", [5, 80])
def test_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries, size):
    Person.objects.bulk_create(
        Person(unit=world.village_a1, full_name=f"Có sẵn {i}", kind=PersonKind.WORKER)
        for i in range(size)
    )
    rows = [
        ("XA-1" if i % 2 else "", f"Người số {i}", CADRE, "", 1970 + i % 30) for i in range(size)
    ]
    file = upload(rows)
    with django_assert_max_num_queries(16):
        result = people_import(actor=world.officer_a, upload=file, default_unit=world.commune_a)
    assert result.ok and result.created == size


def test_import_page_flow(client, world):
    client.force_login(world.officer_a)
    url = reverse("criteria:people_import")
    page = client.get(url + f"?unit={world.village_a1.pk}")
    assert page.status_code == 200 and b"data-busy" in page.content
    assert page.context["form"].initial["unit"] == world.village_a1.pk
    # Without ?unit=, the officer's own unit is chosen.
    assert client.get(url).context["form"].initial["unit"] == world.commune_a.pk
    template = client.get(reverse("criteria:people_template"))
    assert template.status_code == 200 and template["Content-Type"] == XLSX
    bad = client.post(
        url,
        {
            "unit": world.commune_a.pk,
            "file": upload([("", "An", CADRE, "", None), ("", "Bình", "Trưởng bản", "", None)]),
        },
    )
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "Dòng 3, cột «Đối tượng»: «Trưởng bản»" in html
    assert not Person.objects.exists()
    assert client.get(reverse("interchange:annotated")).status_code == 200
    good = client.post(
        url,
        {
            "unit": world.commune_a.pk,
            "file": upload([("", "An", CADRE, "", None), ("", "Bình", HOUSEHOLD, "", None)]),
        },
    )
    assert good.status_code == 302
    assert good["Location"].endswith(f"?unit={world.commune_a.pk}")
    assert Person.objects.filter(unit=world.commune_a).count() == 2
    # A unit outside reach is not a choice.
    outside = client.post(url, {"unit": world.commune_b.pk, "file": upload([("", "C", CADRE)])})
    assert outside.status_code == 200 and "unit" in outside.context["form"].errors
    client.logout()
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 404
    assert client.get(reverse("criteria:people_template")).status_code == 404


def test_not_an_excel_file_is_refused_on_the_page(client, world):
    client.force_login(world.officer_a)
    response = client.post(
        reverse("criteria:people_import"),
        {"file": SimpleUploadedFile("ca-nhan.xlsx", b"hello", content_type=XLSX)},
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
