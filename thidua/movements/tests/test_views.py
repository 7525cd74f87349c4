import io
import zipfile

import pytest
from django.urls import reverse

from thidua.movements import services
from thidua.movements.models import Movement, MovementStatus, PlanStatus, UnitPlan
from thidua.testing import MovementFactory, UnitFactory
from thidua.testing import files as testing_files
from thidua.units.models import UnitKind

PDF = testing_files.PDF  # a real PDF: uploads are checked by content


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def form_payload(world, **overrides):
    data = {
        "title": "Phong trào thi đua mới",
        "issuing_unit": world.district.pk,
        "signer_name": "Nguyễn Văn Chủ",
        "signer_title": "Chủ tịch",
        "purposes": "Mục đích",
        "requirements": "Yêu cầu",
        "theme": "Chủ đề",
        "goal": "Mục tiêu",
        "slogan": "Khẩu hiệu",
        "collective_kinds": ["commune", "village"],
        "individual_kinds": ["cadre"],
        "start_date": "01/10/2024",
        "end_date": "31/12/2025",
        "registration_deadline": "25/10/2024",
        "default_work_minimum": "1",
        "funding_source": "Ngân sách nhà nước",
        "distribution_list": "- Sở Nội vụ;\n- Lưu: VT, PNV.",
        "areas-TOTAL_FORMS": "2",
        "areas-INITIAL_FORMS": "0",
        "areas-MIN_NUM_FORMS": "1",
        "areas-MAX_NUM_FORMS": "1000",
        "areas-0-label": "h",
        "areas-0-content": "Cải cách hành chính",
        "areas-0-target": "PAR Index +1 bậc",
        "areas-1-label": "",
        "areas-1-content": "",
        "areas-1-target": "",
        "minimums-TOTAL_FORMS": "2",
        "minimums-INITIAL_FORMS": "0",
        "minimums-MIN_NUM_FORMS": "0",
        "minimums-MAX_NUM_FORMS": "1000",
        "minimums-0-unit_kind": "commune",
        "minimums-0-minimum": "2",
        "minimums-1-unit_kind": "",
        "minimums-1-minimum": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_home_affairs_creates_movement_by_form(client, world):
    client.force_login(world.home_affairs)
    response = client.post(reverse("movements:create"), form_payload(world))
    movement = Movement.objects.get()
    assert response.status_code == 302
    assert movement.start_date.day == 1 and movement.start_date.month == 10  # dd/mm/yyyy read right
    assert movement.work_minimum_for("commune") == 2
    assert movement.content_areas.get().target == "PAR Index +1 bậc"


@pytest.mark.django_db
def test_form_errors_name_the_field_in_vietnamese(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("movements:create"), form_payload(world, end_date="01/09/2024", title="")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu" in body
    assert Movement.objects.count() == 0


@pytest.mark.django_db
def test_create_forbidden_to_commune_officer(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("movements:create")).status_code == 403
    assert client.post(reverse("movements:create"), form_payload(world)).status_code == 403


@pytest.mark.django_db
def test_anonymous_redirected_to_login(client, world):
    response = client.get(reverse("movements:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.django_db
def test_chairman_launches_after_confirmation(client, world):
    movement = MovementFactory(issuing_unit=world.district)
    client.force_login(world.chairman)
    confirm = client.get(reverse("movements:launch", args=[movement.pk]))
    assert confirm.status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("movements:launch", args=[movement.pk]),
        {"signed_file": SimpleUploadedFile("ke-hoach.pdf", PDF)},
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED


@pytest.mark.django_db
def test_launch_wrong_method_and_wrong_user(client, world):
    movement = MovementFactory(issuing_unit=world.district)
    client.force_login(world.home_affairs)
    assert client.post(reverse("movements:launch", args=[movement.pk])).status_code == 403
    client.force_login(world.chairman)
    assert client.put(reverse("movements:launch", args=[movement.pk])).status_code == 405


@pytest.fixture
def launched(world):
    movement = MovementFactory(issuing_unit=world.district)
    return services.movement_launch(actor=world.chairman, movement=movement)


def plan_payload(upload):
    return {
        "document_number": "12/KH-UBND",
        "issued_date": "10/10/2024",
        "theme": "Chủ đề của xã",
        "goals": "Mục tiêu",
        "content": "Nội dung",
        "criteria": "Tiêu chí",
        "signed_file": upload,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name,content", [("ke-hoach.pdf", PDF), ("ke-hoach.docx", None)])
def test_commune_officer_submits_plan_with_file(client, world, launched, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    client.force_login(world.officer_a)
    upload = SimpleUploadedFile(name, content or docx_bytes())
    response = client.post(reverse("movements:plan_submit", args=[plan.pk]), plan_payload(upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    download = client.get(reverse("movements:plan_file", args=[plan.pk]))
    assert download.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content,message",
    [
        ("ke-hoach.pdf", b"not a pdf at all", "không phải"),
        ("ke-hoach.txt", b"text", ".pdf"),
        ("ke-hoach.docx", b"PK-but-not-a-zip", "không phải"),
    ],
)
def test_fake_or_wrong_files_refused(client, world, launched, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    client.force_login(world.officer_a)
    response = client.post(
        reverse("movements:plan_submit", args=[plan.pk]),
        plan_payload(SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PENDING


@pytest.mark.django_db
def test_oversized_file_refused(client, world, launched, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 100
    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    client.force_login(world.officer_a)
    response = client.post(
        reverse("movements:plan_submit", args=[plan.pk]),
        plan_payload(SimpleUploadedFile("k.pdf", PDF + b" " * 200)),
    )
    assert response.status_code == 200
    assert "giới hạn" in response.content.decode()


@pytest.mark.django_db
def test_commune_b_officer_gets_404_on_commune_a_plan(client, world, launched):
    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    client.force_login(world.officer_b)
    for name in ("plan_detail", "plan_submit", "plan_file"):
        assert client.get(reverse(f"movements:{name}", args=[plan.pk])).status_code == 404


@pytest.mark.django_db
def test_viewer_can_read_but_not_submit(client, world, launched):
    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    client.force_login(world.viewer_a)
    assert client.get(reverse("movements:plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("movements:plan_submit", args=[plan.pk])).status_code == 403


@pytest.mark.django_db
def test_monitor_lists_issued_and_filters(client, world, launched):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = UnitPlan.objects.get(movement=launched, unit=world.commune_a)
    services.plan_submit(
        actor=world.officer_a,
        plan=plan,
        data={"theme": "t", "goals": "g", "content": "c", "criteria": "k"},
        signed_file=SimpleUploadedFile("k.pdf", PDF),
    )
    client.force_login(world.home_affairs)
    url = reverse("movements:plan_monitor", args=[launched.pk])
    response = client.get(url)
    assert response.context["counts"] == {"total": 5, "issued": 1, "pending": 4}
    filtered = client.get(url, {"status": "issued"})
    assert [p.unit.code for p in filtered.context["page_obj"]] == ["XA"]
    by_commune = client.get(url, {"commune": world.commune_b.pk})
    assert {p.unit.code for p in by_commune.context["page_obj"]} == {"XB", "XB-1"}
    by_kind = client.get(url, {"kind": "village"})
    assert by_kind.context["counts"]["total"] == 3
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_home_shows_task_to_issue_plan(client, world, launched):
    client.force_login(world.officer_a)
    response = client.get(reverse("home"))
    # Commune A's own plan is the officer's task; its two villages' plans are one line.
    assert [plan.unit for plan in response.context["tasks"]] == [world.commune_a]
    assert [line["pending"] for line in response.context["plans_below"]] == [2]


def _grow(world, launched, n):
    for _ in range(n):
        unit = UnitFactory(kind=UnitKind.VILLAGE, parent=world.commune_a)
        UnitPlan.objects.create(movement=launched, unit=unit)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 60])
def test_list_pages_query_count_does_not_grow(
    client, world, launched, size, django_assert_max_num_queries
):
    _grow(world, launched, size)
    for _ in range(size // 5):
        MovementFactory(issuing_unit=world.district)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("movements:plan_monitor", args=[launched.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("movements:list")).status_code == 200
    client.force_login(world.officer_a)
    # The home page also lists dossiers to check or correct the menu asks about councils, and
    # the council part asks for open ballots and invited sessions (thidua/desk tests guard it).
    with django_assert_max_num_queries(16):
        assert client.get(reverse("home")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("movements:my_plans")).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("movements:detail", args=[launched.pk])).status_code == 200


@pytest.mark.django_db
def test_movement_page_shows_history_of_its_parts(client, world):
    client.force_login(world.home_affairs)
    client.post(reverse("movements:create"), form_payload(world))
    movement = Movement.objects.get()
    edit = form_payload(
        world,
        **{
            "title": "Phong trào thi đua (sửa)",
            "areas-0-target": "PAR Index +2 bậc",
            "minimums-0-minimum": "3",
        },
    )
    assert client.post(reverse("movements:edit", args=[movement.pk]), edit).status_code == 302
    entries = client.get(reverse("movements:detail", args=[movement.pk])).context["history_entries"]
    changed_titles = [c for e in entries for c in e.changes if c.new == "Phong trào thi đua (sửa)"]
    assert changed_titles and changed_titles[0].old == "Phong trào thi đua mới"
    assert any(
        "Cải cách hành chính" in e.subject and c.new == "PAR Index +2 bậc"
        for e in entries
        for c in e.changes
    )
    assert any(c.old == "2" and c.new == "3" for e in entries for c in e.changes)
    assert all(e.who == world.home_affairs.full_name for e in entries)
