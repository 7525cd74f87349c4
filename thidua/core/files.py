"""Checks that an uploaded file really is what its name says, within the size limit."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DOCUMENT_EXTENSIONS = {".pdf", ".docx"}


def _is_pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _office_package_has(upload: UploadedFile, part: str) -> bool:
    """Whether the upload is an Office Open XML package (a zip) containing ``part``."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and part in names


def _is_docx(upload: UploadedFile) -> bool:
    return _office_package_has(upload, "word/document.xml")


def is_xlsx(upload: UploadedFile) -> bool:
    return _office_package_has(upload, "xl/workbook.xml")


def validate_size(upload: UploadedFile) -> None:
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def validate_document(upload: UploadedFile) -> None:
    """Accept only real .pdf or .docx files (checked by content, not by name)."""
    validate_size(upload)
    extension = Path(upload.name or "").suffix.lower()
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(_("Only .pdf or .docx files are accepted."), code="extension")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    real = _is_pdf(head) if extension == ".pdf" else _is_docx(upload)
    if not real:
        raise ValidationError(
            _("The file is not a real %(ext)s document; it may be damaged or renamed.")
            % {"ext": extension},
            code="content",
        )
