"""One regression test (or a few) per hardening of the shared reading: the zip's directory
checked before parsing, the row limit and the long empty run, formulas without a value, and
the marked copy of a workbook whose error falls on a merged cell."""

from __future__ import annotations

import random
from io import BytesIO
from itertools import count

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from thidua.interchange import xlsx
from thidua.interchange.tests.conftest import UNIT_HEADERS, as_upload
from thidua.interchange.tests.hostile import replace_in_part, shared_strings_bomb, workbook_bytes
from thidua.interchange.xlsx import reading
from thidua.units.imports import UNITS_SPEC, units_import
from thidua.units.models import Unit

pytestmark = pytest.mark.django_db


def unit_row(code: str, name: str | None = None) -> list:
    return [code, name or f"Xã {code}", "", "Commune", "D", None, None, ""]


def refused(data: bytes) -> str:
    with translation.override("vi"), pytest.raises(xlsx.WorkbookError) as error:
        xlsx.read_sheet(data, UNITS_SPEC)
    return error.value.message


# --- 1. memory bounded by the upload's size ----------------------------------------------------


def test_a_part_over_the_limit_is_refused_before_anything_is_parsed(settings, monkeypatch):
    settings.ZIP_MAX_PART_BYTES = 64 * 1024
    noise = random.Random(7)
    rows = [unit_row(f"X{n}", "".join(noise.choices("abcdefgh", k=60))) for n in range(600)]
    data = workbook_bytes(UNIT_HEADERS, rows)

    def never(*args, **kwargs):
        raise AssertionError("the workbook must not be opened")

    monkeypatch.setattr(reading, "load_workbook", never)
    message = refused(data)
    assert message.startswith("Tệp khi giải nén vượt quá 64,0")


def test_all_parts_together_are_bounded_too(settings):
    settings.ZIP_MAX_TOTAL_BYTES = 4 * 1024
    assert "giải nén vượt quá 4,0" in refused(workbook_bytes(UNIT_HEADERS, [unit_row("XC")]))


def test_a_part_packed_like_a_bomb_is_refused_by_its_ratio():
    message = refused(shared_strings_bomb())
    assert message.startswith("Một thành phần của tệp giải nén từ")
    assert "gấp hơn 100 lần" in message


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04 broken", b"%PDF-1.4 not a zip"])
def test_a_file_that_is_not_a_zip_gets_a_vietnamese_message(data):
    assert (
        refused(data) == "Không đọc được tệp dưới dạng bảng tính Excel (.xlsx); tệp có thể bị hỏng."
    )


def test_the_page_refuses_a_bomb_with_its_reason(client, world):
    client.force_login(world.home_affairs)
    with translation.override("vi"):
        response = client.post(reverse("units:import"), {"file": as_upload(shared_strings_bomb())})
    assert "gấp hơn 100 lần" in " ".join(response.context["form"].errors["file"])


# --- 2. row limits -----------------------------------------------------------------------------


class CountedRows:
    """Stored rows from a list of (number, cells) built lazily; counts what is read."""

    def __init__(self, rows) -> None:
        self.rows = rows
        self.read = 0

    def __iter__(self):
        for row in self.rows:
            self.read += 1
            yield row


def test_a_million_empty_filler_rows_end_the_sheet_after_the_empty_run():
    filler = ((n, {}) for n in count(3))
    rows = CountedRows(
        [(2, {1: "XC", 2: "Xã C"}), *(next(filler) for _ in range(1_000_000)), (10**6, {1: "?"})]
    )
    read = list(reading._data_rows(iter(rows), UNITS_SPEC, {"code": 1, "name": 2}))
    assert [r.number for r in read] == [2]
    assert rows.read == 1 + xlsx.empty_run(), "the filler below the run is never read"


def test_a_million_data_rows_are_refused_at_the_limit_naming_it(settings):
    settings.IMPORT_MAX_ROWS = 20
    rows = CountedRows((n, {1: f"X{n}", 2: "Xã"}) for n in range(2, 1_000_002))
    with translation.override("vi"), pytest.raises(xlsx.WorkbookError) as error:
        list(reading._data_rows(iter(rows), UNITS_SPEC, {"code": 1, "name": 2}))
    assert error.value.message == "Tệp có hơn 20 dòng; hãy chia thành nhiều tệp."
    assert rows.read == 21


def test_a_stray_cell_on_the_last_row_of_the_sheet_costs_nothing(world):
    data = workbook_bytes(UNIT_HEADERS, [unit_row("XN")], stray=[(1_048_576, 1, "lạc")])
    result = units_import(actor=world.home_affairs, upload=as_upload(data))
    assert result.ok and result.created == 1


def test_rows_below_a_long_empty_run_are_not_read(settings):
    settings.IMPORT_MAX_EMPTY_RUN = 5
    data = workbook_bytes(
        UNIT_HEADERS,
        [unit_row("XN"), *([None] * 8 for _ in range(3)), unit_row("XO")],
        stray=[(20, 1, "XP"), (20, 2, "Xã P")],
    )
    sheet = xlsx.read_sheet(data, UNITS_SPEC)
    assert [row.number for row in sheet.rows] == [2, 6], "a gap of 13 empty rows ends it"


# --- 3. formulas -------------------------------------------------------------------------------


def test_a_formula_without_a_value_is_named_not_read_as_blank(world):
    data = workbook_bytes(UNIT_HEADERS, [["XN", '="Xã "&"N"', "", "Commune", "D", None, None, ""]])
    with translation.override("vi"):
        result = units_import(actor=world.home_affairs, upload=as_upload(data))
        errors = [(e.row, e.col, e.code, str(e)) for e in result.errors]
    assert errors == [
        (2, 2, "formula", "Dòng 2, cột «Tên ngắn gọn»: Ô này chứa công thức; hãy dán giá trị.")
    ]
    assert not Unit.objects.filter(code="XN").exists()


def test_a_formula_with_the_value_excel_computed_is_read_by_that_value(world):
    data = workbook_bytes(UNIT_HEADERS, [["XN", '="Xã "&"N"', "", "Commune", "D", None, None, ""]])
    computed = replace_in_part(
        data,
        "xl/worksheets/sheet1.xml",
        b'<c r="B2"><f>"X&#227; "&amp;"N"</f><v></v></c>',
        '<c r="B2" t="str"><f>"Xã "&amp;"N"</f><v>Xã N</v></c>'.encode(),
    )
    result = units_import(actor=world.home_affairs, upload=as_upload(computed))
    assert result.ok, [str(e) for e in result.errors]
    assert Unit.objects.get(code="XN").name == "Xã N"


def test_a_formula_computed_to_empty_text_is_a_blank_cell():
    data = workbook_bytes(UNIT_HEADERS, [["XN", '=""', "", "Commune", "D", None, None, ""]])
    blank = replace_in_part(
        data,
        "xl/worksheets/sheet1.xml",
        b'<c r="B2"><f>""</f><v></v></c>',
        b'<c r="B2" t="str"><f>""</f><v></v></c>',
    )
    sheet = xlsx.read_sheet(blank, UNITS_SPEC)
    _rows, errors = xlsx.parse_rows(sheet, UNITS_SPEC)
    assert [(e.row, e.code) for e in errors] == [(2, "required")]


# --- 4. the marked copy when an error falls on a merged cell -------------------------------------


def test_an_error_on_a_merged_cell_marks_the_range_top_left_cell(client, world):
    data = workbook_bytes(
        UNIT_HEADERS, [["XN", None, "", "Commune", "D", None, None, ""]], merged=["A2:B2"]
    )
    result = units_import(actor=world.home_affairs, upload=as_upload(data))
    assert [(e.row, e.col, e.code) for e in result.errors] == [(2, 2, "required")]
    assert result.annotated is not None, "the marked copy is offered"
    sheet = load_workbook(BytesIO(result.annotated)).active
    assert sheet["A2"].comment is not None
    assert "required" in sheet["A2"].comment.text
    client.force_login(world.home_affairs)
    client.post(reverse("units:import"), {"file": as_upload(data)})
    assert client.get(reverse("interchange:annotated")).status_code == 200


def test_no_marked_copy_for_worksheets_too_large_to_load_whole(settings, world):
    settings.IMPORT_ANNOTATE_MAX_BYTES = 1024
    data = workbook_bytes(
        UNIT_HEADERS, [["XN", None, "", "Commune", "D"]] + [unit_row(f"X{n}") for n in range(30)]
    )
    result = units_import(actor=world.home_affairs, upload=as_upload(data))
    assert result.errors and result.annotated is None
