"""Writes for councils, one module per topic:

* ``setup`` — the council, its members and thresholds;
* ``sessions`` — planning a session, its agenda, the roll call and opening the vote;
* ``ballot`` — the secret ballot, in the room and in writing;
* ``sealing`` — the session's ballot key: sealing, opening, destroying;
* ``closing`` — closing a session: thresholds applied, results recorded, nominations moved.

The public names are re-exported here so callers write ``services.session_close`` whichever
module holds it.
"""

from .ballot import ballot_cast, ballot_record_written
from .closing import (
    MIN_BALLOTS_FOR_TALLY,
    Outcome,
    basis_phrase,
    item_outcome,
    outcome_note,
    session_close,
)
from .sessions import (
    agenda_add,
    agenda_remove,
    attendance_record,
    quorum_met,
    session_create,
    session_update,
    voting_open,
)
from .setup import (
    COUNCIL_FIELDS,
    MEMBER_FIELDS,
    council_add_default_thresholds,
    council_create,
    council_create_with_defaults,
    council_update,
    default_council_name,
    member_add,
    member_update,
    threshold_delete,
    threshold_set,
)

__all__ = [
    "COUNCIL_FIELDS",
    "MIN_BALLOTS_FOR_TALLY",
    "MEMBER_FIELDS",
    "Outcome",
    "agenda_add",
    "agenda_remove",
    "attendance_record",
    "ballot_cast",
    "ballot_record_written",
    "basis_phrase",
    "council_add_default_thresholds",
    "council_create",
    "council_create_with_defaults",
    "council_update",
    "default_council_name",
    "item_outcome",
    "member_add",
    "member_update",
    "outcome_note",
    "quorum_met",
    "session_close",
    "session_create",
    "session_update",
    "threshold_delete",
    "threshold_set",
    "voting_open",
]
