"""Reads for works, already narrowed to what the user may see.

One module per topic: ``works`` (lists, filters, compliance, reminders; its names are
re-exported here, so ``selectors.works_visible`` keeps working), ``dashboard`` (the
dashboard's figures) and ``review_consolidation`` (the consolidated interim or final review).
"""

from thidua.works.selectors.desk import desk_items
from thidua.works.selectors.works import (
    LIVE_STATUSES,
    ComplianceFilters,
    ComplianceRow,
    ComplianceState,
    WorkFilters,
    compliance_counts,
    compliance_rows,
    filter_works,
    missing_data_q,
    participating_units_for,
    pending_for_commune,
    reminders_for_me,
    reminders_of_movement,
    schedule_annotation,
    work_counts,
    works_awaiting_me,
    works_visible,
)

__all__ = [
    "LIVE_STATUSES",
    "ComplianceFilters",
    "ComplianceRow",
    "ComplianceState",
    "WorkFilters",
    "compliance_counts",
    "compliance_rows",
    "desk_items",
    "filter_works",
    "missing_data_q",
    "participating_units_for",
    "pending_for_commune",
    "reminders_for_me",
    "reminders_of_movement",
    "schedule_annotation",
    "work_counts",
    "works_awaiting_me",
    "works_visible",
]
