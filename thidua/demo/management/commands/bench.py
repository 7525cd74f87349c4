"""Measures the main pages on a province-sized directory (≈150 communes, ≈1,500 villages).

Run with `make bench`: it uses its own SQLite file (or DATABASE_URL) so the demo data is
untouched. Prints, per page, the median time over several requests and the query count.
"""

import statistics
import time
from datetime import date

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.demo import bench_commendation
from thidua.movements import services
from thidua.movements.models import ContentArea, Movement, UnitPlan, WorkMinimum
from thidua.units.models import Unit, UnitKind
from thidua.works.models import FundingSource, ProgressStatus, RegistrationStatus, Work

COMMUNES = 150
VILLAGES_PER_COMMUNE = 10


class Command(BaseCommand):
    help = "Benchmark the main pages on a province-sized unit directory."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args, repeat: int, **options) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            officer, commune_officer, movement = self._world()
        self.stdout.write(
            f"data: {Unit.objects.count()} units, {UnitPlan.objects.filter(movement=movement).count()} "
            f"unit plans, {Work.objects.filter(movement=movement).count()} works "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        pages = [
            (officer, "units list (tree, page 1)", reverse("units:list"), {}),
            (officer, "units list (last page)", reverse("units:list"), {"page": "last"}),
            (officer, "units search 'thon 1'", reverse("units:list"), {"q": "thon 1"}),
            (officer, "plan monitor", reverse("movements:plan_monitor", args=[movement.pk]), {}),
            (
                officer,
                "plan monitor, pending villages",
                reverse("movements:plan_monitor", args=[movement.pk]),
                {"kind": "village", "status": "pending"},
            ),
            (officer, "movement detail", reverse("movements:detail", args=[movement.pk]), {}),
            (officer, "accounts list", reverse("accounts:list"), {}),
            (commune_officer, "home (commune officer)", reverse("home"), {}),
            (officer, "works list", reverse("works:list", args=[movement.pk]), {}),
            (
                officer,
                "works list, overdue in villages",
                reverse("works:list", args=[movement.pk]),
                {"schedule": "overdue", "unit_kind": "village"},
            ),
            (officer, "works compliance", reverse("works:compliance", args=[movement.pk]), {}),
            (officer, "works dashboard", reverse("works:dashboard", args=[movement.pk]), {}),
            (
                commune_officer,
                "works dashboard (commune)",
                reverse("works:dashboard", args=[movement.pk]),
                {},
            ),
            (
                officer,
                "works register export (.xlsx)",
                reverse("works:export", args=[movement.pk]),
                {},
            ),
            (officer, "reviews list", reverse("works:reviews", args=[movement.pk]), {}),
            *(
                (user, label, reverse(name, args=args), params)
                for user, label, name, args, params in bench_commendation.pages(
                    movement, officer, commune_officer
                )
            ),
        ]
        self.stdout.write(f"{'page':<34} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        for user, label, url, params in pages:
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            timings = []
            queries = 0
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    response = client.get(url, params)
                    timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, response.status_code)
                queries = len(captured.captured_queries)
            self.stdout.write(
                f"{label:<34} {statistics.median(timings):>10.1f} {max(timings):>8.1f} {queries:>8}"
            )

    def _world(self) -> tuple[User, User, Movement]:
        existing = Unit.objects.filter(code="BENCH").first()
        if existing:
            movement = Movement.objects.get(issuing_unit=existing)
            return (
                User.objects.get(username="bench.noivu"),
                User.objects.get(username="bench.xa"),
                movement,
            )
        province = Unit.objects.create(kind=UnitKind.PROVINCE, code="BENCH", name="Tỉnh Thử")
        communes = []
        for c in range(COMMUNES):
            unit = Unit(
                kind=UnitKind.COMMUNE, code=f"B{c:03d}", name=f"Xã Thử {c}", parent=province
            )
            unit.refresh_derived()
            communes.append(unit)
        Unit.objects.bulk_create(communes)
        villages = []
        for commune in communes:
            for v in range(VILLAGES_PER_COMMUNE):
                unit = Unit(
                    kind=UnitKind.VILLAGE,
                    code=f"{commune.code}.{v}",
                    name=f"Thôn {v + 1}",
                    parent=commune,
                )
                unit.refresh_derived()
                villages.append(unit)
        Unit.objects.bulk_create(villages, batch_size=500)
        officer = User.objects.create(username="bench.noivu", full_name="Cán bộ thử")
        chair = User.objects.create(username="bench.chutich", full_name="Chủ tịch thử")
        commune_officer = User.objects.create(username="bench.xa", full_name="Cán bộ xã thử")
        RoleAssignment.objects.create(user=officer, role=Role.HOME_AFFAIRS, unit=province)
        RoleAssignment.objects.create(user=chair, role=Role.CHAIRMAN, unit=province)
        RoleAssignment.objects.create(
            user=commune_officer, role=Role.FOCAL_OFFICER, unit=communes[0]
        )
        movement = _movement(province)
        movement = services.movement_launch(actor=chair, movement=movement)
        self._works(movement, officer, communes, villages)
        bench_commendation.build(movement, officer, communes, villages)
        return officer, commune_officer, movement

    def _works(self, movement: Movement, officer: User, communes, villages) -> None:
        """Two works per commune and one per village, with a spread of progress."""
        statuses = list(ProgressStatus.values)
        works = []
        for n, unit in enumerate([*communes, *communes, *villages]):
            status = statuses[n % len(statuses)]
            done = status in (ProgressStatus.COMPLETED, ProgressStatus.IN_USE)
            works.append(
                Work(
                    movement=movement,
                    unit=unit,
                    kind="construction" if n % 3 else "task",
                    name=f"Công trình thử {n}",
                    volume="1 km",
                    site="Trung tâm",
                    estimated_value=100_000_000 + n * 1_000,
                    funding_source=FundingSource.values[n % len(FundingSource.values)],
                    expected_completion=date(2025, 1 + n % 12, 1),
                    status=RegistrationStatus.REGISTERED,
                    registered_at=timezone.now(),
                    registered_by=officer,
                    is_late=n % 7 == 0,
                    progress_status=status,
                    progress_percent=100 if done else (n * 13) % 100,
                    actual_completion=date(2025, 6, 1) if done else None,
                    value_done=50_000_000 if done else None,
                )
            )
        for work in works:
            work.refresh_derived()
        Work.objects.bulk_create(works, batch_size=500)


def _movement(province: Unit) -> Movement:
    """A draft movement of the province with one content area and the communes' minimum: the
    bench builds it with plain model calls, so it needs no test-only package."""
    movement = Movement.objects.create(
        issuing_unit=province,
        title="Phong trào thi đua (đo hiệu năng)",
        signer_name="Nguyễn Văn Chủ",
        purposes="Mục đích",
        requirements="Yêu cầu",
        theme="Chủ đề",
        goal="Mục tiêu",
        start_date=date(2024, 10, 1),
        end_date=date(2025, 12, 31),
        registration_deadline=date(2024, 10, 25),
        collective_kinds=[UnitKind.COMMUNE, UnitKind.VILLAGE],
    )
    ContentArea.objects.create(movement=movement, label="a", content="Nội dung a")
    WorkMinimum.objects.create(movement=movement, unit_kind=UnitKind.COMMUNE, minimum=2)
    return movement
