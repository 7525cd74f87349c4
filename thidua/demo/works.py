"""Invented works for the Trạm Tấu demo, all marked "(mẫu)": registrations on time and late,
a village's registration waiting for its commune, progress with every status, two flagship
works and one reminder. Dates are those of the movement (2024-2025), not the load time."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.movements.models import Movement
from thidua.units.models import Unit
from thidua.works import services
from thidua.works.models import FundingSource, ProgressStatus, RegistrationStatus, Work

# unit code, kind, name, volume, site, value (million đồng), funding, expected, registered on,
# progress (status, percent, completed, in use)
WORKS = [
    (
        "TT.BANMU",
        "construction",
        "Đường bê tông nội thôn Thôn 1 (mẫu)",
        "1,2 km, mặt đường 3 m",
        "Thôn 1, xã Bản Mù",
        1150,
        FundingSource.TARGET_PROGRAMME,
        date(2025, 6, 30),
        date(2024, 10, 20),
        (ProgressStatus.IN_USE, 100, date(2025, 6, 10), date(2025, 6, 20)),
    ),
    (
        "TT.BANMU",
        "task",
        "Xóa 15 nhà tạm cho hộ nghèo (mẫu)",
        "15 nhà",
        "Các thôn xã Bản Mù",
        900,
        FundingSource.COMBINED,
        date(2025, 8, 31),
        date(2024, 10, 22),
        (ProgressStatus.IN_PROGRESS, 60, None, None),
    ),
    (
        "TT.BANMU.T2",
        "construction",
        "Nhà văn hóa Thôn 2 (mẫu)",
        "1 nhà cấp 4, 120 m²",
        "Thôn 2, xã Bản Mù",
        350,
        FundingSource.PEOPLE,
        date(2025, 9, 2),
        date(2024, 10, 24),
        (ProgressStatus.COMPLETED, 100, date(2025, 8, 25), None),
    ),
    (
        "TT.TTTT",
        "construction",
        "Chỉnh trang vỉa hè trục chính thị trấn (mẫu)",
        "800 m vỉa hè",
        "Tổ dân phố 1, thị trấn Trạm Tấu",
        2400,
        FundingSource.STATE_BUDGET,
        date(2025, 6, 30),
        date(2024, 10, 18),
        (ProgressStatus.COMPLETED, 100, date(2025, 7, 20), None),
    ),
    (
        "TT.TTTT",
        "task",
        "Số hóa 100% hồ sơ thủ tục hành chính (mẫu)",
        "100% hồ sơ",
        "Bộ phận một cửa thị trấn",
        120,
        FundingSource.UNIT_FUNDS,
        date(2025, 3, 31),
        date(2024, 10, 18),
        (ProgressStatus.IN_USE, 100, date(2025, 3, 20), date(2025, 3, 25)),
    ),
    (
        "TT.BANCONG",
        "construction",
        "Cầu treo dân sinh Bản Công (mẫu)",
        "1 cầu dài 60 m",
        "Suối Nậm Tấu, xã Bản Công",
        3200,
        FundingSource.STATE_BUDGET,
        date(2025, 6, 15),
        date(2024, 10, 25),
        (ProgressStatus.IN_PROGRESS, 85, None, None),
    ),
    (
        "TT.HATLUU",
        "construction",
        "Kênh mương nội đồng Hát Lừu (mẫu)",
        "2,5 km kênh bê tông",
        "Cánh đồng Hát Lừu",
        1800,
        FundingSource.TARGET_PROGRAMME,
        date(2025, 5, 31),
        date(2024, 11, 5),
        (ProgressStatus.IN_USE, 100, date(2025, 5, 20), date(2025, 5, 30)),
    ),
    (
        "TT.HATLUU",
        "task",
        "Trồng 20 ha rừng sản xuất (mẫu)",
        "20 ha",
        "Các thôn xã Hát Lừu",
        600,
        FundingSource.SOCIALISED,
        date(2025, 10, 31),
        date(2024, 11, 5),
        (ProgressStatus.NOT_STARTED, 0, None, None),
    ),
    (
        "TT.XAHO",
        "construction",
        "Sân thể thao trung tâm xã Xà Hồ (mẫu)",
        "1 sân 1.200 m²",
        "Trung tâm xã Xà Hồ",
        750,
        FundingSource.COMBINED,
        date(2025, 4, 30),
        date(2024, 10, 23),
        (ProgressStatus.IN_PROGRESS, 40, None, None),
    ),
    (
        "TT.PKTHT",
        "construction",
        "Trung tâm Văn hóa - Thể thao huyện (mẫu)",
        "1 nhà 2 tầng, 900 m² sàn",
        "Thị trấn Trạm Tấu",
        12500,
        FundingSource.STATE_BUDGET,
        date(2025, 6, 30),
        date(2024, 10, 15),
        (ProgressStatus.IN_USE, 100, date(2025, 6, 25), date(2025, 6, 28)),
    ),
    (
        "TT.PNV",
        "task",
        "Nâng chỉ số PAR Index, SIPAS lên ít nhất 1 bậc (mẫu)",
        "2 chỉ số",
        "Huyện Trạm Tấu",
        50,
        FundingSource.UNIT_FUNDS,
        date(2025, 12, 31),
        date(2024, 10, 21),
        (ProgressStatus.IN_PROGRESS, 70, None, None),
    ),
]

# A village's registration still waiting for its commune (the commune's task in the demo).
PENDING = (
    "TT.BANMU.T1",
    "construction",
    "Đường nội đồng Thôn 1 (mẫu)",
    "600 m",
    "Thôn 1, xã Bản Mù",
    280,
    FundingSource.PEOPLE,
    date(2025, 9, 30),
)

FLAGSHIP = [
    (
        "Trung tâm Văn hóa - Thể thao huyện (mẫu)",
        "Quy mô lớn nhất huyện, phục vụ sinh hoạt văn hóa, thể thao của Nhân dân (lý do mẫu).",
    ),
    (
        "Cầu treo dân sinh Bản Công (mẫu)",
        "Nối liền hai bờ suối, bảo đảm an toàn đi lại mùa mưa lũ (lý do mẫu).",
    ),
]
CONGRESS = "Đại hội đại biểu Đảng bộ huyện Trạm Tấu lần thứ XVII"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0))


def load_demo_works(movement: Movement, users: dict[str, User]) -> None:
    if movement.works.exists():
        return
    units = {u.code: u for u in Unit.objects.filter(code__startswith="TT")}
    officer = users["noivu"]
    for code, kind, name, volume, site, million, funding, expected, registered, progress in WORKS:
        work = Work(
            movement=movement,
            unit=units[code],
            kind=kind,
            name=name,
            volume=volume,
            site=site,
            estimated_value=Decimal(million) * 1_000_000,
            funding_source=funding,
            people_funded=funding == FundingSource.PEOPLE,
            expected_completion=expected,
            status=RegistrationStatus.REGISTERED,
            registered_at=_at(registered),
            registered_by=officer,
            is_late=services.is_late(movement, _at(registered)),
            created_by=officer,
        )
        save_attributed(work, actor=officer, reason="Dữ liệu mẫu")
        status, percent, completed, in_use = progress
        if status != ProgressStatus.NOT_STARTED:
            services.progress_record(
                actor=users["chutich"],
                work=work,
                data=services.ProgressData(
                    percent=percent,
                    status=status,
                    actual_completion=completed,
                    put_into_use=in_use,
                    value_done=Decimal(million) * 1_000_000 * percent // 100,
                    note="Cập nhật tiến độ (dữ liệu mẫu)",
                ),
            )
    # Registered during the story (the movement has ended since, so no longer through
    # work_create): a village's work still waiting for its commune.
    code, kind, name, volume, site, million, funding, expected = PENDING
    village_officer = users["thon1.banmu"]
    pending = Work(
        movement=movement,
        unit=units[code],
        kind=kind,
        name=name,
        volume=volume,
        site=site,
        estimated_value=Decimal(million) * 1_000_000,
        funding_source=funding,
        people_funded=funding == FundingSource.PEOPLE,
        expected_completion=expected,
        status=services.registration_status_for(village_officer, units[code]),
        registered_at=_at(movement.end_date - timedelta(days=200)),
        registered_by=village_officer,
        created_by=village_officer,
    )
    pending.is_late = services.is_late(movement, pending.registered_at)
    save_attributed(pending, actor=village_officer, reason="Dữ liệu mẫu")
    by_name = {w.name: w for w in movement.works.all()}
    services.flagship_select(
        actor=users["chutich"],
        movement=movement,
        choices=[services.FlagshipChoice(work=by_name[n], reason=r) for n, r in FLAGSHIP],
        congress=CONGRESS,
    )
    lagging = Unit.objects.filter(code__in=["TT.PAHU", "TT.PALAU", "TT.LANGNHI"])
    services.reminder_send(
        actor=officer,
        movement=movement,
        unit_ids=[u.pk for u in lagging],
        subject="Đôn đốc đăng ký công trình, phần việc (mẫu)",
        message="Đề nghị UBND xã khẩn trương đăng ký công trình, phần việc chào mừng Đại hội "
        "theo Kế hoạch của UBND huyện (nội dung mẫu).",
        reasons={u.pk: "chưa đăng ký công trình nào (tối thiểu 2)" for u in lagging},
    )
