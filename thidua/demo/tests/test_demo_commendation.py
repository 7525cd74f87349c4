"""The demo's commendation story: every stage present once, dated in 2025, and idempotent."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from thidua.awards.models import Award, Decision, DecisionKind, DecisionStatus, Quota
from thidua.calendar_days.workdays import add_working_days
from thidua.councils.models import BallotReceipt, CouncilSession, ItemResult, SessionStatus
from thidua.demo.commendation import load_demo_commendation
from thidua.demo.commendation import script as story
from thidua.movements.models import Movement
from thidua.nominations import achievement
from thidua.nominations.models import (
    Nomination,
    NominationEvent,
    NominationStatus,
    NoticeComment,
    PublicNotice,
)

S = NominationStatus
APPS = {"nominations", "councils", "awards", "criteria", "units", "accounts", "movements"}


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in APPS
    }


def _load() -> bool:
    call_command("load_demo", stdout=io.StringIO())
    # A no-op once load_demo calls it itself.
    return load_demo_commendation()


def _refuse_libreoffice(*args, **kwargs):
    raise AssertionError("load_demo converted a document with LibreOffice")


@pytest.fixture
def no_libreoffice(monkeypatch):
    """The demo must never start LibreOffice (slow, and maybe missing)."""

    monkeypatch.setattr("thidua.core.pdf.docx_to_pdf", _refuse_libreoffice)


@pytest.fixture(scope="module")
def story_loaded(module_db, tmp_path_factory) -> tuple[int, Path]:
    """The demo, loaded once for the module's read-only tests, its files in a module folder."""
    media = tmp_path_factory.mktemp("media")
    with pytest.MonkeyPatch.context() as patch, override_settings(MEDIA_ROOT=media):
        patch.setattr("thidua.core.pdf.docx_to_pdf", _refuse_libreoffice)
        _load()
    return Movement.objects.get().pk, media


@pytest.fixture
def loaded(db, story_loaded, settings):
    pk, settings.MEDIA_ROOT = story_loaded
    return Movement.objects.get(pk=pk)


def _by_candidate(movement) -> dict[str, Nomination]:
    """Dossiers by their candidate: a unit's code (villages share names) or a person's name."""
    nominations = Nomination.objects.filter(movement=movement).select_related(
        "candidate_unit", "candidate_person", "created_by"
    )
    return {
        n.candidate_unit.code if n.candidate_unit_id else n.candidate_person.full_name: n
        for n in nominations
    }


@pytest.mark.django_db
def test_second_run_creates_nothing(no_libreoffice):
    _load()
    first = _counts()
    assert load_demo_commendation() is False
    assert _load() is False
    assert _counts() == first


@pytest.mark.django_db
def test_nothing_without_the_rest_of_the_demo():
    assert load_demo_commendation() is False
    assert not Nomination.objects.exists() and not Award.objects.exists()


def test_dossiers_in_every_state(loaded):
    nominations = _by_candidate(loaded)
    assert {key: n.status for key, n in nominations.items()} == {
        # Through the notice and the council of June 2025.
        "TT.BANMU": S.PROPOSED,
        "Mùa A Sình": S.DECIDED,
        "Sùng Thị Dua": S.REJECTED,
        "TT.BANMU.T1": S.DECIDED,
        "Vàng A Chư": S.DECIDED,
        "Hờ Thị Mỷ": S.DECIDED,
        "TT.XAHO": S.DECIDED,
        # Still on their way in December 2025.
        "TT.BANMU.T2": S.RETURNED,
        "TT.XAHO.T1": S.CHECKED,
        "TT.XAHO.T2": S.DRAFT,
    }
    assert nominations["TT.BANMU.T2"].return_reason == story.RETURN_REASON
    assert nominations["TT.XAHO.T2"].submitted_at is None
    # Proposed by the communes' own officers, with real minutes, people of demo_facts.
    assert {n.created_by.username for n in nominations.values()} == {"banmu", "xaho"}
    assert all(n.review_minutes for n in Nomination.objects.filter(movement=loaded))
    assert all(
        n.candidate_person.is_sample
        for n in Nomination.objects.filter(movement=loaded, candidate_person__isnull=False)
    )
    # The public notice shows the report's summary, marked as a sample.
    assert all("(mẫu)" in achievement.public_summary(n.achievement) for n in nominations.values())
    # Mỷ's dossier was returned once and sent again: the trail shows it.
    my = nominations["Hờ Thị Mỷ"]
    trail = list(my.events.values_list("to_status", flat=True))
    assert trail[:4] == [S.SUBMITTED, S.RETURNED, S.SUBMITTED, S.CHECKED]


def test_notice_published_in_the_past_with_an_answered_comment(loaded):
    notice = PublicNotice.objects.get(movement=loaded)
    assert "(mẫu)" in notice.title
    assert notice.published_on == date(2025, 6, 2)
    assert notice.closes_on == add_working_days(date(2025, 6, 2), 10) == date(2025, 6, 16)
    assert notice.nominations.count() == 7
    comment = NoticeComment.objects.get(notice=notice)
    assert "(mẫu)" in comment.author_name
    assert comment.answer and comment.answered_by.username == "noivu"
    assert comment.sent_at.date() == date(2025, 6, 5)
    assert comment.answered_at.date() == date(2025, 6, 9)


def test_council_session_closed_with_one_failing_the_threshold(loaded):
    session = CouncilSession.objects.get(movement=loaded)
    assert session.status == SessionStatus.CLOSED
    assert session.held_on == date(2025, 6, 20)
    assert (session.member_count, session.present_count) == (4, 3)
    items = {item.nomination.candidate_name: item for item in session.items.all()}
    assert len(items) == 7
    failed = [name for name, item in items.items() if item.result == ItemResult.FAILED]
    assert failed == ["Sùng Thị Dua"]
    dua = items["Sùng Thị Dua"]
    assert (dua.yes_count, dua.threshold_percent, dua.threshold_denominator) == (3, 80, 4)
    assert items["Mùa A Sình"].result == ItemResult.PASSED
    written = BallotReceipt.objects.filter(item__session=session, in_writing=True)
    assert written.count() == 7
    assert set(written.values_list("member__user__username", flat=True)) == {"xem"}
    assert session.closed_at.date() == date(2025, 6, 20)


def test_signed_decision_and_proposal_within_quota(loaded):
    decision = Decision.objects.get(movement=loaded, kind=DecisionKind.DECISION)
    proposal = Decision.objects.get(movement=loaded, kind=DecisionKind.PROPOSAL)
    for document in (decision, proposal):
        assert document.status == DecisionStatus.SIGNED
        assert document.signed_on == date(2025, 6, 25)
        assert document.signed_by.username == "chutich"
        assert document.signed_at.date() == date(2025, 6, 25)
        assert "(mẫu)" in document.summary
        assert document.docx and document.docx.storage.exists(document.docx.name)
        assert not document.pdf  # made on demand from the decision page
        assert document.council_session is not None
    assert decision.number_label == "01/QĐ-UBND"
    assert proposal.number_label == "01/TTr-UBND"
    quota = Quota.objects.get(movement=loaded)
    assert (quota.award_form.code, quota.allocated, quota.used) == ("bang_khen_tinh", 2, 1)


def test_awards_with_money_one_revoked_and_a_paper_award(loaded, client):
    awards = Award.objects.filter(decision__movement=loaded)
    assert awards.count() == 5
    money = {a.recipient_name: a.amount for a in awards}
    # 0,3 × 2.340.000 = 702.000, rounded up to 10.000 đ (NĐ 98/2023 as NĐ 152/2025, Điều 49).
    assert money["Vàng A Chư"] == 710_000
    assert money["Mùa A Sình"] == 2_340_000
    assert all(a.decided_on == date(2025, 6, 25) for a in awards)
    revoked = awards.get(revoked_on__isnull=False)
    assert revoked.recipient_name == "Hờ Thị Mỷ"
    assert revoked.revoked_on == date(2025, 10, 15)
    assert "(mẫu)" in revoked.revocation_reason and "(mẫu)" in revoked.revocation_decision
    paper = Award.objects.get(decision__isnull=True)
    assert paper.decided_on.year == 2023 and "(mẫu)" in paper.decision_number
    assert paper.person.is_sample
    for award in (revoked, awards.filter(revoked_on__isnull=True).first()):
        response = client.get(reverse("verify:award", args=[award.token]))
        assert response.status_code == 200
        assert "01/QĐ-UBND" in response.content.decode()


def test_story_is_dated_in_2025(loaded):
    demo = Nomination.objects.filter(movement=loaded)
    assert not demo.filter(created_at__year__gt=2025).exists()
    assert not NominationEvent.objects.filter(nomination__in=demo, at__year__gt=2025).exists()
    assert not Nomination.history.filter(id__in=demo.values("pk"), history_date__year__gt=2025)
    assert not Award.objects.filter(recorded_at__year__gt=2025).exists()
    assert not Award.history.filter(history_date__year__gt=2025).exists()
