"""Reads for the criteria pages."""

from __future__ import annotations

from thidua.movements.models import Movement, MovementStatus, Participant
from thidua.units.models import Unit
from thidua.works.services import takes_part


def launched_movements_of(unit: Unit) -> list[Movement]:
    """Launched movements the unit takes part in (the works rule: a village through its
    commune), for links to its criteria check."""
    ids = [unit.pk, unit.parent_id] if unit.parent_id else [unit.pk]
    rows = Participant.objects.filter(
        unit_id__in=ids, movement__status=MovementStatus.LAUNCHED
    ).select_related("movement")
    movements, participants = {}, {}
    for row in rows:
        movements[row.movement_id] = row.movement
        participants.setdefault(row.movement_id, set()).add(row.unit_id)
    return [m for pk, m in movements.items() if takes_part(unit, participants[pk])]
