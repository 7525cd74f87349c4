"""The history of changes reads in Vietnamese: labels not codes, file names not storage
paths, grouped amounts, Có/Không, "—" for nothing."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

from thidua.awards.models import Decision, DecisionStatus
from thidua.core.audit import save_attributed
from thidua.core.history import history_entries
from thidua.testing import WorkFactory, launched_movement
from thidua.testing.awards import DecisionFactory
from thidua.works.models import RegistrationStatus, Work


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _changes(entry) -> dict[str, tuple[str, str]]:
    return {c.field: (c.old, c.new) for c in entry.changes}


@pytest.mark.django_db
def test_status_amount_and_flag_shown_as_a_reader_knows_them(world):
    movement = launched_movement(world)
    with translation.override("vi"):
        work = WorkFactory(
            movement=movement, unit=world.village_a1, status="draft", estimated_value=None
        )
        work.status = "registered"
        work.estimated_value = Decimal("600000000")
        work.people_funded = True
        save_attributed(work, actor=world.home_affairs, reason="draft → registered")
        entry = history_entries(work)[0]
        changes = _changes(entry)
        html = render_to_string("includes/history.html", {"history_entries": [entry]})
        draft, registered = (
            str(RegistrationStatus.DRAFT.label),
            str(RegistrationStatus.REGISTERED.label),
        )
        assert changes[_label(Work, "status")] == (draft, registered)
        assert changes[_label(Work, "people_funded")] == ("Không", "Có")
        assert entry.reason == f"{draft} → {registered}"
    assert changes[_label(Work, "estimated_value")] == ("", "600.000.000")
    assert "600.000.000" in html
    for internal in ("None", "draft", "registered", "600000000", "True", "False"):
        assert internal not in html


@pytest.mark.django_db
def test_file_shown_by_name_and_coded_reason_by_label(world):
    movement = launched_movement(world)
    decision = DecisionFactory(
        movement=movement,
        status=DecisionStatus.DRAFT,
        number=None,
        number_label="",
        created_by=world.home_affairs,
    )
    with translation.override("vi"):
        decision.status = DecisionStatus.SIGNED
        decision.number = 1250
        decision.docx.save("quyet-dinh-khen-thuong.docx", ContentFile(b"x"), save=False)
        save_attributed(decision, actor=world.home_affairs, reason="decision_sign 12/QĐ-UBND")
        entry = history_entries(decision)[0]
        html = render_to_string("includes/history.html", {"history_entries": [entry]})
        changes = _changes(entry)
        assert changes[_label(Decision, "status")] == (
            str(DecisionStatus.DRAFT.label),
            str(DecisionStatus.SIGNED.label),
        )
        assert changes[_label(Decision, "docx")] == ("", "quyet-dinh-khen-thuong.docx")
        assert changes[_label(Decision, "number")] == ("", "1.250")
        assert entry.reason == "Quyết định đã ký 12/QĐ-UBND"
    assert "decisions/" not in html
    assert "decision_sign" not in html
