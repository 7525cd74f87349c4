"""The one import pipeline of the six importers: bounded reading, the shared page, its result."""

from itertools import count

import pytest
from django.urls import reverse
from django.utils import translation

from thidua.interchange import xlsx
from thidua.interchange.tests.conftest import UNIT_HEADERS, xlsx_upload
from thidua.interchange.xlsx import reading
from thidua.testing import UnitFactory, launched_movement
from thidua.units.imports import UNITS_SPEC, units_import
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


class EndlessRows:
    """Stored rows that never end; it counts the rows read from it."""

    def __init__(self) -> None:
        self.read = 0

    def __iter__(self):
        for number in count(2):
            self.read += 1
            yield number, {1: "XN", 2: "Xã N"}


def _rows(rows) -> list:
    return list(reading._data_rows(rows, UNITS_SPEC, {"code": 1, "name": 2}))


def test_row_cap_stops_the_reading_as_soon_as_it_is_passed_with_the_limit_named():
    rows = EndlessRows()
    with translation.override("vi"), pytest.raises(xlsx.WorkbookError) as refused:
        _rows(rows)
    assert rows.read == xlsx.max_rows() + 1
    assert refused.value.message == "Tệp có hơn 10.000 dòng; hãy chia thành nhiều tệp."


def test_blank_rows_and_the_example_do_not_count_toward_the_cap(settings):
    settings.IMPORT_MAX_ROWS = 2
    upload = xlsx_upload(
        UNIT_HEADERS,
        [
            ["VD: X", "Ví dụ", "", "Commune", "D", None, None, ""],
            ["XC", "Xã C", "", "Commune", "D", None, None, ""],
            [None] * 8,
            ["XE", "Xã E", "", "Commune", "D", None, None, ""],
        ],
    )
    sheet = reading.read_sheet(reading.read_upload(upload), UNITS_SPEC)
    assert [row.number for row in sheet.rows] == [3, 5]


def test_a_file_over_the_cap_is_refused_and_nothing_is_saved(world, settings):
    settings.IMPORT_MAX_ROWS = 2
    before = Unit.objects.count()
    rows = [[f"XN{i}", f"Xã N{i}", "", "Commune", "D", None, None, ""] for i in range(3)]
    with pytest.raises(xlsx.WorkbookError) as refused:
        units_import(actor=world.home_affairs, upload=xlsx_upload(UNIT_HEADERS, rows))
    assert "more than 2 rows" in refused.value.message
    assert Unit.objects.count() == before


def test_the_workbook_is_opened_read_only(monkeypatch):
    opened = []
    original = reading.load_workbook

    def spy(*args, **kwargs):
        opened.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(reading, "load_workbook", spy)
    upload = xlsx_upload(UNIT_HEADERS, [["XC", "Xã C", "", "Commune", "D", None, None, ""]])
    reading.read_sheet(reading.read_upload(upload), UNITS_SPEC)
    assert opened == [{"read_only": True, "data_only": True}]


# --- the one page ----------------------------------------------------------------------------


def _pages(world):
    movement = launched_movement(world)
    return {
        "units": ("home_affairs", reverse("units:import"), reverse("units:import_template")),
        "accounts": (
            "home_affairs",
            reverse("accounts:import"),
            reverse("accounts:import_template"),
        ),
        "people": (
            "officer_a",
            reverse("criteria:people_import"),
            reverse("criteria:people_template"),
        ),
        "ratings": (
            "officer_a",
            reverse("criteria:ratings_import"),
            reverse("criteria:ratings_template"),
        ),
        "facts": (
            "officer_a",
            reverse("criteria:facts_import"),
            reverse("criteria:facts_template"),
        ),
        "works": (
            "officer_a",
            reverse("works:import", args=[movement.pk]),
            reverse("works:import_template", args=[movement.pk]),
        ),
    }


IMPORTERS = ["units", "accounts", "people", "ratings", "facts", "works"]


@pytest.mark.parametrize("name", IMPORTERS)
def test_every_importer_renders_the_one_page(client, world, name):
    persona, url, template_url = _pages(world)[name]
    client.force_login(getattr(world, persona))
    response = client.get(url)
    assert response.status_code == 200
    assert "interchange/import.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert html.count('class="progress d-none') == 1 and "data-busy" in html
    assert template_url in html
    assert "At most 10,000 rows per file." in html


@pytest.mark.parametrize("name", IMPORTERS)
def test_every_importer_shows_a_refused_file_the_same_way(client, world, name):
    persona, url, _template_url = _pages(world)[name]
    client.force_login(getattr(world, persona))
    bad = xlsx_upload(["Something else"], [["x"]])
    response = client.post(url, {"file": bad})
    assert response.status_code == 200
    assert "missing" in " ".join(response.context["form"].errors["file"])


def test_row_errors_render_as_a_table_and_as_sentences(client, world):
    client.force_login(world.home_affairs)
    upload = xlsx_upload(UNIT_HEADERS, [["XC", "Xã C", "", "Hành tinh", "D", None, None, ""]])
    html = client.post(reverse("units:import"), {"file": upload}).content.decode()
    assert '<th scope="col">Row</th><th scope="col">Column</th>' in html
    assert '<td class="text-nowrap">2</td><td>Unit kind</td>' in html
    assert "<li>Row 2, column «Unit kind»: " in html


def test_a_later_unusable_file_drops_the_earlier_annotated_copy(client, world):
    client.force_login(world.home_affairs)
    url = reverse("units:import")
    bad = xlsx_upload(UNIT_HEADERS, [["XC", "Xã C", "", "Hành tinh", "D", None, None, ""]])
    client.post(url, {"file": bad})
    assert client.get(reverse("interchange:annotated")).status_code == 200
    client.post(url, {"file": xlsx_upload(UNIT_HEADERS, [])})
    assert client.get(reverse("interchange:annotated")).status_code == 404


def test_a_long_unit_picker_gets_a_search_box(client, world):
    client.force_login(world.officer_a)
    url = reverse("criteria:people_import")
    assert "data-filter-select" not in client.get(url).content.decode()
    for n in range(15):
        UnitFactory.create(kind=UnitKind.VILLAGE, parent=world.commune_a, name=f"Thôn {n}")
    html = client.get(url).content.decode()
    assert 'data-filter-select="id_unit"' in html
    assert html.index('data-filter-select="id_unit"') < html.index('id="id_file"')
