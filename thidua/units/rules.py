"""Named permission rules for the unit directory (django-rules)."""

import rules

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, holds, reach
from thidua.units.models import Unit


@rules.predicate
def can_view_unit(user: User, unit: Unit | None) -> bool:
    if unit is None:
        return holds(user, ALL_ROLES)
    return unit.pk in reach(user, ALL_ROLES)


@rules.predicate
def can_manage_unit(user: User, unit: Unit | None) -> bool:
    """Home Affairs officers maintain the directory and accounts below their grant."""
    if unit is None:
        return holds(user, (Role.HOME_AFFAIRS,))
    return unit.pk in reach(user, (Role.HOME_AFFAIRS,))


rules.add_perm("units.view_unit", can_view_unit)
rules.add_perm("units.manage_directory", can_manage_unit)
