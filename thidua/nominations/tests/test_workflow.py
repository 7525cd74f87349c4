"""The dossier's workflow through its pages: send (complete dossiers only), check by the
Home Affairs Office (accept, or return with a reason), correct and send again, withdraw;
the trail records every step; each page answers 404 to those who may not see the dossier."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.core.errors import ApplicationError
from thidua.nominations import services
from thidua.nominations.models import NominationEvent, NominationStatus
from thidua.testing import launched_movement

from .helpers import award_forms, docx_upload, make, person, submitted

pytestmark = pytest.mark.django_db
S = NominationStatus


@pytest.fixture
def movement(world):
    award_forms()
    return launched_movement(world)


def detail(nomination) -> str:
    return reverse("nominations:detail", args=[nomination.pk])


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- sending ----------------------------------------------------------------------------


def test_sending_needs_the_report_and_the_minutes(world, movement, client):
    nomination = make(world, movement, achievement="", minutes=False)
    with pytest.raises(ValidationError) as caught:
        services.nomination_submit(actor=world.officer_a, nomination=nomination)
    assert set(caught.value.message_dict) == {"achievement", "review_minutes"}
    client.force_login(world.officer_a)
    response = client.post(reverse("nominations:submit", args=[nomination.pk]), follow=True)
    text = response.content.decode()
    assert "Chưa gửi được hồ sơ" in text
    assert "Báo cáo thành tích: nhập nội dung hoặc tải lên tệp .docx, .pdf." in text
    assert "Biên bản họp xét của đơn vị: tải lên biên bản đã ký." in text
    nomination.refresh_from_db()
    assert nomination.status == S.DRAFT
    # The detail page says what is missing before the user tries.
    assert 'data-testid="missing-parts"' in page(client, world.officer_a, detail(nomination))


def test_an_uploaded_report_replaces_the_text(world, movement):
    nomination = make(world, movement, achievement="")
    services.nomination_update(
        actor=world.officer_a,
        nomination=nomination,
        data=services.DossierData(
            award_form=nomination.award_form, achievement_file=docx_upload("bao-cao.docx")
        ),
    )
    services.nomination_submit(actor=world.officer_a, nomination=nomination)
    assert nomination.status == S.SUBMITTED
    assert nomination.submitted_at is not None


def test_return_resubmit_accept_with_the_trail(world, movement, client):
    nomination = make(world, movement)
    client.force_login(world.officer_a)
    client.post(reverse("nominations:submit", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED

    # The office returns it: a reason is required.
    client.force_login(world.home_affairs)
    url = reverse("nominations:return", args=[nomination.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Lý do: nêu rõ nội dung đơn vị cần bổ sung" in response.content.decode()
    with pytest.raises(ValidationError):
        services.nomination_return(actor=world.home_affairs, nomination=nomination, reason=" ")
    reason = "Thiếu quyết định công nhận thôn văn hóa năm 2023."
    assert client.post(url, {"reason": reason}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == S.RETURNED
    assert nomination.return_reason == reason

    # The unit sees the reason prominently, corrects and sends again.
    text = page(client, world.officer_a, detail(nomination))
    assert 'data-testid="return-reason"' in text
    assert reason in text
    edit = reverse("nominations:edit", args=[nomination.pk])
    assert reason in page(client, world.officer_a, edit)
    response = client.post(
        edit,
        {
            "award_form": nomination.award_form.pk,
            "achievement": "Tóm tắt thành tích: đã bổ sung quyết định.",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED
    assert nomination.achievement == "Tóm tắt thành tích: đã bổ sung quyết định."

    # The office accepts it.
    client.force_login(world.home_affairs)
    client.post(reverse("nominations:accept", args=[nomination.pk]), {"note": "Đủ hồ sơ"})
    nomination.refresh_from_db()
    assert nomination.status == S.CHECKED

    steps = list(NominationEvent.objects.filter(nomination=nomination).order_by("at", "pk"))
    assert [(e.from_status, e.to_status) for e in steps] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.CHECKED),
    ]
    assert [e.actor for e in steps] == [
        world.officer_a,
        world.home_affairs,
        world.officer_a,
        world.home_affairs,
    ]
    assert steps[1].note == reason
    assert steps[2].note == "Gửi lại sau khi bổ sung"
    assert steps[3].note == "Đủ hồ sơ"
    trail = page(client, world.officer_a, detail(nomination))
    assert "Trả lại để bổ sung" in trail and reason in trail and "Đủ hồ sơ" in trail
    assert 'data-testid="return-reason"' not in trail  # no longer returned


def test_only_the_home_affairs_office_checks(world, movement, client):
    nomination = submitted(world, movement)
    for user in (world.officer_a, world.chairman, world.council_member):
        with pytest.raises(PermissionDenied):
            services.nomination_accept(actor=user, nomination=nomination)
        with pytest.raises(PermissionDenied):
            services.nomination_return(actor=user, nomination=nomination, reason="x")
    client.force_login(world.officer_a)
    assert client.post(reverse("nominations:accept", args=[nomination.pk])).status_code == 403
    assert client.get(reverse("nominations:return", args=[nomination.pk])).status_code == 403
    text = page(client, world.officer_a, detail(nomination))
    assert reverse("nominations:accept", args=[nomination.pk]) not in text
    text = page(client, world.home_affairs, detail(nomination))
    assert reverse("nominations:accept", args=[nomination.pk]) in text


def test_a_draft_cannot_be_accepted(world, movement):
    nomination = make(world, movement)
    with pytest.raises(ApplicationError):
        services.nomination_accept(actor=world.home_affairs, nomination=nomination)


def test_withdraw_needs_confirmation_and_frees_the_candidate(world, movement, client):
    nomination = submitted(world, movement)
    client.force_login(world.officer_a)
    url = reverse("nominations:withdraw", args=[nomination.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": "Đơn vị rút"})
    assert response.status_code == 200
    assert "Hãy đánh dấu ô xác nhận" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED
    assert client.post(url, {"note": "Đơn vị rút", "confirm": "on"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == S.WITHDRAWN
    assert client.get(url).status_code == 403  # nothing more to withdraw
    assert make(world, movement).pk != nomination.pk


def test_other_units_cannot_withdraw(world, movement, client):
    nomination = make(world, movement)
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(actor=world.viewer_a, nomination=nomination)


# --- access -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user,status",
    [
        ("officer_a", 200),
        ("viewer_a", 200),
        ("home_affairs", 200),
        ("chairman", 200),
        ("officer_b", 404),
        ("village_officer_a1", 404),
        ("nobody", 404),
    ],
)
def test_who_sees_a_dossier(world, movement, client, user, status):
    nomination = make(world, movement)
    item = services.nomination_add_files(
        actor=world.officer_a, nomination=nomination, uploads=[docx_upload("qd.docx")]
    )[0]
    client.force_login(getattr(world, user))
    urls = [
        detail(nomination),
        reverse("nominations:achievement_docx", args=[nomination.pk]),
        reverse("nominations:dossier_file", args=[nomination.pk, "bien-ban"]),
        reverse("nominations:evidence", args=[item.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == status, url
    if status == 404:
        for name in ("edit", "return", "withdraw"):
            url = reverse(f"nominations:{name}", args=[nomination.pk])
            assert client.get(url).status_code == 404
        for name in ("submit", "accept", "evidence_add"):
            url = reverse(f"nominations:{name}", args=[nomination.pk])
            assert client.post(url).status_code == 404
        assert (
            client.post(reverse("nominations:evidence_delete", args=[item.pk])).status_code == 404
        )


def test_missing_dossier_is_404(world, client):
    client.force_login(world.home_affairs)
    assert client.get(reverse("nominations:detail", args=[999999])).status_code == 404


def test_viewer_sees_but_may_not_act(world, movement, client):
    nomination = make(world, movement)
    text = page(client, world.viewer_a, detail(nomination))
    assert reverse("nominations:edit", args=[nomination.pk]) not in text
    assert reverse("nominations:submit", args=[nomination.pk]) not in text
    assert client.post(reverse("nominations:submit", args=[nomination.pk])).status_code == 403
    assert client.get(reverse("nominations:edit", args=[nomination.pk])).status_code == 403


def test_anonymous_is_sent_to_login(world, movement, client):
    nomination = make(world, movement)
    response = client.get(detail(nomination))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_wrong_method(world, movement, client):
    nomination = make(world, movement)
    client.force_login(world.officer_a)
    assert client.get(reverse("nominations:submit", args=[nomination.pk])).status_code == 405


def test_person_dossier_visible_to_the_proposing_commune_only(world, movement, client):
    cadre = person(world.village_a1, "Giàng A Páo")
    nomination = make(world, movement, person_=cadre, form=award_forms()["lao_dong"])
    client.force_login(world.officer_a)
    assert client.get(detail(nomination)).status_code == 200
    client.force_login(world.officer_b)
    assert client.get(detail(nomination)).status_code == 404
