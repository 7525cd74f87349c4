"""Named permission rules for accounts (django-rules): the Home Affairs officers who maintain
the unit directory below their grant also maintain the accounts there."""

import rules

from thidua.units.rules import can_manage_unit

rules.add_perm("accounts.manage_accounts", can_manage_unit)
