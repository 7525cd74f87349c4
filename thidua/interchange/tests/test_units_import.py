from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from thidua.accounts.imports import ACCOUNTS_SPEC
from thidua.interchange import xlsx
from thidua.interchange.tests.conftest import UNIT_HEADERS, as_upload, xlsx_upload
from thidua.units.imports import UNITS_SPEC, units_export, units_import, units_template
from thidua.units.models import Unit, UnitKind


def _row(
    code, name="Thôn Mới", full="", kind="Village", parent="XA", start=None, end=None, sample=""
):
    return [code, name, full, kind, parent, start, end, sample]


def _snapshot() -> tuple[int, int, list]:
    units = list(Unit.objects.order_by("pk").values_list("code", "name", "parent_id", "valid_to"))
    return Unit.objects.count(), Unit.history.count(), units


def _codes(result) -> set[tuple[int, str, str]]:
    return {(e.row, e.column, e.code) for e in result.errors}


# --- good files ---------------------------------------------------------------------------


def test_good_file_creates_and_updates_with_attributed_history(world):
    rows = [
        ["VD:XA-T01", "Thôn Ví Dụ", "", "Village", "XA", None, None, "no"],  # example row
        _row("XC-1", "Thôn C1", parent="XC"),  # child listed before its new parent
        _row("XC", "Xã  C", "Xã C, huyện Mẫu", "Commune", "D", "01/07/2025", None, "yes"),
        [None, None, None, None, None, None, None, None],  # blank row is skipped
        _row("XC-2", "Thôn C2", kind="village", parent="XC", start=datetime(2025, 7, 1)),
        _row("XA-1", "Thôn A1 mới", "Thôn A1, xã A", parent="XA", end="31/12/2030"),
    ]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, rows))

    assert result.ok, [str(e) for e in result.errors]
    assert (result.total, result.created, result.updated, result.unchanged) == (4, 3, 1, 0)
    commune = Unit.objects.get(code="XC")
    assert commune.parent == world.district
    assert commune.name == "Xã C"  # whitespace collapsed
    assert commune.kind == UnitKind.COMMUNE
    assert commune.valid_from == date(2025, 7, 1)
    assert commune.is_sample is True
    assert commune.search_text == "xc xa c xa c, huyen mau"
    assert commune.sort_name
    c2 = Unit.objects.get(code="XC-2")
    assert c2.parent == commune and c2.kind == UnitKind.VILLAGE
    assert c2.valid_from == date(2025, 7, 1)
    assert c2.full_name == "Thôn C2"  # blank full name falls back to the short name
    assert Unit.objects.get(code="XC-1").parent == commune
    assert not Unit.objects.filter(code__startswith="VD:").exists()

    world.village_a1.refresh_from_db()
    assert world.village_a1.name == "Thôn A1 mới"
    assert world.village_a1.valid_to == date(2030, 12, 31)
    assert "thon a1 moi" in world.village_a1.search_text

    created = Unit.history.filter(code="XC", history_type="+").get()
    assert created.history_user == world.home_affairs
    changed = world.village_a1.history.filter(history_type="~").get()
    assert changed.history_user == world.home_affairs
    assert changed.name == "Thôn A1 mới"


def test_headers_in_any_order_with_extra_spaces_case_and_extra_columns(world):
    headers = ["  parent UNIT code ", "Notes", "UNIT   CODE *", "short name", "unit kind"]
    rows = [["XA", "ghi chú", "XA-9", "Thôn A9", "village"]]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(headers, rows))
    assert result.ok, [str(e) for e in result.errors]
    unit = Unit.objects.get(code="XA-9")
    assert unit.parent == world.commune_a
    assert unit.full_name == "Thôn A9"


def test_missing_optional_columns_keep_current_values(world):
    world.village_a1.valid_from = date(2020, 1, 1)
    world.village_a1.full_name = "Thôn A1 đầy đủ"
    world.village_a1.save()
    headers = ["Unit code", "Short name", "Unit kind", "Parent unit code"]
    result = units_import(
        actor=world.home_affairs,
        upload=xlsx_upload(headers, [["XA-1", "Thôn A1", "Village", "XA"]]),
    )
    assert result.ok
    assert (result.updated, result.unchanged) == (0, 1)
    world.village_a1.refresh_from_db()
    assert world.village_a1.valid_from == date(2020, 1, 1)
    assert world.village_a1.full_name == "Thôn A1 đầy đủ"


def test_move_existing_unit_under_a_new_unit_of_the_same_file(world):
    rows = [_row("XA-1", "Thôn A1", parent="XN"), _row("XN", "Xã N", kind="Commune", parent="D")]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, rows))
    assert result.ok, [str(e) for e in result.errors]
    world.village_a1.refresh_from_db()
    assert world.village_a1.parent.code == "XN"


def test_nfc_normalises_decomposed_text(world):
    decomposed = "Tho\u0302n Mo\u031b\u0301i"  # "Thôn Mới" typed with combining marks
    result = units_import(
        actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, [_row("XA-7", decomposed)])
    )
    assert result.ok
    assert Unit.objects.get(code="XA-7").name == "Thôn Mới"


# --- bad files: every kind of bad cell, and nothing saved ---------------------------------


BAD_CASES = {
    "missing name": ([_row("XA-7", name="")], (2, "Short name", "required")),
    "missing parent": ([_row("XA-7", parent=None)], (2, "Parent unit code", "required")),
    "code too long": ([_row("X" * 33)], (2, "Unit code", "too_long")),
    "name too long": ([_row("XA-7", name="a" * 201)], (2, "Short name", "too_long")),
    "unknown kind": ([_row("XA-7", kind="Hành tinh")], (2, "Unit kind", "unknown_choice")),
    "unknown parent": ([_row("XA-7", parent="XYZ")], (2, "Parent unit code", "unknown_parent")),
    "parent outside reach": (
        [_row("P-9", parent="P")],
        (2, "Parent unit code", "parent_outside_reach"),
    ),
    "update outside reach": (
        [_row("P", "Tỉnh đổi tên", kind="Province", parent="D")],
        (2, "Unit code", "outside_reach"),
    ),
    "wrong date": ([_row("XA-7", start="31/02/2025")], (2, "Valid from", "bad_date")),
    "not a date": ([_row("XA-7", end="sớm thôi")], (2, "Valid to", "bad_date")),
    "to before from": (
        [_row("XA-7", start="01/07/2025", end="30/06/2025")],
        (2, "Valid to", "date_order"),
    ),
    "bad yes/no": ([_row("XA-7", sample="có lẽ")], (2, "Sample data", "bad_boolean")),
    "duplicate code": (
        [_row("XA-7"), _row("XA-8"), _row("XA-7", "Thôn khác")],
        (4, "Unit code", "duplicate"),
    ),
    "own parent": ([_row("XA-7", parent="XA-7")], (2, "Parent unit code", "cycle")),
    "cycle in file": (
        [_row("N1", parent="N2"), _row("N2", parent="N3"), _row("N3", parent="N1")],
        (3, "Parent unit code", "cycle"),
    ),
    "under own descendant": (
        [_row("XA", "Xã A", kind="Commune", parent="XA-1")],
        (2, "Parent unit code", "cycle"),
    ),
}


@pytest.mark.parametrize("rows, expected", BAD_CASES.values(), ids=BAD_CASES.keys())
def test_bad_cells_are_reported_and_nothing_is_saved(world, rows, expected):
    # A good row first proves that an error elsewhere stops it too.
    good = _row("XA-GOOD", "Thôn Tốt")
    before = _snapshot()
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, [good, *rows]))
    expected = (expected[0] + 1, expected[1], expected[2])  # shifted by the good row
    assert expected in _codes(result), [str(e) for e in result.errors]
    assert not result.ok
    assert _snapshot() == before


def test_cycle_reports_every_row_of_the_loop(world):
    rows = [_row("N1", parent="N2"), _row("N2", parent="N1"), _row("N3", parent="N1")]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, rows))
    assert {(e.row, e.code) for e in result.errors} == {(2, "cycle"), (3, "cycle")}


def test_messages_name_row_column_and_value(world):
    result = units_import(
        actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, [_row("XA-7", parent="XYZ")])
    )
    assert [str(e) for e in result.errors] == [
        "Row 2, column «Parent unit code»: No unit has the code «XYZ»."
    ]


def test_annotated_workbook_marks_bad_cells(world):
    rows = [_row("XA-7", kind="Hành tinh"), _row("XA-8", parent="XYZ", end="hôm qua")]
    result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, rows))
    sheet = load_workbook(BytesIO(result.annotated)).active
    assert "Hành tinh" in sheet["D2"].comment.text
    assert sheet["D2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "XYZ" in sheet["E3"].comment.text
    assert sheet["G3"].comment is not None
    assert sheet["A2"].comment is None
    assert sheet["B3"].value == "Thôn Mới"  # the user's data is kept


# --- whole-file problems ------------------------------------------------------------------


def test_not_an_xlsx_is_refused(world):
    before = _snapshot()
    upload = SimpleUploadedFile("units.xlsx", "Mã đơn vị;Tên\nXA;Xã A\n".encode())
    with pytest.raises(xlsx.WorkbookError):
        units_import(actor=world.home_affairs, upload=upload)
    assert _snapshot() == before


def test_header_only_file_has_no_data_rows(world):
    with pytest.raises(xlsx.WorkbookError, match="no data rows"):
        units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, []))


def test_untouched_template_has_no_data_rows(world):
    with pytest.raises(xlsx.WorkbookError, match="no data rows"):
        units_import(actor=world.home_affairs, upload=as_upload(units_template()))


def test_missing_required_column_is_named(world):
    headers = ["Unit code", "Short name", "Unit kind"]
    with pytest.raises(xlsx.WorkbookError, match="Parent unit code"):
        units_import(
            actor=world.home_affairs, upload=xlsx_upload(headers, [["XA-7", "T", "Village"]])
        )


def test_duplicate_header_is_refused(world):
    headers = [*UNIT_HEADERS, "unit code"]
    with pytest.raises(xlsx.WorkbookError, match="twice"):
        units_import(actor=world.home_affairs, upload=xlsx_upload(headers, [[*_row("XA-7"), "X"]]))


# --- template and export ------------------------------------------------------------------


def test_template_has_validations_example_and_instructions():
    workbook = load_workbook(BytesIO(units_template()))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == UNIT_HEADERS
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value.startswith(xlsx.EXAMPLE_MARKER)
    assert sheet["A2"].font.i
    assert sheet["F2"].number_format == xlsx.DATE_FORMAT
    validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert validations["D2:D10001"].type == "list"
    assert "H2:H10001" in validations
    lists = workbook[workbook.sheetnames[-1]]
    assert lists.sheet_state == "hidden"
    labels = [row[0] for row in lists.iter_rows(values_only=True)]
    assert labels == [str(label) for label in UnitKind.labels]
    instructions = workbook["Instructions"]
    texts = " ".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    assert "Parent unit code" in texts and xlsx.EXAMPLE_MARKER in texts


def test_export_is_ordered_by_tree_and_reimports_without_change(world):
    data = units_export(actor=world.home_affairs)
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(codes) == {"D", "D-PNV", "XA", "XA-1", "XA-2", "XB", "XB-1"}
    assert codes.index("XA") < codes.index("XA-1") and codes[0] == "D"

    before = _snapshot()
    result = units_import(actor=world.home_affairs, upload=as_upload(data))
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 7)
    assert _snapshot() == before


def test_export_is_limited_to_the_actor_reach(world):
    sheet = load_workbook(BytesIO(units_export(actor=world.officer_a))).worksheets[0]
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"XA", "XA-1", "XA-2"}


# --- scale --------------------------------------------------------------------------------


def _many(count: int) -> list[list]:
    communes = [_row(f"N{i}", f"Xã {i}", kind="Commune", parent="D") for i in range(count // 10)]
    villages = [
        _row(f"N{i % max(1, count // 10)}-{i}", f"Thôn {i}", parent=f"N{i % max(1, count // 10)}")
        for i in range(count - len(communes))
    ]
    return communes + villages


@pytest.mark.parametrize("count", [10, 200])
def test_query_count_does_not_grow_with_rows(world, count, django_assert_max_num_queries):
    upload = xlsx_upload(UNIT_HEADERS, _many(count))
    with django_assert_max_num_queries(14):
        result = units_import(actor=world.home_affairs, upload=upload)
    assert result.created == count


@pytest.mark.parametrize("count", [10, 200])
def test_query_count_of_updates_is_bounded(world, count, django_assert_max_num_queries):
    units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, _many(count)))
    renamed = [[r[0], r[1] + " mới", *r[2:]] for r in _many(count)]
    with django_assert_max_num_queries(14):
        result = units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, renamed))
    assert result.updated == count


def test_two_thousand_rows_import_in_one_go(world):
    # Speed is measured by `make bench`, never asserted in a test (a loaded machine fails it).
    upload = xlsx_upload(UNIT_HEADERS, _many(2000))
    result = units_import(actor=world.home_affairs, upload=upload)
    assert result.created == 2000


# --- languages ----------------------------------------------------------------------------


def test_vietnamese_template_round_trip_and_english_headers_still_accepted(world):
    with translation.override("vi"):
        workbook = load_workbook(BytesIO(units_template()))
        sheet = workbook.worksheets[0]
        village, no = str(UnitKind.VILLAGE.label), str(_("no"))
        sheet.append(["XA-9", "Thôn A9", "", village, "XA", "01/07/2025", None, no])
        buffer = BytesIO()
        workbook.save(buffer)
        result = units_import(actor=world.home_affairs, upload=as_upload(buffer.getvalue()))
        assert result.ok, [str(e) for e in result.errors]
        english = xlsx_upload(UNIT_HEADERS, [_row("XA-8", kind="Village", sample="no")])
        assert units_import(actor=world.home_affairs, upload=english).ok
    assert Unit.objects.get(code="XA-9").valid_from == date(2025, 7, 1)


@pytest.mark.parametrize("spec", [UNITS_SPEC, ACCOUNTS_SPEC], ids=["units", "accounts"])
def test_header_aliases_do_not_collide_in_any_language(spec):
    seen: dict[str, str] = {}
    for column in spec.columns:
        for alias in column.aliases():
            assert seen.setdefault(alias, column.key) == column.key, alias
