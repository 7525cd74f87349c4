"""The reference data seeded by ``load_award_reference``: award forms, money multiples, base
salaries and authorities, each with its legal source.

Figures in the checked table of shared/domain.md ("Legal data, checked") carry their article;
"(chưa đối chiếu)" marks a figure not yet checked against the official text. A superuser
corrects a row in the admin, and the loader keeps the correction unless run with
``--overwrite``; data migrations (``0004_legal_data_checked_2026_12``) fix rows seeded wrongly
before.
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
# Nghị định 98/2023/NĐ-CP took effect with the 2022 Law on 1/1/2024; Nghị định 152/2025/NĐ-CP
# replaced it on 1/7/2025. Both multiply the base salary in force on the decision date and round
# the money up to the nearest 10.000 đ (``money.award_money``); ``ROUND_UP_TO`` is that step.
ND98_START, ND98_END = date(2024, 1, 1), date(2025, 6, 30)
ND152_START = date(2025, 7, 1)
ROUND_UP_TO = Decimal(10_000)
ND98 = (
    "Nghị định 98/2023/NĐ-CP, Điều 54; làm tròn lên hàng chục nghìn đồng như Nghị định "
    "152/2025/NĐ-CP, Điều 49 khoản 2" + UNVERIFIED  # the rounding article of 98/2023 unchecked
)
ND152 = "Nghị định 152/2025/NĐ-CP, Điều 50; làm tròn lên hàng chục nghìn đồng: Điều 49 khoản 2"
ND152_COMMENDATIONS = (
    "Nghị định 152/2025/NĐ-CP, Điều 54; làm tròn lên hàng chục nghìn đồng: Điều 49 khoản 2"
)
IND, COLL = Recipient.INDIVIDUAL, Recipient.COLLECTIVE

# The titles carry the same multiples under both decrees (shared/domain.md, "Legal data,
# checked"); Gia đình văn hóa has none.
_TITLES = {
    ("chien_si_thi_dua_co_so", IND): Decimal("1.0"),
    ("lao_dong_tien_tien", IND): Decimal("0.3"),
    ("tap_the_lao_dong_xuat_sac", COLL): Decimal("1.5"),
    ("tap_the_lao_dong_tien_tien", COLL): Decimal("0.8"),
    ("thon_van_hoa", COLL): Decimal("1.5"),
}
# From 1/7/2025 only (the multiples of Nghị định 98/2023 for them are not checked). Giấy khen
# after the reform is the commune chairman's: the district's ended on 30/6/2025.
_COMMENDATIONS_152 = {
    ("bang_khen_tinh", IND): Decimal("1.5"),
    ("bang_khen_tinh", COLL): Decimal("3.0"),
    ("giay_khen_xa", IND): Decimal("0.3"),
    ("giay_khen_xa", COLL): Decimal("0.6"),
}


@dataclass(frozen=True)
class MultipleRow:
    form: str
    recipient: str
    multiple: Decimal
    valid_from: date
    valid_to: date | None
    legal_source: str
    round_up_to: Decimal = ROUND_UP_TO


MULTIPLES: tuple[MultipleRow, ...] = (
    *(
        row
        for (form, recipient), multiple in _TITLES.items()
        for row in (
            MultipleRow(form, str(recipient), multiple, ND98_START, ND98_END, ND98),
            MultipleRow(form, str(recipient), multiple, ND152_START, None, ND152),
        )
    ),
    *(
        MultipleRow(form, str(recipient), multiple, ND152_START, None, ND152_COMMENDATIONS)
        for (form, recipient), multiple in _COMMENDATIONS_152.items()
    ),
)


# --- Base salary -----------------------------------------------------------------------------
# The base salary in force on the decision date applies.
@dataclass(frozen=True)
class SalaryRow:
    amount: Decimal
    valid_from: date
    valid_to: date | None
    legal_source: str


BASE_SALARIES: tuple[SalaryRow, ...] = (
    SalaryRow(Decimal(1_800_000), date(2023, 7, 1), date(2024, 6, 30), "Nghị định 24/2023/NĐ-CP"),
    SalaryRow(
        Decimal(2_340_000),
        date(2024, 7, 1),
        date(2026, 6, 30),
        "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2",
    ),
    SalaryRow(
        Decimal(2_530_000), date(2026, 7, 1), None, "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2"
    ),
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
# The 2022 Law (in force 1/1/2024) Art. 80(2): the district chairman decides thôn, tổ dân phố
# văn hóa, Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Lao động tiên tiến and Giấy khen;
# Art. 80(3): the commune chairman Lao động tiên tiến, Giấy khen and Gia đình văn hóa. The
# provincial chairman's article is not checked.
OLD_SOURCES = {
    "province_chairman": LAW_2022
    + " (thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh)"
    + UNVERIFIED,
    "district_chairman": f"{LAW_2022}, Điều 80 khoản 2",
    "commune_chairman": f"{LAW_2022}, Điều 80 khoản 3",
}
# From 1/7/2025: Nghị định 129/2025/NĐ-CP, Art. 59 (commune chairman: thôn, tổ dân phố văn hóa,
# Gia đình văn hóa, Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Lao động tiên tiến and
# Giấy khen; provincial chairman: Bằng khen and Tập thể lao động xuất sắc).
NEW_SOURCE = "Nghị định 129/2025/NĐ-CP, Điều 59"

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


AUTHORITIES: tuple[AuthorityRow, ...] = (
    *(
        AuthorityRow(str(office), form, str(level), OLD_START, OLD_END, OLD_SOURCES[office])
        for office, form, levels in _OLD
        for level in levels
    ),
    *(
        AuthorityRow(str(office), form, str(level), NEW_START, None, NEW_SOURCE)
        for office, form, levels in _NEW
        for level in levels
    ),
)
