"""Generated documents of councils: the minutes (biên bản) of a closed session as .docx, in
the layout of official documents (Nghị định 30/2020/NĐ-CP, Appendix I): the People's Committee
over the council, the council, the title, time and place, who attended (and who voted in
writing), the secret ballot's results per nomination with the threshold applied, and the
chair's and secretary's signatures. An official document's language is Vietnamese whatever the
reader's interface.

Only tallies appear, and not even those where one ballot alone was counted (it would show
that member's vote): the result is given and the tally withheld.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from docx.document import Document as DocumentType

from thidua.core import documents
from thidua.core.documents import CENTER, LEFT, vn_number
from thidua.core.templatetags.vn_format import pct
from thidua.councils import selectors, services
from thidua.councils.models import (
    AgendaItem,
    BallotReceipt,
    Basis,
    CouncilMember,
    CouncilSession,
    ItemResult,
    MemberRole,
    RuleOrigin,
)
from thidua.nominations.models import Nomination

ROLE_TITLES: dict[str, str] = {
    MemberRole.CHAIR: "Chủ tịch Hội đồng",
    MemberRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    MemberRole.SECRETARY: "Thư ký Hội đồng",
    MemberRole.MEMBER: "Ủy viên",
}
BASIS_SHORT: dict[str, str] = {
    Basis.ALL_MEMBERS: "tổng số thành viên",
    Basis.PRESENT: "số thành viên có mặt",
}
RESULT_TEXT: dict[str, str] = {ItemResult.PASSED: "Đạt", ItemResult.FAILED: "Không đạt"}
TABLE_WIDTHS_CM = (1.2, 3.6, 3.0, 1.4, 1.6, 1.6, 2.3, 1.8)
TABLE_PT = 11
SIGNATURE_WIDTHS_CM = (8.0, 8.5)


def _unit_phrase(name: str) -> str:
    """ "Huyện Trạm Tấu" → "huyện Trạm Tấu" (inside a sentence)."""
    return name[:1].lower() + name[1:] if name else ""


def _clock(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def file_name(session: CouncilSession) -> str:
    return f"bien-ban-hop-hoi-dong-{session.held_on:%Y-%m-%d}.docx"


def _person(member: CouncilMember) -> str:
    parts = [member.full_name]
    if member.position:
        parts.append(member.position)
    return ", ".join(parts)


def _signatures(document: DocumentType, left: tuple[str, str], right: tuple[str, str]) -> None:
    """Two signature blocks side by side: the secretary at left, the chair at right."""
    table = document.add_table(rows=1, cols=2)
    documents._no_borders(table)
    documents._fixed_widths(table, SIGNATURE_WIDTHS_CM)
    for cell, (title, name) in zip(table.rows[0].cells, (left, right), strict=True):
        documents._line(cell, title, bold=True, paragraph=cell.paragraphs[0], space_after=0)
        documents._line(cell, "(Ký, ghi rõ họ tên)", italic=True, size=12)
        for _blank in range(4):
            documents._line(cell)
        documents._line(cell, name, bold=True)


def _source(session: CouncilSession, item: AgendaItem) -> str:
    """The frozen threshold's source, in the minutes' Vietnamese."""
    source = item.threshold_source.strip().rstrip(".")
    if item.threshold_origin == RuleOrigin.LAW:
        return source
    own = f"theo quy chế của {_unit_phrase(session.council.unit.name)}"
    return f"{own} ({source})" if source else own


def minutes_docx(session: CouncilSession) -> bytes:
    council = session.council
    unit = council.unit
    items = list(selectors.session_items(session))
    attendance = selectors.session_attendance(session)
    written = set(
        BallotReceipt.objects.filter(item__session=session, in_writing=True)
        .values_list("member_id", flat=True)
        .distinct()
    )
    ballots = selectors.ballots_cast(session)
    present = [row.member for row in attendance if row.present]
    absent = [row.member for row in attendance if not row.present]
    chair = next((m for m in present if m.role == MemberRole.CHAIR), None) or next(
        (m for m in present if m.role == MemberRole.VICE_CHAIR), None
    )
    secretary = next((m for m in present if m.role == MemberRole.SECRETARY), None)

    document = documents.new_document()
    documents.add_header(
        document,
        documents.Header(
            issuer="Hội đồng Thi đua - Khen thưởng",
            parent=unit.full_name or unit.name,
            place=documents.place_of(unit.name),
            day=session.held_on,
            symbol="BB-HĐTĐKT",
        ),
    )
    documents.add_title(
        document,
        "Biên bản",
        [
            f"Họp Hội đồng Thi đua - Khen thưởng {_unit_phrase(unit.name)}",
            "xét đề nghị khen thưởng",
        ],
    )
    opened = _clock(session.opened_at)
    documents.add_paragraph(
        document,
        f"Thời gian: {opened + ', ' if opened else ''}{documents.vn_date_text(session.held_on)}.",
    )
    documents.add_paragraph(document, f"Địa điểm: {session.place or '…'}.")

    documents.add_heading(document, "I. THÀNH PHẦN THAM DỰ")
    members = session.member_count or len(attendance)
    documents.add_paragraph(
        document,
        f"Tổng số thành viên Hội đồng: {vn_number(members)}; có mặt: "
        f"{vn_number(session.present_count or len(present))}; vắng mặt: {vn_number(len(absent))}.",
    )
    if chair:
        documents.add_paragraph(document, f"Chủ trì: {_person(chair)}.")
    if secretary:
        documents.add_paragraph(document, f"Thư ký: {_person(secretary)}.")
    documents.add_paragraph(document, "1. Thành viên có mặt:")
    for member in present:
        documents.add_paragraph(document, f"- {_person(member)} ({ROLE_TITLES[member.role]}).")
    documents.add_paragraph(document, "2. Thành viên vắng mặt:")
    for member in absent:
        note = (
            "có phiếu biểu quyết bằng văn bản"
            if member.pk in written
            else "không có phiếu biểu quyết"
        )
        documents.add_paragraph(document, f"- {_person(member)} ({note}).")
    if not absent:
        documents.add_paragraph(document, "- Không.")

    documents.add_heading(document, "II. NỘI DUNG")
    documents.add_paragraph(
        document,
        f"Hội đồng xem xét {vn_number(len(items))} hồ sơ đề nghị khen thưởng trong "
        f"{_unit_phrase(session.movement.title.strip().rstrip('.'))}, đã được công khai theo quy định. "
        "Hội đồng biểu quyết bằng hình thức bỏ phiếu kín; thành viên vắng mặt biểu quyết "
        "bằng văn bản.",
    )
    documents.add_paragraph(
        document,
        f"Số phiếu biểu quyết: {vn_number(ballots.total)} (tại cuộc họp: "
        f"{vn_number(ballots.in_room)}; bằng văn bản: {vn_number(ballots.in_writing)}).",
    )

    if session.early_close_reason:
        documents.add_paragraph(
            document,
            "Hội đồng kết thúc biểu quyết khi chưa đủ phiếu của các thành viên có mặt. Lý do: "
            f"{session.early_close_reason.strip().rstrip('.')}.",
        )

    documents.add_heading(document, "III. KẾT QUẢ BIỂU QUYẾT")
    rows = []
    sources: dict[str, str] = {}
    withheld = False
    passed: list[tuple[str, Nomination]] = []
    failed: list[tuple[str, Nomination]] = []
    for index, item in enumerate(items, start=1):
        outcome = services.item_outcome(item, session)
        nomination = item.nomination
        name = selectors.nomination_label(nomination)
        if nomination.proposing_unit_id:
            name = f"{name} ({nomination.proposing_unit.name})"
        if outcome.withheld:
            withheld = True
            tally = ["(*)", "(*)", "(*)"]
        else:
            tally = [vn_number(item.yes_count), vn_number(item.no_count), pct(outcome.share)]
        sources.setdefault(nomination.award_form.name, _source(session, item))
        rows.append(
            [
                str(index),
                name,
                nomination.award_form.name,
                *tally,
                f"≥ {item.threshold_percent}% {BASIS_SHORT.get(item.threshold_basis, '')}",
                RESULT_TEXT.get(item.result, ""),
            ]
        )
        (passed if item.result == ItemResult.PASSED else failed).append((name, nomination))
    documents.add_table(
        document,
        [
            "STT",
            "Tập thể, cá nhân được đề nghị",
            "Hình thức khen thưởng",
            "Đồng ý",
            "Không đồng ý",
            "Tỷ lệ đồng ý",
            "Tỷ lệ yêu cầu",
            "Kết quả",
        ],
        rows,
        widths_cm=TABLE_WIDTHS_CM,
        aligns=[CENTER, LEFT, LEFT, CENTER, CENTER, CENTER, CENTER, CENTER],
        size=TABLE_PT,
    )
    if withheld:
        documents.add_paragraph(
            document,
            "(*) Không công bố số phiếu: chỉ có một phiếu được kiểm, công bố sẽ cho biết phiếu "
            "của thành viên đó; chỉ ghi kết quả.",
        )
    documents.add_paragraph(document, "Căn cứ tỷ lệ yêu cầu:")
    for form_name, source in sources.items():
        documents.add_paragraph(document, f"- {form_name}: {source}.")

    documents.add_heading(document, "IV. KẾT LUẬN")
    documents.add_paragraph(
        document,
        f"Hội đồng thống nhất: {vn_number(len(passed))} trường hợp đạt tỷ lệ phiếu đồng ý theo "
        f"quy định, đề nghị cấp có thẩm quyền xem xét khen thưởng; {vn_number(len(failed))} "
        "trường hợp không đạt.",
    )
    for name, nomination in passed:
        documents.add_paragraph(document, f"- {name}: {nomination.award_form.name}.")
    if session.notes.strip():
        documents.add_paragraph(document, "Ý kiến khác:")
        for line in session.notes.strip().splitlines():
            if line.strip():
                documents.add_paragraph(document, line.strip())
    closed = _clock(session.closed_at)
    ending = f"Cuộc họp kết thúc lúc {closed}" if closed else "Cuộc họp kết thúc"
    if session.closed_at and timezone.localdate(session.closed_at) != session.held_on:
        ending += f", {documents.vn_date_text(timezone.localdate(session.closed_at))}"
    else:
        ending += " cùng ngày"
    documents.add_paragraph(
        document,
        f"{ending}. Biên bản đã được đọc lại trước Hội đồng và các thành viên dự họp nhất trí "
        "thông qua./.",
    )
    _signatures(
        document,
        ("THƯ KÝ", secretary.full_name if secretary else ""),
        ("CHỦ TỌA", chair.full_name if chair else ""),
    )
    return documents.document_bytes(document)
