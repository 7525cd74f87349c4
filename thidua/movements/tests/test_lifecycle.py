"""A movement's end: the closing page lists what is still open, closing is attributed, and an
ended movement refuses registrations, plans, progress and dossiers (services and pages) and
leaves the home page; registration after the end date and dossiers after the nomination
deadline are refused too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from thidua.core.errors import ApplicationError
from thidua.movements import lifecycle
from thidua.movements import selectors as movement_selectors
from thidua.movements.models import MovementStatus, PlanStatus, UnitPlan
from thidua.nominations import selectors as nomination_selectors
from thidua.nominations.models import Nomination, NominationStatus
from thidua.nominations.tests.helpers import make
from thidua.testing import WorkFactory, launched_movement
from thidua.testing.files import PDF
from thidua.works import selectors as work_selectors
from thidua.works import services as work_services
from thidua.works.models import ProgressUpdate, Work

pytestmark = pytest.mark.django_db

WORK = {
    "kind": "construction",
    "name": "Nhà văn hóa thôn",
    "volume": "1 nhà",
    "site": "Thôn A1",
    "estimated_value": "800000000",
    "funding_source": "combined",
    "expected_completion": "30/06/2025",
}


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def ended(world):
    """A movement whose period is over (dossiers still open for a month), with one work
    in progress, one plan still owed and one dossier in progress."""
    movement = launched_movement(
        world,
        start_date=date(2024, 10, 1),
        end_date=today() - timedelta(days=10),
        nomination_deadline=today() + timedelta(days=30),
    )
    WorkFactory(movement=movement, unit=world.commune_a, progress_status="in_progress")
    make(world, movement)
    return movement


def test_closing_page_lists_what_is_still_open_then_closes_with_attribution(client, world, ended):
    client.force_login(world.home_affairs)
    page = client.get(reverse("movements:close", args=[ended.pk]))
    assert page.status_code == 200
    items = {item.label: item.count for item in page.context["items"]}
    assert items["Kế hoạch của đơn vị chưa ban hành"] == ended.unit_plans.count()
    assert items["Công trình, phần việc chưa hoàn thành"] == 1
    assert items["Hồ sơ đang xử lý"] == 1
    assert items["Sơ kết chưa nộp"] == items["Tổng kết chưa nộp"] == ended.participants.count()
    response = client.post(reverse("movements:close", args=[ended.pk]))
    assert response.status_code == 302
    ended.refresh_from_db()
    assert ended.status == MovementStatus.CLOSED
    assert ended.closed_by == world.home_affairs and ended.closed_at is not None
    last = ended.history.latest("history_date")
    assert last.history_user == world.home_affairs and last.status == MovementStatus.CLOSED
    detail = client.get(reverse("movements:detail", args=[ended.pk])).content.decode()
    assert 'data-testid="closed-by"' in detail and 'data-testid="close-link"' not in detail
    # The list's «Đã kết thúc» filter finds it.
    listed = client.get(reverse("movements:list"), {"status": "closed"})
    assert [m.pk for m in listed.context["page_obj"]] == [ended.pk]


def test_only_after_the_end_date_and_only_the_chairman_or_standing_body(world):
    running = launched_movement(world)
    with pytest.raises(ApplicationError, match="chỉ có thể kết thúc sau ngày"):
        lifecycle.movement_close(actor=world.chairman, movement=running)
    over = launched_movement(world, end_date=today() - timedelta(days=1))
    for outsider in (world.officer_a, world.council_member):
        with pytest.raises(PermissionDenied):
            lifecycle.movement_close(actor=outsider, movement=over)
    lifecycle.movement_close(actor=world.chairman, movement=over)
    with pytest.raises(PermissionDenied):  # no longer running: nothing to close
        lifecycle.movement_close(actor=world.chairman, movement=over)


def test_a_closed_movement_refuses_registration_plan_progress_and_dossiers(client, world, ended):
    work = Work.objects.get(movement=ended)
    plan = UnitPlan.objects.get(movement=ended, unit=world.commune_a)
    lifecycle.movement_close(actor=world.chairman, movement=ended)
    client.force_login(world.officer_a)

    # Registration: the page hides the button, a POST is refused with the reason.
    listing = client.get(reverse("works:list", args=[ended.pk])).content.decode()
    assert reverse("works:create", args=[ended.pk]) not in listing
    response = client.post(
        reverse("works:create", args=[ended.pk]),
        {**WORK, "unit": world.commune_a.pk, "register": "1"},
        follow=True,
    )
    assert "đã kết thúc" in response.content.decode()
    assert Work.objects.filter(movement=ended).count() == 1
    with pytest.raises(ApplicationError, match="đã kết thúc"):
        work_services.work_create(
            actor=world.officer_a, movement=ended, unit=world.commune_a, data={}
        )

    # The unit's plan.
    response = client.post(
        reverse("movements:plan_submit", args=[plan.pk]),
        {"issued_date": "10/10/2024", "theme": "a", "goals": "b", "content": "c", "criteria": "d"},
        follow=True,
    )
    assert "đã kết thúc" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PENDING

    # Progress.
    response = client.post(
        reverse("works:progress", args=[work.pk]),
        {"percent": "100", "status": "completed", "actual_completion": "01/06/2025"},
        follow=True,
    )
    assert "đã kết thúc" in response.content.decode()
    assert not ProgressUpdate.objects.filter(work=work).exists()

    # A new dossier, though the nomination deadline has not passed.
    response = client.get(reverse("nominations:create", args=[ended.pk]), follow=True)
    assert "đã kết thúc" in response.content.decode()
    with pytest.raises(ApplicationError, match="đã kết thúc"):
        make(world, ended, unit=world.commune_b, actor=world.home_affairs, proposing=world.district)
    assert Nomination.objects.filter(movement=ended).count() == 1


def test_a_closed_movement_leaves_the_home_page(world, ended):
    returned = Nomination.objects.get(movement=ended)
    Nomination.objects.filter(pk=returned.pk).update(status=NominationStatus.RETURNED)
    work_services.reminder_send(
        actor=world.home_affairs,
        movement=ended,
        unit_ids=[world.commune_a.pk],
        subject="Nhắc",
        message="Nộp báo cáo",
    )
    assert movement_selectors.desk_items(world.officer_a)["movements"]
    assert work_selectors.desk_items(world.officer_a)["reminder_count"] == 1
    assert nomination_selectors.desk_items(world.officer_a)["nomination_tasks"]
    lifecycle.movement_close(actor=world.chairman, movement=ended)
    assert not movement_selectors.desk_items(world.officer_a)["movements"]
    assert movement_selectors.desk_items(world.officer_a)["tasks"] == []
    assert movement_selectors.desk_items(world.officer_a)["plans_below"] == []
    assert work_selectors.desk_items(world.officer_a)["reminder_count"] == 0
    assert nomination_selectors.desk_items(world.officer_a)["nomination_tasks"] == []


def test_registration_after_the_deadline_is_late_but_after_the_end_is_refused(world):
    running = launched_movement(
        world, start_date=date(2024, 10, 1), registration_deadline=date(2024, 10, 25)
    )
    data = {**WORK, "expected_completion": date(2025, 6, 30), "estimated_value": 800_000_000}
    late = work_services.work_create(
        actor=world.officer_a, movement=running, unit=world.commune_a, data=data
    )
    assert late.is_late
    over = launched_movement(world, end_date=today() - timedelta(days=1))
    with pytest.raises(ApplicationError, match="không thể đăng ký"):
        work_services.work_create(
            actor=world.officer_a, movement=over, unit=world.commune_a, data=data
        )


def test_nomination_deadline_defaults_to_the_end_and_is_set_by_the_standing_body(client, world):
    movement = launched_movement(
        world, start_date=date(2024, 10, 1), end_date=today() + timedelta(days=5)
    )
    assert movement.nominations_close_on == movement.end_date
    make(world, movement)  # before the deadline
    client.force_login(world.officer_a)
    assert client.get(reverse("movements:followup", args=[movement.pk])).status_code == 403
    client.force_login(world.home_affairs)
    yesterday = today() - timedelta(days=1)
    response = client.post(
        reverse("movements:followup", args=[movement.pk]),
        {"action": "deadline", "nomination_deadline": yesterday.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.nomination_deadline == yesterday
    assert movement.history.latest("history_date").history_user == world.home_affairs
    with pytest.raises(ApplicationError, match="Hạn nộp hồ sơ đề nghị khen thưởng"):
        make(
            world,
            movement,
            unit=world.commune_b,
            proposing=world.district,
            actor=world.home_affairs,
        )
    listing = client.get(reverse("nominations:list", args=[movement.pk])).content.decode()
    assert reverse("nominations:create", args=[movement.pk]) not in listing
    # Cleared, the deadline is the end date again.
    client.post(
        reverse("movements:followup", args=[movement.pk]),
        {"action": "deadline", "nomination_deadline": ""},
    )
    movement.refresh_from_db()
    assert movement.nominations_close_on == movement.end_date


def test_launch_asks_for_the_plan_and_the_standing_body_completes_it(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.testing import MovementFactory

    movement = MovementFactory(issuing_unit=world.district)
    client.force_login(world.chairman)
    refused = client.post(reverse("movements:launch", args=[movement.pk]), {})
    assert refused.status_code == 200 and "signed_file" in refused.context["form"].errors
    response = client.post(
        reverse("movements:launch", args=[movement.pk]),
        {"document_number": "", "signed_file": SimpleUploadedFile("ke-hoach.pdf", PDF)},
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED and movement.signed_file
    assert client.get(reverse("movements:file", args=[movement.pk])).status_code == 200
    # The number and date come later, from the standing body, with history.
    client.force_login(world.home_affairs)
    future = today() + timedelta(days=17)
    response = client.post(
        reverse("movements:followup", args=[movement.pk]),
        {"action": "plan", "document_number": "12/KH-UBND", "document_date": f"{future:%d/%m/%Y}"},
    )
    assert response.status_code == 200
    assert "không được sau ngày hôm nay" in response.content.decode()
    response = client.post(
        reverse("movements:followup", args=[movement.pk]),
        {"action": "plan", "document_number": "12/KH-UBND", "document_date": "05/09/2024"},
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert (movement.document_number, movement.document_date) == ("12/KH-UBND", date(2024, 9, 5))
    assert movement.history.latest("history_date").history_user == world.home_affairs


def test_closing_page_stays_within_a_fixed_number_of_queries(
    client, world, ended, django_assert_max_num_queries
):
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(20):
        client.get(reverse("movements:close", args=[ended.pk]))


def test_the_excel_import_refuses_works_after_the_end(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.interchange import xlsx
    from thidua.works.imports import works_import

    over = launched_movement(world, end_date=today() - timedelta(days=1))
    upload = SimpleUploadedFile("cong-trinh.xlsx", b"PK")
    with pytest.raises(xlsx.WorkbookError, match="không thể đăng ký thêm"):
        works_import(actor=world.officer_a, movement=over, upload=upload)


def test_plan_dates_in_the_future_are_refused_naming_the_field(client, world):
    """The reported case: a plan «issued» on 20/12/2026 was accepted on 03/12/2026."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.movements.services import movement_update

    movement = launched_movement(world)
    plan = UnitPlan.objects.get(movement=movement, unit=world.commune_a)
    future = today() + timedelta(days=17)
    client.force_login(world.officer_a)
    response = client.post(
        reverse("movements:plan_submit", args=[plan.pk]),
        {
            "document_number": "15/KH-UBND",
            "issued_date": future.strftime("%d/%m/%Y"),
            "theme": "Chủ đề",
            "goals": "Mục tiêu",
            "content": "Nội dung",
            "criteria": "Tiêu chí",
            "signed_file": SimpleUploadedFile("ke-hoach.pdf", PDF),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["issued_date"] == [
        f"«Ngày ban hành» không được sau ngày hôm nay ({today():%d/%m/%Y}): "
        f"đã nhập {future:%d/%m/%Y}."
    ]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PENDING
    # The service refuses it too, whatever the caller.
    from django.core.exceptions import ValidationError

    from thidua.movements.services import plan_submit

    with pytest.raises(ValidationError) as error:
        plan_submit(
            actor=world.officer_a,
            plan=plan,
            data={
                "issued_date": future,
                "theme": "a",
                "goals": "b",
                "content": "c",
                "criteria": "d",
            },
            signed_file=SimpleUploadedFile("ke-hoach.pdf", PDF),
        )
    assert "issued_date" in error.value.message_dict
    # And the movement's own plan date in the draft editor.
    from thidua.testing import MovementFactory

    draft = MovementFactory(issuing_unit=world.district)
    with pytest.raises(ValidationError) as error:
        movement_update(
            actor=world.home_affairs,
            movement=draft,
            data={"document_date": future},
            content_areas=[],
            work_minimums={},
        )
    assert "không được sau ngày hôm nay" in error.value.message_dict["document_date"][0]
