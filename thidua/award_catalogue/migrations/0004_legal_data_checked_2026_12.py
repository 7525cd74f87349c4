"""Correct the reference rows seeded before the legal data was checked (shared/domain.md,
"Legal data, checked", 12/2026).

Only rows still holding the old seeded text are changed: a row a superuser corrected keeps the
correction. Every change is written to the row's history with this migration as the reason.
The figures are frozen here (not imported from ``reference``) so the migration means the same
thing whenever it runs.

- Nghị định 98/2023 multiples apply from 01/01/2024 (with the 2022 Law), not 15/01/2024.
- Base salaries and multiples cite their articles; the money is rounded up to 10.000 đ.
- Bằng khen of the provincial chairman 1,5 (individual) / 3,0 (collective) and Giấy khen of
  the commune chairman 0,3 / 0,6 from 01/07/2025 (Nghị định 152/2025/NĐ-CP, Điều 54).
- Authority before 1/7/2025 cites Luật Thi đua, khen thưởng 2022, Điều 80 khoản 2 (district
  chairman) and khoản 3 (commune chairman); from 1/7/2025 Nghị định 129/2025/NĐ-CP, Điều 59.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

REASON = "0004_legal_data_checked_2026_12"
UNVERIFIED = " (chưa đối chiếu)"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"

OLD_ND98 = "Nghị định 98/2023/NĐ-CP, Điều 54" + UNVERIFIED
OLD_ND152 = "Nghị định 152/2025/NĐ-CP, Điều 50" + UNVERIFIED
ND98 = (
    "Nghị định 98/2023/NĐ-CP, Điều 54; làm tròn lên hàng chục nghìn đồng như Nghị định "
    "152/2025/NĐ-CP, Điều 49 khoản 2" + UNVERIFIED
)
ND152 = "Nghị định 152/2025/NĐ-CP, Điều 50; làm tròn lên hàng chục nghìn đồng: Điều 49 khoản 2"
ND152_COMMENDATIONS = (
    "Nghị định 152/2025/NĐ-CP, Điều 54; làm tròn lên hàng chục nghìn đồng: Điều 49 khoản 2"
)
OLD_ND98_START, ND98_START = date(2024, 1, 15), date(2024, 1, 1)
ND152_START = date(2025, 7, 1)
COMMENDATIONS = (
    ("bang_khen_tinh", "individual", Decimal("1.5")),
    ("bang_khen_tinh", "collective", Decimal("3.0")),
    ("giay_khen_xa", "individual", Decimal("0.3")),
    ("giay_khen_xa", "collective", Decimal("0.6")),
)

SALARY_SOURCES = {
    "Nghị định 24/2023/NĐ-CP" + UNVERIFIED: "Nghị định 24/2023/NĐ-CP",
    "Nghị định 73/2024/NĐ-CP" + UNVERIFIED: "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2",
    "Nghị định 161/2026/NĐ-CP" + UNVERIFIED: "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2",
}

OLD_AUTHORITY = f"{LAW_2022}, Điều 80; Nghị định 98/2023/NĐ-CP" + UNVERIFIED
OLD_AUTHORITY_NEW = (
    "Nghị định 129/2025/NĐ-CP; Nghị định 152/2025/NĐ-CP; Quyết định 638/QĐ-BNV" + UNVERIFIED
)
AUTHORITY_BEFORE = {
    "province_chairman": LAW_2022 + " (thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh)"
    + UNVERIFIED,
    "district_chairman": f"{LAW_2022}, Điều 80 khoản 2",
    "commune_chairman": f"{LAW_2022}, Điều 80 khoản 3",
}
AUTHORITY_AFTER = "Nghị định 129/2025/NĐ-CP, Điều 59"


def _record(apps, model_name, obj, history_type):
    """One history row for ``obj`` as it now stands, attributed to this migration."""
    model = apps.get_model("award_catalogue", model_name)
    historical = apps.get_model("award_catalogue", f"Historical{model_name}")
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    historical.objects.create(
        **values,
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=REASON,
        history_user=None,
    )


def _change(apps, model_name, obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(values))
    _record(apps, model_name, obj, "~")


def _in_force_overlap(rows, start, end):
    return rows.filter(valid_from__lte=end).exclude(valid_to__lt=start).exists()


def correct(apps, schema_editor):
    AwardForm = apps.get_model("award_catalogue", "AwardForm")
    MoneyMultiple = apps.get_model("award_catalogue", "MoneyMultiple")
    BaseSalary = apps.get_model("award_catalogue", "BaseSalary")
    Authority = apps.get_model("award_catalogue", "Authority")

    for row in MoneyMultiple.objects.filter(legal_source=OLD_ND98):
        values = {"legal_source": ND98}
        if row.valid_from == OLD_ND98_START:
            same = MoneyMultiple.objects.filter(
                award_form_id=row.award_form_id, recipient=row.recipient
            ).exclude(pk=row.pk)
            if not _in_force_overlap(same, ND98_START, OLD_ND98_START):
                values["valid_from"] = ND98_START
        _change(apps, "MoneyMultiple", row, **values)
    for row in MoneyMultiple.objects.filter(legal_source=OLD_ND152):
        _change(apps, "MoneyMultiple", row, legal_source=ND152)

    for code, recipient, multiple in COMMENDATIONS:
        form = AwardForm.objects.filter(code=code).first()
        if form is None:
            continue  # the reference was never loaded: load_award_reference seeds it
        same = MoneyMultiple.objects.filter(award_form=form, recipient=recipient)
        if same.filter(valid_to__isnull=True).exists() or same.filter(
            valid_to__gte=ND152_START
        ).exists():
            continue  # someone already recorded a multiple in force then: theirs stands
        row = MoneyMultiple.objects.create(
            award_form=form,
            recipient=recipient,
            multiple=multiple,
            round_up_to=Decimal(10_000),
            valid_from=ND152_START,
            valid_to=None,
            legal_source=ND152_COMMENDATIONS,
        )
        _record(apps, "MoneyMultiple", row, "+")

    for old, new in SALARY_SOURCES.items():
        for row in BaseSalary.objects.filter(legal_source=old):
            _change(apps, "BaseSalary", row, legal_source=new)

    for row in Authority.objects.filter(legal_source=OLD_AUTHORITY):
        _change(apps, "Authority", row, legal_source=AUTHORITY_BEFORE[row.deciding_office])
    for row in Authority.objects.filter(legal_source=OLD_AUTHORITY_NEW):
        _change(apps, "Authority", row, legal_source=AUTHORITY_AFTER)


class Migration(migrations.Migration):
    dependencies = [
        ("award_catalogue", "0003_money_multiple_recipient_and_rounding"),
    ]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
