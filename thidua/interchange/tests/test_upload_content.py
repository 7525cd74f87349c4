"""Uploads are judged by their content (``core.files``): a PDF must parse and run nothing, a
.docx must be a bounded Office package, a photo's pixels are counted before decoding, markup
is refused, and a name loses any folder part."""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from thidua.core.files import safe_upload_name, validate_document
from thidua.testing.files import PDF, pdf_bytes
from thidua.works import evidence


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def code(name: str, data: bytes, check=validate_document) -> str | None:
    try:
        check(upload(name, data))
    except ValidationError as error:
        return error.code
    return None


def docx_bytes() -> bytes:
    buffer = BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo thành tích")
    document.save(buffer)
    return buffer.getvalue()


def written(writer: PdfWriter) -> bytes:
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


def test_a_real_pdf_is_accepted():
    assert code("bao-cao.pdf", PDF) is None
    assert code("bao-cao.pdf", pdf_bytes(pages=3)) is None


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>",
        b"%PDF-1.7\n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b"%PDF-1.4\nMZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
        b"%PDF-1.4\n\x7fELF\x02\x01\x01" + b"\x00" * 64,
        b"%PDF-1.4 minimal",
    ],
    ids=["html", "svg", "exe", "elf", "no body"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(data):
    assert code("bao-cao.pdf", data) == "content"


def test_a_pdf_with_document_scripts_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )
    assert code("bao-cao.pdf", written(writer)) == "active_pdf"


def test_a_pdf_with_an_open_action_script_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    assert code("bao-cao.pdf", written(writer)) == "active_pdf"


def test_a_pdf_carrying_an_attached_file_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("setup.exe", b"MZ\x90\x00")
    assert code("bao-cao.pdf", written(writer)) == "active_pdf"


# --- .docx --------------------------------------------------------------------------------------


def test_a_real_docx_is_accepted():
    assert code("bao-cao.docx", docx_bytes()) is None


def test_a_zip_without_the_word_parts_is_refused():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("index.html", "<html></html>")
    assert code("bao-cao.docx", buffer.getvalue()) == "content"
    assert code("bao-cao.docx", b"<html></html>") == "content"


def test_a_docx_that_unpacks_past_the_limit_is_refused(settings):
    settings.ZIP_MAX_PART_BYTES = 2 * 1024 * 1024
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (3 * 1024 * 1024))
    assert code("bao-cao.docx", buffer.getvalue()) == "zip_too_large"


# --- photos -------------------------------------------------------------------------------------


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size in the header and holds almost nothing after it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    body = struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat = b"IDAT" + zlib.compress(b"\x00" * 16)
    body += struct.pack(">I", len(idat) - 4) + idat + struct.pack(">I", zlib.crc32(idat))
    return b"\x89PNG\r\n\x1a\n" + body


def photo(size=(40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photo_within_the_pixel_limit_is_accepted():
    assert code("anh.png", photo(), evidence.validate) is None


def test_a_photo_over_the_pixel_limit_is_refused_before_it_is_decoded(settings, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("decoded")

    small = photo()
    monkeypatch.setattr(Image.Image, "load", never)
    assert code("anh.png", png_header(8_000, 6_000), evidence.validate) == "content"
    settings.UPLOAD_MAX_PIXELS = 1000
    assert code("anh.png", small, evidence.validate) == "content"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("anh.jpg", b"<!doctype html><html><script>alert(1)</script></html>"),
    ],
)
def test_markup_named_as_a_photo_is_refused(name, data):
    assert code(name, data, evidence.validate) == "content"


@pytest.mark.parametrize("name", ["anh.svg", "trang.html", "trang.htm"])
def test_markup_by_its_name_is_refused(name):
    assert code(name, b"<svg/>", evidence.validate) == "extension"
    assert code(name, b"<svg/>") == "extension"


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("..\\..\\windows\\system32\\bao-cao.pdf", "bao-cao.pdf"),
        ("../../etc/bao-cao.pdf", "bao-cao.pdf"),
        ("C:\\Users\\a\\Báo cáo.pdf", "Báo cáo.pdf"),
        (".htaccess", "htaccess"),
        ("bao\x00cao\r\n.pdf", "baocao.pdf"),
        ("", "file"),
    ],
)
def test_folder_parts_of_uploaded_names_are_dropped(name, safe):
    assert safe_upload_name(name) == safe


def test_a_checked_document_keeps_only_its_own_name():
    checked = upload("..\\..\\bao-cao.pdf", PDF)
    validate_document(checked)
    assert checked.name == "bao-cao.pdf"
