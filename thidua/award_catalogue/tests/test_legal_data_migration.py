"""The data migration that corrects reference rows seeded before the legal data was checked
(shared/domain.md "Legal data, checked", 12/2026); an empty database to start from."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from thidua.award_catalogue.models import (
    Authority,
    AwardForm,
    BaseSalary,
    DecidingOffice,
    MoneyMultiple,
    Recipient,
)
from thidua.award_catalogue.selectors import award_amount
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db

DISTRICT = DecidingOffice.DISTRICT_CHAIRMAN
COMMUNE = DecidingOffice.COMMUNE_CHAIRMAN
MIGRATION = importlib.import_module(
    "thidua.award_catalogue.migrations.0004_legal_data_checked_2026_12"
)


# --- The data migration -----------------------------------------------------------------------
def old_seed() -> dict[str, object]:
    """The rows the loader wrote before the check, with their old texts and dates."""
    form = AwardForm.objects.create(
        code="lao_dong_tien_tien", name="Lao động tiên tiến", kind="title", recipient="individual"
    )
    bang_khen = AwardForm.objects.create(
        code="bang_khen_tinh",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        kind="commendation",
        recipient="both",
    )
    old98 = MoneyMultiple.objects.create(
        award_form=form,
        recipient=Recipient.INDIVIDUAL,
        multiple=Decimal("0.3"),
        round_up_to=Decimal(10_000),
        valid_from=date(2024, 1, 15),
        valid_to=date(2025, 6, 30),
        legal_source=MIGRATION.OLD_ND98,
    )
    old152 = MoneyMultiple.objects.create(
        award_form=form,
        recipient=Recipient.INDIVIDUAL,
        multiple=Decimal("0.3"),
        round_up_to=Decimal(10_000),
        valid_from=date(2025, 7, 1),
        legal_source=MIGRATION.OLD_ND152,
    )
    salary = BaseSalary.objects.create(
        amount=Decimal(2_340_000),
        valid_from=date(2024, 7, 1),
        legal_source="Nghị định 73/2024/NĐ-CP (chưa đối chiếu)",
    )
    corrected = BaseSalary.objects.create(
        amount=Decimal(1_800_000),
        valid_from=date(2023, 7, 1),
        valid_to=date(2024, 6, 30),
        legal_source="Nghị định 24/2023/NĐ-CP (sửa bởi quản trị)",
    )
    before = Authority.objects.create(
        deciding_office=DISTRICT,
        award_form=form,
        unit_level=UnitKind.COMMUNE,
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 6, 30),
        legal_source=MIGRATION.OLD_AUTHORITY,
    )
    after = Authority.objects.create(
        deciding_office=COMMUNE,
        award_form=form,
        unit_level=UnitKind.COMMUNE,
        valid_from=date(2025, 7, 1),
        legal_source=MIGRATION.OLD_AUTHORITY_NEW,
    )
    return {
        "old98": old98,
        "old152": old152,
        "salary": salary,
        "corrected": corrected,
        "before": before,
        "after": after,
        "bang_khen": bang_khen,
    }


def test_data_migration_corrects_old_seed_and_keeps_admin_corrections():
    rows = old_seed()
    MIGRATION.correct(apps, None)
    for row in rows.values():
        row.refresh_from_db()
    assert rows["old98"].valid_from == date(2024, 1, 1)
    assert rows["old98"].legal_source.startswith("Nghị định 98/2023/NĐ-CP, Điều 54;")
    assert "Điều 49 khoản 2" in rows["old152"].legal_source
    assert rows["salary"].legal_source == "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2"
    assert rows["corrected"].legal_source == "Nghị định 24/2023/NĐ-CP (sửa bởi quản trị)"
    assert rows["before"].legal_source.endswith("Điều 80 khoản 2")
    assert rows["after"].legal_source == "Nghị định 129/2025/NĐ-CP, Điều 59"
    # Bằng khen's multiples from 1/7/2025 are added (3,0 × 2.340.000 for a collective).
    assert award_amount("bang_khen_tinh", date(2025, 7, 1), recipient="collective") == 7_020_000
    assert set(
        MoneyMultiple.objects.filter(award_form=rows["bang_khen"]).values_list(
            "recipient", "multiple"
        )
    ) == {("individual", Decimal("1.50")), ("collective", Decimal("3.00"))}
    # Every change is in the rows' history, attributed to the migration.
    history = rows["old98"].history.first()
    assert history.history_change_reason == MIGRATION.REASON
    assert history.valid_from == date(2024, 1, 1)
    assert BaseSalary.history.filter(history_change_reason=MIGRATION.REASON).count() == 1
    # Running it again changes nothing.
    count = MoneyMultiple.history.count()
    MIGRATION.correct(apps, None)
    assert MoneyMultiple.history.count() == count
