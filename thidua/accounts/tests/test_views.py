import pytest
from django.urls import reverse

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.testing import UnitFactory, UserFactory, grant
from thidua.units.models import UnitKind


@pytest.mark.django_db
def test_home_affairs_creates_account_with_role(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("accounts:create"),
        {
            "username": "canbo.xaa2",
            "full_name": "Lò Văn Mới",
            "unit": world.commune_a.pk,
            "role": Role.FOCAL_OFFICER,
            "email": "",
            "phone": "",
            "position": "",
        },
    )
    assert response.status_code == 200
    password = response.context["initial_password"]
    user = User.objects.get(username="canbo.xaa2")
    assert user.must_change_password
    assert user.check_password(password)
    assert RoleAssignment.objects.filter(
        user=user, role=Role.FOCAL_OFFICER, unit=world.commune_a
    ).exists()
    assert user.history.first().history_user == world.home_affairs


@pytest.mark.django_db
def test_create_account_outside_reach_refused(client, world):
    other = UnitFactory(kind=UnitKind.DISTRICT, parent=world.province)
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("accounts:create"),
        {"username": "x1", "full_name": "X", "unit": other.pk, "role": Role.VIEWER},
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(username="x1").exists()


@pytest.mark.django_db
def test_duplicate_username_named(client, world):
    client.force_login(world.home_affairs)
    response = client.post(
        reverse("accounts:create"),
        {"username": "canbo_a", "full_name": "X", "unit": world.commune_a.pk, "role": Role.VIEWER},
    )
    assert "username" in response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer_a", "chairman", "viewer_a", "council_member"])
def test_only_home_affairs_manages_accounts(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("accounts:list")).status_code == 403
    assert client.get(reverse("accounts:create")).status_code == 403
    assert client.get(reverse("accounts:detail", args=[world.officer_b.pk])).status_code == 403


@pytest.mark.django_db
def test_grant_and_revoke_role(client, world):
    client.force_login(world.home_affairs)
    url = reverse("accounts:grant", args=[world.officer_b.pk])
    client.post(url, {"role": Role.VIEWER, "unit": world.village_a1.pk})
    assignment = RoleAssignment.objects.get(user=world.officer_b, role=Role.VIEWER)
    assert world.officer_b.has_perm("units.view_unit", world.village_a1)
    client.post(reverse("accounts:revoke", args=[assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert RoleAssignment.history.filter(history_type="-", history_user=world.home_affairs).exists()


@pytest.mark.django_db
def test_lock_and_reset(client, world):
    client.force_login(world.home_affairs)
    client.post(reverse("accounts:set_active", args=[world.officer_a.pk]), {"active": "0"})
    world.officer_a.refresh_from_db()
    assert not world.officer_a.is_active
    # Without an e-mail the reset issues a temporary password (with an e-mail: a link).
    User.objects.filter(pk=world.officer_a.pk).update(email="")
    response = client.post(reverse("accounts:reset_password", args=[world.officer_a.pk]))
    world.officer_a.refresh_from_db()
    assert world.officer_a.check_password(response.context["initial_password"])
    assert world.officer_a.must_change_password
    assert world.officer_a.temporary_password_expires_at is not None
    assert (
        client.get(reverse("accounts:reset_password", args=[world.officer_a.pk])).status_code == 405
    )


@pytest.mark.django_db
def test_account_outside_reach_is_404(client, world):
    stranger_unit = UnitFactory(kind=UnitKind.DISTRICT, parent=world.province)
    stranger = UserFactory(unit=stranger_unit)
    grant(stranger, Role.VIEWER, stranger_unit)
    client.force_login(world.home_affairs)
    assert client.get(reverse("accounts:detail", args=[stranger.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 60])
def test_account_list_query_count(client, world, size, django_assert_max_num_queries):
    for _ in range(size):
        user = UserFactory(unit=world.village_a1)
        grant(user, Role.FOCAL_OFFICER, world.village_a1)
    client.force_login(world.home_affairs)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:list"))
    assert response.status_code == 200
