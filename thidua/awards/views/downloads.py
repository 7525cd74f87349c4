"""The one way the awards pages serve a generated or stored file as a download (.xlsx goes
through ``interchange.views.xlsx_response``)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from thidua.interchange.xlsx import safe_filename

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def download(content: bytes | FieldFile, filename: str, content_type: str) -> HttpResponseBase:
    """Bytes or a stored file as an attachment, never cached (the files are not public)."""
    if isinstance(content, FieldFile):
        response: HttpResponseBase = FileResponse(content.open("rb"), content_type=content_type)
    else:
        response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=safe_filename(filename))
    assert disposition is not None  # None only for an inline file without a name
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "no-store"
    return response
