"""Thresholds are data per council, each with its source and the dates of the sessions it
applies to: Nghị định 98/2023/NĐ-CP Điều 30 khoản 7 until 30/06/2025 (repealed by Nghị định
152/2025/NĐ-CP Điều 59), then the council's own rules (quy chế) of its province or commune."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.councils import defaults, services
from thidua.councils.models import AgendaItem, Basis, ItemResult, RuleOrigin

from .conftest import nominate, open_session, plan_session, vote

pytestmark = pytest.mark.django_db


def _seven_of_nine_yes(world, board, movement, award_forms, held_on):
    """Seven present, all yes: 7/9 = 77,8 % of all members, 100 % of those present."""
    nomination = nominate(
        world, movement, award_forms["chien_si_thi_dua_co_so"], f"Chiến Sĩ {held_on:%d%m}"
    )
    session = plan_session(world, board, movement, [nomination], held_on=held_on)
    open_session(world, session, board.all[:7])
    for member in board.all[:7]:
        vote(session, member, {nomination: True})
    services.session_close(actor=world.home_affairs, session=session)
    return session, AgendaItem.objects.get(session=session)


def test_nd98_2023_art30_7_eighty_percent_of_all_members_for_sessions_until_30_06_2025(
    world, board, movement, award_forms
):
    """Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7: Chiến sĩ thi đua cơ sở needs ≥ 80 % of the
    council's total members; a session held on its last day, 30/06/2025, is judged by it."""
    _session, item = _seven_of_nine_yes(world, board, movement, award_forms, date(2025, 6, 30))
    assert (item.threshold_percent, item.threshold_basis, item.result) == (
        80,
        Basis.ALL_MEMBERS,
        ItemResult.FAILED,
    )
    assert item.threshold_origin == RuleOrigin.LAW
    assert "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7" in item.threshold_source
    assert "Nghị định 152/2025/NĐ-CP, Điều 59" in item.threshold_source


def test_from_01_07_2025_nd152_2025_art59_repealed_it_and_the_councils_own_rules_apply(
    client, world, board, movement, award_forms
):
    """Nghị định 152/2025/NĐ-CP, Điều 59 repealed Nghị định 98/2023 from 1/7/2025: the same
    votes in a session of 01/07/2025 are judged by the council's own rules (here its default,
    ≥ 50 % of all members), shown «theo quy chế của huyện Mẫu»."""
    session, item = _seven_of_nine_yes(world, board, movement, award_forms, date(2025, 7, 1))
    assert (item.threshold_percent, item.threshold_basis, item.result) == (
        50,
        Basis.ALL_MEMBERS,
        ItemResult.PASSED,
    )
    assert item.threshold_origin == RuleOrigin.OWN_RULES
    client.force_login(world.home_affairs)
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert "theo quy chế của huyện Mẫu" in page


def test_a_council_records_its_own_rule_from_01_07_2025(world, board, movement, award_forms):
    """A province's rules (e.g. ≥ 80 % of the members present) entered as the council's own
    threshold for sessions from 01/07/2025; it may not overlap the decree's period."""
    form = award_forms["chien_si_thi_dua_co_so"]
    with pytest.raises(ValidationError) as error:
        services.threshold_set(
            actor=world.home_affairs,
            council=board.council,
            award_form=form,
            percent=80,
            basis=Basis.PRESENT,
            valid_from=date(2025, 6, 1),
        )
    assert error.value.message_dict["valid_from"] == [
        "«Chiến sĩ thi đua cơ sở» đã có tỷ lệ cho các phiên họp từ ngày 01/01/2024 đến ngày "
        "30/06/2025; hãy kết thúc tỷ lệ đó trước hoặc chọn thời gian không trùng."
    ]
    services.threshold_set(
        actor=world.home_affairs,
        council=board.council,
        award_form=form,
        percent=80,
        basis=Basis.PRESENT,
        legal_source="Quyết định 25/2025/QĐ-UBND của UBND tỉnh, Điều 12 (mẫu)",
        valid_from=date(2025, 7, 1),
    )
    _session, item = _seven_of_nine_yes(world, board, movement, award_forms, date(2025, 7, 2))
    assert (item.threshold_percent, item.threshold_basis, item.threshold_denominator) == (
        80,
        Basis.PRESENT,
        7,
    )
    assert item.result == ItemResult.PASSED
    assert item.threshold_origin == RuleOrigin.OWN_RULES
    assert item.threshold_source.startswith("Quyết định 25/2025/QĐ-UBND")


def test_council_page_shows_each_rule_with_its_source_and_the_forms_left_to_the_default(
    client, world, board
):
    client.force_login(world.home_affairs)
    page = client.get(reverse("councils:detail", args=[board.council.pk])).content.decode()
    assert "Theo quy chế của huyện Mẫu" in page  # the quorum and default threshold
    assert "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7" in page
    assert "phiên họp từ 01/01/2024 đến 30/06/2025" in page
    assert 'data-testid="left-to-default"' in page


def test_the_nd98_2023_art30_7_citation_does_not_say_the_ballot_is_secret():
    """The article sets the share of all members and the written opinion of absent members;
    it says nothing of a secret ballot, so neither does the citation."""
    assert "kín" not in defaults.ND_98_ART_30_7
    assert "Điều 30 khoản 7" in defaults.ND_98_ART_30_7
    rows = {row.award_form_code: row for row in defaults.FORM_THRESHOLDS}
    for code, percent in (("chien_si_thi_dua_co_so", 80), ("chien_si_thi_dua_cap_tinh", 90)):
        row = rows[code]
        assert (row.percent, row.basis, row.origin) == (percent, Basis.ALL_MEMBERS, RuleOrigin.LAW)
        assert (row.valid_from, row.valid_to) == (date(2024, 1, 1), date(2025, 6, 30))
