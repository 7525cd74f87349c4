"""The reference data seeded by ``load_award_reference``: award forms, money multiples, base
salaries and authorities, each with its legal source.

"(chưa đối chiếu)" marks a figure taken from secondary sources (shared/domain.md) and not yet
checked against the official text; a superuser corrects it in the admin, and the loader keeps
the correction unless run with ``--overwrite``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from thidua.award_catalogue.models import AwardKind, DecidingOffice, Recipient
from thidua.units.models import RULE_KIND_CHOICES, UnitKind

UNVERIFIED = " (chưa đối chiếu)"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"


@dataclass(frozen=True)
class FormRow:
    code: str
    name: str
    kind: str
    recipient: str
    position: int
    legal_source: str


FORMS: tuple[FormRow, ...] = (
    FormRow(
        "bang_khen_tinh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        AwardKind.COMMENDATION,
        Recipient.BOTH,
        10,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "giay_khen_huyen",
        "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
        AwardKind.COMMENDATION,
        Recipient.BOTH,
        20,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "giay_khen_xa",
        "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
        AwardKind.COMMENDATION,
        Recipient.BOTH,
        30,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "chien_si_thi_dua_co_so",
        "Chiến sĩ thi đua cơ sở",
        AwardKind.TITLE,
        Recipient.INDIVIDUAL,
        40,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "lao_dong_tien_tien",
        "Lao động tiên tiến",
        AwardKind.TITLE,
        Recipient.INDIVIDUAL,
        50,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "tap_the_lao_dong_xuat_sac",
        "Tập thể lao động xuất sắc",
        AwardKind.TITLE,
        Recipient.COLLECTIVE,
        60,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "tap_the_lao_dong_tien_tien",
        "Tập thể lao động tiên tiến",
        AwardKind.TITLE,
        Recipient.COLLECTIVE,
        70,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "thon_van_hoa",
        "Thôn, tổ dân phố văn hóa",
        AwardKind.TITLE,
        Recipient.COLLECTIVE,
        80,
        LAW_2022 + UNVERIFIED,
    ),
    FormRow(
        "gia_dinh_van_hoa",
        "Gia đình văn hóa",
        AwardKind.TITLE,
        Recipient.HOUSEHOLD,
        90,
        LAW_2022 + UNVERIFIED,
    ),
)

# --- Money multiples -------------------------------------------------------------------------
ND98_START, ND98_END = date(2024, 1, 15), date(2025, 6, 30)
ND152_START = date(2025, 7, 1)
ND98 = "Nghị định 98/2023/NĐ-CP, Điều 54" + UNVERIFIED
ND152 = "Nghị định 152/2025/NĐ-CP, Điều 50" + UNVERIFIED

# Same figures under both decrees (domain.md); Giấy khen, Bằng khen and Gia đình văn hóa are
# left without a multiple until someone checks the decrees' text.
_MULTIPLES = {
    "chien_si_thi_dua_co_so": Decimal("1.0"),
    "lao_dong_tien_tien": Decimal("0.3"),
    "tap_the_lao_dong_xuat_sac": Decimal("1.5"),
    "tap_the_lao_dong_tien_tien": Decimal("0.8"),
    "thon_van_hoa": Decimal("1.5"),
}


@dataclass(frozen=True)
class MultipleRow:
    form: str
    multiple: Decimal
    valid_from: date
    valid_to: date | None
    legal_source: str


MULTIPLES: tuple[MultipleRow, ...] = tuple(
    row
    for form, multiple in _MULTIPLES.items()
    for row in (
        MultipleRow(form, multiple, ND98_START, ND98_END, ND98),
        MultipleRow(form, multiple, ND152_START, None, ND152),
    )
)


# --- Base salary -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SalaryRow:
    amount: Decimal
    valid_from: date
    valid_to: date | None
    legal_source: str


BASE_SALARIES: tuple[SalaryRow, ...] = (
    SalaryRow(
        Decimal(1_800_000),
        date(2023, 7, 1),
        date(2024, 6, 30),
        "Nghị định 24/2023/NĐ-CP" + UNVERIFIED,
    ),
    SalaryRow(
        Decimal(2_340_000),
        date(2024, 7, 1),
        date(2026, 6, 30),
        "Nghị định 73/2024/NĐ-CP" + UNVERIFIED,
    ),
    SalaryRow(Decimal(2_530_000), date(2026, 7, 1), None, "Nghị định 161/2026/NĐ-CP" + UNVERIFIED),
)


# --- Authority -------------------------------------------------------------------------------
# The candidate's level is the kind of the unit that manages it (Art. 83: that unit proposes).
# Which kinds each office reaches is our reading of the rules, kept as data to be corrected.
# A "commune" row covers wards and special zones too (``units.models.rule_kinds``), so the rows
# name only the kinds of ``RULE_KIND_CHOICES``.
K = UnitKind
ALL_KINDS = tuple(value for value, _label in RULE_KIND_CHOICES)
BELOW_PROVINCE = tuple(k for k in ALL_KINDS if k != K.PROVINCE)
COMMUNE_AND_BELOW = (K.COMMUNE, K.TOWN, K.VILLAGE, K.RESIDENTIAL_GROUP)
VILLAGES = (K.VILLAGE, K.RESIDENTIAL_GROUP)
# After 1/7/2025 communes also run their own offices, organisations and local enterprises.
COMMUNE_REACH_2025 = (
    *COMMUNE_AND_BELOW,
    K.AGENCY,
    K.MASS_ORGANISATION,
    K.ENTERPRISE,
    K.COOPERATIVE,
)

OLD_START, OLD_END = date(2024, 1, 1), date(2025, 6, 30)
NEW_START = date(2025, 7, 1)
OLD_SOURCE = f"{LAW_2022}, Điều 80; Nghị định 98/2023/NĐ-CP" + UNVERIFIED
NEW_SOURCE = (
    "Nghị định 129/2025/NĐ-CP; Nghị định 152/2025/NĐ-CP; Quyết định 638/QĐ-BNV" + UNVERIFIED
)

P, D, C = (
    DecidingOffice.PROVINCE_CHAIRMAN,
    DecidingOffice.DISTRICT_CHAIRMAN,
    DecidingOffice.COMMUNE_CHAIRMAN,
)

# (office, form, levels) per period.
_OLD = (
    (P, "bang_khen_tinh", ALL_KINDS),
    (P, "tap_the_lao_dong_xuat_sac", ALL_KINDS),
    (D, "giay_khen_huyen", BELOW_PROVINCE),
    (D, "lao_dong_tien_tien", BELOW_PROVINCE),
    (D, "tap_the_lao_dong_tien_tien", BELOW_PROVINCE),
    (D, "chien_si_thi_dua_co_so", BELOW_PROVINCE),
    (D, "thon_van_hoa", VILLAGES),
    (C, "giay_khen_xa", COMMUNE_AND_BELOW),
    (C, "lao_dong_tien_tien", COMMUNE_AND_BELOW),
    (C, "gia_dinh_van_hoa", VILLAGES),
)
_NEW = (
    (P, "bang_khen_tinh", ALL_KINDS),
    (P, "tap_the_lao_dong_xuat_sac", ALL_KINDS),
    (C, "thon_van_hoa", VILLAGES),
    (C, "tap_the_lao_dong_tien_tien", COMMUNE_REACH_2025),
    (C, "chien_si_thi_dua_co_so", COMMUNE_REACH_2025),
    (C, "lao_dong_tien_tien", COMMUNE_REACH_2025),
    (C, "giay_khen_xa", COMMUNE_REACH_2025),
    (C, "gia_dinh_van_hoa", VILLAGES),
)


@dataclass(frozen=True)
class AuthorityRow:
    office: str
    form: str
    level: str
    valid_from: date
    valid_to: date | None
    legal_source: str


AUTHORITIES: tuple[AuthorityRow, ...] = tuple(
    AuthorityRow(str(office), form, str(level), start, end, source)
    for rules, start, end, source in (
        (_OLD, OLD_START, OLD_END, OLD_SOURCE),
        (_NEW, NEW_START, None, NEW_SOURCE),
    )
    for office, form, levels in rules
    for level in levels
)
