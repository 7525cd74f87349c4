"""The works' part of the home page: a unit's own reminders and village registrations to
accept; for the Home Affairs Office of the issuer, one line per movement for the units late
to register and the reviews not filed. A fixed number of queries whatever the size of the tree.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.accounts.scope import reach
from thidua.movements.models import Movement, MovementStatus, Participant
from thidua.works.models import Review, ReviewKind, ReviewStatus, Work
from thidua.works.selectors.works import LIVE_STATUSES, reminders_for_me, works_awaiting_me

# How many running movements the office's lines cover (the newest first).
FOLLOWED_MOVEMENTS = 5


def review_due(movement: Movement, today: date) -> str | None:
    """Which review the units owe: the final one once the period is over, the interim one
    from the middle of the period (plan IV.1.d names no dates), else none yet."""
    if today > movement.end_date:
        return ReviewKind.FINAL
    if today >= movement.start_date + (movement.end_date - movement.start_date) / 2:
        return ReviewKind.INTERIM
    return None


def office_follow_up(user: User, today: date | None = None) -> list[dict]:
    """For the Home Affairs Office of a movement's issuer: per running movement, how many
    participants registered no work after the deadline, and how many have not filed the
    review that is due. Three queries for all the movements together."""
    today = today or timezone.localdate()
    movements = list(
        Movement.objects.filter(
            status=MovementStatus.LAUNCHED,
            issuing_unit_id__in=reach(user, (Role.HOME_AFFAIRS,)),
        ).order_by("-start_date", "-pk")[:FOLLOWED_MOVEMENTS]
    )
    if not movements:
        return []
    late = [m.pk for m in movements if m.registration_deadline and today > m.registration_deadline]
    unregistered = dict(
        Participant.objects.filter(movement_id__in=late)
        .exclude(
            Exists(
                Work.objects.filter(
                    movement_id=OuterRef("movement_id"),
                    unit_id=OuterRef("unit_id"),
                    status__in=LIVE_STATUSES,
                )
            )
        )
        .values("movement_id")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("movement_id", "n")
    )
    due = {m.pk: review_due(m, today) for m in movements}
    unfiled: dict[int, int] = {}
    for kind in (ReviewKind.INTERIM, ReviewKind.FINAL):
        ids = [pk for pk, owed in due.items() if owed == kind]
        if not ids:
            continue
        filed = Review.objects.filter(
            movement_id=OuterRef("movement_id"),
            unit_id=OuterRef("unit_id"),
            kind=kind,
            status=ReviewStatus.SUBMITTED,
        )
        unfiled.update(
            Participant.objects.filter(movement_id__in=ids)
            .exclude(Exists(filed))
            .values("movement_id")
            .order_by()
            .annotate(n=Count("pk"))
            .values_list("movement_id", "n")
        )
    lines = []
    for movement in movements:
        owed = due[movement.pk]
        line = {
            "movement": movement,
            "unregistered": unregistered.get(movement.pk, 0),
            "review_kind": owed,
            "review_label": ReviewKind(owed).label if owed else "",
            "unfiled": unfiled.get(movement.pk, 0),
        }
        if line["unregistered"] or line["unfiled"]:
            lines.append(line)
    return lines


def desk_items(user: User) -> dict:
    """The home page's part from works."""
    # Reminders of an ended movement no longer ask anything of the unit.
    reminders = reminders_for_me(user).filter(
        acknowledged_at__isnull=True, reminder__movement__status=MovementStatus.LAUNCHED
    )
    awaiting = works_awaiting_me(user)
    return {
        "reminders": reminders[:5],
        "reminder_count": reminders.count(),
        "awaiting": awaiting[:10],
        "awaiting_count": awaiting.count(),
        "office_follow_up": office_follow_up(user),
    }
