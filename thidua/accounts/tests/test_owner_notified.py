import pytest

from thidua.accounts import approvals
from thidua.accounts.models import Role, User
from thidua.accounts.notify import TOPIC
from thidua.accounts.tests.helpers import second_officer
from thidua.core.models import EmailStatus, OutboundEmail


@pytest.mark.django_db
def test_owner_is_told_of_the_request_and_of_the_approved_grant(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    owner = world.officer_a
    with django_capture_on_commit_callbacks(execute=True):
        request = approvals.role_change_request(
            actor=world.home_affairs, user=owner, role=Role.CHAIRMAN, unit=world.commune_a
        )
    approver = second_officer(world)
    with django_capture_on_commit_callbacks(execute=True):
        approvals.role_change_approve(actor=approver, request=request)
    rows = OutboundEmail.objects.filter(topic=TOPIC, recipient=owner.email).order_by("pk")
    assert rows.count() == 2
    assert all(row.status == EmailStatus.SENT for row in rows)
    assert [m.to for m in mailoutbox] == [[owner.email], [owner.email]]
    assert world.home_affairs.display_name in mailoutbox[1].body  # who asked
    assert approver.display_name in mailoutbox[1].body  # and who approved


@pytest.mark.django_db
def test_reset_request_tells_the_owner_once(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approvals.password_reset_request(actor=world.home_affairs, user=world.chairman)
    assert [m.to for m in mailoutbox] == [[world.chairman.email]]
    User.objects.filter(pk=world.chairman.pk).update(email="")
    world.chairman.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        approvals.password_reset_request(actor=world.home_affairs, user=world.chairman)
    assert len(mailoutbox) == 1  # same pending request, no e-mail address: nothing more
