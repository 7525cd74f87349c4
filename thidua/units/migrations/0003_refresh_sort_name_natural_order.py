"""Recompute units' sort_name with the sort key that orders numbers by value
("Thôn 2" before "Thôn 10") and a shorter name before a longer one with the same start."""

from django.db import migrations

from thidua.core.text import sort_key


def refresh(apps, schema_editor) -> None:
    Unit = apps.get_model("units", "Unit")
    batch = []
    for unit in Unit.objects.only("pk", "name").iterator(chunk_size=2000):
        unit.sort_name = sort_key(unit.name)
        batch.append(unit)
    Unit.objects.bulk_update(batch, ["sort_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("units", "0002_ward_and_special_zone_kinds")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
