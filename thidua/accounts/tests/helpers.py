"""Shared set-up for the account security tests: a second Home Affairs officer who can approve."""

from thidua.accounts.models import Role, User
from thidua.testing import UserFactory, World, grant


def second_officer(world: World) -> User:
    officer = UserFactory(username="noivu2", unit=world.district)
    grant(officer, Role.HOME_AFFAIRS, world.district)
    return officer
