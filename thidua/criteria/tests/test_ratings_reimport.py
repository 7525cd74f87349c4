"""Importing the same ratings again changes nothing: identical rows count as unchanged and
write no history; only a row that says something else replaces its rating."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from thidua.criteria.imports.ratings import ratings_import
from thidua.criteria.models import AnnualRating, RatingLevel
from thidua.criteria.tests.test_import import GOOD, upload

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year
ROWS = [("XA", "", THIS_YEAR - n, GOOD, f"QĐ {n}") for n in range(1, 6)]


def _snapshot() -> tuple[int, int]:
    return AnnualRating.objects.count(), AnnualRating.history.count()


def test_identical_ratings_imported_again_are_unchanged_with_no_history(world):
    first = ratings_import(actor=world.officer_a, upload=upload(ROWS))
    assert (first.created, first.updated, first.unchanged) == (5, 0, 0)
    before = _snapshot()

    again = ratings_import(actor=world.officer_a, upload=upload(ROWS))
    assert again.ok
    assert (again.total, again.created, again.updated, again.unchanged) == (5, 0, 0, 5)
    assert _snapshot() == before, "no rating and no history row written"


def test_only_a_different_row_replaces_its_rating(world):
    ratings_import(actor=world.officer_a, upload=upload(ROWS))
    count, history = _snapshot()
    changed = [*ROWS[:4], ("XA", "", THIS_YEAR - 5, "Hoàn thành xuất sắc nhiệm vụ", "QĐ 5")]
    result = ratings_import(actor=world.officer_a, upload=upload(changed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    assert _snapshot() == (count, history + 1)
    rating = AnnualRating.objects.get(unit=world.commune_a, year=THIS_YEAR - 5)
    assert rating.level == RatingLevel.EXCELLENT


def test_the_page_says_how_many_were_unchanged(client, world):
    ratings_import(actor=world.officer_a, upload=upload(ROWS))
    client.force_login(world.officer_a)
    with translation.override("vi"):
        response = client.post(reverse("criteria:ratings_import"), {"file": upload(ROWS)})
        texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert texts == ["Đã nhập 5 xếp loại (0 mới, 0 thay thế, 5 không đổi)."]
