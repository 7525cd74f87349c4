"""Text that looks like a formula (=, +, -, @, tab, CR first) stays text in every .xlsx the app
writes: stored as a string, never as a formula, and quote-prefixed so that editing the cell in
Excel or LibreOffice does not turn it into one."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.awards.documents.payment_list import payment_workbook
from thidua.awards.documents.register_workbook import register_workbook as awards_register
from thidua.criteria.documents import ranking_workbook
from thidua.interchange import xlsx
from thidua.testing import UnitFactory, WorkFactory, launched_movement
from thidua.testing.awards import AwardFactory
from thidua.units.models import UnitKind
from thidua.works.documents.register import register_workbook as works_register

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+cmd", "-2+3", "@SUM(1)", "\tTab", "\r=1"]
_FORMULA = re.compile(rb"<f[ >]")


def assert_kept_as_text(data: bytes, texts) -> None:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not _FORMULA.search(archive.read(name)), f"a formula in {name}"
    found = {}
    for sheet in load_workbook(BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found.setdefault(cell.value.strip(), cell)
    for text in texts:
        cell = found.get(text.strip())
        assert cell is not None, f"{text!r} not written"
        assert cell.data_type == "s" and cell.quotePrefix, text


def test_the_shared_writer_keeps_formula_looking_text_as_text():
    spec = xlsx.Spec(
        sheet_title="T",
        key="name",
        columns=(xlsx.Column("name", "Name", xlsx.text(100)), xlsx.Column("n", "N", int)),
    )
    data = xlsx.build_workbook(spec, [[text, -5] for text in HOSTILE])
    assert_kept_as_text(data, HOSTILE)
    sheet = load_workbook(BytesIO(data)).active
    assert sheet["B2"].value == -5 and sheet["B2"].data_type == "n", "numbers stay numbers"


def test_a_unit_named_like_a_formula_is_exported_as_text(client, world):
    UnitFactory.create(kind=UnitKind.VILLAGE, parent=world.commune_a, name="=1+1", code="XA-9")
    client.force_login(world.home_affairs)
    response = client.get(reverse("units:export"))
    assert_kept_as_text(response.content, ["=1+1"])


def test_works_register_keeps_names_as_text(world):
    movement = launched_movement(world)
    works = [
        WorkFactory.create(movement=movement, unit=world.commune_a, name=HOSTILE[0]),
        WorkFactory.create(movement=movement, unit=world.commune_a, name="-rm -rf"),
    ]
    assert_kept_as_text(works_register(movement, works), [HOSTILE[0], "-rm -rf"])


def test_awards_register_and_payment_list_keep_names_as_text(world):
    movement = launched_movement(world)
    unit = UnitFactory.create(kind=UnitKind.VILLAGE, parent=world.commune_a, name="@SUM(1)")
    award = AwardFactory.create(unit=unit, movement=movement, recipient_name="@SUM(1)")
    assert_kept_as_text(awards_register([award]), ["@SUM(1)"])
    assert_kept_as_text(payment_workbook(movement, [award]), ["@SUM(1)"])


def test_candidate_ranking_keeps_names_as_text(world):
    movement = launched_movement(world)
    candidate = SimpleNamespace(name="+cmd|' /C calc'!A0", type="", is_person=False)
    evaluation = SimpleNamespace(
        candidate=candidate,
        criterion_set=None,
        met=1,
        not_met=0,
        unknown=0,
        total=1,
        codes=lambda verdict: ["=A1"],
    )
    row = SimpleNamespace(rank=1, evaluation=evaluation, commune=None)
    assert_kept_as_text(ranking_workbook(movement, [row]), [candidate.name])


def test_every_workbook_writer_goes_through_the_shared_text_guard():
    """A module that builds a workbook itself must pass its cells through ``xlsx.text_cell`` or
    ``xlsx.as_text`` (the guard above checks the behaviour of each one that exists today)."""
    root = Path(__file__).resolve().parents[2]
    writers = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "interchange" in path.parts:
            continue
        source = path.read_text()
        if "from openpyxl import" in source and "Workbook" in source:
            writers.append(path.relative_to(root).as_posix())
            assert "xlsx.text_cell" in source or "xlsx.as_text" in source, path
    assert len(writers) >= 5


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_text_and_computes_nothing(tmp_path):
    spec = xlsx.Spec(
        sheet_title="T", key="name", columns=(xlsx.Column("name", "Name", xlsx.text(100)),)
    )
    source = tmp_path / "xuat.xlsx"
    source.write_bytes(xlsx.build_workbook(spec, [["=1+1"], ["+2+3"], ["@SUM(4,5)"]]))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (tmp_path / "xuat.csv").open(newline="") as shown:
        cells = [row[0] for row in csv.reader(shown)]
    assert cells == ["Name", "=1+1", "+2+3", "@SUM(4,5)"], "shown as typed, never computed"
