"""A commune's decision is drafted with the commune's own defaults: its chairman as signer
and its Culture and Social Affairs Office on file in the Nơi nhận (a district's: the
movement's signer and the Home Affairs Office)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.awards.services import decisions
from thidua.awards.tests.test_decisions import (  # noqa: F401 - fixtures
    _login,
    _no_libreoffice,
    _vietnamese,
    commune_staff,
    movement_fixture,
    passed,
    reference_fixture,
)
from thidua.testing import grant

pytestmark = pytest.mark.django_db


def test_the_defaults_follow_the_issuing_unit(world, movement):
    _officer, chairman = commune_staff(world)
    chairman.full_name = "Sùng A Lử"
    chairman.save()
    assert decisions.default_signer(movement, world.commune_a) == "Sùng A Lử"
    assert decisions.default_distribution("decision", world.commune_a).endswith("Lưu: VT, VHXH.")
    assert decisions.default_distribution("decision", world.district).endswith("Lưu: VT, NV.")
    assert decisions.default_signer(movement, world.commune_b) == ""


def test_switching_the_form_to_a_commune_offers_its_chairman(client, world, movement):
    officer, chairman = commune_staff(world)
    chairman.full_name = "Sùng A Lử"
    chairman.save()
    grant(officer, Role.HOME_AFFAIRS, world.district)
    passed(world, movement, code="giay_khen_xa", unit=world.village_a1)
    _login(client, officer)
    url = reverse("awards:decision_create", args=[movement.pk])
    post = {
        "issuing_unit": world.commune_a.pk,
        "kind": "decision",
        "signed_on": "15/08/2025",
        "summary": decisions.default_summary(movement, "decision"),
        "signer_name": movement.signer_name,  # the district's default, left as offered
        "signer_title": "Chủ tịch",
        "signer_capacity": "tm",
        "distribution_list": decisions.default_distribution("decision", world.district),
        "action": "refresh",
    }
    initial = client.post(url, post).context["form"].initial
    assert initial["signer_name"] == "Sùng A Lử"
    assert initial["distribution_list"].endswith("Lưu: VT, VHXH.")
    # A name typed by hand is kept.
    typed = client.post(url, {**post, "signer_name": "Người Khác"}).context["form"].initial
    assert typed["signer_name"] == "Người Khác"
