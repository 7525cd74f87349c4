"""Interim and final reviews: services, pages, the consolidated .xlsx and .docx."""

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from thidua.accounts.models import Role
from thidua.core.errors import ApplicationError
from thidua.movements.models import Participant
from thidua.testing import (
    MovementFactory,
    UnitFactory,
    WorkFactory,
    grant,
    launched_movement,
)
from thidua.units.models import UnitKind
from thidua.works import reviews
from thidua.works.models import Review, ReviewItem, ReviewStatus
from thidua.works.reviews import ReviewFilters, ReviewItemData, ReviewState
from thidua.works.selectors import review_consolidation as review_reports

pytestmark = pytest.mark.django_db

FIGURES = {
    "people_contribution": Decimal("150000000"),
    "people_workdays": 1200,
    "exemplary_models": 3,
    "results": "Hoàn thành vượt tiến độ đường bê tông.",
    "shortcomings": "Thiếu vốn đối ứng.",
    "proposals": "Đề nghị hỗ trợ xi măng.",
}


@pytest.fixture
def movement(world):
    return launched_movement(
        world, distribution_list="- Sở Nội vụ;\n- Thường trực Huyện ủy;\n- Lưu: VT, PNV."
    )


@pytest.fixture
def road(world, movement):
    return WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Đường bê tông thôn 1",
        estimated_value=1_250_000_000,
        progress_percent=40,
        progress_status="in_progress",
        value_done=500_000_000,
    )


@pytest.fixture
def hall(world, movement):
    return WorkFactory(
        movement=movement, unit=world.commune_a, name="Nhà văn hóa thôn A2", kind="task"
    )


@pytest.fixture
def canal(world, movement):
    return WorkFactory(
        movement=movement,
        unit=world.commune_b,
        name="Kênh mương nội đồng",
        expected_completion=date(2030, 1, 1),
    )


def _items(road, hall, **road_changes) -> list[ReviewItemData]:
    values = {
        "percent": 100,
        "progress_status": "in_use",
        "value_done": Decimal("1200000000"),
        "result": "Đã đưa vào sử dụng",
    }
    values.update(road_changes)
    return [
        ReviewItemData(work_id=road.pk, **values),
        ReviewItemData(work_id=hall.pk, percent=50, progress_status="in_progress"),
    ]


def _save(world, movement, road, hall, *, submit=True, actor=None, data=None, **road_changes):
    return reviews.review_save(
        actor=actor or world.officer_a,
        movement=movement,
        unit=world.commune_a,
        kind="interim",
        data=data if data is not None else FIGURES,
        items=_items(road, hall, **road_changes),
        submit=submit,
    )


# --- services -----------------------------------------------------------------------------


def test_draft_keeps_the_units_figures_and_names_the_actor(world, movement, road, hall):
    review = _save(world, movement, road, hall, submit=False)
    assert review.status == ReviewStatus.DRAFT
    assert review.submitted_at is None
    assert review.people_contribution == Decimal("150000000")
    assert review.people_workdays == 1200
    item = review.items.get(work=road)
    assert (item.percent, item.progress_status, item.value_done) == (100, "in_use", 1200000000)
    assert review.history.first().history_user == world.officer_a
    assert item.history.first().history_user == world.officer_a
    road.refresh_from_db()
    assert road.progress_percent == 40, "a review states results; it does not record progress"


def test_submit_records_who_and_when_and_resubmit_records_the_correction(
    world, movement, road, hall
):
    first = _save(world, movement, road, hall)
    assert first.status == ReviewStatus.SUBMITTED
    assert first.submitted_by == world.officer_a
    submitted_at = first.submitted_at
    chairman_a = world.officer_a.__class__.objects.create(username="chutich_a")
    grant(chairman_a, Role.CHAIRMAN, world.commune_a)

    again = _save(world, movement, road, hall, actor=chairman_a, result="Đã nghiệm thu")
    assert again.pk == first.pk
    assert again.submitted_by == chairman_a
    assert again.submitted_at > submitted_at
    latest = again.history.first()
    assert latest.history_user == chairman_a
    assert latest.history_change_reason == "Đã nộp lại"
    road_item = ReviewItem.objects.get(review=again, work=road)
    hall_item = ReviewItem.objects.get(review=again, work=hall)
    assert road_item.result == "Đã nghiệm thu"
    assert road_item.history.count() == 2, "the corrected row gets a new history record"
    assert hall_item.history.count() == 1, "an unchanged row is not rewritten"


def test_saving_a_submitted_review_as_draft_withdraws_it(world, movement, road, hall):
    _save(world, movement, road, hall)
    review = _save(world, movement, road, hall, submit=False)
    assert review.status == ReviewStatus.DRAFT
    assert review.history.first().history_change_reason == "Rút lại để chỉnh sửa"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"percent": 120}, "«Đường bê tông thôn 1»: tỷ lệ hoàn thành phải từ 0 đến 100."),
        ({"percent": None}, "«Đường bê tông thôn 1»: nhập tỷ lệ hoàn thành."),
        (
            {"percent": 80},
            "«Đường bê tông thôn 1»: công trình đã hoàn thành thì tỷ lệ hoàn thành phải là 100.",
        ),
        (
            {"percent": 30, "progress_status": "not_started"},
            "«Đường bê tông thôn 1»: công trình chưa triển khai thì tỷ lệ hoàn thành phải là 0.",
        ),
        (
            {"value_done": Decimal(-5)},
            "«Đường bê tông thôn 1»: giá trị đã thực hiện không được âm.",
        ),
        (
            {"progress_status": "finished"},
            "«Đường bê tông thôn 1»: chọn tiến độ trong danh sách.",
        ),
    ],
)
def test_work_errors_name_the_work_in_vietnamese(world, movement, road, hall, changes, message):
    with pytest.raises(ValidationError) as caught:
        _save(world, movement, road, hall, **changes)
    assert caught.value.message_dict == {reviews.item_key(road.pk): [message]}
    assert not Review.objects.exists(), "nothing is saved when a row is wrong"


def test_figure_errors_name_the_field_and_submission_needs_results(world, movement, road, hall):
    data = {**FIGURES, "people_contribution": Decimal(-1), "exemplary_models": -2, "results": " "}
    with pytest.raises(ValidationError) as caught:
        _save(world, movement, road, hall, data=data)
    errors = caught.value.message_dict
    assert errors["people_contribution"] == ["«Nhân dân đóng góp (đồng)» không được âm."]
    assert errors["exemplary_models"] == ["«Số gương điển hình phát hiện» không được âm."]
    assert errors["results"] == ["Cần nêu «Kết quả đạt được» trước khi nộp."]
    # A draft may leave the results for later.
    _save(world, movement, road, hall, data={**FIGURES, "results": ""}, submit=False)


def test_only_the_units_editors_may_save(world, movement, road, hall):
    for outsider in (world.officer_b, world.viewer_a, world.home_affairs, world.village_officer_a1):
        with pytest.raises(PermissionDenied):
            _save(world, movement, road, hall, actor=outsider)
    # The district chairman reaches the commune.
    _save(world, movement, road, hall, actor=world.chairman)


def test_non_participants_and_unlaunched_movements_are_refused(world, movement):
    with pytest.raises(ApplicationError):
        reviews.review_save(
            actor=world.chairman,
            movement=movement,
            unit=world.home_affairs_office,  # an agency: not among the movement's kinds
            kind="interim",
            data=FIGURES,
            items=[],
            submit=True,
        )
    draft = MovementFactory(issuing_unit=world.district)
    Participant.objects.create(movement=draft, unit=world.commune_a, source="manual")
    with pytest.raises(ApplicationError):
        reviews.review_save(
            actor=world.officer_a,
            movement=draft,
            unit=world.commune_a,
            kind="interim",
            data=FIGURES,
            items=[],
            submit=False,
        )
    with pytest.raises(ApplicationError):
        reviews.review_save(
            actor=world.officer_a,
            movement=movement,
            unit=world.commune_a,
            kind="midterm",
            data=FIGURES,
            items=[],
            submit=False,
        )


def test_rows_must_match_the_units_live_works(world, movement, road, hall, canal):
    other_unit = [ReviewItemData(work_id=canal.pk, percent=0, progress_status="not_started")]
    with pytest.raises(ApplicationError):
        reviews.review_save(
            actor=world.officer_a,
            movement=movement,
            unit=world.commune_a,
            kind="interim",
            data=FIGURES,
            items=_items(road, hall) + other_unit,
            submit=False,
        )
    with pytest.raises(ApplicationError, match="Nhà văn hóa"):
        reviews.review_save(
            actor=world.officer_a,
            movement=movement,
            unit=world.commune_a,
            kind="interim",
            data=FIGURES,
            items=_items(road, hall)[:1],
            submit=False,
        )


def test_rows_start_from_progress_and_drop_cancelled_works(world, movement, road, hall):
    WorkFactory(movement=movement, unit=world.commune_a, status="draft", name="Bản nháp")
    works = reviews.review_works(movement, world.commune_a)
    assert [w.name for w in works] == ["Đường bê tông thôn 1", "Nhà văn hóa thôn A2"]
    rows = reviews.initial_items(works, None)
    assert (rows[0].percent, rows[0].progress_status, rows[0].value_done) == (
        40,
        "in_progress",
        500_000_000,
    )
    review = _save(world, movement, road, hall, submit=False)
    assert reviews.initial_items(works, review)[0].percent == 100
    hall.status = "cancelled"
    hall.save()
    reviews.review_save(
        actor=world.officer_a,
        movement=movement,
        unit=world.commune_a,
        kind="interim",
        data=FIGURES,
        items=_items(road, hall)[:1],
        submit=True,
    )
    assert list(review.items.values_list("work__name", flat=True)) == ["Đường bê tông thôn 1"]


# --- the review page ------------------------------------------------------------------------


def _url(movement, unit, kind="interim"):
    return reverse("works:review_edit", args=[movement.pk, kind, unit.pk])


def _login(client, user):
    client.force_login(user)


def _post_data(road, hall, action="submit", percent="100", status="in_use"):
    return {
        "action": action,
        "people_contribution": "150.000.000",
        "people_workdays": "1.200",
        "exemplary_models": "3",
        "results": FIGURES["results"],
        "shortcomings": FIGURES["shortcomings"],
        "proposals": FIGURES["proposals"],
        f"work-{road.pk}-progress_status": status,
        f"work-{road.pk}-percent": percent,
        f"work-{road.pk}-value_done": "1.200.000.000",
        f"work-{road.pk}-result": "Đã đưa vào sử dụng",
        f"work-{hall.pk}-progress_status": "in_progress",
        f"work-{hall.pk}-percent": "50",
        f"work-{hall.pk}-value_done": "",
        f"work-{hall.pk}-result": "",
    }


def test_page_is_prefilled_from_the_works_progress(client, world, movement, road, hall):
    _login(client, world.officer_a)
    response = client.get(_url(movement, world.commune_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="work-{road.pk}-percent" value="40"' in html
    assert f'name="work-{road.pk}-value_done" value="500.000.000"' in html
    assert "Đường bê tông thôn 1" in html and "Nhà văn hóa thôn A2" in html


def test_officer_submits_then_corrects_through_the_page(client, world, movement, road, hall):
    _login(client, world.officer_a)
    response = client.post(_url(movement, world.commune_a), _post_data(road, hall))
    assert response.status_code == 302
    review = Review.objects.get(unit=world.commune_a, kind="interim")
    assert review.status == ReviewStatus.SUBMITTED
    assert review.people_contribution == 150_000_000 and review.people_workdays == 1200
    assert review.items.get(work=road).value_done == 1_200_000_000
    page = client.get(_url(movement, world.commune_a)).content.decode()
    assert "Nộp lại sau khi chỉnh sửa" in page
    assert 'value="150.000.000"' in page


def test_page_shows_errors_naming_the_work(client, world, movement, road, hall):
    _login(client, world.officer_a)
    response = client.post(_url(movement, world.commune_a), _post_data(road, hall, percent="120"))
    assert response.status_code == 200
    assert "«Đường bê tông thôn 1»: tỷ lệ hoàn thành phải từ 0 đến 100." in (
        response.content.decode()
    )
    bad_number = _post_data(road, hall, percent="abc")
    response = client.post(_url(movement, world.commune_a), bad_number)
    assert "«Đường bê tông thôn 1»: tỷ lệ hoàn thành phải là số nguyên." in (
        response.content.decode()
    )
    assert not Review.objects.exists()


def test_page_access(client, world, movement, road, hall):
    _login(client, world.officer_b)
    assert client.get(_url(movement, world.commune_a)).status_code == 404
    _login(client, world.nobody)
    assert client.get(_url(movement, world.commune_a)).status_code == 404
    _login(client, world.officer_a)
    assert client.get(_url(movement, world.commune_a, kind="midterm")).status_code == 404
    assert client.get(_url(movement, world.home_affairs_office)).status_code == 404
    assert client.delete(_url(movement, world.commune_a)).status_code == 405
    # Readers see the review but cannot change it.
    for reader in (world.viewer_a, world.home_affairs):
        _login(client, reader)
        response = client.get(_url(movement, world.commune_a))
        assert response.status_code == 200
        assert 'data-testid="review-form"' not in response.content.decode()
        response = client.post(_url(movement, world.commune_a), _post_data(road, hall))
        assert response.status_code == 403
    assert not Review.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, movement, world):
    response = client.get(_url(movement, world.commune_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the list ---------------------------------------------------------------------------------


def _list(client, movement, **params):
    return client.get(reverse("works:reviews", args=[movement.pk]), params)


def _reviewed(world, movement, road, hall):
    _save(world, movement, road, hall)  # Xã A: interim submitted
    reviews.review_save(
        actor=world.village_officer_a1,
        movement=movement,
        unit=world.village_a1,
        kind="interim",
        data={},
        items=[],
        submit=False,
    )  # Thôn A1: interim draft


def test_office_sees_counts_and_states(client, world, movement, road, hall):
    _reviewed(world, movement, road, hall)
    _login(client, world.home_affairs)
    response = _list(client, movement)
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts["total"] == 5  # two communes and three villages
    assert counts["interim"] == {"submitted": 1, "draft": 1, "not_started": 3}
    assert counts["final"] == {"submitted": 0, "draft": 0, "not_started": 5}
    html = response.content.decode()
    assert reverse("works:review_xlsx", args=[movement.pk, "interim"]) in html
    assert reverse("works:review_docx", args=[movement.pk, "final"]) in html


@pytest.mark.parametrize(
    "params,names",
    [
        ({"kind": "interim", "status": "submitted"}, ["Xã A"]),
        ({"kind": "interim", "status": "draft"}, ["Thôn A1"]),
        ({"kind": "final", "status": "submitted"}, []),
        ({"status": "not_started", "unit_kind": "commune"}, ["Xã A", "Xã B"]),
        (
            {"kind": "interim", "status": "not_started", "unit_kind": "village"},
            ["Thôn A2", "Thôn B1"],
        ),
        ({"commune": "COMMUNE_B"}, ["Xã B", "Thôn B1"]),
        ({"q": "thon a"}, ["Thôn A1", "Thôn A2"]),
    ],
)
def test_office_filters(client, world, movement, road, hall, params, names):
    _reviewed(world, movement, road, hall)
    if params.get("commune") == "COMMUNE_B":
        params = {**params, "commune": world.commune_b.pk}
    _login(client, world.home_affairs)
    response = _list(client, movement, **params)
    assert sorted(row["unit"].name for row in response.context["rows"]) == sorted(names)


def test_unit_user_sees_only_their_units_with_links(client, world, movement, road, hall):
    _login(client, world.officer_a)
    response = _list(client, movement)
    assert response.status_code == 200
    assert sorted(row["unit"].name for row in response.context["rows"]) == [
        "Thôn A1",
        "Thôn A2",
        "Xã A",
    ]
    assert all(row["can_edit"] for row in response.context["rows"])
    html = response.content.decode()
    assert _url(movement, world.commune_a, "final") in html
    assert reverse("works:review_xlsx", args=[movement.pk, "interim"]) not in html
    _login(client, world.nobody)
    assert _list(client, movement).status_code == 404


def _more_units(world, movement, count):
    for index in range(count):
        commune = UnitFactory(kind=UnitKind.COMMUNE, parent=world.district, name=f"Xã Thêm {index}")
        Participant.objects.create(movement=movement, unit=commune, source="kind")
        Review.objects.create(
            movement=movement, unit=commune, kind="interim", status=ReviewStatus.SUBMITTED
        )


@pytest.mark.parametrize("count", [3, 40])
def test_list_costs_a_fixed_number_of_queries(
    client, world, movement, road, hall, count, django_assert_max_num_queries
):
    _reviewed(world, movement, road, hall)
    _more_units(world, movement, count)
    _login(client, world.home_affairs)
    with django_assert_max_num_queries(13):
        response = _list(client, movement, kind="interim", status="submitted")
    assert len(response.context["rows"]) == count + 1
    with django_assert_max_num_queries(13):
        _list(client, movement, commune=world.commune_a.pk)


# --- the consolidated review ---------------------------------------------------------------------


def test_consolidation_costs_a_fixed_number_of_queries(
    world, movement, road, hall, canal, django_assert_num_queries
):
    _save(world, movement, road, hall)
    _more_units(world, movement, 10)
    with django_assert_num_queries(5):
        consolidation = review_reports.consolidate(movement, "interim")
    assert consolidation.total.registered == 3


def test_xlsx_has_the_units_and_the_works(client, world, movement, road, hall, canal):
    _save(world, movement, road, hall)
    url = reverse("works:review_xlsx", args=[movement.pk, "interim"])
    _login(client, world.officer_a)
    assert client.get(url).status_code == 404
    _login(client, world.home_affairs)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-ket-phong-trao-')
    book = load_workbook(BytesIO(response.content))
    units, works = book.worksheets
    header = [cell.value for cell in units[1]]
    assert header[:4] == [
        "Đơn vị",
        "Xã, thị trấn",
        "Số công trình, phần việc đăng ký",
        "Đã hoàn thành",
    ]
    rows = {row[0]: row for row in units.iter_rows(min_row=2, values_only=True)}
    commune_a = rows["Xã A"]
    # registered, completed, in use, overdue, estimated, realised, contribution, workdays, models
    assert commune_a[2:11] == (2, 1, 1, 1, 1_750_000_000, 1_200_000_000, 150_000_000, 1200, 3)
    assert commune_a[11] == "Đã nộp" and commune_a[12] is not None
    assert rows["Xã B"][2:6] == (1, 0, 0, 0) and rows["Xã B"][11] == "Chưa báo cáo"
    total = rows["Tổng cộng"]
    assert total[2] == 3 and total[6] == 2_250_000_000 and total[7] == 1_200_000_000
    work_rows = {row[3]: row for row in works.iter_rows(min_row=2, values_only=True)}
    assert set(work_rows) == {"Đường bê tông thôn 1", "Nhà văn hóa thôn A2", "Kênh mương nội đồng"}
    assert work_rows["Đường bê tông thôn 1"][6:9] == ("Đã đưa vào sử dụng", 100, 1_200_000_000)
    assert work_rows["Đường bê tông thôn 1"][11] == "Báo cáo của đơn vị"
    assert work_rows["Kênh mương nội đồng"][11] == "Theo dõi tiến độ"


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _report(client, world, movement):
    _login(client, world.home_affairs)
    response = client.get(reverse("works:review_docx", args=[movement.pk, "interim"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_docx_report_has_the_title_figures_and_table(client, world, movement, road, hall, canal):
    _save(world, movement, road, hall)
    document = Document(BytesIO(_report(client, world, movement)))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)
    text = _docx_text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "HUYỆN MẪU" in text and "TỈNH MẪU" in text  # the test units' full names are short
    assert "/BC-UBND" in text
    assert "BÁO CÁO" in text
    assert f"Sơ kết {movement.title[:1].lower()}{movement.title[1:]}" in text
    assert "số đơn vị đã gửi báo cáo sơ kết: 1" in text
    assert "Tổng số công trình, phần việc đăng ký: 3 (công trình: 2; phần việc: 1)" in text
    assert "Tổng giá trị dự kiến: 2.250.000.000 đồng" in text
    assert "Nhân dân đóng góp: 150.000.000 đồng và 1.200 ngày công" in text
    assert "- Xã A: Thiếu vốn đối ứng." in text
    assert "- Xã A: Đề nghị hỗ trợ xi măng." in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and movement.signer_name in text
    assert "Nơi nhận:" in text and "- Lưu: VT, PNV." in text
    table = document.tables[1]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0][:2] == ["STT", "Xã, thị trấn"]
    assert cells[1][1:5] == ["Xã A", "2", "1", "1"]
    assert cells[-1][1:3] == ["Tổng cộng", "3"]
    assert cells[-1][6] == "2.250"


def test_docx_is_for_the_office_only(client, world, movement):
    _login(client, world.officer_a)
    assert (
        client.get(reverse("works:review_docx", args=[movement.pk, "interim"])).status_code == 404
    )
    _login(client, world.home_affairs)
    assert client.get(reverse("works:review_docx", args=[movement.pk, "other"])).status_code == 404


def test_docx_converts_to_pdf_with_libreoffice(client, world, movement, road, hall, tmp_path):
    soffice = shutil.which("soffice") or (
        "/usr/bin/soffice" if shutil.os.path.exists("/usr/bin/soffice") else None
    )
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    _save(world, movement, road, hall)
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(_report(client, world, movement))
    # A private profile, so a LibreOffice already running for the user does not swallow the job.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "Tổng cộng" in text


def test_review_filters_default_to_everything(world, movement):
    units = reviews.review_table(world.home_affairs, movement, ReviewFilters(), monitor=True)
    assert units.count() == 5
    assert all(u.interim_status is None for u in units)
    assert ReviewState.label(None) == "Chưa báo cáo"


# --- browser journey ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_commune_submits_its_review_and_the_office_sees_it(page, live_server, world):
    from playwright.sync_api import expect

    from thidua.movements.tests.test_browser import login

    movement = launched_movement(world)
    road = WorkFactory(
        movement=movement,
        unit=world.commune_a,
        name="Đường bê tông thôn 1",
        progress_percent=40,
        progress_status="in_progress",
    )
    login(page, live_server.url, world.officer_a.username)
    page.goto(live_server.url + reverse("works:reviews", args=[movement.pk]))
    page.locator(f'tr[data-unit="{world.commune_a.pk}"]').get_by_role(
        "link", name="Lập báo cáo"
    ).first.click()
    page.locator(f'[name="work-{road.pk}-percent"]').fill("120")
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("item-errors")).to_contain_text(
        "«Đường bê tông thôn 1»: tỷ lệ hoàn thành phải từ 0 đến 100."
    )
    page.locator(f'[name="work-{road.pk}-percent"]').fill("60")
    page.get_by_label("Nhân dân đóng góp (đồng)").fill("150.000.000")
    page.get_by_label("Kết quả đạt được").fill("Hoàn thành 60% khối lượng.")
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("review-state")).to_have_text("Đã nộp")
    page.context.clear_cookies()
    login(page, live_server.url, world.home_affairs.username)
    page.goto(live_server.url + reverse("works:reviews", args=[movement.pk]))
    expect(page.get_by_test_id("count-interim-submitted")).to_have_text("1")
    review = Review.objects.get()
    assert review.people_contribution == 150_000_000
    assert review.items.get().percent == 60
