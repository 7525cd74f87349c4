"""The movement's works dashboard: figures on a hand-made set of works, who sees what, a
fixed number of queries, and the charts drawn in Chromium at phone and desktop widths."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.testing import (
    PASSWORD,
    MovementFactory,
    UnitFactory,
    UserFactory,
    WorkFactory,
    grant,
    launched_movement,
)
from thidua.units.models import UnitKind
from thidua.works.dashboard import movement_dashboard
from thidua.works.models import FlagshipWork, Schedule

TODAY = date(2025, 7, 1)


def url(movement) -> str:
    return reverse("works:dashboard", args=[movement.pk])


@pytest.fixture
def movement(world):
    return launched_movement(world)


@pytest.fixture
def works(world, movement):
    """Five live works, one draft, one returned and one cancelled (the last three excluded).

    | work | unit           | status     | progress    | schedule on 1/7/2025 |
    | w1   | Xã A           | registered | in use      | on schedule          |
    | w2   | Xã A           | registered | in progress | overdue              |
    | w4   | Thôn A1        | pending    | not started | on schedule (late registration) |
    | w6   | Xã B           | registered | completed   | completed late (late registration) |
    | w8   | Phòng Nội vụ   | registered | not started | no date: not applicable |
    """
    make = WorkFactory
    w = {
        "w1": make(
            movement=movement,
            unit=world.commune_a,
            name="Nhà văn hóa xã A",
            estimated_value=1_000_000_000,
            expected_completion=date(2025, 8, 31),
            progress_status="in_use",
            progress_percent=100,
            actual_completion=date(2025, 5, 1),
            put_into_use=date(2025, 5, 15),
            value_done=900_000_000,
        ),
        "w2": make(
            movement=movement,
            unit=world.commune_a,
            kind="task",
            name="Vệ sinh môi trường",
            estimated_value=250_000_000,
            funding_source="people",
            people_funded=True,
            expected_completion=date(2025, 3, 31),
            progress_status="in_progress",
            progress_percent=50,
            value_done=100_000_000,
        ),
        "w3": make(
            movement=movement, unit=world.commune_a, status="draft", estimated_value=7_000_000_000
        ),
        "w4": make(
            movement=movement,
            unit=world.village_a1,
            status="pending",
            estimated_value=300_000_000,
            funding_source="people",
            people_funded=True,
            is_late=True,
            expected_completion=date(2025, 12, 31),
        ),
        "w5": make(
            movement=movement,
            unit=world.village_a2,
            status="cancelled",
            estimated_value=5_000_000_000,
            expected_completion=date(2025, 1, 31),
        ),
        "w6": make(
            movement=movement,
            unit=world.commune_b,
            name="Cầu treo xã B",
            estimated_value=500_000_000,
            funding_source="target_programme",
            is_late=True,
            expected_completion=date(2025, 4, 30),
            actual_completion=date(2025, 5, 20),
            progress_status="completed",
            progress_percent=100,
            value_done=480_000_000,
        ),
        "w7": make(
            movement=movement,
            unit=world.commune_b,
            status="returned",
            is_late=True,
            estimated_value=900_000_000,
        ),
        "w8": make(
            movement=movement,
            unit=world.home_affairs_office,
            kind="task",
            estimated_value=None,
            funding_source="",
            expected_completion=None,
        ),
    }
    for key in ("w1", "w6"):
        FlagshipWork.objects.create(
            movement=movement,
            work=w[key],
            reason="Quy mô lớn, ý nghĩa thiết thực",
            congress="Đại hội Đảng bộ huyện lần thứ XVII",
            selected_by=world.chairman,
        )
    return w


# --- figures ------------------------------------------------------------------------------


def test_whole_movement_figures(world, movement, works):
    board = movement_dashboard(user=world.home_affairs, movement=movement, today=TODAY)
    f = board.figures
    assert board.whole
    assert (f.works, f.registered, f.pending) == (5, 4, 1)
    assert (f.drafts, f.returned, f.cancelled) == (1, 1, 1)
    assert (f.constructions, f.tasks) == (3, 2)
    assert f.estimated_value == Decimal(2_050_000_000), "draft, returned, cancelled excluded"
    assert f.value_done == Decimal(1_480_000_000)
    assert (f.people_funded, f.people_funded_value) == (2, Decimal(550_000_000))
    assert f.late_registrations == 2, "the returned late registration is not counted"
    assert f.schedule == {"on_schedule": 2, "late": 1, "overdue": 1, "none": 1}
    assert (f.overdue, f.completed_late) == (1, 1)
    assert (f.done, f.in_use) == (2, 1)
    assert (f.pct_done, f.pct_in_use) == (40.0, 20.0)
    # Communes owe 2, villages 1: Xã A (2) and Thôn A1 (1) reached; Xã B (1), A2, B1 did not.
    assert (f.participants, f.participants_reached, f.participants_below) == (5, 2, 3)


def test_whole_movement_charts(world, movement, works):
    board = movement_dashboard(user=world.home_affairs, movement=movement, today=TODAY)
    progress = board.chart("progress")
    assert progress.value_of("not_started") == 2
    assert progress.value_of("in_use") == 1
    assert progress.value_of("cancelled") == 0
    schedule = board.chart("schedule")
    assert [schedule.value_of(s) for s in ("on_schedule", "late", "overdue", "none")] == [
        2,
        1,
        1,
        1,
    ]

    commune = board.chart("commune")
    assert commune.labels == ["Xã A", "Xã B", "Cơ quan, đơn vị cấp huyện"]
    totals = [row["total"] for row in commune.rows()]
    assert totals == [3, 1, 1], "a village's works count for its commune"
    in_use = next(ds for ds in commune.datasets if ds.label == "Đã đưa vào sử dụng")
    assert in_use.data == [1, 0, 0]

    unit_kind = board.chart("unit_kind")
    assert unit_kind.keys == ["commune", "village", "agency"]
    assert unit_kind.value_of("commune") == 3  # works
    assert unit_kind.value_of("village", dataset=1) == 3  # participating villages
    assert unit_kind.value_of("village", dataset=2) == 1  # reached their minimum
    assert unit_kind.value_of("agency", dataset=1) == 0  # the office does not take part

    funding = board.chart("funding")
    assert funding.keys == ["state_budget", "target_programme", "people", ""]
    assert funding.value_of("people") == 2
    assert funding.value_of("people", dataset=1) == 550_000_000
    assert funding.labels[-1] == "Chưa ghi"
    assert funding.rows()[-1]["filter"] == "", "the list cannot filter on a blank source"
    assert funding.rows()[0]["filter"] == "funding_source=state_budget"


def test_flagship_panel(world, movement, works):
    board = movement_dashboard(user=world.home_affairs, movement=movement, today=TODAY)
    assert (board.flagships_selected, board.flagships_hidden) == (2, 0)
    first, second = board.flagships
    assert first.work == works["w1"]
    assert first.after_due, "expected 31/08/2025, after the flagship due date 30/06/2025"
    assert first.schedule == Schedule.ON_SCHEDULE
    assert not second.after_due
    assert second.schedule == Schedule.LATE


def test_commune_user_sees_only_its_subtree(world, movement, works):
    board = movement_dashboard(user=world.officer_a, movement=movement, today=TODAY)
    f = board.figures
    assert not board.whole
    assert [u.name for u in board.scope_units] == ["Xã A"]
    assert (f.works, f.registered, f.pending) == (3, 2, 1)
    assert (f.drafts, f.returned, f.cancelled) == (1, 0, 1)
    assert f.estimated_value == Decimal(1_550_000_000)
    assert f.late_registrations == 1
    assert (f.overdue, f.completed_late) == (1, 0)
    assert (f.participants, f.participants_reached) == (3, 2)  # Xã A, Thôn A1, Thôn A2
    assert board.chart("commune").labels == ["Xã A"]
    assert [r.work for r in board.flagships] == [works["w1"]]
    assert (board.flagships_selected, board.flagships_hidden) == (2, 1)


def test_village_user_sees_only_its_village(world, movement, works):
    board = movement_dashboard(user=world.village_officer_a1, movement=movement, today=TODAY)
    assert board.figures.works == 1
    assert board.figures.participants == 1
    assert board.flagships == []


def test_empty_movement_has_no_percentages(world, movement):
    board = movement_dashboard(user=world.home_affairs, movement=movement, today=TODAY)
    assert board.figures.works == 0
    assert board.figures.pct_done is None
    assert all(chart.is_empty for chart in board.charts if chart.key != "unit_kind")
    # The participating units are there before any work is registered.
    assert board.chart("unit_kind").value_of("commune", dataset=1) == 2


# --- the page -----------------------------------------------------------------------------


def test_page_shows_figures_money_and_tables(client, world, movement, works):
    client.force_login(world.home_affairs)
    response = client.get(url(movement))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="fig-works">5<' in html
    assert "2.050.000.000 đ" in html
    assert "1.480.000.000 đ" in html
    assert 'data-testid="fig-reached">2<' in html
    assert 'data-testid="fig-pct-done">40% tổng số<' in html
    assert 'data-testid="fig-completed-late">1<' in html
    assert "Không tính: 1 bản nháp, 1 bị trả lại để chỉnh sửa, 1 đã hủy." in html
    assert "2/2 đã chọn" in html
    assert "30/06/2025" in html
    assert 'id="dashboard-data"' in html, "chart data embedded with json_script"
    assert "vendor/chartjs/chart.umd.js" in html
    assert "cdn" not in html.lower()
    # Every chart has its data table, open until the script draws the chart.
    for key in ("progress", "schedule", "commune", "unit_kind", "funding"):
        assert f'id="chart-{key}-table"' in html
    assert html.count('<details class="dash-table mt-2" open') == 5
    data = response.context["dashboard"].charts_json()
    assert {c["key"] for c in data["charts"]} == {
        "progress",
        "schedule",
        "commune",
        "unit_kind",
        "funding",
    }


def test_empty_page_reads_well(client, world, movement):
    client.force_login(world.home_affairs)
    html = client.get(url(movement)).content.decode()
    assert "Chưa có công trình, phần việc nào." in html
    assert "Chưa lựa chọn công trình tiêu biểu." in html
    assert "—" not in html.split('id="figures-title"')[1].split("</section>")[0]


def test_commune_user_page_is_narrowed(client, world, movement, works):
    client.force_login(world.officer_a)
    html = client.get(url(movement)).content.decode()
    assert "Cầu treo xã B" not in html
    assert "Nhà văn hóa xã A" in html
    assert "1.550.000.000 đ" in html


@pytest.mark.parametrize("persona", ["nobody", "officer_b"])
def test_outsiders_get_404(client, world, persona):
    # A movement of another district: neither its issuer's staff nor a participant.
    other = UnitFactory(kind=UnitKind.DISTRICT, name="Huyện Khác", parent=world.province)
    foreign = MovementFactory(issuing_unit=other, status="launched")
    client.force_login(getattr(world, persona))
    assert client.get(url(foreign)).status_code == 404


def test_unit_user_gets_404_on_a_draft_movement(client, world):
    draft = MovementFactory(issuing_unit=world.district)
    client.force_login(world.officer_a)
    assert client.get(url(draft)).status_code == 404
    client.force_login(world.home_affairs)
    assert client.get(url(draft)).status_code == 200


def test_missing_movement_is_404_and_anonymous_is_sent_to_login(client, world, movement):
    assert client.get(url(movement)).status_code == 302
    client.force_login(world.home_affairs)
    assert client.get(reverse("works:dashboard", args=[999_999])).status_code == 404


def test_post_is_not_allowed(client, world, movement):
    client.force_login(world.home_affairs)
    assert client.post(url(movement)).status_code == 405


# --- query count --------------------------------------------------------------------------


def _many_works(world, movement, per_unit: int) -> None:
    units = [world.commune_a, world.village_a1, world.commune_b, world.village_b1]
    units += [UnitFactory(kind=UnitKind.COMMUNE, parent=world.district) for _ in range(3)]
    statuses = ["registered", "pending", "draft", "cancelled"]
    progress = ["not_started", "in_progress", "completed", "in_use"]
    sources = ["state_budget", "people", "socialised", "other"]
    for u, unit in enumerate(units):
        for i in range(per_unit):
            WorkFactory(
                movement=movement,
                unit=unit,
                status=statuses[(u + i) % 4],
                progress_status=progress[i % 4],
                funding_source=sources[(u * i) % 4],
                is_late=i % 3 == 0,
            )


@pytest.mark.parametrize("per_unit", [1, 12])
def test_query_count_does_not_grow(
    client, world, movement, per_unit, django_assert_max_num_queries
):
    _many_works(world, movement, per_unit)
    FlagshipWork.objects.create(
        movement=movement,
        work=WorkFactory(movement=movement, unit=world.commune_a),
        reason="Lý do",
        congress="Đại hội",
        selected_by=world.chairman,
    )
    client.force_login(world.officer_a)
    with django_assert_max_num_queries(16):
        assert client.get(url(movement)).status_code == 200
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(12):
        assert client.get(url(movement)).status_code == 200


# --- in the browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
def test_charts_render_at_phone_and_desktop_width(page, live_server, world, width, height):
    movement = launched_movement(world)
    # A realistic spread: six communes, their villages and a district agency.
    communes = [world.commune_a, world.commune_b]
    communes += [
        UnitFactory(kind=UnitKind.COMMUNE, name=name, parent=world.district)
        for name in ("Xã Bản Mù", "Xã Xà Hồ", "Xã Trạm Tấu", "Thị trấn Trạm Tấu")
    ]
    progress = ["not_started", "in_progress", "completed", "in_use", "in_progress"]
    sources = ["state_budget", "target_programme", "people", "socialised", "combined"]
    n = 0
    for c, commune in enumerate(communes):
        for i in range(2 + c % 3):
            n += 1
            done = progress[(c + i) % 5] in ("completed", "in_use")
            WorkFactory(
                movement=movement,
                unit=commune if i % 2 == 0 or commune not in communes[:2] else world.village_a1,
                name=f"Công trình số {n}",
                estimated_value=150_000_000 * (n % 7 + 1),
                funding_source=sources[n % 5],
                people_funded=sources[n % 5] == "people",
                progress_status=progress[(c + i) % 5],
                progress_percent=100
                if done
                else (40 if progress[(c + i) % 5] != "not_started" else 0),
                actual_completion=date(2025, 5, 1) if done else None,
                value_done=100_000_000 * (n % 5) if done else None,
                expected_completion=date(2025, 3 + n % 8, 28),
                is_late=n % 4 == 0,
            )
    flagship = WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Trụ sở Đảng ủy - HĐND - UBND xã A",
        estimated_value=4_500_000_000,
        progress_status="in_progress",
        progress_percent=70,
    )
    FlagshipWork.objects.create(
        movement=movement,
        work=flagship,
        reason="Công trình có quy mô lớn, phục vụ thiết thực Nhân dân",
        congress="Đại hội đại biểu Đảng bộ huyện lần thứ XVII",
        selected_by=world.chairman,
    )
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(live_server.url + url(movement))
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length === 5")
    assert not errors
    count = page.evaluate("() => Chart.instances ? Object.keys(Chart.instances).length : 0")
    assert count == 5
    # Each canvas is drawn at the width of its card, none wider than the page.
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('[data-chart] canvas')]"
        ".map(c => [c.clientWidth, c.clientHeight])"
    )
    assert all(w > 150 and h >= 200 for w, h in sizes), sizes
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "nothing sticks out sideways on a phone"
    # Drawn charts fold their tables away; the table is still there to open.
    assert page.locator("details[data-chart-table][open]").count() == 0
    assert page.get_by_test_id("fig-estimated").inner_text().endswith(" đ")
    page.wait_for_timeout(600)  # let the drawing animation finish before the picture
    page.screenshot(path=f"/tmp/dashboard-{width}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_page_reads_without_javascript(browser, live_server, world):
    movement = launched_movement(world)
    WorkFactory(movement=movement, unit=world.commune_a, estimated_value=1_250_000_000)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(live_server.url + url(movement))
    assert page.get_by_test_id("fig-estimated").inner_text() == "1.250.000.000 đ"
    assert page.locator("[data-chart]:visible").count() == 0, "no empty chart boxes"
    assert page.locator("#chart-progress-table").is_visible()
    context.close()


def test_timezone_today_is_used(client, world, movement, works, monkeypatch):
    """The page counts overdue works against today's date in Vietnam."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    client.force_login(world.home_affairs)
    response = client.get(url(movement))
    assert response.context["dashboard"].figures.overdue == 1


def test_user_granted_on_the_province_sees_the_whole_movement(client, world, movement, works):
    provincial = UserFactory(username="so_noi_vu")
    grant(provincial, "viewer", world.province)
    board = movement_dashboard(user=provincial, movement=movement, today=TODAY)
    assert board.whole
    assert board.figures.works == 5
