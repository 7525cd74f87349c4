"""Printable certificates (Giấy khen) as PDF, with a QR code to the public verification page.

A4 landscape in Liberation Serif (metric-compatible with Times New Roman, which Nghị định
30/2020 prescribes), embedded from the TrueType files so every Vietnamese diacritic renders;
all text is normalised to NFC first. The QR code holds the absolute address of
``verify:award``; the short code printed under it can be typed on ``verify:lookup``.

A revoked award gets no certificate: printing one, even watermarked, would put a fresh paper
into circulation that a scissor could clean. Papers printed before the revocation keep their
QR code, and the page it opens says «ĐÃ THU HỒI» with the date, reason and decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import cast

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from fpdf import FPDF

from thidua.award_catalogue.models import DecidingOffice
from thidua.awards.models import Award, SignerCapacity
from thidua.awards.selectors.register import short_code
from thidua.core.documents import MOTTO, NATIONAL_NAME, place_of, upper, vn_date_text
from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc, without_sample_flag
from thidua.movements.wording import movement_name
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind

FONT = "LiberationSerif"
FONT_FILES = {
    "": "LiberationSerif-Regular.ttf",
    "B": "LiberationSerif-Bold.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "BI": "LiberationSerif-BoldItalic.ttf",
}
# Debian's fonts-liberation2, then the older fonts-liberation, then a copy in the project.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path(settings.BASE_DIR) / "static" / "fonts",
)
FONT_MISSING = (
    "Certificates need the Liberation Serif fonts (LiberationSerif-Regular.ttf, -Bold, "
    "-Italic, -BoldItalic). Install the Debian package fonts-liberation2, or copy the four "
    "files into static/fonts/ or a folder named by the CERTIFICATE_FONT_DIR setting. "
    "Looked in: %(dirs)s."
)
REVOKED = gettext_noop(
    "This award was revoked on %(day)s: no certificate is issued for it. Its verification "
    "page shows the revocation."
)

Color = tuple[int, int, int]  # RGB

DARK_RED: Color = (160, 20, 25)
GOLD = (184, 134, 11)
BLACK = (0, 0, 0)
GREY = (70, 70, 70)
PAGE_W, PAGE_H = 297.0, 210.0
QR_SIZE = 34.0  # mm, quiet zone included: scans from a phone at arm's length


# --- fonts ------------------------------------------------------------------------------


def font_dirs() -> tuple[Path, ...]:
    configured = getattr(settings, "CERTIFICATE_FONT_DIR", "")
    return ((Path(configured),) if configured else ()) + FONT_DIRS


def font_paths() -> dict[str, Path]:
    """The four Liberation Serif files, from the first folder that has them all."""
    for folder in font_dirs():
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in paths.values()):
            return paths
    raise ImproperlyConfigured(FONT_MISSING % {"dirs": ", ".join(str(d) for d in font_dirs())})


# --- what the certificate says ----------------------------------------------------------


def verify_path(award: Award) -> str:
    return reverse("verify:award", kwargs={"token": award.token})


def qr_payload(award: Award, request: HttpRequest | None = None) -> str:
    """The absolute address the QR code holds: ``PUBLIC_BASE_URL`` when set (behind a
    proxy the request's host may be an internal name), else the request's own host."""
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    if base:
        return base + verify_path(award)
    if request is None:
        raise ImproperlyConfigured("qr_payload needs a request or settings.PUBLIC_BASE_URL.")
    return request.build_absolute_uri(verify_path(award))


def qr_code(url: str) -> segno.QRCode:
    """Medium error correction: survives a fold or a stain, keeps the modules large."""
    return segno.make(url, error="m", micro=False)


def qr_png(url: str, *, scale: int = 10) -> bytes:
    buffer = BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=4, dark="#000000")
    return buffer.getvalue()


_OFFICE_KINDS: dict[str, tuple[str, ...]] = {
    DecidingOffice.PROVINCE_CHAIRMAN: (UnitKind.PROVINCE,),
    DecidingOffice.DISTRICT_CHAIRMAN: (UnitKind.DISTRICT,),
    DecidingOffice.COMMUNE_CHAIRMAN: COMMUNE_LEVEL_KINDS,
}
_OFFICE_LEVEL: dict[str, str] = {
    DecidingOffice.PROVINCE_CHAIRMAN: "TỈNH",
    DecidingOffice.DISTRICT_CHAIRMAN: "HUYỆN",
    DecidingOffice.COMMUNE_CHAIRMAN: "XÃ",
}
COMMITTEE = "ỦY BAN NHÂN DÂN"


def deciding_unit(award: Award) -> Unit | None:
    """The People's Committee whose chairman decided: the decision's issuer, or for an award
    recorded from paper, the recipient's ancestor at the deciding office's level."""
    if award.decision is not None:
        return award.decision.issuing_unit
    owner = (
        award.unit if award.unit_id else (award.person.unit if award.person is not None else None)
    )
    if owner is None:
        return None
    kinds = _OFFICE_KINDS.get(award.deciding_office, ())
    ancestors = Unit.objects.ancestors(owner, include_self=True)
    return next((unit for unit in reversed(list(ancestors)) if unit.kind in kinds), None)


def committee_name(unit: Unit) -> str:
    """ "ỦY BAN NHÂN DÂN HUYỆN TRẠM TẤU" from "Ủy ban nhân dân huyện Trạm Tấu" or "Huyện Trạm Tấu"."""
    full = nfc(unit.full_name or unit.name)
    if fold(full).startswith("uy ban nhan dan"):
        return COMMITTEE + upper(full)[len(COMMITTEE) :]
    return f"{COMMITTEE} {upper(unit.name)}"


@dataclass
class CertificateText:
    authority: str
    heading: str
    title: str  # the emulation title for a title; blank for a commendation
    recipient: str
    detail: str
    achievement: str
    decision_line: str
    place_date: str
    signature: list[str] = field(default_factory=list)
    signer: str = ""
    code: str = ""
    url: str = ""


def _heading(award: Award) -> tuple[str, str]:
    name = nfc(award.award_form.name)
    folded = fold(name)
    if folded.startswith("giay khen"):
        return "TẶNG GIẤY KHEN", ""
    if folded.startswith("bang khen"):
        return "TẶNG BẰNG KHEN", ""
    return "CÔNG NHẬN DANH HIỆU", upper(name)


def _achievement(award: Award) -> str:
    if award.movement is not None:
        return f"Đã có thành tích xuất sắc trong {movement_name(award.movement.title)}."
    if award.decision is not None and award.decision.summary:
        return nfc(award.decision.summary)
    return "Đã có thành tích xuất sắc."


def _signature(award: Award) -> tuple[list[str], str]:
    decision = award.decision if award.decision_id else None
    if decision is None:
        return ["CHỦ TỊCH"], ""
    title = upper(decision.signer_title or "Chủ tịch")
    if decision.signer_capacity == SignerCapacity.DEPUTY or title.startswith("PHÓ "):
        return ["KT. CHỦ TỊCH", title if title.startswith("PHÓ ") else "PHÓ CHỦ TỊCH"], nfc(
            decision.signer_name
        )
    return ["CHỦ TỊCH"], nfc(decision.signer_name)


def certificate_text(award: Award, verify_url: str) -> CertificateText:
    unit = deciding_unit(award)
    if unit is not None:
        authority = f"CHỦ TỊCH {committee_name(unit)}"
        place = place_of(unit.name)
    else:
        level = _OFFICE_LEVEL.get(award.deciding_office, "")
        authority = f"CHỦ TỊCH {COMMITTEE} {level}".strip()
        place = ""
    heading, title = _heading(award)
    signature, signer = _signature(award)
    day = award.decided_on
    date_text = vn_date_text(day)
    clean = without_sample_flag  # a certificate is an official paper: no demo flag on it
    return CertificateText(
        authority=clean(authority),
        heading=heading,
        title=title,
        recipient=clean(award.recipient_name),
        detail=clean(award.recipient_detail),
        achievement=clean(_achievement(award)),
        decision_line=f"Quyết định số {clean(award.decision_number)} ngày {day:%d/%m/%Y}",
        place_date=clean(
            f"{place}, {date_text}" if place else date_text[:1].upper() + date_text[1:]
        ),
        signature=signature,
        signer=clean(signer),
        code=short_code(award),
        url=verify_url,
    )


# --- drawing ----------------------------------------------------------------------------


class CertificatePDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        for style, path in font_paths().items():
            self.add_font(FONT, style, str(path))
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.set_lang("vi")
        self.set_creator("Thi đua")

    def centred(
        self, y: float, text: str, size: float, style: str = "", color: Color = BLACK
    ) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.set_xy(0, y)
        self.cell(PAGE_W, size * 0.45, nfc(text), align="C")

    def fitted(
        self, y: float, text: str, size: float, style: str, width: float, color: Color = BLACK
    ) -> float:
        """One centred line, the font shrunk until it fits ``width``; returns the size used."""
        text = nfc(text)
        self.set_font(FONT, style, size)
        while size > 10 and self.get_string_width(text) > width:
            size -= 1
            self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.set_xy((PAGE_W - width) / 2, y)
        self.cell(width, size * 0.45, text, align="C")
        return size

    def paragraph(self, y: float, text: str, size: float, width: float, max_lines: int) -> None:
        """A centred paragraph of at most ``max_lines`` lines, shrinking the font to fit."""
        text = nfc(text)
        while True:
            self.set_font(FONT, "I", size)
            # output="LINES" returns the lines (fpdf2 types every output's result as one union).
            lines = cast(
                list[str],
                self.multi_cell(width, size * 0.5, text, align="C", dry_run=True, output="LINES"),
            )
            if len(lines) <= max_lines or size <= 11:
                break
            size -= 1
        self.set_text_color(*BLACK)
        self.set_xy((PAGE_W - width) / 2, y)
        self.multi_cell(width, size * 0.5, text, align="C")

    def border(self) -> None:
        """A double frame in dark red and gold with a motif in each corner."""
        self.set_draw_color(*DARK_RED)
        self.set_line_width(1.8)
        self.rect(7, 7, PAGE_W - 14, PAGE_H - 14)
        self.set_draw_color(*GOLD)
        self.set_line_width(0.6)
        self.rect(10.5, 10.5, PAGE_W - 21, PAGE_H - 21)
        self.set_line_width(0.25)
        self.rect(12, 12, PAGE_W - 24, PAGE_H - 24)
        for cx, cy in ((12, 12), (PAGE_W - 12, 12), (12, PAGE_H - 12), (PAGE_W - 12, PAGE_H - 12)):
            self.corner(cx, cy)
        # A row of small diamonds along the top and bottom between the frames.
        self.set_fill_color(*GOLD)
        x = 30.0
        while x < PAGE_W - 30:
            for y in (8.75, PAGE_H - 8.75):
                self.polygon([(x, y - 0.9), (x + 0.9, y), (x, y + 0.9), (x - 0.9, y)], style="F")
            x += 6

    def corner(self, cx: float, cy: float) -> None:
        self.set_fill_color(*DARK_RED)
        self.polygon([(cx, cy - 5), (cx + 5, cy), (cx, cy + 5), (cx - 5, cy)], style="F")
        self.set_fill_color(*GOLD)
        self.polygon([(cx, cy - 2.6), (cx + 2.6, cy), (cx, cy + 2.6), (cx - 2.6, cy)], style="F")
        self.set_fill_color(255, 255, 255)
        self.polygon([(cx, cy - 1), (cx + 1, cy), (cx, cy + 1), (cx - 1, cy)], style="F")

    def certificate(self, text: CertificateText) -> None:
        self.add_page()
        self.border()
        self.centred(20, NATIONAL_NAME, 13, "B")
        self.centred(26.5, MOTTO, 13, "B")
        self.set_font(FONT, "B", 13)
        rule = self.get_string_width(MOTTO)
        self.set_draw_color(*BLACK)
        self.set_line_width(0.3)
        self.line((PAGE_W - rule) / 2, 33, (PAGE_W + rule) / 2, 33)

        self.fitted(43, text.authority, 15, "B", 250)
        self.fitted(57, text.heading, 36, "B", 250, DARK_RED)
        y = 76.0
        if text.title:
            self.fitted(y, text.title, 20, "B", 250, DARK_RED)
            y += 12
        self.fitted(y + 2, text.recipient, 28, "B", 250)
        y += 17
        if text.detail:
            self.fitted(y, text.detail, 15, "I", 240)
            y += 10
        self.paragraph(y + 2, text.achievement, 15, 230, 3)

        # Bottom left: the decision, the QR code and the code to type.
        left = 24.0
        self.set_text_color(*BLACK)
        self.set_font(FONT, "", 12)
        self.set_xy(left, 142)
        self.cell(110, 5, nfc(text.decision_line))
        self.image(BytesIO(qr_png(text.url)), x=left, y=149, w=QR_SIZE, h=QR_SIZE)
        self.set_font(FONT, "", 9)
        self.set_text_color(*GREY)
        self.set_xy(left - 4, 149 + QR_SIZE + 0.5)
        self.cell(QR_SIZE + 8, 4, f"Mã xác minh: {text.code}", align="C")
        self.set_xy(left + QR_SIZE + 3, 158)
        self.multi_cell(
            58,
            4.2,
            "Quét mã QR hoặc nhập mã xác minh trên trang xác minh khen thưởng để kiểm tra "
            "hiệu lực.",
            align="L",
        )

        # Bottom right: place and date, the chairman's signature block.
        right_x, right_w = 165.0, 110.0
        self.set_text_color(*BLACK)
        self.set_font(FONT, "I", 13)
        self.set_xy(right_x, 140)
        self.cell(right_w, 6, nfc(text.place_date), align="C")
        y = 148.0
        for line in text.signature:
            self.set_font(FONT, "B", 14)
            self.set_xy(right_x, y)
            self.cell(right_w, 6, line, align="C")
            y += 6.5
        if text.signer:
            self.set_font(FONT, "B", 14)
            self.set_xy(right_x, 183)
            self.cell(right_w, 6, text.signer, align="C")


def _new_pdf(title: str) -> CertificatePDF:
    pdf = CertificatePDF()
    pdf.set_title(nfc(title))
    return pdf


def ensure_printable(award: Award) -> None:
    if award.is_revoked:
        raise ApplicationError(_(REVOKED) % {"day": f"{award.revoked_on:%d/%m/%Y}"})


def certificate_pdf(award: Award, verify_url: str) -> bytes:
    """One certificate on one A4 landscape page. Refuses a revoked award."""
    ensure_printable(award)
    pdf = _new_pdf(f"Giấy khen – {award.recipient_name}")
    pdf.certificate(certificate_text(award, verify_url))
    return bytes(pdf.output())


def certificates_pdf(awards: Iterable[tuple[Award, str]], title: str) -> bytes:
    """Many certificates, one page each (a decision's whole list). Revoked awards are
    skipped; the caller says so. Raises ApplicationError when nothing is left to print."""
    pdf = _new_pdf(title)
    for award, url in awards:
        if award.is_revoked:
            continue
        pdf.certificate(certificate_text(award, url))
    if pdf.page == 0:
        raise ApplicationError(_("There is no valid award to print."))
    return bytes(pdf.output())
