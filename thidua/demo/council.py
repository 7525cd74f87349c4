"""The Trạm Tấu district council of the demo, built from the demo accounts of ``load_demo``.

Idempotent: a second run adds only what is missing (members, default thresholds of award
forms recorded since). Call it after the demo units, accounts and award reference data exist.
"""

from __future__ import annotations

from django.db import transaction

from thidua.accounts.models import User
from thidua.councils import services
from thidua.councils.models import Council, CouncilMember, MemberRole
from thidua.units.models import Unit

DISTRICT_CODE = "TT"
COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng huyện Trạm Tấu"
# username, role in the council, position in the council's minutes
MEMBERS = [
    ("chutich", MemberRole.CHAIR, "Chủ tịch UBND huyện"),
    ("noivu", MemberRole.SECRETARY, "Chuyên viên Phòng Nội vụ (mẫu)"),
    ("hoidong", MemberRole.MEMBER, "Thành viên Hội đồng TĐKT (mẫu)"),
    ("xem", MemberRole.MEMBER, "Chuyên viên Phòng Tài chính - Kế hoạch (mẫu)"),
]
ACTOR = "noivu"  # the Home Affairs Office, standing body of the council


@transaction.atomic
def load_demo_council() -> Council | None:
    """The district council with the demo accounts as members; None if the demo is not
    loaded (no district or no Home Affairs account)."""
    district = Unit.objects.filter(code=DISTRICT_CODE).first()
    actor = User.objects.filter(username=ACTOR).first()
    if district is None or actor is None:
        return None
    council = Council.objects.filter(unit=district).order_by("pk").first()
    if council is None:
        council = services.council_create_with_defaults(
            actor=actor, unit=district, data={"name": COUNCIL_NAME}
        )
    else:
        services.council_add_default_thresholds(actor=actor, council=council)
    users = {u.username: u for u in User.objects.filter(username__in=[m[0] for m in MEMBERS])}
    have = set(CouncilMember.objects.filter(council=council).values_list("user_id", flat=True))
    for username, role, position in MEMBERS:
        user = users.get(username)
        if user is None or user.pk in have:
            continue
        services.member_add(
            actor=actor,
            council=council,
            user=user,
            data={"full_name": user.display_name, "position": position, "role": role},
        )
    return council
