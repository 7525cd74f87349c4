"""Each demo login's home page in Debian's Chromium, at phone and desktop width: the items
on the desk are that role's real work and only that (issue 12). On top of the Trạm Tấu demo
(whose story ended in 2025) the test puts what happens today: a draft movement and a draft
decision for the chairman, an open vote for the council, a session for the office to
prepare."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from thidua.accounts.models import User
from thidua.awards.models import DecisionStatus
from thidua.councils import services as councils
from thidua.councils.models import Council
from thidua.criteria.models import Person
from thidua.demo.management.commands.load_demo import DEMO_PASSWORD
from thidua.movements.models import Movement, PlanStatus, UnitPlan
from thidua.nominations.models import Nomination, NominationStatus, PublicNotice
from thidua.nominations.tests.test_browser import no_horizontal_scroll
from thidua.testing import MovementFactory
from thidua.testing.awards import DecisionFactory, award_form
from thidua.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTHING = "Không có việc nào đang chờ bạn."
OWN_PLAN = "Ban hành kế hoạch của"


def _today_on_top_of_the_demo() -> None:
    movement = Movement.objects.get()
    district = movement.issuing_unit
    users = {u.username: u for u in User.objects.all()}
    MovementFactory(issuing_unit=district, title="Phong trào thi đua năm 2027 (thử)")
    DecisionFactory(
        movement=movement,
        status=DecisionStatus.DRAFT,
        number=None,
        number_label="",
        summary="Về việc khen thưởng tập thể (thử)",
        created_by=users["noivu"],
    )
    commune = Unit.objects.get(code="TT.BANMU")
    person = Person.objects.create(unit=commune, full_name="Người thử", kind="civil_servant")
    closed = PublicNotice.objects.create(
        movement=movement,
        title="Danh sách thử",
        published_on=timezone.localdate() - timedelta(days=20),
        closes_on=timezone.localdate() - timedelta(days=6),
        created_by=users["noivu"],
    )
    nomination = Nomination.objects.create(
        movement=movement,
        proposing_unit=commune,
        candidate_person=person,
        candidate_name=person.full_name,
        award_form=award_form(),
        status=NominationStatus.ON_NOTICE,
        notice=closed,
        created_by=users["banmu"],
    )
    council = Council.objects.get(unit=district)
    voting = councils.session_create(
        actor=users["noivu"],
        council=council,
        movement=movement,
        held_on=timezone.localdate(),
        nominations=[nomination],
    )
    councils.attendance_record(
        actor=users["noivu"], session=voting, present=list(council.members.filter(active=True))
    )
    councils.voting_open(actor=users["noivu"], session=voting)
    councils.session_create(
        actor=users["noivu"],
        council=council,
        movement=movement,
        held_on=timezone.localdate() + timedelta(days=7),
        place="Hội trường UBND huyện",
    )


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    _today_on_top_of_the_demo()


def _pending_below(code: str) -> int:
    return (
        UnitPlan.objects.filter(status=PlanStatus.PENDING, unit__parent__code=code).count()
        if code != "TT"
        else UnitPlan.objects.filter(status=PlanStatus.PENDING).count()
    )


# login → (texts on the desk, texts never on it)
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "noivu": (
        [
            "Đơn vị cần đôn đốc",
            "đơn vị chưa đăng ký công trình",
            "Phiên họp Hội đồng cần chuẩn bị",
            "{TT} đơn vị trực thuộc chưa ban hành kế hoạch",
        ],
        [OWN_PLAN, "Phong trào chờ phát động", "Quyết định chờ ký", "bị trả lại"],
    ),
    "chutich": (
        [
            "Phong trào chờ phát động",
            "Phong trào thi đua năm 2027 (thử)",
            "Quyết định chờ ký",
            "{TT} đơn vị trực thuộc chưa ban hành kế hoạch",
            "Phiếu biểu quyết đang mở",
        ],
        [OWN_PLAN, "chờ xã tiếp nhận", "bị trả lại", "Đơn vị cần đôn đốc"],
    ),
    "hoidong": (
        ["Phiếu biểu quyết đang mở", "Phiên họp Hội đồng bạn được mời"],
        [OWN_PLAN, "trực thuộc", "Quyết định chờ ký", "Đơn vị cần đôn đốc"],
    ),
    # The demo's viewer also sits on the district council.
    "xem": (
        ["Phiếu biểu quyết đang mở"],
        [OWN_PLAN, "trực thuộc", "Quyết định chờ ký", "Đơn vị cần đôn đốc"],
    ),
    "taichinh": ([NOTHING], [OWN_PLAN, "Phiếu biểu quyết"]),
    "banmu": (
        [
            "Ban hành kế hoạch của Xã Bản Mù",
            "{TT.BANMU} đơn vị trực thuộc chưa ban hành kế hoạch",
            "1 hồ sơ bị trả lại",
            "Thôn 1, xã Bản Mù",
        ],
        ["Ban hành kế hoạch của Thôn", "Đơn vị cần đôn đốc", "Phiếu biểu quyết"],
    ),
    "chutich.banmu": (
        ["Ban hành kế hoạch của Xã Bản Mù", "{TT.BANMU} đơn vị trực thuộc chưa ban hành"],
        ["Ban hành kế hoạch của Thôn", "Quyết định chờ ký", "Phong trào chờ phát động"],
    ),
    "thon1.banmu": (
        ["Ban hành kế hoạch của Thôn 1, xã Bản Mù"],
        ["trực thuộc", "bị trả lại", "chờ xã tiếp nhận"],
    ),
    "xaho": (
        ["Ban hành kế hoạch của Xã Xà Hồ", "{TT.XAHO} đơn vị trực thuộc"],
        ["Bản Mù", "bị trả lại"],
    ),
}


def _fill(text: str) -> str:
    return re.sub(r"\{([A-Z.]+)\}", lambda m: str(_pending_below(m.group(1))), text)


def _login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


@pytest.mark.parametrize("username", list(EXPECTED))
def test_each_demo_login_sees_its_own_work(page: Page, live_server, demo, username):
    present, absent = EXPECTED[username]
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        _login(page, live_server.url, username)
        todo = page.get_by_test_id("desk-todo")
        for text in present:
            expect(todo).to_contain_text(_fill(text))
        for text in absent:
            expect(todo).not_to_contain_text(text)
        # No red zero: a badge is shown only for work there is.
        expect(page.locator(".badge.text-bg-danger")).to_have_count(0)
        if width == 390:
            no_horizontal_scroll(page)


def test_council_member_follows_the_link_to_the_open_ballot(page: Page, live_server, demo):
    _login(page, live_server.url, "hoidong")
    ballots = page.get_by_test_id("desk-ballots")
    expect(ballots).to_contain_text("Phiếu biểu quyết đang mở")
    ballots.get_by_role("link", name="Biểu quyết").click()
    expect(page.get_by_text("Người thử")).to_be_visible()


def test_chairman_follows_the_one_plans_line_to_the_monitor(page: Page, live_server, demo):
    _login(page, live_server.url, "chutich")
    page.get_by_test_id("plans-below").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/ke-hoach-don-vi/\?status=pending$"))
    expect(page.get_by_text("Thôn 1").first).to_be_visible()
