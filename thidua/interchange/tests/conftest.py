"""Builders of real .xlsx uploads for the import tests."""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

UNIT_HEADERS = [
    "Unit code",
    "Short name",
    "Full name",
    "Unit kind",
    "Parent unit code",
    "Valid from",
    "Valid to",
    "Sample data",
]
ACCOUNT_HEADERS = ["Username", "Full name", "Unit code", "Role", "Email", "Phone", "Position"]


def xlsx_bytes(headers: Sequence[Any], rows: Sequence[Sequence[Any]], title: str = "Data") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(
    headers: Sequence[Any], rows: Sequence[Sequence[Any]], name: str = "data.xlsx"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        xlsx_bytes(headers, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def as_upload(data: bytes, name: str = "data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture(autouse=True)
def _english(settings):
    # Assertions read the English msgids whatever catalogue gets added later.
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        yield
