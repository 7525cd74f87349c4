"""Default quorum and pass thresholds of an Emulation and Commendation Council, as data.

A council is created with these values (``services.council_create_with_defaults``) and its
managers change them afterwards. Two kinds of rule:

* set by law for a period: Nghị định 98/2023/NĐ-CP Art. 30(7) — Chiến sĩ thi đua cơ sở 80 %,
  Chiến sĩ thi đua cấp tỉnh 90 % of *all* the council's members, absent members giving their
  opinion in writing — for sessions held until 30/06/2025; Nghị định 152/2025/NĐ-CP (Art. 59)
  repealed Nghị định 98/2023 from 1/7/2025. The article says nothing of a secret ballot.
* the council's own rules (quy chế) of its province or commune: the quorum, the default
  threshold, and every threshold from 1/7/2025, which each council records with its source.

A session is judged by the rows in force on the day it is held. "(chưa đối chiếu)" marks a
figure read from secondary sources (shared/domain.md), not yet checked against the official
text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.councils.models import Basis, RuleOrigin

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
    origin: str = RuleOrigin.OWN_RULES
    valid_from: date | None = None
    valid_to: date | None = None


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

# Nghị định 98/2023/NĐ-CP took effect with the Law on 1/1/2024; Nghị định 152/2025/NĐ-CP
# replaced it from 1/7/2025.
ND_98_FROM = date(2024, 1, 1)
ND_98_UNTIL = date(2025, 6, 30)
ND_98_ART_30_7 = (
    "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (tỷ lệ tính trên tổng số thành viên Hội đồng; "
    "thành viên vắng mặt cho ý kiến bằng văn bản); áp dụng đến 30/06/2025, Nghị định "
    "98/2023/NĐ-CP bị bãi bỏ bởi Nghị định 152/2025/NĐ-CP, Điều 59" + UNVERIFIED
)

# Per award form; a row is created only for the forms recorded in the database. From 1/7/2025
# the council's default applies to these forms until it records its own rules' thresholds.
FORM_THRESHOLDS: tuple[ThresholdDefault, ...] = (
    ThresholdDefault(
        award_form_code="chien_si_thi_dua_co_so",
        percent=80,
        basis=Basis.ALL_MEMBERS,
        legal_source=ND_98_ART_30_7,
        origin=RuleOrigin.LAW,
        valid_from=ND_98_FROM,
        valid_to=ND_98_UNTIL,
    ),
    # Not among the forms seeded today (a provincial council decides it); kept so that a
    # province that records the form gets the legal rule.
    ThresholdDefault(
        award_form_code="chien_si_thi_dua_cap_tinh",
        percent=90,
        basis=Basis.ALL_MEMBERS,
        legal_source=ND_98_ART_30_7,
        origin=RuleOrigin.LAW,
        valid_from=ND_98_FROM,
        valid_to=ND_98_UNTIL,
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
