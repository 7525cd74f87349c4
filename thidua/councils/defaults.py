"""Default quorum and pass thresholds of an Emulation and Commendation Council, as data.

A council is created with these values (``services.council_create_with_defaults``) and its
managers change them afterwards: the law leaves most of it to each council's own rules
(quy chế hoạt động), and Nghị định 152/2025/NĐ-CP replaced Nghị định 98/2023/NĐ-CP on
1/7/2025 without our having checked whether it keeps Art. 30(7). "(chưa đối chiếu)" marks a
figure read from secondary sources (shared/domain.md), not yet checked against the official
text.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.councils.models import Basis

UNVERIFIED = " (chưa đối chiếu)"


@dataclass(frozen=True)
class Quorum:
    numerator: int
    denominator: int
    legal_source: str


@dataclass(frozen=True)
class ThresholdDefault:
    award_form_code: str
    percent: int
    basis: str
    legal_source: str


# A session may vote when at least 2/3 of all members are present: the usual rule of the
# councils' rules of operation (e.g. Quyết định 1920/QĐ-KTNN năm 2024, Điều 11), not a
# national provision.
QUORUM = Quorum(
    numerator=2,
    denominator=3,
    legal_source=(
        "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (thông lệ: ít nhất 2/3 tổng số "
        "thành viên dự họp)" + UNVERIFIED
    ),
)

# Every other form: a simple majority of all members (collective work, majority vote).
DEFAULT_THRESHOLD = ThresholdDefault(
    award_form_code="",
    percent=50,
    basis=Basis.ALL_MEMBERS,
    legal_source=(
        "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (biểu quyết theo đa số, "
        "tính trên tổng số thành viên)" + UNVERIFIED
    ),
)

ND_98_ART_30_7 = (
    "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (bỏ phiếu kín; thành viên vắng mặt lấy ý kiến "
    "bằng văn bản)" + UNVERIFIED + "; Nghị định 152/2025/NĐ-CP có giữ quy định này hay không: "
    "chưa kiểm tra"
)

# Per award form; a row is created only for the forms recorded in the database.
FORM_THRESHOLDS: tuple[ThresholdDefault, ...] = (
    ThresholdDefault(
        award_form_code="chien_si_thi_dua_co_so",
        percent=80,
        basis=Basis.ALL_MEMBERS,
        legal_source=ND_98_ART_30_7,
    ),
    # Not among the forms seeded today (a provincial council decides it); kept so that a
    # province that records the form gets the legal default.
    ThresholdDefault(
        award_form_code="chien_si_thi_dua_cap_tinh",
        percent=90,
        basis=Basis.ALL_MEMBERS,
        legal_source=ND_98_ART_30_7,
    ),
)


def council_defaults() -> dict:
    """The council's own fields with their default values."""
    return {
        "quorum_numerator": QUORUM.numerator,
        "quorum_denominator": QUORUM.denominator,
        "threshold_percent": DEFAULT_THRESHOLD.percent,
        "threshold_basis": DEFAULT_THRESHOLD.basis,
        "legal_source": f"{QUORUM.legal_source}; {DEFAULT_THRESHOLD.legal_source}",
    }
