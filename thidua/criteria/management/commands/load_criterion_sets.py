"""Store the plan's award criteria (II.7) as template criterion sets, and optionally copy
them to movements. Safe to run again: a template equal to the plan is left alone."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thidua.criteria.sets import criterion_sets_for_movement, criterion_templates_load
from thidua.movements.models import Movement, MovementStatus


class Command(BaseCommand):
    help = (
        "Load the plan's criteria (II.7) as template criterion sets, one per candidate type; "
        "with --movement or --all-movements also copy them to movements that lack them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--movement",
            type=int,
            action="append",
            default=[],
            help="Id of a movement to copy the templates to (repeatable).",
        )
        parser.add_argument(
            "--all-movements",
            action="store_true",
            help="Copy the templates to every launched or closed movement lacking them.",
        )

    @transaction.atomic
    def handle(self, *args, movement: list[int], all_movements: bool, **options):
        result = criterion_templates_load(actor=None)
        self.stdout.write(
            f"templates: created {len(result.created)}, new versions {len(result.new_versions)}, "
            f"unchanged {len(result.unchanged)}"
        )
        movements = list(Movement.objects.filter(pk__in=movement))
        missing = set(movement) - {m.pk for m in movements}
        if missing:
            raise CommandError(f"No movement with id {', '.join(map(str, sorted(missing)))}.")
        if all_movements:
            movements += list(
                Movement.objects.exclude(status=MovementStatus.DRAFT).exclude(
                    pk__in=[m.pk for m in movements]
                )
            )
        for item in movements:
            sets = criterion_sets_for_movement(movement=item, actor=None)
            self.stdout.write(f"movement {item.pk}: {len(sets)} criterion sets")
