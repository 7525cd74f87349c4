import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.accounts import approvals, services
from thidua.accounts.models import Role, RoleAssignment, RoleChangeRequest


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.FOCAL_OFFICER, Role.VIEWER, Role.HOME_AFFAIRS])
def test_service_refuses_granting_a_role_to_oneself(world, role):
    officer = world.home_affairs
    with pytest.raises(ValidationError) as error:
        services.role_grant(actor=officer, user=officer, role=role, unit=world.commune_a)
    assert "chính mình" in " ".join(error.value.messages)
    assert not RoleAssignment.objects.filter(user=officer, role=role, unit=world.commune_a).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.COUNCIL_MEMBER])
def test_officer_cannot_even_request_the_signing_role_for_itself(world, role):
    officer = world.home_affairs
    with pytest.raises(ValidationError):
        approvals.role_change_request(actor=officer, user=officer, role=role, unit=world.commune_a)
    assert not RoleChangeRequest.objects.exists()


@pytest.mark.django_db
def test_self_grant_through_the_page_is_refused_with_a_message(client, world):
    officer = world.home_affairs
    client.force_login(officer)
    response = client.post(
        reverse("accounts:grant", args=[officer.pk]),
        {"role": Role.CHAIRMAN, "unit": world.commune_a.pk},
        follow=True,
    )
    assert "chính mình" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=officer, role=Role.CHAIRMAN).exists()
    assert not RoleChangeRequest.objects.exists()


@pytest.mark.django_db
def test_import_refuses_self_grant_and_signing_roles(world):
    from thidua.accounts.imports import accounts_import
    from thidua.interchange.tests.conftest import ACCOUNT_HEADERS, xlsx_upload

    upload = xlsx_upload(
        ACCOUNT_HEADERS,
        [
            [world.home_affairs.username, "Tôi", "XA-2", "Focal officer", "", "", ""],
            ["chutich_moi", "Người mới", "XA-2", "Chairman / leader", "", "", ""],
        ],
    )
    result = accounts_import(actor=world.home_affairs, upload=upload)
    codes = {error.code for error in result.errors}
    assert {"self_grant", "needs_approval"} <= codes
    assert not RoleAssignment.objects.filter(user=world.home_affairs, unit__code="XA-2").exists()
