"""Hostile workbooks against all six importers, through their pages: wrong types, formulas,
huge cells, merged cells, stray cells far below, long empty tails, files that are not zips,
zip bombs, a shared-strings bomb and a zip whose directory lies. Each upload ends in a
Vietnamese error or a clean import: never a server error, never a partial write, and the bombs
within bounded memory."""

from __future__ import annotations

import itertools
import re
import tracemalloc
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.interchange import xlsx
from thidua.interchange.tests import hostile
from thidua.interchange.tests.hostile import CASES, Case
from thidua.units.imports import UNITS_SPEC

pytestmark = pytest.mark.django_db

# Letters only Vietnamese uses: every message of the Vietnamese catalogue has some.
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
BOMBS = {
    "zip bomb": hostile.zip_bomb,
    "shared-strings bomb": hostile.shared_strings_bomb,
    "lying directory": hostile.lying_directory,
    "many parts": hostile.many_parts,
}
_numbers = itertools.count(1)

HOSTILE_CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(
        ["=1/0", "=A2&B2", "=SUM(A1:A9)", "+1", "-x", "@x", "VD: ví dụ", " ", "x" * 40_000]
    ),
)


@st.composite
def hostile_workbook(draw, case: Case) -> bytes:
    """The importer's header and a few rows whose cells are valid or hostile, with maybe
    merged cells, a stray cell on the last row of a sheet, or one after a long empty tail."""
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        valid = case.row(next(_numbers))
        rows.append([draw(st.one_of(st.just(value), HOSTILE_CELL)) for value in valid])
    extra = draw(st.sampled_from(["none", "merged", "stray", "tail"]))
    return hostile.workbook_bytes(
        case.headers,
        rows,
        merged=["A2:B2"] if extra == "merged" else [],
        stray={
            "stray": [(1_048_576, 1, "x")],
            "tail": [(len(rows) + 1_300, 2, "lạc")],
        }.get(extra, []),
    )


def uploads(case: Case):
    raw = st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"%PDF-1.4\n<html><script>x</script>", b"PK\x03\x04broken"]),
        st.sampled_from(sorted(BOMBS)).map(lambda name: BOMBS[name]()),
    )
    return st.one_of(hostile_workbook(case), hostile_workbook(case), raw)


def _messages(response) -> list[str]:
    """The page's messages as the user reads them (in Vietnamese), cut-off values included."""
    form = response.context["form"]
    with translation.override("vi"):
        found = [str(m) for errors in form.errors.values() for m in errors]
        found += [str(e) for e in response.context["errors"]]
    assert all(len(m) < 1_000 for m in found), "a huge cell is never echoed whole"
    return found


def post(client, world, case: Case, data: bytes):
    upload = SimpleUploadedFile("tep.xlsx", data, content_type=xlsx.XLSX_CONTENT_TYPE)
    with translation.override("vi"):
        return client.post(case.url(world), {"file": upload, **case.form(world)})


@pytest.mark.parametrize("name", sorted(CASES))
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_hostile_upload_ends_in_a_vietnamese_error_or_a_clean_import(client, world, name, data):
    case = CASES[name]
    client.force_login(getattr(world, case.persona))
    upload = data.draw(uploads(case))
    before = case.counted()
    response = post(client, world, case, upload)
    after = case.counted()
    assert response.status_code in (200, 302), "never a server error"
    if response.status_code == 302:
        assert all(a >= b for a, b in zip(after, before, strict=True))
        return
    messages = _messages(response)
    assert messages, "a refused file says why"
    assert all(VIETNAMESE.search(m) for m in messages), messages
    assert after == before, "nothing is written when anything is refused"
    result = response.context["result"]
    if result is not None and result.errors:
        assert result.annotated is not None, "the marked copy is offered"


@pytest.mark.parametrize("bomb", sorted(BOMBS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_bombs_are_refused_in_bounded_memory(client, world, name, bomb):
    case = CASES[name]
    client.force_login(getattr(world, case.persona))
    data = BOMBS[bomb]()
    case.url(world)  # the works page makes its movement before memory is measured
    before = case.counted()
    tracemalloc.start()
    try:
        response = post(client, world, case, data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    messages = _messages(response)
    assert messages and all(VIETNAMESE.search(m) for m in messages), messages
    assert case.counted() == before
    assert peak < 100 * hostile.MB, f"peak {peak / hostile.MB:.0f} MB"


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_the_reader_refuses_bombs_on_its_own_in_bounded_memory(bomb):
    """Services call the reader without the upload form: it checks the package itself."""
    data = BOMBS[bomb]()
    tracemalloc.start()
    try:
        with pytest.raises(xlsx.WorkbookError):
            xlsx.read_sheet(data, UNITS_SPEC)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * hostile.MB, f"peak {peak / hostile.MB:.0f} MB"
