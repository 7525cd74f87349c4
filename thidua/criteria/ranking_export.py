"""The movement's candidates ranked by how many criteria they meet, and its .xlsx export.

Candidates are the participating units (and the villages and residential groups of
participating communes, which register their works with them) and the people those units
manage. The Home Affairs Office over the issuing unit sees them all; anyone else sees the
candidates in their own subtree. The whole ranking costs a fixed number of queries: the
candidates (two), then ``evaluate_many`` (nine).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from thidua.accounts.models import Role
from thidua.accounts.scope import ALL_ROLES, reach
from thidua.core.text import fold
from thidua.criteria.evaluation import CandidateEvaluation, Verdict, evaluate_many
from thidua.criteria.models import (
    COLLECTIVE_TYPES,
    PERSON_KIND_TYPES,
    UNIT_KIND_TYPES,
    CandidateType,
    Person,
)
from thidua.movements.models import Movement, Participant
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit
from thidua.units.selectors import subtree_ids


class VerdictFilter:
    ALL_MET = "all_met"
    SOME_UNKNOWN = "some_unknown"
    SOME_NOT_MET = "some_not_met"


@dataclass(frozen=True)
class RankingFilters:
    candidate_type: str = ""
    commune: int | None = None
    verdict: str = ""
    q: str = ""


@dataclass
class RankingRow:
    rank: int
    evaluation: CandidateEvaluation
    commune: Unit | None

    @property
    def candidate(self):
        return self.evaluation.candidate


def sees_whole_movement(user, movement: Movement) -> bool:
    return movement.issuing_unit_id in reach(user, (Role.HOME_AFFAIRS,))


def candidate_units(user, movement: Movement) -> QuerySet[Unit]:
    """Participating units and the villages of participating communes that the user sees."""
    participants = Participant.objects.filter(movement=movement).values("unit_id")
    units = Unit.objects.filter(
        Q(pk__in=participants) | Q(kind__in=VILLAGE_LEVEL_KINDS, parent_id__in=participants),
        kind__in=list(UNIT_KIND_TYPES),
    )
    if not sees_whole_movement(user, movement):
        units = units.filter(pk__in=reach(user, ALL_ROLES))
    return units


def _kinds(mapping: dict[str, str], candidate_type: str) -> list[str]:
    return [kind for kind, mapped in mapping.items() if mapped == candidate_type]


def commune_of(unit: Unit) -> Unit | None:
    """The commune or town of a unit (itself, or its parent for a village); parent loaded."""
    if unit.is_commune_level:
        return unit
    if unit.parent is not None and unit.parent.is_commune_level:
        return unit.parent
    return None


def ranking(
    user, movement: Movement, filters: RankingFilters, *, today: date | None = None
) -> list[RankingRow]:
    units = candidate_units(user, movement)
    if filters.commune:
        units = units.filter(pk__in=subtree_ids([filters.commune]))
    people = Person.objects.filter(unit_id__in=units.values("pk"))
    if filters.candidate_type:
        if filters.candidate_type in COLLECTIVE_TYPES:
            people = people.none()
            units = units.filter(kind__in=_kinds(UNIT_KIND_TYPES, filters.candidate_type))
        else:
            units = units.none()
            people = people.filter(kind__in=_kinds(PERSON_KIND_TYPES, filters.candidate_type))
    for term in fold(filters.q).split():
        units = units.filter(search_text__contains=term)
        people = people.filter(search_text__contains=term)
    candidates = [
        *units.select_related("parent"),
        *people.select_related("unit", "unit__parent"),
    ]
    evaluations = evaluate_many(movement, candidates, today=today)
    rows = []
    for evaluation in evaluations.values():
        if not _keep(evaluation, filters.verdict):
            continue
        home = evaluation.candidate.home_unit
        rows.append(RankingRow(rank=0, evaluation=evaluation, commune=commune_of(home)))

    def order(row: RankingRow):
        candidate = row.candidate
        name = candidate.person.sort_name if candidate.is_person else candidate.unit.sort_name
        e = row.evaluation
        return (-e.met, e.not_met, -e.total, name, candidate.key)

    rows.sort(key=order)
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return rows


def _keep(evaluation: CandidateEvaluation, verdict: str) -> bool:
    if verdict == VerdictFilter.ALL_MET:
        return evaluation.all_met
    if verdict == VerdictFilter.SOME_UNKNOWN:
        return evaluation.unknown > 0
    if verdict == VerdictFilter.SOME_NOT_MET:
        return evaluation.not_met > 0
    return True


def ranking_counts(rows: list[RankingRow]) -> dict[str, int]:
    return {
        "total": len(rows),
        "all_met": sum(1 for r in rows if r.evaluation.all_met),
        "some_unknown": sum(1 for r in rows if r.evaluation.unknown),
        "some_not_met": sum(1 for r in rows if r.evaluation.not_met),
    }


# --- export --------------------------------------------------------------------------------

_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 5


def _columns() -> list[tuple[str, int]]:
    return [
        (_("Rank"), 6),
        (_("Candidate"), 32),
        (_("Candidate type"), 28),
        (_("Unit"), 24),
        (_("Commune or town"), 20),
        (_("Criterion set"), 30),
        (_("Met"), 8),
        (_("Not met"), 10),
        (_("Not yet known"), 12),
        (_("Criteria"), 10),
        (_("Criteria not met"), 24),
        (_("Criteria not yet known"), 24),
    ]


def _row(row: RankingRow) -> list:
    evaluation = row.evaluation
    candidate = evaluation.candidate
    criterion_set = evaluation.criterion_set
    type_label = str(CandidateType(candidate.type).label) if candidate.type else ""
    return [
        row.rank,
        candidate.name,
        type_label,
        candidate.home_unit.name if candidate.is_person else "",
        row.commune.name if row.commune else "",
        f"{criterion_set.name} (v{criterion_set.version})" if criterion_set else "",
        evaluation.met,
        evaluation.not_met,
        evaluation.unknown,
        evaluation.total,
        ", ".join(evaluation.codes(Verdict.NOT_MET)),
        ", ".join(evaluation.codes(Verdict.UNKNOWN)),
    ]


def ranking_workbook(movement: Movement, rows: list[RankingRow], filters_text: str = "") -> bytes:
    """The ranking as an .xlsx report: title rows, one header, one row per candidate."""
    columns = _columns()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(_("Candidates"))[:31])
    last = get_column_letter(len(columns))
    for index, (_header, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4

    def cell(value, font=None, fill=None, border=None, alignment=None) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if border is not None:
            c.border = border
        if alignment is not None:
            c.alignment = alignment
        return c

    ws.append([cell(_("CANDIDATES RANKED BY CRITERIA MET"), _TITLE_FONT)])
    ws.append([cell(movement.title, _BOLD)])
    subtitle = _("Data as of %(date)s.") % {"date": timezone.localdate().strftime("%d/%m/%Y")}
    if filters_text:
        subtitle += " " + filters_text
    ws.append([cell(subtitle)])
    ws.append([])
    for title_row in (1, 2, 3):
        ws.merged_cells.add(f"A{title_row}:{last}{title_row}")
    ws.append([cell(h, _BOLD, _HEADER_FILL, _BOX, _WRAP) for h, _width in columns])
    for row in rows:
        ws.append([cell(value, border=_BOX, alignment=_WRAP) for value in _row(row)])
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
