"""The papers of a dossier as the unit wrote them in 2025: the review minutes (.docx) and the
achievement report."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.award_catalogue.models import AwardForm
from thidua.core import documents
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactRecord,
    Person,
)
from thidua.demo.commendation.script import REPORT_YEARS, SAMPLE_NOTE, Dossier
from thidua.nominations import achievement
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit


def minutes(unit: Unit, candidate: str, form: AwardForm, day: date) -> SimpleUploadedFile:
    """The unit's review minutes (biên bản họp xét) as a real .docx, marked as a sample."""
    document = documents.new_document()
    parent = unit.parent
    documents.add_header(
        document,
        documents.Header(
            issuer=unit.full_name or unit.name,
            parent=(parent.full_name or parent.name) if parent else "",
            place=documents.place_of(unit.name),
            day=day,
            symbol="BB-HĐTĐKT",
        ),
    )
    documents.add_title(document, "Biên bản", ["Họp xét đề nghị khen thưởng (mẫu)"])
    documents.add_paragraph(
        document,
        f"Hội đồng Thi đua - Khen thưởng {unit.name[:1].lower()}{unit.name[1:]} họp ngày "
        f"{day:%d/%m/%Y}, 7/7 thành viên có mặt, biểu quyết 7/7 đồng ý đề nghị tặng "
        f"«{form.name}» cho {candidate} (mẫu).",
    )
    documents.add_closing(
        document,
        recipients=["- Như trên;", "- Lưu: VT."],
        signature=documents.Signature(authority=("TM. Hội đồng", "Chủ tịch"), name=""),
    )
    return SimpleUploadedFile(
        f"bien-ban-hop-xet-{day:%Y%m%d}.docx", documents.document_bytes(document)
    )


def report(dossier: Dossier, unit: Unit | None, person: Person | None) -> str:
    """The achievement report as the unit wrote it in 2025: the dossier's summary, then the
    recorded ratings, cultural village years and facts up to 2024 (the nominations app's
    pre-fill reads today's data, which would cite decisions of 2026)."""
    first, last = REPORT_YEARS
    owner: dict[str, Unit | Person | None] = (
        {"unit": unit} if unit is not None else {"person": person}
    )
    sections: list[tuple[str, list[str]]] = []
    ratings = {
        r.year: r for r in AnnualRating.objects.filter(year__gte=first, year__lte=last, **owner)
    }
    if ratings:
        lines = []
        for year in range(first, last + 1):
            rating = ratings.get(year)
            if rating is None:
                lines.append(f"- Năm {year}: chưa có dữ liệu xếp loại.")
            else:
                lines.append(
                    f"- Năm {year}: {rating.get_level_display()} ({rating.document_reference})."
                )
        sections.append((f"XẾP LOẠI HẰNG NĂM ({first}-{last})", lines))
    if unit is not None and unit.kind in VILLAGE_LEVEL_KINDS:
        years = CulturalVillageRecognition.objects.filter(unit=unit, year__lte=last).values_list(
            "year", flat=True
        )
        listed = ", ".join(str(year) for year in sorted(years)) or "chưa có"
        sections.append(
            ("DANH HIỆU THÔN, TỔ DÂN PHỐ VĂN HÓA", [f"- Được công nhận các năm: {listed}."])
        )
    facts = [
        f"- Năm {f.year}, {f.get_kind_display().lower()}: {f.summary} ({f.document_reference})."
        for f in FactRecord.objects.filter(year__lte=last, **owner).order_by("year", "pk")
    ]
    if facts:
        sections.append(("THÀNH TÍCH VÀ SỰ VIỆC KHÁC ĐÃ GHI NHẬN", facts))
    paragraphs = [f"{achievement.SUMMARY_PREFIX} {dossier.summary}"]
    for number, (title, lines) in zip(("I", "II", "III"), sections, strict=False):
        paragraphs.append(f"{number}. {title}\n" + "\n".join(lines))
    paragraphs.append(SAMPLE_NOTE)
    return "\n\n".join(paragraphs)
