"""PDF copies of generated Word documents, made by LibreOffice in headless mode.

The .docx is the document as issued (Times New Roman, Nghị định 30/2020); LibreOffice lays it
out with Liberation Serif, which has the same metrics, so lines and pages break as in Word.
Each conversion runs in its own temporary folder with its own LibreOffice profile
(``-env:UserInstallation``): two conversions at once would otherwise fight over the shared
profile's lock and one would silently produce nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.core.errors import ApplicationError

TIMEOUT_SECONDS = 120

NO_LIBREOFFICE = gettext_noop(
    "Cannot make the PDF: LibreOffice (soffice) is not installed on the server. "
    "Install the libreoffice-writer-nogui package, then make the PDF again."
)
CONVERSION_TIMED_OUT = gettext_noop(
    "Cannot make the PDF: LibreOffice did not finish within %(seconds)s seconds."
)
CONVERSION_FAILED = gettext_noop("Cannot make the PDF: LibreOffice failed (%(detail)s).")


def soffice_path() -> str | None:
    """The LibreOffice executable: the SOFFICE setting, else ``soffice`` on the PATH."""
    configured = getattr(settings, "SOFFICE", "") or os.environ.get("SOFFICE", "")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert a .docx to PDF; raises ApplicationError with a Vietnamese message on failure."""
    soffice = soffice_path()
    if soffice is None:
        raise ApplicationError(_(NO_LIBREOFFICE))
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        profile = work / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        # HOME inside the folder too: LibreOffice writes caches there otherwise.
        env = {**os.environ, "HOME": str(work)}
        try:
            result = subprocess.run(  # noqa: S603 - fixed executable, no shell
                command,
                capture_output=True,
                timeout=timeout,
                env=env,
                cwd=work,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ApplicationError(_(CONVERSION_TIMED_OUT) % {"seconds": timeout})
        except OSError as error:
            raise ApplicationError(_(CONVERSION_FAILED) % {"detail": str(error)})
        target = work / "document.pdf"
        if result.returncode != 0 or not target.exists():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
            detail = detail.splitlines()[-1] if detail else f"exit {result.returncode}"
            raise ApplicationError(_(CONVERSION_FAILED) % {"detail": detail[:300]})
        return target.read_bytes()
