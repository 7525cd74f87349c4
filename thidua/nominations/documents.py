"""Generated documents of a dossier: the achievement report as .docx, in the layout of
official documents (Nghị định 30/2020). Its text is the dossier's report, Vietnamese whatever
the user's language."""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone

from thidua.core import documents

from .achievement import HEADING, without_data_gaps
from .models import Nomination


def _signature(nomination: Nomination) -> documents.Signature:
    person = nomination.candidate_person
    if person is not None:
        return documents.Signature(authority=("NGƯỜI BÁO CÁO THÀNH TÍCH",), name=person.full_name)
    return documents.Signature(authority=("THỦ TRƯỞNG ĐƠN VỊ",), name="")


def achievement_docx(nomination: Nomination, *, today: date | None = None) -> bytes:
    """The dossier's achievement report as a Word document (Nghị định 30/2020 layout)."""
    today = today or timezone.localdate()
    unit = nomination.proposing_unit
    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer=unit.full_name or unit.name,
            parent=(unit.parent.full_name or unit.parent.name) if unit.parent_id else "",
            place=documents.place_of(unit.name),
            day=today,
            symbol="BC",
        ),
    )
    person, collective = nomination.candidate_person, nomination.candidate_unit
    if person is not None:
        who = person.full_name
        if person.position:
            who += f", {person.position}"
        who += f", {person.unit.full_name or person.unit.name}"
    else:
        assert collective is not None, "a nomination names a unit or a person"
        who = collective.full_name or collective.name
    documents.add_title(
        document,
        "Báo cáo thành tích",
        [f"Đề nghị tặng {nomination.award_form.name}", f"({who})"],
    )
    for paragraph in re.split(r"\n\s*\n", without_data_gaps(nomination.achievement)):
        for line in paragraph.splitlines():
            line = line.strip()
            if not line:
                continue
            if HEADING.match(line):
                documents.add_heading(document, line)
            else:
                documents.add_paragraph(document, line)
    if not (nomination.achievement or "").strip():
        documents.add_paragraph(document, "(Chưa có nội dung báo cáo thành tích.)", italic=True)
    documents.add_closing(
        document,
        recipients=["- Như trên;", "- Lưu: VT."],
        signature=_signature(nomination),
    )
    return documents.document_bytes(document)
