"""The award decision (Quyết định khen thưởng, with its annexed list) and the proposal to the
province (Tờ trình) as Word documents in the layout of Nghị định 30/2020/NĐ-CP.

Official documents are written in Vietnamese whatever the reader's interface language, so the
wording here is Vietnamese text, not translated messages. Every name comes from the unit
directory and the movement, never from free text typed twice.

A decision of award is the chairman's own power (Art. 80 of the 2022 Law): it is headed
"CHỦ TỊCH ỦY BAN NHÂN DÂN …" and signed "CHỦ TỊCH" (or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). A
proposal is the People's Committee's document, signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (or
"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from thidua.awards.models import Decision, DecisionKind, SignerCapacity
from thidua.core import documents
from thidua.core.documents import CENTER, LEFT, RIGHT, vn_number
from thidua.core.text import nfc
from thidua.movements.wording import movement_name
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit

LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
NO_RATE = "Chưa có mức"
COMMITTEE = "Ủy ban nhân dân"

COLLECTIVE, INDIVIDUAL, HOUSEHOLD = "collective", "individual", "household"


@dataclass(frozen=True)
class Row:
    """One line of the annex, as printed."""

    name: str
    detail: str  # position and unit
    form: str
    form_is_title: bool
    recipient: str  # COLLECTIVE, INDIVIDUAL or HOUSEHOLD
    amount: Decimal | None = None


@dataclass(frozen=True)
class QuotaLine:
    """A quota as the proposal states it, this proposal's places included."""

    form: str
    allocated: int
    used: int
    remaining: int
    document_reference: str = ""


# --- wording --------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def committee_name(unit: Unit) -> str:
    """ "Ủy ban nhân dân huyện Trạm Tấu", from the unit's full name or its short name."""
    full = nfc(unit.full_name or "")
    if full.lower().startswith(COMMITTEE.lower()):
        return COMMITTEE + full[len(COMMITTEE) :]
    return f"{COMMITTEE} {_lower_first(nfc(unit.name))}"


def level_name(unit: Unit) -> str:
    """ "huyện Trạm Tấu", "xã Bản Công": the unit's short name in running text."""
    return _lower_first(nfc(unit.name))


def movement_phrase(title: str) -> str:
    """ "Phong trào thi đua …" from the movement's title, without the launching verb."""
    return movement_name(title)


def summary_line(summary: str) -> str:
    text = nfc(summary).rstrip(".")
    return text if text.lower().startswith("về việc") else f"Về việc {_lower_first(text)}"


def recipients_phrase(rows: Sequence[Row]) -> str:
    """ "2 tập thể và 3 cá nhân" (parts with none left out)."""
    counts = {
        COLLECTIVE: sum(1 for r in rows if r.recipient == COLLECTIVE),
        INDIVIDUAL: sum(1 for r in rows if r.recipient == INDIVIDUAL),
        HOUSEHOLD: sum(1 for r in rows if r.recipient == HOUSEHOLD),
    }
    words = {COLLECTIVE: "tập thể", INDIVIDUAL: "cá nhân", HOUSEHOLD: "hộ gia đình"}
    parts = [f"{vn_number(n)} {words[key]}" for key, n in counts.items() if n]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else "0 tập thể, cá nhân"


def award_phrase(rows: Sequence[Row]) -> str:
    """ "Tặng Giấy khen của …", "Công nhận danh hiệu Lao động tiên tiến"; "Khen thưởng" when
    the list mixes forms (each row then names its own)."""
    forms = {(row.form, row.form_is_title) for row in rows}
    if len(forms) == 1:
        form, is_title = next(iter(forms))
        return f"Công nhận danh hiệu {form}" if is_title else f"Tặng {form}"
    return "Khen thưởng"


def forms_note(rows: Sequence[Row]) -> str:
    """ " (danh hiệu, hình thức khen thưởng của từng …)" when the list mixes forms."""
    if len({row.form for row in rows}) > 1:
        return " (danh hiệu thi đua, hình thức khen thưởng của từng tập thể, cá nhân ghi tại danh sách)"
    return ""


def _plan_basis(decision: Decision) -> str:
    movement = decision.movement
    issuer = movement.issuing_unit
    number = f" số {movement.document_number}" if movement.document_number else ""
    day = f" ngày {movement.document_date:%d/%m/%Y}" if movement.document_date else ""
    return (
        f"Căn cứ Kế hoạch{number}{day} của {committee_name(issuer)} về việc phát động "
        f"{_lower_first(movement_phrase(movement.title))};"
    )


def _council_basis(decision: Decision) -> str | None:
    session = decision.council_session
    if session is None:
        return None
    return f"Căn cứ kết quả họp {session.council.name} ngày {session.held_on:%d/%m/%Y};"


def _office_of_home_affairs(unit: Unit) -> str:
    """The office that prepares award files: Home Affairs in a district, the Culture and
    Social Affairs Office in a commune (its council's standing body since 1/7/2025)."""
    if unit.kind in COMMUNE_LEVEL_KINDS:
        return "Phòng Văn hóa - Xã hội"
    return "Phòng Nội vụ"


def _signature(decision: Decision) -> documents.Signature:
    title = documents.upper(decision.signer_title or "Chủ tịch")
    if decision.signer_capacity == SignerCapacity.DEPUTY:
        authority = ["KT. CHỦ TỊCH", title]
    elif decision.kind == DecisionKind.DECISION:
        authority = [title]
    else:
        authority = [f"TM. {COMMITTEE.upper()}", title]
    return documents.Signature(authority=authority, name=decision.signer_name)


def _recipients(decision: Decision, default_first: str) -> list[str]:
    lines = [line.strip() for line in decision.distribution_list.splitlines() if line.strip()]
    if not lines:
        lines = [default_first]
    if not any(line.lstrip("- ").lower().startswith("lưu") for line in lines):
        lines.append("- Lưu: VT.")
    return lines


def number_text(decision: Decision) -> str:
    return str(decision.number) if decision.number else ""


# --- building blocks ------------------------------------------------------------------


def _centered(
    document: DocumentType, text: str, *, bold: bool = False, italic: bool = False
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(nfc(text))
    run.font.size = Pt(documents.BODY_PT)
    run.font.bold = bold
    run.font.italic = italic


def _article(document: DocumentType, label: str, text: str) -> None:
    """ "Điều 1." in bold, then the article's text."""
    paragraph = documents.add_paragraph(document, label, bold=True)
    run = paragraph.add_run(" " + nfc(text))
    run.font.size = Pt(documents.BODY_PT)


def _header(document: DocumentType, decision: Decision, symbol: str) -> None:
    unit = decision.issuing_unit
    documents.add_header(
        document,
        documents.Header(
            issuer=committee_name(unit),
            place=documents.place_of(unit.name),
            day=decision.signed_on,
            symbol=symbol,
            number=number_text(decision),
        ),
    )


def _bases(document: DocumentType, decision: Decision) -> None:
    lines = [LAW_BASIS, _plan_basis(decision)]
    council = _council_basis(decision)
    if council:
        lines.append(council)
    for line in lines:
        documents.add_paragraph(document, line, italic=True)


def _money(amount: Decimal | None) -> str:
    return vn_number(amount) if amount is not None else NO_RATE


ANNEX_WIDTHS_CM = (1.4, 4.8, 4.3, 3.6, 2.4)
PROPOSAL_ANNEX_WIDTHS_CM = (1.4, 5.5, 5.2, 4.4)


def _annex_table(document: DocumentType, rows: Sequence[Row], *, money: bool) -> None:
    table_rows: list[list[str]] = []
    section_rows: list[int] = []
    groups = (
        ("I. TẬP THỂ", [r for r in rows if r.recipient == COLLECTIVE]),
        ("II. CÁ NHÂN", [r for r in rows if r.recipient != COLLECTIVE]),
    )
    number = 0
    for title, members in groups:
        if not members:
            continue
        section_rows.append(len(table_rows) + 1)
        table_rows.append(["", title, "", "", ""] if money else ["", title, "", ""])
        for row in members:
            number += 1
            line = [str(number), row.name, row.detail, row.form]
            if money:
                line.append(_money(row.amount))
            table_rows.append(line)
    if money:
        total = sum((r.amount for r in rows if r.amount is not None), Decimal(0))
        table_rows.append(["", "Tổng cộng", "", "", vn_number(total)])
        table = documents.add_table(
            document,
            ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức", "Số tiền (đồng)"],
            table_rows,
            widths_cm=ANNEX_WIDTHS_CM,
            aligns=[CENTER, LEFT, LEFT, LEFT, RIGHT],
            bold_last_row=True,
        )
    else:
        table = documents.add_table(
            document,
            ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị"],
            table_rows,
            widths_cm=PROPOSAL_ANNEX_WIDTHS_CM,
            aligns=[CENTER, LEFT, LEFT, LEFT],
        )
    for index in section_rows:
        for cell in table.rows[index].cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.bold = True


def _annex(
    document: DocumentType, decision: Decision, rows: Sequence[Row], *, what: str, money: bool
) -> None:
    document.add_page_break()
    unit = decision.issuing_unit
    kind = "Quyết định" if decision.kind == DecisionKind.DECISION else "Tờ trình"
    author = (
        f"Chủ tịch {committee_name(unit)}"
        if decision.kind == DecisionKind.DECISION
        else committee_name(unit)
    )
    number = f"số {decision.number_label}" if decision.number_label else "số      "
    documents.add_title(document, "Danh sách", [what])
    _centered(
        document,
        f"(Kèm theo {kind} {number} ngày {decision.signed_on:%d/%m/%Y} của {author})",
        italic=True,
    )
    _annex_table(document, rows, money=money)


# --- the two documents ----------------------------------------------------------------


def decision_docx(decision: Decision, rows: Sequence[Row]) -> bytes:
    """QUYẾT ĐỊNH Về việc khen thưởng …, Điều 1-3, signature, Nơi nhận, then the annex."""
    unit = decision.issuing_unit
    document = documents.new_document()
    _header(document, decision, "QĐ-UBND")
    documents.add_title(document, "Quyết định", summary_line(decision.summary))
    documents.add_title(document, f"Chủ tịch {committee_name(unit)}")
    _bases(document, decision)
    documents.add_paragraph(
        document,
        f"Theo đề nghị của Trưởng {_lower_first(_office_of_home_affairs(unit))}.",
        italic=True,
    )
    documents.add_title(document, "Quyết định:")
    movement = movement_phrase(decision.movement.title)
    _article(
        document,
        "Điều 1.",
        f"{award_phrase(rows)} cho {recipients_phrase(rows)} có tên trong danh sách kèm theo"
        f"{forms_note(rows)}, đã có thành tích xuất sắc trong {movement}.",
    )
    total = sum((r.amount for r in rows if r.amount is not None), Decimal(0))
    missing = sum(1 for r in rows if r.amount is None)
    money = (
        f"Các tập thể, cá nhân có tên tại Điều 1 được hưởng mức tiền thưởng theo quy định của "
        f"pháp luật về thi đua, khen thưởng (mức lương cơ sở nhân với hệ số của từng danh hiệu, "
        f"hình thức khen thưởng), tổng số tiền {vn_number(total)} đồng"
    )
    if missing:
        money += f" (chưa gồm {vn_number(missing)} trường hợp chưa có mức tiền thưởng)"
    money += (
        f". Kinh phí khen thưởng chi từ Quỹ Thi đua, khen thưởng của {level_name(unit)} "
        f"theo quy định."
    )
    _article(document, "Điều 2.", money)
    if unit.kind in COMMUNE_LEVEL_KINDS:
        offices = "Trưởng phòng Văn hóa - Xã hội"
    else:
        offices = "Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch"
    _article(
        document,
        "Điều 3.",
        f"Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Hội đồng nhân dân và "
        f"Ủy ban nhân dân {level_name(unit)}, {offices}, Thủ trưởng các cơ quan, đơn vị có "
        f"liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
        f"Quyết định này./.",
    )
    documents.add_closing(
        document,
        recipients=_recipients(decision, "- Như Điều 3;"),
        signature=_signature(decision),
    )
    _annex(
        document,
        decision,
        rows,
        what=f"Tập thể, cá nhân được {_lower_first(award_phrase(rows))}",
        money=True,
    )
    return documents.document_bytes(document)


def proposal_docx(
    decision: Decision,
    rows: Sequence[Row],
    *,
    province: Unit | None,
    quotas: Sequence[QuotaLine] = (),
) -> bytes:
    """TỜ TRÌNH Về việc đề nghị Chủ tịch UBND tỉnh tặng …, with the quota used and the list."""
    unit = decision.issuing_unit
    asked = f"Chủ tịch {committee_name(province)}" if province else "Chủ tịch Ủy ban nhân dân tỉnh"
    document = documents.new_document()
    _header(document, decision, "TTr-UBND")
    documents.add_title(document, "Tờ trình", summary_line(decision.summary))
    _centered(document, f"Kính gửi: {asked}.")
    _bases(document, decision)
    movement = movement_phrase(decision.movement.title)
    council = decision.council_session
    considered = (
        f" và kết quả họp {council.council.name} ngày {council.held_on:%d/%m/%Y}" if council else ""
    )
    documents.add_paragraph(
        document,
        f"Trên cơ sở đề nghị của các cơ quan, đơn vị{considered}, {committee_name(unit)} kính "
        f"trình {asked} xem xét, {_lower_first(award_phrase(rows))} cho "
        f"{recipients_phrase(rows)} (có danh sách kèm theo){forms_note(rows)}, đã có thành tích "
        f"xuất sắc trong {movement}.",
    )
    for quota in quotas:
        reference = f" tại {quota.document_reference}" if quota.document_reference else ""
        documents.add_paragraph(
            document,
            f"Số lượng đề nghị {quota.form} nằm trong chỉ tiêu được tỉnh phân bổ{reference}: "
            f"phân bổ {vn_number(quota.allocated)}, đã đề nghị (kể cả Tờ trình này) "
            f"{vn_number(quota.used)}, còn lại {vn_number(quota.remaining)}.",
        )
    documents.add_paragraph(
        document,
        f"Hồ sơ kèm theo gồm: báo cáo thành tích và biên bản xét của đơn vị đối với từng "
        f"trường hợp. {committee_name(unit)} kính trình {asked} xem xét, quyết định./.",
    )
    documents.add_closing(
        document,
        recipients=_recipients(decision, "- Như trên;"),
        signature=_signature(decision),
    )
    _annex(
        document,
        decision,
        rows,
        what=f"Tập thể, cá nhân được đề nghị {_lower_first(award_phrase(rows))}",
        money=False,
    )
    return documents.document_bytes(document)


def file_name(decision: Decision, extension: str) -> str:
    slug = "quyet-dinh" if decision.kind == DecisionKind.DECISION else "to-trinh"
    number = str(decision.number) if decision.number else "du-thao"
    return f"{slug}-{number}-{decision.signed_on:%Y%m%d}-{decision.pk}.{extension}"
