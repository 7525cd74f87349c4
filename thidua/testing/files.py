"""Real upload files for tests: uploads are checked by content (a PDF must parse)."""

from io import BytesIO

from pypdf import PdfWriter


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()
