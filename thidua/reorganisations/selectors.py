"""Reads for the reorganisation pages: the list, the preview before applying (from the same
table of sections that applying uses) and the summary of what moved."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.reorganisations.models import Reorganisation, ReorganisationKind
from thidua.reorganisations.rules import visible_reorganisations
from thidua.reorganisations.sections import CHILDREN, MOVES, ROLES, SECTIONS, STAYS, Section
from thidua.units.models import Unit

FIRST_ROWS = 5


@dataclass
class PreviewSection:
    key: str
    label: str
    count: int
    rows: list[str] = field(default_factory=list)
    note: str = ""


def reorganisation_list(
    user: User, *, kind: str = "", status: str = "", q: str = ""
) -> QuerySet[Reorganisation]:
    reorganisations = visible_reorganisations(user).select_related("province", "created_by")
    if kind:
        reorganisations = reorganisations.filter(kind=kind)
    if status:
        reorganisations = reorganisations.filter(status=status)
    if q:
        reorganisations = reorganisations.filter(
            Q(document_number__icontains=q) | Q(sources__unit__name__icontains=q)
        ).distinct()
    return reorganisations.annotate(source_count=Count("sources", distinct=True)).order_by(
        "-created_at", "-pk"
    )


def _section(section: Section, unit_ids: list[int], note: str = "") -> PreviewSection:
    qs = section.queryset(unit_ids)
    return PreviewSection(
        key=section.key,
        label=str(section.label),
        count=qs.count(),
        rows=[str(obj) for obj in qs[:FIRST_ROWS]],
        note=note,
    )


def preview(reorganisation: Reorganisation) -> dict[str, Any]:
    """What applying would do: what moves (with counts and first rows) and what stays."""
    sources = [s.unit for s in reorganisation.sources.select_related("unit")]
    targets = list(reorganisation.targets.select_related("unit", "parent"))
    source_ids = [u.pk for u in sources]
    kind = reorganisation.kind
    moves: list[PreviewSection] = []
    stays: list[PreviewSection] = []
    roles = None
    if kind in (ReorganisationKind.MERGE, ReorganisationKind.SPLIT):
        first = str(targets[0]) if targets else ""
        if kind == ReorganisationKind.SPLIT:
            chosen = {
                c.child_id: str(c.target)
                for c in reorganisation.split_children.select_related("target", "target__unit")
            }
            children = list(Unit.objects.filter(parent_id__in=source_ids).order_by("sort_name"))
            moves.append(
                PreviewSection(
                    key=CHILDREN.key,
                    label=str(CHILDREN.label),
                    count=len(children),
                    rows=[f"{c.name} → {chosen.get(c.pk, first)}" for c in children],
                )
            )
            note = _("to %(unit)s") % {"unit": first}
        else:
            moves.append(_section(CHILDREN, source_ids))
            note = ""
        moves += [_section(s, source_ids, note) for s in MOVES]
        stays = [_section(s, source_ids) for s in STAYS]
        roles = _section(ROLES, source_ids)
    elif kind == ReorganisationKind.TRANSFER:
        moves.append(
            PreviewSection(
                key=CHILDREN.key,
                label=_("Units moved with everything below them"),
                count=len(sources),
                rows=[u.name for u in sources],
                note=_("under %(unit)s") % {"unit": targets[0] if targets else ""},
            )
        )
    return {
        "sources": sources,
        "targets": targets,
        "moves": moves,
        "stays": stays,
        "roles": roles,
        "ends_units": kind in (ReorganisationKind.MERGE, ReorganisationKind.SPLIT),
    }


def change_labels() -> dict[str, str]:
    """Names of the change-log sections that are not in the table of what moves."""
    return {
        "new_units": _("New units"),
        "ended_units": _("Units ended"),
        "successions": _("Succession links"),
        "renamed": _("Names changed"),
    }


def moved_summary(reorganisation: Reorganisation) -> list[dict[str, Any]]:
    """How many rows each section changed, with their labels' first rows."""
    counts = reorganisation.changes.values("section").annotate(n=Count("pk")).order_by("section")
    labels = change_labels()
    summary = []
    for row in counts:
        section = SECTIONS.get(row["section"])
        label = str(section.label) if section else str(labels.get(row["section"], row["section"]))
        summary.append({"key": row["section"], "label": label, "count": row["n"]})
    return summary
