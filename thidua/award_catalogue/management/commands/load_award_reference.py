from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.award_catalogue.services import load_award_reference


class Command(BaseCommand):
    help = (
        "Record the award forms, money multiples, base salaries and award authorities "
        "with their legal sources. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also reset rows already recorded to the seed (by default corrections are kept).",
        )

    def handle(self, *args: Any, overwrite: bool, **options: Any) -> None:
        result = load_award_reference(overwrite=overwrite)
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
            f"kept {len(result.kept)}"
        )
        for label in result.kept:
            self.stdout.write(f"kept (differs from the seed): {label}")
        for label in result.skipped:
            self.stdout.write(f"skipped (clashes with a recorded row): {label}")
