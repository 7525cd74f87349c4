"""Record the checked official calendars of 2025 and 2026 (shared/domain.md, "Legal data,
checked") in databases where ``load_holidays`` already wrote those years from the library:

- 27-31/01/2025 are the five Tết days (Thông báo 6150/TB-BLĐTBXH), not make-up days, and
  Saturday 01/02/2025 is no holiday row;
- 02/01/2026 is a day off and Saturday 10/01/2026 a working day; 24/11 (Ngày Văn hóa Việt
  Nam) cites Nghị quyết 28/2026/QH16, Điều 2; make-up days cite Bộ luật Lao động 2019,
  Điều 111 khoản 3.

Only rows the loader wrote (their citation is the loader's) are changed or removed; a row a
superuser entered or corrected stands. Every change is written to history with this
migration as the reason. The list is a frozen copy of ``calendar_days.official`` as of now.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

REASON = "0002_official_calendars_2025_2026"

OFFICIAL = {
    2025: (
        ('2025-01-01', 'Tết Dương lịch', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm a'),
        ('2025-01-27', 'Tết Nguyên Đán (28 tháng Chạp)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Thông báo 6150/TB-BLĐTBXH: năm ngày Tết từ 27/01 đến hết 31/01/2025 (nghỉ liền từ 25/01 đến hết 02/02/2025)'),
        ('2025-01-28', 'Tết Nguyên Đán (29 tháng Chạp, Giao thừa)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Thông báo 6150/TB-BLĐTBXH: năm ngày Tết từ 27/01 đến hết 31/01/2025 (nghỉ liền từ 25/01 đến hết 02/02/2025)'),
        ('2025-01-29', 'Tết Nguyên Đán (mùng 1)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Thông báo 6150/TB-BLĐTBXH: năm ngày Tết từ 27/01 đến hết 31/01/2025 (nghỉ liền từ 25/01 đến hết 02/02/2025)'),
        ('2025-01-30', 'Tết Nguyên Đán (mùng 2)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Thông báo 6150/TB-BLĐTBXH: năm ngày Tết từ 27/01 đến hết 31/01/2025 (nghỉ liền từ 25/01 đến hết 02/02/2025)'),
        ('2025-01-31', 'Tết Nguyên Đán (mùng 3)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Thông báo 6150/TB-BLĐTBXH: năm ngày Tết từ 27/01 đến hết 31/01/2025 (nghỉ liền từ 25/01 đến hết 02/02/2025)'),
        ('2025-04-07', 'Ngày Giỗ Tổ Hùng Vương', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm e'),
        ('2025-04-26', 'Làm bù cho ngày nghỉ 02/05/2025', None, 'Bộ luật Lao động 2019, khoản 3 Điều 111; hoán đổi ngày làm việc dịp 30/4-1/5/2025 theo chỉ đạo của Thủ tướng (số văn bản chưa đối chiếu)'),
        ('2025-04-30', 'Ngày Chiến thắng', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm c'),
        ('2025-05-01', 'Ngày Quốc tế Lao động', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm d'),
        ('2025-05-02', 'Nghỉ hoán đổi, làm bù ngày 26/04/2025', 'extra', 'Bộ luật Lao động 2019, khoản 3 Điều 111; hoán đổi ngày làm việc dịp 30/4-1/5/2025 theo chỉ đạo của Thủ tướng (số văn bản chưa đối chiếu)'),
        ('2025-09-01', 'Quốc khánh (ngày liền kề)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm đ'),
        ('2025-09-02', 'Quốc khánh', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm đ'),
    ),
    2026: (
        ('2026-01-01', 'Tết Dương lịch', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm a; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-01-02', 'Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026', 'extra', 'Bộ luật Lao động 2019, khoản 3 Điều 111; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-01-10', 'Làm bù cho ngày nghỉ 02/01/2026', None, 'Bộ luật Lao động 2019, khoản 3 Điều 111; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-02-16', 'Tết Nguyên Đán (Giao thừa)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-02-17', 'Tết Nguyên Đán (mùng 1)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-02-18', 'Tết Nguyên Đán (mùng 2)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-02-19', 'Tết Nguyên Đán (mùng 3)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-02-20', 'Tết Nguyên Đán (mùng 4)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-04-26', 'Ngày Giỗ Tổ Hùng Vương (Chủ nhật)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm e'),
        ('2026-04-27', 'Nghỉ bù Ngày Giỗ Tổ Hùng Vương', 'compensatory', 'Bộ luật Lao động 2019, khoản 3 Điều 111; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-04-30', 'Ngày Chiến thắng', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm c'),
        ('2026-05-01', 'Ngày Quốc tế Lao động', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm d'),
        ('2026-08-22', 'Làm bù cho ngày nghỉ 31/08/2026', None, 'Bộ luật Lao động 2019, khoản 3 Điều 111; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-08-31', 'Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026', 'extra', 'Bộ luật Lao động 2019, khoản 3 Điều 111; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-09-01', 'Quốc khánh (ngày liền kề)', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm đ; Công văn 12729/VPCP-KGVX, 9859/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)'),
        ('2026-09-02', 'Quốc khánh', 'public_holiday', 'Bộ luật Lao động 2019, khoản 1 Điều 112, điểm đ'),
        ('2026-11-24', 'Ngày Văn hóa Việt Nam', 'public_holiday', 'Nghị quyết 28/2026/QH16, Điều 2 (hiệu lực từ 01/07/2026)'),
    ),
}


def loader_made(source):
    """Whether a citation is one the library-based loader wrote before the check."""
    return (
        source.startswith("Bộ luật Lao động 2019")
        or "thư viện holidays" in source
        or source.startswith("Ngày Văn hóa Việt Nam 24/11 theo chủ trương")
    )


def _record(apps, model_name, obj, history_type):
    model = apps.get_model("calendar_days", model_name)
    historical = apps.get_model("calendar_days", f"Historical{model_name}")
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    historical.objects.create(
        **values,
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=REASON,
        history_user=None,
    )


def _delete(apps, model_name, obj):
    _record(apps, model_name, obj, "-")
    obj.delete()


def apply(apps, schema_editor):
    DayOff = apps.get_model("calendar_days", "DayOff")
    MadeUpWorkday = apps.get_model("calendar_days", "MadeUpWorkday")
    for year, rows in OFFICIAL.items():
        if not DayOff.objects.filter(date__year=year).exists():
            continue  # never loaded: load_holidays records the official list itself
        listed = set()
        for day_text, name, kind, source in rows:
            day = date.fromisoformat(day_text)
            listed.add(day)
            model_name, other_name = (
                ("MadeUpWorkday", "DayOff") if kind is None else ("DayOff", "MadeUpWorkday")
            )
            model = apps.get_model("calendar_days", model_name)
            other = apps.get_model("calendar_days", other_name).objects.filter(date=day).first()
            if other is not None:
                if not loader_made(other.legal_source):
                    continue  # recorded the other way by a person: theirs stands
                _delete(apps, other_name, other)
            values = {"name": name, "legal_source": source}
            if kind is not None:
                values["kind"] = kind
            row = model.objects.filter(date=day).first()
            if row is None:
                row = model.objects.create(date=day, **values)
                _record(apps, model_name, row, "+")
            elif loader_made(row.legal_source) and any(
                getattr(row, k) != v for k, v in values.items()
            ):
                for k, v in values.items():
                    setattr(row, k, v)
                row.save()
                _record(apps, model_name, row, "~")
        for model_name, model in (("DayOff", DayOff), ("MadeUpWorkday", MadeUpWorkday)):
            for row in model.objects.filter(date__year=year).exclude(date__in=listed):
                if loader_made(row.legal_source):
                    _delete(apps, model_name, row)


class Migration(migrations.Migration):
    dependencies = [
        ("calendar_days", "0001_initial"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
