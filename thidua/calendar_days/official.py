"""The days off and worked days that the Government fixed for a year, as checked
(shared/domain.md, "Legal data, checked", 12/2026). For these years ``load_holidays`` records
exactly this list instead of computing the year from the ``holidays`` library.

Citations:
- the holidays themselves: Bộ luật Lao động 2019, Điều 112 khoản 1 (a 1/1, b Tết, c 30/4,
  d 1/5, đ 2/9 and one adjacent day, e 10/3 lunar);
- Ngày Văn hóa Việt Nam (24/11): Nghị quyết 28/2026/QH16, Điều 2, in force from 01/07/2026;
- make-up days (a weekend day worked, a day off for a holiday on a weekend): Bộ luật Lao động
  2019, Điều 111 khoản 3, with the Government's letter or notice fixing the dates.

Each row is (ISO date, name, kind, legal source); kind ``None`` is a weekend day worked.
The data migration ``0002_official_calendars_2025_2026`` keeps a frozen copy of this list.
"""

from __future__ import annotations

from typing import Final

HOLIDAYS = "Bộ luật Lao động 2019, khoản 1 Điều 112"
MAKE_UP = "Bộ luật Lao động 2019, khoản 3 Điều 111"
CULTURAL_DAY = "Nghị quyết 28/2026/QH16, Điều 2 (hiệu lực từ 01/07/2026)"
TET_2025 = (
    f"{HOLIDAYS}, điểm b; Thông báo 6150/TB-BLĐTBXH: năm ngày Tết từ 27/01 đến hết 31/01/2025 "
    "(nghỉ liền từ 25/01 đến hết 02/02/2025)"
)
SWAP_2025 = (
    f"{MAKE_UP}; hoán đổi ngày làm việc dịp 30/4-1/5/2025 theo chỉ đạo của Thủ tướng "
    "(số văn bản chưa đối chiếu)"
)
VPCP_2026 = "Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)"

PUBLIC, COMPENSATORY, EXTRA = "public_holiday", "compensatory", "extra"

Row = tuple[str, str, str | None, str]

OFFICIAL: Final[dict[int, tuple[Row, ...]]] = {
    2025: (
        ("2025-01-01", "Tết Dương lịch", PUBLIC, f"{HOLIDAYS}, điểm a"),
        ("2025-01-27", "Tết Nguyên Đán (28 tháng Chạp)", PUBLIC, TET_2025),
        ("2025-01-28", "Tết Nguyên Đán (29 tháng Chạp, Giao thừa)", PUBLIC, TET_2025),
        ("2025-01-29", "Tết Nguyên Đán (mùng 1)", PUBLIC, TET_2025),
        ("2025-01-30", "Tết Nguyên Đán (mùng 2)", PUBLIC, TET_2025),
        ("2025-01-31", "Tết Nguyên Đán (mùng 3)", PUBLIC, TET_2025),
        ("2025-04-07", "Ngày Giỗ Tổ Hùng Vương", PUBLIC, f"{HOLIDAYS}, điểm e"),
        ("2025-04-26", "Làm bù cho ngày nghỉ 02/05/2025", None, SWAP_2025),
        ("2025-04-30", "Ngày Chiến thắng", PUBLIC, f"{HOLIDAYS}, điểm c"),
        ("2025-05-01", "Ngày Quốc tế Lao động", PUBLIC, f"{HOLIDAYS}, điểm d"),
        ("2025-05-02", "Nghỉ hoán đổi, làm bù ngày 26/04/2025", EXTRA, SWAP_2025),
        ("2025-09-01", "Quốc khánh (ngày liền kề)", PUBLIC, f"{HOLIDAYS}, điểm đ"),
        ("2025-09-02", "Quốc khánh", PUBLIC, f"{HOLIDAYS}, điểm đ"),
    ),
    2026: (
        ("2026-01-01", "Tết Dương lịch", PUBLIC, f"{HOLIDAYS}, điểm a; {VPCP_2026}"),
        (
            "2026-01-02",
            "Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026",
            EXTRA,
            f"{MAKE_UP}; {VPCP_2026}",
        ),
        ("2026-01-10", "Làm bù cho ngày nghỉ 02/01/2026", None, f"{MAKE_UP}; {VPCP_2026}"),
        ("2026-02-16", "Tết Nguyên Đán (Giao thừa)", PUBLIC, f"{HOLIDAYS}, điểm b; {VPCP_2026}"),
        ("2026-02-17", "Tết Nguyên Đán (mùng 1)", PUBLIC, f"{HOLIDAYS}, điểm b; {VPCP_2026}"),
        ("2026-02-18", "Tết Nguyên Đán (mùng 2)", PUBLIC, f"{HOLIDAYS}, điểm b; {VPCP_2026}"),
        ("2026-02-19", "Tết Nguyên Đán (mùng 3)", PUBLIC, f"{HOLIDAYS}, điểm b; {VPCP_2026}"),
        ("2026-02-20", "Tết Nguyên Đán (mùng 4)", PUBLIC, f"{HOLIDAYS}, điểm b; {VPCP_2026}"),
        ("2026-04-26", "Ngày Giỗ Tổ Hùng Vương (Chủ nhật)", PUBLIC, f"{HOLIDAYS}, điểm e"),
        (
            "2026-04-27",
            "Nghỉ bù Ngày Giỗ Tổ Hùng Vương",
            COMPENSATORY,
            f"{MAKE_UP}; {VPCP_2026}",
        ),
        ("2026-04-30", "Ngày Chiến thắng", PUBLIC, f"{HOLIDAYS}, điểm c"),
        ("2026-05-01", "Ngày Quốc tế Lao động", PUBLIC, f"{HOLIDAYS}, điểm d"),
        ("2026-08-22", "Làm bù cho ngày nghỉ 31/08/2026", None, f"{MAKE_UP}; {VPCP_2026}"),
        (
            "2026-08-31",
            "Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026",
            EXTRA,
            f"{MAKE_UP}; {VPCP_2026}",
        ),
        ("2026-09-01", "Quốc khánh (ngày liền kề)", PUBLIC, f"{HOLIDAYS}, điểm đ; {VPCP_2026}"),
        ("2026-09-02", "Quốc khánh", PUBLIC, f"{HOLIDAYS}, điểm đ"),
        ("2026-11-24", "Ngày Văn hóa Việt Nam", PUBLIC, CULTURAL_DAY),
    ),
}
