import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.accounts import approvals
from thidua.accounts.models import (
    RequestStatus,
    Role,
    RoleAssignment,
    RoleChangeAction,
    RoleChangeRequest,
)
from thidua.accounts.tests.helpers import second_officer
from thidua.testing import UserFactory


@pytest.mark.django_db
def test_chairman_grant_waits_for_a_second_officer(client, world):
    client.force_login(world.home_affairs)
    client.post(
        reverse("accounts:grant", args=[world.officer_a.pk]),
        {"role": Role.CHAIRMAN, "unit": world.commune_a.pk},
    )
    assert not RoleAssignment.objects.filter(user=world.officer_a, role=Role.CHAIRMAN).exists()
    request = RoleChangeRequest.objects.get(user=world.officer_a)
    assert request.status == RequestStatus.PENDING
    assert request.requested_by == world.home_affairs

    # The requester cannot approve.
    with pytest.raises(ValidationError):
        approvals.role_change_approve(actor=world.home_affairs, request=request)
    client.post(reverse("accounts:decide_role", args=[request.pk]), {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert not RoleAssignment.objects.filter(user=world.officer_a, role=Role.CHAIRMAN).exists()

    approver = second_officer(world)
    client.force_login(approver)
    page = client.get(reverse("accounts:approvals"))
    assert request in page.context["role_requests"]
    client.post(reverse("accounts:decide_role", args=[request.pk]), {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.decided_by == approver
    assignment = RoleAssignment.objects.get(
        user=world.officer_a, role=Role.CHAIRMAN, unit=world.commune_a
    )
    assert assignment.history.first().history_user == approver
    assert request.history.count() == 2  # asked, then approved: who and when


@pytest.mark.django_db
def test_direct_service_grant_of_a_signing_role_is_refused(world):
    from thidua.accounts import services

    with pytest.raises(ValidationError):
        services.role_grant(
            actor=world.home_affairs,
            user=world.officer_a,
            role=Role.COUNCIL_MEMBER,
            unit=world.commune_a,
        )


@pytest.mark.django_db
def test_approver_outside_the_unit_or_the_owner_cannot_approve(world):
    request = approvals.role_change_request(
        actor=world.home_affairs, user=world.officer_a, role=Role.CHAIRMAN, unit=world.commune_a
    )
    outsider = UserFactory(username="noivu_khac")
    with pytest.raises(PermissionDenied):
        approvals.role_change_approve(actor=outsider, request=request)
    with pytest.raises(PermissionDenied):
        approvals.role_change_approve(actor=world.officer_a, request=request)
    superuser = UserFactory(username="quantri", is_superuser=True)
    approvals.role_change_approve(actor=superuser, request=request)
    assert RoleAssignment.objects.filter(user=world.officer_a, role=Role.CHAIRMAN).exists()


@pytest.mark.django_db
def test_removing_the_chairman_role_needs_approval_too(client, world):
    assignment = RoleAssignment.objects.get(user=world.chairman, role=Role.CHAIRMAN)
    client.force_login(world.home_affairs)
    client.post(reverse("accounts:revoke", args=[assignment.pk]))
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    request = RoleChangeRequest.objects.get(user=world.chairman, action=RoleChangeAction.REVOKE)
    approvals.role_change_approve(actor=second_officer(world), request=request)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.django_db
def test_ordinary_roles_are_granted_at_once(client, world):
    client.force_login(world.home_affairs)
    client.post(
        reverse("accounts:grant", args=[world.officer_a.pk]),
        {"role": Role.VIEWER, "unit": world.commune_b.pk},
    )
    assert RoleAssignment.objects.filter(
        user=world.officer_a, role=Role.VIEWER, unit=world.commune_b
    ).exists()
    assert not RoleChangeRequest.objects.exists()


@pytest.mark.django_db
def test_account_page_shows_the_pending_request(client, world, django_assert_max_num_queries):
    approvals.role_change_request(
        actor=world.home_affairs, user=world.officer_a, role=Role.CHAIRMAN, unit=world.commune_a
    )
    client.force_login(second_officer(world))
    page = client.get(reverse("accounts:approvals"))
    assert page.status_code == 200
    with django_assert_max_num_queries(20):
        detail = client.get(reverse("accounts:detail", args=[world.officer_a.pk]))
    assert 'data-testid="pending-requests"' in detail.content.decode()


@pytest.mark.django_db
def test_home_affairs_grant_needs_approval_so_no_puppet_approver(client, world):
    client.force_login(world.home_affairs)
    client.post(
        reverse("accounts:grant", args=[world.officer_a.pk]),
        {"role": Role.HOME_AFFAIRS, "unit": world.commune_a.pk},
    )
    assert not RoleAssignment.objects.filter(user=world.officer_a, role=Role.HOME_AFFAIRS).exists()
    assert RoleChangeRequest.objects.filter(user=world.officer_a, role=Role.HOME_AFFAIRS).exists()
