"""The achievement report (báo cáo thành tích): the facts gathered about a candidate, the draft
written from them and the short summary the public notice shows (the .docx is rendered in
``documents.py``).

The draft is plain text the unit edits: a summary paragraph first (the public notice shows
it), then one section per kind of fact — annual ratings 2020-2025 (every year named, "no
data" included, so a gap is visible), cultural village recognitions, the other facts
(targets, initiatives, contributions, violations), and the candidate unit's works in the
movement with their progress and schedule. The text is Vietnamese whatever the user's
language: it is the content of an official document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone, translation
from django.utils.text import Truncator

from thidua.core.documents import vn_number
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactRecord,
    Person,
    RatingLevel,
)
from thidua.movements.models import Movement
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit
from thidua.works.models import ProgressStatus, RegistrationStatus, Schedule, Work

FIRST_YEAR, LAST_YEAR = 2020, 2025
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
SUMMARY_PREFIX = "Tóm tắt thành tích:"
SUMMARY_WORDS = 60
# A section heading of the report ("II. ..."): a heading in the .docx, never the summary.
HEADING = re.compile(r"^[IVXLC]+\.\s")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


@dataclass
class Facts:
    """What is recorded about one candidate, read in a fixed number of queries."""

    ratings: dict[int, AnnualRating] = field(default_factory=dict)
    recognitions: list[int] = field(default_factory=list)
    records: list[FactRecord] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    is_village: bool = False


def gather(*, movement: Movement, unit: Unit | None = None, person: Person | None = None) -> Facts:
    """The facts of a unit or a person (4 queries for a unit, 2 for a person)."""
    owner: dict[str, Unit | Person | None] = (
        {"unit": unit} if unit is not None else {"person": person}
    )
    facts = Facts()
    facts.ratings = {
        r.year: r for r in AnnualRating.objects.filter(year__in=YEARS, **owner).order_by("year")
    }
    facts.records = list(FactRecord.objects.filter(**owner).order_by("year", "kind", "pk"))
    if unit is not None:
        facts.is_village = unit.kind in VILLAGE_LEVEL_KINDS
        if facts.is_village:
            facts.recognitions = list(
                CulturalVillageRecognition.objects.filter(unit=unit)
                .order_by("year")
                .values_list("year", flat=True)
            )
        facts.works = list(
            Work.objects.filter(movement=movement, unit=unit)
            .exclude(status=RegistrationStatus.CANCELLED)
            .order_by("expected_completion", "pk")
        )
    return facts


def _rating_line(year: int, rating: AnnualRating | None) -> str:
    if rating is None:
        return f"- Năm {year}: chưa có dữ liệu xếp loại."
    line = f"- Năm {year}: {rating.get_level_display()}"
    if rating.document_reference:
        line += f" ({rating.document_reference})"
    return line + "."


def _fact_line(record: FactRecord) -> str:
    details = []
    if record.outcome:
        details.append(record.get_outcome_display())
    if record.amount is not None:
        details.append(f"{vn_number(record.amount)} đồng")
    if record.document_reference:
        details.append(record.document_reference)
    tail = f" ({'; '.join(details)})" if details else ""
    return f"- Năm {record.year}, {record.get_kind_display().lower()}: {record.summary}{tail}."


def _date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _work_line(work: Work, today: date) -> str:
    parts = [f"{work.get_kind_display()} «{work.name}»"]
    if work.status != RegistrationStatus.REGISTERED:
        parts.append(f"đăng ký: {work.get_status_display().lower()}")
    parts.append(
        f"tiến độ: {work.get_progress_status_display().lower()} ({work.progress_percent}%)"
    )
    if work.expected_completion:
        parts.append(f"dự kiến hoàn thành {_date(work.expected_completion)}")
    schedule = work.schedule(today)
    if schedule != Schedule.NONE:
        parts.append(str(Schedule(schedule).label).lower())
    if work.actual_completion:
        parts.append(f"hoàn thành ngày {_date(work.actual_completion)}")
    if work.put_into_use:
        parts.append(f"đưa vào sử dụng ngày {_date(work.put_into_use)}")
    return "- " + "; ".join(parts) + "."


def _summary(name: str, facts: Facts, is_unit: bool) -> str:
    """One sentence of what is known; a count of zero is left out rather than printed, and the
    years without data are named in brackets for the officials (public and printed texts drop
    that note, see :func:`without_data_gaps`)."""
    excellent = sum(1 for r in facts.ratings.values() if r.level == RatingLevel.EXCELLENT)
    good = sum(1 for r in facts.ratings.values() if r.level == RatingLevel.GOOD)
    missing = [y for y in YEARS if y not in facts.ratings]
    rated = []
    if excellent:
        rated.append(f"{excellent} năm hoàn thành xuất sắc nhiệm vụ")
    if good:
        rated.append(f"{good} năm hoàn thành tốt nhiệm vụ")
    parts = []
    if rated:
        parts.append(f"có {' và '.join(rated)} trong giai đoạn {FIRST_YEAR}-{LAST_YEAR}")
    if missing:
        gap = f"(chưa có dữ liệu năm {', '.join(str(y) for y in missing)})"
        if parts:
            parts[-1] += f" {gap}"
        else:
            parts.append(gap)
    if facts.is_village:
        in_period = [y for y in facts.recognitions if FIRST_YEAR <= y <= LAST_YEAR]
        if in_period:
            parts.append(f"{len(in_period)} năm được công nhận thôn, tổ dân phố văn hóa")
    if is_unit and facts.works:
        done = sum(
            1
            for w in facts.works
            if w.progress_status in (ProgressStatus.COMPLETED, ProgressStatus.IN_USE)
        )
        parts.append(
            f"đăng ký {len(facts.works)} công trình, phần việc trong phong trào, "
            f"đã hoàn thành {done}"
        )
    return f"{SUMMARY_PREFIX} {name} {'; '.join(parts)}.".replace(" .", ".")


# Notes of missing data in a report: for the officials who check it, never for the public
# or the printed report.
_GAP_NOTE = re.compile(r"\s*\(chưa có dữ liệu[^)]*\)", re.IGNORECASE)
_GAP_LINE = re.compile(r"^\s*-\s*(?:Năm \d{4}:\s*)?chưa có dữ liệu.*$", re.IGNORECASE)


def without_data_gaps(text: str) -> str:
    """The report as printed or published: no "(chưa có dữ liệu năm …)" note, no "- Năm …:
    chưa có dữ liệu xếp loại." line, and no section heading left with nothing under it."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [
            _GAP_NOTE.sub("", line) for line in paragraph.splitlines() if not _GAP_LINE.match(line)
        ]
        lines = [line.replace(" ;", ";").replace(" .", ".") for line in lines if line.strip()]
        if not lines or (len(lines) == 1 and HEADING.match(lines[0])):
            continue
        kept.append("\n".join(lines))
    return "\n\n".join(kept)


def draft_text(
    *,
    movement: Movement,
    unit: Unit | None = None,
    person: Person | None = None,
    today: date | None = None,
) -> str:
    """The pre-filled achievement report of a unit or a person, as paragraphs of plain text."""
    today = today or timezone.localdate()
    facts = gather(movement=movement, unit=unit, person=person)
    if unit is not None:
        name = unit.name
    else:
        assert person is not None, "a unit or a person"
        name = person.full_name
    with translation.override("vi"):
        sections: list[tuple[str, list[str]]] = []
        sections.append(
            (
                f"XẾP LOẠI HẰNG NĂM ({FIRST_YEAR}-{LAST_YEAR})",
                [_rating_line(y, facts.ratings.get(y)) for y in YEARS],
            )
        )
        if facts.is_village:
            years = ", ".join(str(y) for y in facts.recognitions)
            lines = (
                [f"- Được công nhận thôn, tổ dân phố văn hóa các năm: {years}."]
                if facts.recognitions
                else ["- Chưa có dữ liệu công nhận thôn, tổ dân phố văn hóa."]
            )
            sections.append(("DANH HIỆU THÔN, TỔ DÂN PHỐ VĂN HÓA", lines))
        sections.append(
            (
                "THÀNH TÍCH VÀ SỰ VIỆC KHÁC ĐÃ GHI NHẬN",
                [_fact_line(r) for r in facts.records] or ["- Chưa có dữ liệu."],
            )
        )
        if unit is not None:
            sections.append(
                (
                    f"CÔNG TRÌNH, PHẦN VIỆC ĐĂNG KÝ TRONG PHONG TRÀO «{movement.title}»",
                    [_work_line(w, today) for w in facts.works]
                    or ["- Chưa đăng ký công trình, phần việc nào."],
                )
            )
        paragraphs = [_summary(name, facts, unit is not None)]
        for number, (title, lines) in zip(_ROMAN, sections, strict=False):
            paragraphs.append(f"{number}. {title}\n" + "\n".join(lines))
    return "\n\n".join(paragraphs)


def public_summary(text: str) -> str:
    """The first paragraph of the report, without its label, cut to about 60 words: what the
    public notice shows of a candidate."""
    text = (text or "").strip()
    if not text:
        return ""
    first = re.split(r"\n\s*\n", without_data_gaps(text), maxsplit=1)[0].strip()
    if HEADING.match(first):
        return ""
    if first.startswith(SUMMARY_PREFIX):
        first = first[len(SUMMARY_PREFIX) :].strip()
    return Truncator(" ".join(first.split())).words(SUMMARY_WORDS, truncate="…")
