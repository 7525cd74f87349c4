from django.core.management.base import BaseCommand, CommandError

from thidua.calendar_days.services import load_holidays


class Command(BaseCommand):
    help = "Record Vietnam's public holidays, days off and made-up workdays for a range of years."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=int, required=True)
        parser.add_argument("--to", dest="last", type=int, required=True)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also rewrite dates already recorded (by default corrections are kept).",
        )

    def handle(self, *args, first: int, last: int, overwrite: bool, **options):
        if last < first:
            raise CommandError("--to must not be before --from")
        result = load_holidays(first_year=first, last_year=last, overwrite=overwrite)
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        )
        for day in result.skipped:
            self.stdout.write(f"skipped (recorded the other way): {day}")
