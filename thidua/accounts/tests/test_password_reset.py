import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from thidua.accounts.models import PasswordResetRequest, RequestStatus, User
from thidua.accounts.tests.helpers import second_officer
from thidua.testing import PASSWORD


def _link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
def test_reset_by_officer_never_returns_a_password(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    owner = world.officer_a
    client.force_login(world.home_affairs)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:reset_password", args=[owner.pk]))
    assert response.status_code == 302
    assert "initial_password" not in (response.context or {})
    owner.refresh_from_db()
    assert not owner.has_usable_password()  # the old password no longer works
    assert not owner.check_password(PASSWORD)
    assert [m.to for m in mailoutbox] == [[owner.email]]
    entry = owner.history.first()
    assert entry.history_user == world.home_affairs
    assert "liên kết" in entry.history_change_reason


@pytest.mark.django_db
def test_reset_link_works_once_for_the_owner(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    owner = world.officer_a
    client.force_login(world.home_affairs)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:reset_password", args=[owner.pk]))
    client.logout()
    link = _link(mailoutbox[0].body)
    form_page = client.get(link, follow=True)  # Django swaps the token for a session marker
    assert form_page.context["validlink"]
    new = "Mat-khau-moi-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    login = client.post(reverse("login"), {"username": owner.username, "password": new})
    assert login.status_code == 302
    owner.refresh_from_db()
    assert owner.history.first().history_change_reason == "Đặt mật khẩu từ liên kết đặt lại"
    client.logout()
    assert not client.get(link, follow=True).context["validlink"]  # used once


@pytest.mark.django_db
def test_chairman_reset_is_a_request_and_the_password_goes_to_the_approver_not_the_requester(
    client, world
):
    owner = world.chairman
    User.objects.filter(pk=owner.pk).update(email="")  # no e-mail: a temporary password
    client.force_login(world.home_affairs)
    response = client.post(reverse("accounts:reset_password", args=[owner.pk]))
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # nothing changed yet
    request = PasswordResetRequest.objects.get(user=owner)
    assert (
        client.post(
            reverse("accounts:decide_reset", args=[request.pk]), {"decision": "approve"}
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING

    approver = second_officer(world)
    client.force_login(approver)
    shown = client.post(
        reverse("accounts:decide_reset", args=[request.pk]), {"decision": "approve"}
    )
    temporary = shown.context["initial_password"]
    owner.refresh_from_db()
    assert owner.check_password(temporary)
    assert owner.must_change_password
    assert owner.history.first().history_user == approver
    # The requester's own session never held it either.
    assert all(temporary not in str(s.get_decoded()) for s in Session.objects.all())
