"""Evidence files for progress updates: photos (thumbnailed) and documents, checked by
content and size, never trusted by their name."""

from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from thidua.core.files import (
    image_format,
    neutralise_name,
    pixel_limit_text,
    validate_document,
    validate_size,
)

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
THUMBNAIL_SIZE = (320, 320)


def _image_format(upload: UploadedFile) -> str | None:
    # Pixels are counted from the header before decoding (settings.UPLOAD_MAX_PIXELS).
    return image_format(upload, set(IMAGE_FORMATS))


def is_image(upload: UploadedFile) -> bool:
    return Path(upload.name or "").suffix.lower() in IMAGE_EXTENSIONS


def validate(upload: UploadedFile) -> None:
    """A real .jpg/.png/.webp photo, or a real .pdf/.docx document, within the size limit."""
    validate_size(upload)
    neutralise_name(upload)
    if is_image(upload):
        if _image_format(upload) is None:
            raise ValidationError(
                _(
                    "The file is not a readable photo (.jpg, .png or .webp) of at most "
                    "%(megapixels)s megapixels; it may be damaged."
                )
                % {"megapixels": pixel_limit_text()},
                code="content",
            )
        return
    try:
        validate_document(upload)
    except ValidationError as error:
        if error.code == "extension":
            raise ValidationError(
                _("Only photos (.jpg, .png, .webp) or documents (.pdf, .docx) are accepted."),
                code="extension",
            )
        raise


def thumbnail(upload: UploadedFile) -> ContentFile:
    """A small JPEG of the photo, turned upright as the phone took it."""
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail(THUMBNAIL_SIZE)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=80, optimize=True)
    upload.seek(0)
    return ContentFile(buffer.getvalue())


def attach(item, upload: UploadedFile) -> None:
    """Store the file (and a thumbnail for photos) on an Evidence instance, unsaved."""
    name = Path(upload.name or "file").name
    item.is_image = is_image(upload)
    if item.is_image:
        item.thumbnail.save(f"{Path(name).stem}.jpg", thumbnail(upload), save=False)
    item.file.save(name, upload, save=False)
