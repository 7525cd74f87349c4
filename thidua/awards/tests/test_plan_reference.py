"""The plan's number and date given at launch (or completed afterwards by the standing body)
are cited by the movement's decisions: «Căn cứ Kế hoạch số … ngày … của …»."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards.services.decisions import render_docx
from thidua.awards.tests.test_decision_documents import _text
from thidua.awards.tests.test_decisions import (  # noqa: F401 - fixtures
    JUNE,
    _no_libreoffice,
    _vietnamese,
    draft,
    passed,
    reference_fixture,
)
from thidua.movements.models import MovementStatus
from thidua.testing import MovementFactory
from thidua.testing.files import PDF

pytestmark = pytest.mark.django_db


def _launch(client, world, **plan) -> object:
    world.district.full_name = "Ủy ban nhân dân huyện Mẫu"
    world.district.save()
    movement = MovementFactory(
        issuing_unit=world.district,
        title="Phát động phong trào thi đua xây dựng nông thôn mới",
        start_date=date(2024, 10, 1),
        end_date=date(2025, 12, 31),
    )
    client.force_login(world.chairman)
    response = client.post(
        reverse("movements:launch", args=[movement.pk]),
        {**plan, "signed_file": SimpleUploadedFile("ke-hoach.pdf", PDF)},
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED
    return movement


def _basis(decision) -> str:
    text, _cells = _text(render_docx(decision))
    return next(line for line in text.splitlines() if line.startswith("Căn cứ Kế hoạch"))


def _decision(world, movement):
    nomination = passed(world, movement, code="giay_khen_huyen", unit=world.commune_b)
    return draft(world, movement, [nomination], day=JUNE)


def test_the_decision_cites_the_plan_number_and_date_given_at_launch(client, world, reference):
    movement = _launch(client, world, document_number="12/KH-UBND", document_date="05/09/2024")
    assert _basis(_decision(world, movement)) == (
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/09/2024 của Ủy ban nhân dân huyện Mẫu về việc "
        "phát động phong trào thi đua xây dựng nông thôn mới;"
    )


def test_a_number_completed_after_launch_is_cited_too(client, world, reference):
    movement = _launch(client, world, document_number="", document_date="")
    decision = _decision(world, movement)
    assert _basis(decision).startswith("Căn cứ Kế hoạch của Ủy ban nhân dân huyện Mẫu")
    client.force_login(world.home_affairs)
    client.post(
        reverse("movements:followup", args=[movement.pk]),
        {"action": "plan", "document_number": "12/KH-UBND", "document_date": "05/09/2024"},
    )
    decision.refresh_from_db()
    decision.movement.refresh_from_db()
    assert _basis(decision).startswith(
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/09/2024 của Ủy ban nhân dân huyện Mẫu"
    )
