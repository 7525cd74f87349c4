"""A person's sex, date of birth and ethnic group (the sector's statistics): form, page,
import; all optional, the date not in the future."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from thidua.criteria.imports.people import people_import
from thidua.criteria.models import Ethnicity, Person, PersonKind, Sex
from thidua.interchange import xlsx

pytestmark = pytest.mark.django_db

FORM = {"full_name": "Lò Thị Hoa", "kind": PersonKind.VILLAGE_WORKER, "position": ""}


def test_the_official_list_has_54_ethnic_groups():
    labels = [str(label) for label in Ethnicity.labels]
    assert len(labels) == len(set(labels)) == 54
    assert {"Kinh", "Mông", "Dao", "Thái", "Tày", "Khơ-me", "Rơ-măm"} <= set(labels)
    assert Ethnicity.KINH == "01" and Ethnicity.RO_MAM == "54"


def test_form_records_sex_date_of_birth_and_ethnicity(client, world):
    client.force_login(world.officer_a)
    data = {
        **FORM,
        "unit": world.village_a1.pk,
        "sex": Sex.FEMALE,
        "date_of_birth": "12/03/1985",
        "ethnicity": Ethnicity.THAI,
    }
    response = client.post(reverse("criteria:person_create"), data)
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.sex == Sex.FEMALE and person.ethnicity == "03"
    assert person.date_of_birth == date(1985, 3, 12)
    assert person.birth_year == 1985, "the date fills the year criteria and imports match on"
    page = client.get(reverse("criteria:person", args=[person.pk])).content.decode()
    assert "Nữ" in page and "Thái" in page and "12/03/1985" in page
    form = client.get(reverse("criteria:person_update", args=[person.pk])).content.decode()
    assert "Giới tính" in form and "Dân tộc" in form and "Ngày sinh" in form


def test_all_three_are_optional(client, world):
    client.force_login(world.officer_a)
    data = {**FORM, "unit": world.village_a1.pk, "sex": "", "date_of_birth": "", "ethnicity": ""}
    assert client.post(reverse("criteria:person_create"), data).status_code == 302
    person = Person.objects.get()
    assert (person.sex, person.ethnicity, person.date_of_birth) == ("", "", None)


def test_a_future_date_of_birth_or_a_different_year_is_refused_by_name(client, world):
    client.force_login(world.officer_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {**FORM, "unit": world.village_a1.pk, "date_of_birth": tomorrow.strftime("%d/%m/%Y")}
    response = client.post(reverse("criteria:person_create"), data)
    assert response.status_code == 200
    assert "«Ngày sinh»" in response.context["form"].errors["date_of_birth"][0]
    data = {**data, "date_of_birth": "12/03/1985", "birth_year": "1986"}
    response = client.post(reverse("criteria:person_create"), data)
    assert "1985" in response.context["form"].errors["birth_year"][0]
    assert not Person.objects.exists()


def _upload(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Đối tượng", "Năm sinh", "Ngày sinh", "Giới tính", "Dân tộc"])
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "ca-nhan.xlsx", buffer.getvalue(), content_type=xlsx.XLSX_CONTENT_TYPE
    )


def test_import_reads_the_three_columns(world):
    rows = [
        ("Giàng A Páo", "Cán bộ", None, "05/07/1990", "Nam", "mong"),
        ("Lò Thị Hoa", "Cán bộ", 1985, date(1985, 3, 12), "Nữ", "Thái"),
        ("Nguyễn Văn An", "Cán bộ", None, None, None, "01"),
    ]
    result = people_import(
        actor=world.officer_a, upload=_upload(rows), default_unit=world.village_a1
    )
    assert result.ok, [str(e) for e in result.errors]
    pao = Person.objects.get(full_name="Giàng A Páo")
    assert (pao.sex, pao.ethnicity, pao.date_of_birth, pao.birth_year) == (
        Sex.MALE,
        Ethnicity.MONG,
        date(1990, 7, 5),
        1990,
    )
    assert Person.objects.get(full_name="Lò Thị Hoa").ethnicity == Ethnicity.THAI
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert (an.sex, an.ethnicity, an.date_of_birth) == ("", Ethnicity.KINH, None)


def test_import_refuses_a_future_date_and_an_unknown_group(world):
    future = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    rows = [
        ("Giàng A Páo", "Cán bộ", None, future, "Nam", "Mông"),
        ("Lò Thị Hoa", "Cán bộ", None, None, "Nữ", "Không rõ"),
    ]
    result = people_import(
        actor=world.officer_a, upload=_upload(rows), default_unit=world.village_a1
    )
    assert not result.ok
    assert {(e.row, e.code) for e in result.errors} >= {(2, "bad_birth_date")}
    assert any(e.row == 3 for e in result.errors)
    assert not Person.objects.exists()
