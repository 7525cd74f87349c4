"""A small world across the 1/7/2025 reform, built with the factories.

Tỉnh Mẫu (province, from build_world)
├── Huyện Cũ (district, to 30/06/2025)
│   ├── Xã Cũ 1 (to 30/06/2025) ── Thôn Một (village; moved to Xã Mới on 01/07/2025)
│   ├── Xã Cũ 2 (to 30/06/2025)
│   └── Xã Cũ 3 (to 30/06/2025)
└── Xã Mới (commune, from 01/07/2025): the three old communes merged into it
"""

from dataclasses import dataclass
from datetime import date

from thidua.accounts.models import Role, User
from thidua.testing import UnitFactory, UserFactory, World, grant
from thidua.units.models import SuccessionKind, Unit, UnitKind, UnitSuccession

LAST_OLD_DAY = date(2025, 6, 30)
REFORM_DAY = date(2025, 7, 1)


@dataclass
class ReformWorld:
    old_district: Unit
    old_communes: list[Unit]
    village: Unit
    new_commune: Unit
    province_officer: User  # Home Affairs of the province: sees both worlds


def build_reform_world(world: World) -> ReformWorld:
    district = UnitFactory.create(
        kind=UnitKind.DISTRICT,
        code="HC",
        name="Huyện Cũ",
        parent=world.province,
        valid_to=LAST_OLD_DAY,
    )
    old = [
        UnitFactory.create(
            kind=UnitKind.COMMUNE,
            code=f"XC{n}",
            name=f"Xã Cũ {n}",
            parent=district,
            valid_to=LAST_OLD_DAY,
        )
        for n in (1, 2, 3)
    ]
    village = UnitFactory.create(
        kind=UnitKind.VILLAGE, code="XC1-T1", name="Thôn Một", parent=old[0]
    )
    new = UnitFactory.create(
        kind=UnitKind.COMMUNE,
        code="XMOI",
        name="Xã Mới",
        parent=world.province,
        valid_from=REFORM_DAY,
    )
    for commune in old:
        UnitSuccession.objects.create(
            predecessor=commune,
            successor=new,
            kind=SuccessionKind.MERGE,
            effective_date=REFORM_DAY,
            legal_basis="Nghị quyết mẫu",
        )
    # The village passes to the new commune: a plain save, which the unit's history records.
    village.parent = new
    village.save(update_fields=["parent"])
    officer: User = UserFactory.create(username="noivu_tinh", unit=world.province)
    grant(officer, Role.HOME_AFFAIRS, world.province)
    return ReformWorld(district, old, village, new, officer)
