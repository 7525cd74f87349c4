"""The data migration that replaces the library's 2025 and 2026 rows by the checked lists."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from thidua.calendar_days.models import DayOff, DayOffKind, MadeUpWorkday

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "thidua.calendar_days.migrations.0002_official_calendars_2025_2026"
)
OLD_TET = (
    "Bộ luật Lao động 2019, khoản 1 Điều 112, điểm b; Thông báo 6150/TB-BLĐTBXH năm 2024: "
    "nghỉ từ 25/01 đến hết 02/02/2025"
)
OLD_COMPENSATORY = (
    "Bộ luật Lao động 2019, khoản 3 Điều 112 (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần)"
)


def test_migration_corrects_loader_rows_and_keeps_a_persons_rows():
    DayOff.objects.create(
        date=date(2025, 1, 27),
        name="Ngày trước Giao thừa (nghỉ bù Tết)",
        kind=DayOffKind.COMPENSATORY,
        legal_source=f"{OLD_COMPENSATORY}; Thông báo 6150/TB-BLĐTBXH",
    )
    DayOff.objects.create(
        date=date(2025, 2, 1), name="Mùng bốn Tết Nguyên Đán", legal_source=OLD_TET
    )
    DayOff.objects.create(
        date=date(2026, 1, 1),
        name="Tết Dương lịch",
        legal_source="Bộ luật Lao động 2019, khoản 1 Điều 112, điểm a",
    )
    # A province's own extra day off, entered by a superuser: it stands.
    own = DayOff.objects.create(
        date=date(2026, 3, 6),
        name="Nghỉ theo quyết định của tỉnh",
        kind=DayOffKind.EXTRA,
        legal_source="Quyết định 12/QĐ-UBND của UBND tỉnh (mẫu)",
    )
    MIGRATION.apply(apps, None)

    tet = DayOff.objects.get(date=date(2025, 1, 27))
    assert tet.kind == DayOffKind.PUBLIC_HOLIDAY and "6150/TB-BLĐTBXH" in tet.legal_source
    assert tet.history.first().history_change_reason == MIGRATION.REASON
    assert not DayOff.objects.filter(date=date(2025, 2, 1)).exists()
    assert DayOff.history.filter(history_type="-", date=date(2025, 2, 1)).exists()
    assert DayOff.objects.filter(date__year=2025).count() == 12
    assert DayOff.objects.get(date=date(2026, 1, 2)).kind == DayOffKind.EXTRA
    assert MadeUpWorkday.objects.filter(date=date(2026, 1, 10)).exists()
    assert DayOff.objects.filter(pk=own.pk).exists()
    # A year never loaded stays empty; running it again changes nothing.
    assert not DayOff.objects.filter(date__year=2024).exists()
    count = DayOff.history.count()
    MIGRATION.apply(apps, None)
    assert DayOff.history.count() == count
