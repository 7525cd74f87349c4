"""Checks that an uploaded file really is what its name says, within the size limits.

Nothing is trusted by its name or its first bytes alone: an Office file (.docx, .xlsx) is a zip
whose directory must promise a bounded unpacking (:func:`zip_names`, before any part is read);
a PDF must parse and carry no script, launch action or embedded file; a photo's pixels are
counted from its header before it is decoded. Names lose any folder part.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader

DOCUMENT_EXTENSIONS = {".pdf", ".docx"}
# Parts smaller than this may pack as tightly as they like (styles, empty sheets).
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_MAX_PARTS = 10_000
# Markup in the first bytes: a browser or a viewer would take the file for a web page.
_MARKUP = re.compile(rb"<\s*(!doctype|html|svg|script|\?xml|body|iframe)", re.IGNORECASE)
# Actions a PDF may run by itself; none belongs in a dossier or an evidence file.
_PDF_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm"}
_PDF_PAGES_WALKED = 2_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# --- names ----------------------------------------------------------------------------------


def safe_upload_name(name: str) -> str:
    """The name without any folder part (``/`` or ``\\``), control characters or leading dots."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _CONTROL.sub("", base).strip().lstrip(".").strip()
    return base or "file"


def neutralise_name(upload: UploadedFile) -> None:
    upload.name = safe_upload_name(upload.name or "")


# --- size -----------------------------------------------------------------------------------


def validate_size(upload: UploadedFile) -> None:
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


# --- zip packages (.docx, .xlsx) ------------------------------------------------------------


def zip_names(upload: Any) -> set[str]:
    """The part names of a zip whose directory promises a bounded unpacking.

    The sizes in the directory are binding: Python's zipfile never unpacks a part past the size
    its directory gives. Raises ValidationError (code ``not_zip``, ``zip_too_large`` or
    ``zip_ratio``) for a damaged file, a part or a whole too large, or a part packed so tightly
    it can only be a bomb.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValidationError(
            _(
                "The file is not a valid Office document (it is not a zip package); it may be damaged."
            ),
            code="not_zip",
        )
    finally:
        upload.seek(0)
    part_limit, total_limit = settings.ZIP_MAX_PART_BYTES, settings.ZIP_MAX_TOTAL_BYTES
    if len(infos) > ZIP_MAX_PARTS:
        raise ValidationError(
            _("The file has %(count)s parts; an Office document has far fewer.")
            % {"count": number_format(len(infos), force_grouping=True)},
            code="zip_too_large",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > part_limit or total > total_limit:
            raise ValidationError(
                _(
                    "The file unpacks to more than %(limit)s (a part of it to %(size)s); "
                    "split it or remove pictures and unused sheets."
                )
                % {
                    "limit": filesizeformat(
                        part_limit if info.file_size > part_limit else total_limit
                    ),
                    "size": filesizeformat(info.file_size),
                },
                code="zip_too_large",
            )
        ratio = settings.ZIP_MAX_RATIO
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ratio * max(info.compress_size, 1):
            raise ValidationError(
                _(
                    "A part of the file unpacks to %(size)s from %(packed)s, more than %(ratio)s "
                    "times its size; such a file is refused."
                )
                % {
                    "size": filesizeformat(info.file_size),
                    "packed": filesizeformat(info.compress_size),
                    "ratio": ratio,
                },
                code="zip_ratio",
            )
    return {info.filename for info in infos}


def _office_package_has(upload: UploadedFile, part: str) -> bool:
    """Whether the upload is a bounded Office Open XML package containing ``part``."""
    names = zip_names(upload)
    return "[Content_Types].xml" in names and part in names


def is_xlsx(upload: UploadedFile) -> bool:
    """A bounded zip with the workbook part (False for anything else); ValidationError for a
    zip that would unpack past the limits."""
    try:
        return _office_package_has(upload, "xl/workbook.xml")
    except ValidationError as error:
        if error.code == "not_zip":
            return False
        raise


def _docx_problem(upload: UploadedFile) -> ValidationError | None:
    try:
        real = _office_package_has(upload, "word/document.xml")
    except ValidationError as error:
        if error.code != "not_zip":
            return error
        real = False
    return None if real else _not_real(".docx")


# --- PDF ------------------------------------------------------------------------------------


def _pdf_problem(upload: UploadedFile) -> ValidationError | None:
    upload.seek(0)
    data = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    upload.seek(0)
    if not data.startswith(b"%PDF-") or _MARKUP.search(data[:1024]):
        return _not_real(".pdf")
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        catalog = reader.root_object
        if len(reader.pages) < 1:
            return _not_real(".pdf")
        active = _pdf_is_active(catalog, reader)
    except Exception:  # pypdf raises many kinds for damaged or foreign files
        return _not_real(".pdf")
    if active:
        return ValidationError(
            _(
                "The PDF contains scripts, actions or attached files; print it to PDF again "
                "(or save it as PDF/A) and upload that copy."
            ),
            code="active_pdf",
        )
    return None


def _resolved(value: Any) -> Any:
    """The object an indirect PDF reference points to (the value itself otherwise)."""
    return value.get_object() if hasattr(value, "get_object") else value


def _is_action(action: Any) -> bool:
    action = _resolved(action)
    if not isinstance(action, dict):
        return False
    if "/JS" in action or action.get("/S") in _PDF_ACTIONS:
        return True
    follow = _resolved(action.get("/Next"))
    followers = follow if isinstance(follow, list) else [follow] if follow is not None else []
    return any(_is_action(item) for item in followers)


def _has_actions(holder: Any) -> bool:
    """An ``/A`` action or any additional action (``/AA``: on open, on close, on focus…)."""
    if _is_action(holder.get("/A")):
        return True
    additional = _resolved(holder.get("/AA"))
    return isinstance(additional, dict) and any(_is_action(v) for v in additional.values())


def _pdf_is_active(catalog: Any, reader: Any) -> bool:
    if _is_action(catalog.get("/OpenAction")) or _has_actions(catalog):
        return True
    names = _resolved(catalog.get("/Names"))
    if isinstance(names, dict) and ("/JavaScript" in names or "/EmbeddedFiles" in names):
        return True
    for index, page in enumerate(reader.pages):
        if index >= _PDF_PAGES_WALKED:
            break
        if _has_actions(page):
            return True
        annotations = page.get("/Annots")
        annotations = (
            annotations.get_object() if hasattr(annotations, "get_object") else annotations
        )
        for annotation in annotations or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment" or _has_actions(annotation):
                return True
    return False


# --- documents and photos -------------------------------------------------------------------


def _not_real(extension: str) -> ValidationError:
    return ValidationError(
        _("The file is not a real %(ext)s document; it may be damaged or renamed.")
        % {"ext": extension},
        code="content",
    )


def validate_document(upload: UploadedFile) -> None:
    """Accept only real .pdf or .docx files (checked by content, not by name)."""
    validate_size(upload)
    neutralise_name(upload)
    extension = Path(upload.name or "").suffix.lower()
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(_("Only .pdf or .docx files are accepted."), code="extension")
    problem = _pdf_problem(upload) if extension == ".pdf" else _docx_problem(upload)
    if problem is not None:
        raise problem


def image_format(upload: UploadedFile, formats: set[str]) -> str | None:
    """The image's format if it is one of ``formats`` and readable, its pixels counted from
    the header before anything is decoded; None otherwise."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt = image.format
            if image.width * image.height > settings.UPLOAD_MAX_PIXELS:
                return None
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return fmt if fmt in formats else None


def pixel_limit_text() -> str:
    return number_format(settings.UPLOAD_MAX_PIXELS // 1_000_000, force_grouping=True)
