"""Builders of hostile uploads for the import tests: zip bombs, a shared-strings bomb, a zip
whose directory lies, workbooks with formulas, merged cells, stray cells and long empty tails;
and the six importers as the tests drive them (persona, page, headers, a valid row)."""

from __future__ import annotations

import functools
import struct
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from thidua.accounts.models import RoleAssignment, User
from thidua.criteria.models import AnnualRating, FactRecord, Person
from thidua.interchange.tests.conftest import ACCOUNT_HEADERS, UNIT_HEADERS
from thidua.testing import World
from thidua.units.models import Unit
from thidua.works.models import Work

MB = 1024 * 1024
THIS_YEAR = timezone.localdate().year


# --- workbooks -------------------------------------------------------------------------------


def workbook_bytes(
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    merged: Sequence[str] = (),
    stray: Sequence[tuple[int, int, Any]] = (),
) -> bytes:
    """A real .xlsx: header, rows, merged ranges and stray cells far below."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for cell_range in merged:
        sheet.merge_cells(cell_range)
    for row_number, column, value in stray:
        sheet.cell(row=row_number, column=column, value=value)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_in_part(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The package with ``old`` replaced by ``new`` in one part (other parts copied as is)."""
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                assert old in content, f"{old!r} not in {part}"
                content = content.replace(old, new)
            target.writestr(info.filename, content)
    return buffer.getvalue()


def _package(parts: dict[str, bytes], streamed: dict[str, tuple[bytes, int]]) -> bytes:
    """A minimal .xlsx package: small parts as given, and parts made of ``chunk`` repeated
    ``times`` times, deflated as they are written (never held whole in memory)."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        for name, (chunk, times) in streamed.items():
            with archive.open(name, "w") as handle:
                for _ in range(times):
                    handle.write(chunk)
    return buffer.getvalue()


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"
_STRINGS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _base_parts() -> dict[str, bytes]:
    return {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
    }


@functools.cache
def zip_bomb() -> bytes:
    """A sheet of 300 MB of the same row, packed into a few hundred kilobytes."""
    parts = _base_parts() | {"xl/sharedStrings.xml": _STRINGS_HEAD + b"</sst>"}
    row = b"<row><c><v>1</v></c></row>" * 4096
    return _package(parts, {"xl/worksheets/sheet1.xml": (row, 300 * MB // len(row))})


@functools.cache
def shared_strings_bomb() -> bytes:
    """40 MB of shared strings (under the part limit) that pack more than a hundred times."""
    sheet = _SHEET_HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + _SHEET_TAIL
    parts = _base_parts() | {"xl/worksheets/sheet1.xml": sheet}
    chunk = b"<si><t>" + b"a" * 4000 + b"</t></si>"
    return _package(parts, {"xl/sharedStrings.xml": (chunk, 40 * MB // len(chunk))})


def _entry(data: bytes, signature: bytes, name_at: int, name: bytes) -> int:
    """The offset of the zip header with ``signature`` whose file name is ``name``."""
    offset = data.index(signature)
    while data[offset + name_at : offset + name_at + len(name)] != name:
        offset = data.index(signature, offset + 4)
    return offset


@functools.cache
def lying_directory() -> bytes:
    """A sheet of 100 MB whose zip directory (and local header) claim 2 KB: the reading must
    stop at the claimed size instead of trusting the stream."""
    parts = _base_parts() | {"xl/sharedStrings.xml": _STRINGS_HEAD + b"</sst>"}
    body = b"<row><c><v>1</v></c></row>" * 4096
    packed = _package(parts, {"xl/worksheets/sheet1.xml": (body, 100 * MB // len(body))})
    data = bytearray(packed)
    name = b"xl/worksheets/sheet1.xml"
    struct.pack_into("<I", data, _entry(packed, b"PK\x01\x02", 46, name) + 24, 2048)
    struct.pack_into("<I", data, _entry(packed, b"PK\x03\x04", 30, name) + 22, 2048)
    return bytes(data)


def many_parts() -> bytes:
    parts = _base_parts() | {f"xl/media/image{i}.bin": b"" for i in range(10_050)}
    return _package(parts, {})


# --- the six importers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One importer as the tests drive it through its page."""

    name: str
    persona: str
    url: Callable[[World], str]
    headers: Sequence[str]
    row: Callable[[int], list[Any]]  # a valid row, unique by n
    counted: Callable[[], tuple[int, ...]]  # rows and history rows it may write
    form: Callable[[World], dict[str, Any]] = field(default=lambda world: {})


def _works_url(world: World) -> str:
    from thidua.testing import launched_movement

    movement = getattr(world, "_hostile_movement", None)
    if movement is None:
        movement = launched_movement(world)
        world._hostile_movement = movement  # type: ignore[attr-defined]
    return reverse("works:import", args=[movement.pk])


def _unit_form(world: World) -> dict[str, Any]:
    return {"unit": world.commune_a.pk}


CASES = {
    case.name: case
    for case in (
        Case(
            "units",
            "home_affairs",
            lambda world: reverse("units:import"),
            UNIT_HEADERS,
            lambda n: [f"HX{n}", f"Xã H{n}", "", "Commune", "D", None, None, ""],
            lambda: (Unit.objects.count(), Unit.history.count()),
        ),
        Case(
            "accounts",
            "home_affairs",
            lambda world: reverse("accounts:import"),
            ACCOUNT_HEADERS,
            lambda n: [f"hx{n}", "Nguyễn Văn Hải", "XA", "Focal officer", "", "", ""],
            lambda: (
                User.objects.count(),
                User.history.count(),
                RoleAssignment.objects.count(),
            ),
        ),
        Case(
            "people",
            "officer_a",
            lambda world: reverse("criteria:people_import"),
            ("Đơn vị", "Họ và tên", "Đối tượng", "Chức vụ", "Năm sinh"),
            lambda n: ["XA", f"Nguyễn Văn Hải {n}", "Cán bộ", "", 1980],
            lambda: (Person.objects.count(), Person.history.count()),
            _unit_form,
        ),
        Case(
            "ratings",
            "officer_a",
            lambda world: reverse("criteria:ratings_import"),
            ("Đơn vị", "Cá nhân", "Năm", "Xếp loại", "Văn bản căn cứ"),
            lambda n: ["XA", "", THIS_YEAR - 1 - n % 20, "Hoàn thành tốt nhiệm vụ", f"QĐ {n}"],
            lambda: (AnnualRating.objects.count(), AnnualRating.history.count()),
        ),
        Case(
            "facts",
            "officer_a",
            lambda world: reverse("criteria:facts_import"),
            (
                "Đơn vị",
                "Cá nhân",
                "Năm",
                "Loại dữ kiện",
                "Nội dung",
                "Kết quả",
                "Số tiền (đồng)",
                "Văn bản căn cứ",
            ),
            lambda n: [
                "XA",
                "",
                THIS_YEAR - 1,
                "Thực hiện chỉ tiêu",
                f"Thu ngân sách {n}",
                "Vượt chỉ tiêu",
                None,
                "BC 15",
            ],
            lambda: (FactRecord.objects.count(), FactRecord.history.count()),
        ),
        Case(
            "works",
            "officer_a",
            _works_url,
            (
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
            ),
            lambda n: [
                "",
                "Công trình",
                f"Đường bê tông {n}",
                "",
                "1,2 km",
                "Thôn A1",
                850_000_000,
                "Ngân sách nhà nước",
                "",
                "30/06/2025",
            ],
            lambda: (Work.objects.count(), Work.history.count()),
            _unit_form,
        ),
    )
}
