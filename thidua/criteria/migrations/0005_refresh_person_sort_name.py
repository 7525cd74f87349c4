"""Recompute people's sort_name with the sort key that orders numbers by value and a
shorter name before a longer one with the same start."""

from django.db import migrations

from thidua.core.text import sort_key


def refresh(apps, schema_editor) -> None:
    Person = apps.get_model("criteria", "Person")
    batch = []
    for person in Person.objects.only("pk", "full_name").iterator(chunk_size=2000):
        words = person.full_name.split()
        given = words[-1] if words else ""
        person.sort_name = f"{sort_key(given)} {sort_key(person.full_name)}"
        batch.append(person)
    Person.objects.bulk_update(batch, ["sort_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0004_awards_received_rule")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
