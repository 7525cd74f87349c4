"""The commendation story's script: who proposes whom for what, the votes, the dates and the
texts. Everything invented is marked «(mẫu)»."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.nominations import services as nomination_services

DISTRICT = "TT"
USERNAMES = ("noivu", "chutich", "hoidong", "xem", "banmu", "xaho")
NOTICE_TITLE = "Công khai danh sách tập thể, cá nhân đề nghị khen thưởng đợt tháng 6/2025 (mẫu)"
NOTICE_INTRODUCTION = (
    "Ủy ban nhân dân huyện Trạm Tấu công khai danh sách tập thể, cá nhân được đề nghị khen "
    "thưởng trong phong trào thi đua đặc biệt để Nhân dân góp ý (mẫu)."
)
SAMPLE_NOTE = "Báo cáo thành tích mẫu, số liệu đến hết năm 2024 (mẫu)."
# The reports cite what was known when they were written (2025): ratings are decided in the
# January after their year, so the last year they can cite is 2024.
REPORT_YEARS = (2020, 2024)

# The earlier paper award: a «Lao động tiên tiến» of 2023, before the system was used.
PAPER_NUMBER = "2150/QĐ-UBND (mẫu)"
PAPER_DAY = date(2023, 12, 20)
PAPER_PERSON = ("TT.BANMU", "Sùng Thị Dua")


@dataclass(frozen=True)
class Dossier:
    """A nomination of the story: who proposes whom for what."""

    key: str
    proposer: str  # demo username
    proposing_unit: str  # unit code
    form: str  # award form code
    unit: str = ""  # candidate unit code, or
    person: tuple[str, str] = ("", "")  # candidate person: (unit code, full name)
    summary: str = ""  # the report's first paragraph (the public notice shows it)


# Through the notice of 02/06/2025 and the council of 20/06/2025.
NOTICED = (
    Dossier(
        "banmu",
        "banmu",
        "TT.BANMU",
        "bang_khen_tinh",
        unit="TT.BANMU",
        summary=(
            "Xã Bản Mù hoàn thành tốt nhiệm vụ 5 năm liền 2020-2024, xuất sắc năm 2022 và "
            "2024; năm 2024 giảm 5,2% tỷ lệ hộ nghèo, vượt chỉ tiêu; đang làm đường bê tông "
            "nội thôn Thôn 1 và xóa nhà tạm cho hộ nghèo (mẫu)."
        ),
    ),
    Dossier(
        "sinh",
        "banmu",
        "TT.BANMU",
        "chien_si_thi_dua_co_so",
        person=("TT.BANMU", "Mùa A Sình"),
        summary=(
            "Ông Mùa A Sình, Phó Chủ tịch UBND xã Bản Mù, hoàn thành xuất sắc nhiệm vụ năm "
            "2021 và 2024, hoàn thành tốt nhiệm vụ các năm còn lại; có sáng kiến «Số hóa hồ "
            "sơ một cửa cấp xã» được công nhận năm 2024 (mẫu)."
        ),
    ),
    Dossier(
        "dua",
        "banmu",
        "TT.BANMU",
        "chien_si_thi_dua_co_so",
        person=("TT.BANMU", "Sùng Thị Dua"),
        summary=(
            "Bà Sùng Thị Dua, công chức Văn hóa - Xã hội xã Bản Mù, hoàn thành xuất sắc nhiệm "
            "vụ 3 năm liền 2022-2024; năm 2021 hoàn thành nhiệm vụ (mẫu)."
        ),
    ),
    Dossier(
        "thon1",
        "banmu",
        "TT.BANMU",
        "giay_khen_huyen",
        unit="TT.BANMU.T1",
        summary=(
            "Thôn 1 được công nhận thôn văn hóa 4 năm liền 2021-2024; Nhân dân hiến đất, góp "
            "ngày công làm đường bê tông nội thôn (mẫu)."
        ),
    ),
    Dossier(
        "chu",
        "banmu",
        "TT.BANMU",
        "lao_dong_tien_tien",
        person=("TT.BANMU.T1", "Vàng A Chư"),
        summary=(
            "Ông Vàng A Chư, Trưởng Thôn 1, vận động Nhân dân hiến đất, góp ngày công làm "
            "đường bê tông nội thôn; thôn hoàn thành các chỉ tiêu kinh tế - xã hội năm 2024 "
            "(mẫu)."
        ),
    ),
    Dossier(
        "my",
        "xaho",
        "TT.XAHO",
        "lao_dong_tien_tien",
        person=("TT.XAHO", "Hờ Thị Mỷ"),
        summary=(
            "Bà Hờ Thị Mỷ, viên chức Trạm Y tế xã Xà Hồ, hoàn thành xuất sắc nhiệm vụ năm 2021 "
            "và 2024; năm 2024 hoàn thành 100% chỉ tiêu khám chữa bệnh được giao (mẫu)."
        ),
    ),
    Dossier(
        "xaho",
        "xaho",
        "TT.XAHO",
        "tap_the_lao_dong_tien_tien",
        unit="TT.XAHO",
        summary=(
            "Xã Xà Hồ hoàn thành tốt nhiệm vụ năm 2023 và 2024; đang xây dựng sân thể thao "
            "trung tâm xã, công trình đăng ký trong phong trào (mẫu)."
        ),
    ),
)
# Still on their way at the end of the movement (December 2025).
RETURNED = Dossier(
    "banmu_t2",
    "banmu",
    "TT.BANMU",
    "giay_khen_xa",
    unit="TT.BANMU.T2",
    summary=(
        "Thôn 2 được công nhận thôn văn hóa năm 2021, 2022 và 2024; Nhân dân góp công, góp "
        "tiền xây dựng nhà văn hóa thôn (mẫu)."
    ),
)
CHECKED = Dossier(
    "xaho_t1",
    "xaho",
    "TT.XAHO",
    "giay_khen_xa",
    unit="TT.XAHO.T1",
    summary="Thôn 1 được công nhận thôn văn hóa năm 2024; giữ vững an ninh trật tự (mẫu).",
)
DRAFT = Dossier(
    "xaho_t2",
    "xaho",
    "TT.XAHO",
    "giay_khen_xa",
    unit="TT.XAHO.T2",
    summary="Thôn 2 hoàn thành các chỉ tiêu kinh tế - xã hội năm 2024 (mẫu).",
)
ALL_DOSSIERS = (*NOTICED, RETURNED, CHECKED, DRAFT)

FIRST_RETURN_REASON = (
    "Biên bản họp xét của xã chưa có chữ ký của Chủ tịch Hội đồng Thi đua - Khen thưởng xã; "
    "đề nghị bổ sung biên bản đã ký (mẫu)."
)
RETURN_REASON = (
    "Thôn 2 chưa được công nhận thôn văn hóa năm 2023; đề nghị bổ sung giải trình và kết quả "
    "năm 2023 vào báo cáo thành tích (mẫu)."
)
COMMENT = nomination_services.CommentData(
    author_name="Nguyễn Văn Hùng (mẫu)",
    contact="0912 000 000",
    body=(
        "Đề nghị cho biết công trình đường bê tông nội thôn Thôn 1, xã Bản Mù đã hoàn thành "
        "và đưa vào sử dụng chưa? (mẫu)"
    ),
)
ANSWER = (
    "Công trình đã hoàn thành 100% khối lượng, dự kiến đưa vào sử dụng trước ngày 30/06/2025 "
    "theo đúng đăng ký (mẫu)."
)

# Council of 20/06/2025: (nomination key → votes of chutich, noivu, hoidong, xem). «Chiến sĩ
# thi đua cơ sở» needs 80 % of all 4 members: 3 yes is 75 %, not enough.
VOTES: dict[str, tuple[bool, bool, bool, bool]] = {
    "banmu": (True, True, True, True),
    "sinh": (True, True, True, True),
    "dua": (True, True, False, True),
    "thon1": (True, True, True, True),
    "chu": (True, True, True, False),
    "my": (True, True, True, True),
    "xaho": (True, True, False, True),
}
VOTERS = ("chutich", "noivu", "hoidong", "xem")  # the columns of VOTES
PRESENT = ("chutich", "noivu", "hoidong")
WRITTEN = "xem"  # absent, votes in writing (recorded by the secretary, noivu)

HELD_ON = date(2025, 6, 20)
SIGNED_ON = date(2025, 6, 25)
DECIDED = ("sinh", "thon1", "chu", "my", "xaho")
PROPOSED = ("banmu",)
QUOTA = 2
QUOTA_REFERENCE = "Công văn số 1234/SNV-TĐKT ngày 10/06/2025 của Sở Nội vụ tỉnh Yên Bái (mẫu)"
REVOKED = "my"
REVOKED_ON = date(2025, 10, 15)
REVOCATION_REASON = (
    "Sau khi khen thưởng, phát hiện cá nhân bị kỷ luật khiển trách trong năm 2025 nhưng không "
    "kê khai trong hồ sơ (mẫu)."
)
REVOCATION_DECISION = "Quyết định số 52/QĐ-UBND ngày 15/10/2025 của Chủ tịch UBND xã Xà Hồ (mẫu)"
