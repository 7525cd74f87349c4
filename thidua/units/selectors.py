from collections.abc import Collection, Iterable, Sequence
from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet

from thidua.core.text import fold
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit, UnitSuccession

# Words that open the name of an administrative unit; inside a phrase they are written in
# lower case («Thôn 1, xã Bản Mù»). Longer words first so «Thị trấn» is not read as «Thị».
ADMINISTRATIVE_WORDS = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
)


def subtree_ids(root_ids: Iterable[int]) -> set[int]:
    """Ids of the given units and all their descendants, in one recursive query."""
    return set().union(*subtrees_by_root(root_ids).values())


def subtrees_by_root(root_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each root, the ids of its subtree (itself included), in one recursive query.

    Plain SQL because django-tree-queries' descendants() takes one root, and a user may hold
    roles on several units.
    """
    roots = sorted({int(pk) for pk in root_ids})
    if not roots:
        return {}
    table = Unit._meta.db_table
    placeholders = ", ".join(["%s"] * len(roots))
    sql = (
        f"WITH RECURSIVE sub(root, id) AS ("
        f" SELECT id, id FROM {table} WHERE id IN ({placeholders})"
        f" UNION SELECT sub.root, u.id FROM {table} u JOIN sub ON u.parent_id = sub.id"
        f") SELECT root, id FROM sub"
    )
    result: dict[int, set[int]] = {root: set() for root in roots}
    with connection.cursor() as cursor:
        cursor.execute(sql, roots)
        for root, pk in cursor.fetchall():
            result[root].add(pk)
    return result


def in_phrase(name: str) -> str:
    """A unit's name as it reads after a comma: its administrative word in lower case."""
    for word in ADMINISTRATIVE_WORDS:
        if name.startswith(word + " "):
            return word.lower() + name[len(word) :]
    return name


def unit_display_name(unit: Unit) -> str:
    """How a unit is named wherever it is listed or picked. Villages and residential groups
    share names across communes («Thôn 1»), so they say whose: «Thôn 1, xã Bản Mù». Querysets
    that list units select_related("parent") so this costs no query per row."""
    if unit.kind in VILLAGE_LEVEL_KINDS and unit.parent_id is not None and unit.parent:
        return f"{unit.name}, {in_phrase(unit.parent.name)}"
    return unit.name


def ancestor_ids(unit: Unit, *, include_self: bool = True) -> list[int]:
    """Ids from the root down to the unit."""
    ids = list(Unit.objects.ancestors(unit, include_self=include_self).values_list("pk", flat=True))
    return ids


def unit_search(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Accent-insensitive search on code, short and full name ("ta si lang" finds "Tà Si Láng")."""
    terms = fold(text).split()
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return queryset.filter(condition)


def commune_of(unit: Unit, parents: dict[int, Unit]) -> Unit | None:
    """The commune or town a unit belongs to (itself if it is one), from a prefetched id→unit map."""
    node: Unit | None = unit
    while node is not None:
        if node.is_commune_level:
            return node
        node = parents.get(node.parent_id) if node.parent_id else None
    return None


# --- the directory as at a date ---------------------------------------------------------------


def valid_on_q(day: date, prefix: str = "") -> Q:
    """Units in existence on ``day`` (an open start or end counts as always)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def parents_on(units: Sequence[Unit], day: date, within: Collection[int]) -> dict[int, int | None]:
    """Each unit's parent on ``day``: its parent now if that existed then, else the latest
    earlier parent (from the unit's history) that existed then.

    Why not ``Unit.history.as_of``: history dates are when a change was typed in, not when it
    took effect (the reform is entered long after 1/7/2025), whereas validity dates are legal
    dates. A move (village into the new commune) leaves the old parent in the history and the
    old parent's validity says when it stood. One query, only when a current parent had not
    begun or had ended on that day; ``within`` are the ids that may be parents here.
    """
    existing = {u.pk for u in units}
    result: dict[int, int | None] = {}
    moved: list[int] = []
    for unit in units:
        if unit.parent_id is None or unit.parent_id in existing:
            result[unit.pk] = unit.parent_id
        elif unit.parent_id in within:
            moved.append(unit.pk)
        else:
            result[unit.pk] = None  # the parent is outside the view: a root here
    if moved:
        result.update(dict.fromkeys(moved))
        earlier = (
            Unit.history.filter(id__in=moved, parent_id__in=existing)
            .order_by("-history_date", "-history_id")
            .values_list("id", "parent_id")
        )
        for pk, parent_id in earlier:
            if result[pk] is None:
                result[pk] = parent_id
    return result


def tree_on(visible: Collection[int], day: date) -> list[Unit]:
    """The units among ``visible`` that existed on ``day``, as the tree stood then: parents
    before children, siblings in Vietnamese order, each with ``tree_depth`` and ``parent_on``
    (its parent then). Two queries, three when a parent changed since."""
    units = list(Unit.objects.filter(valid_on_q(day), pk__in=visible).order_by("sort_name", "pk"))
    by_id = {u.pk: u for u in units}
    parents = parents_on(units, day, visible)
    children: dict[int | None, list[Unit]] = {}
    for unit in units:  # already in name order, so each child list is too
        children.setdefault(parents[unit.pk], []).append(unit)
    ordered: list[Unit] = []
    stack: list[tuple[Unit, int]] = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        unit.tree_depth = depth
        parent_id = parents[unit.pk]
        unit.parent_on = by_id.get(parent_id) if parent_id is not None else None
        if unit.parent_on is not None:
            # Named with its parent as it stood that day («Thôn 1, xã Bản Mù»), no query a row.
            Unit.parent.field.set_cached_value(unit, unit.parent_on)
        ordered.append(unit)
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return ordered


def successions_of(unit_ids: Collection[int]) -> dict[int, list[UnitSuccession]]:
    """What each unit became (merged into, renamed to…), by predecessor id: one query."""
    result: dict[int, list[UnitSuccession]] = {}
    rows = (
        UnitSuccession.objects.filter(predecessor_id__in=list(unit_ids))
        .select_related("successor")
        .order_by("effective_date", "pk")
    )
    for succession in rows:
        result.setdefault(succession.predecessor_id, []).append(succession)
    return result


def predecessors_of(unit_id: int) -> dict[int, Unit]:
    """The units that merged, split or were renamed into this one, at any depth, by id
    (two queries: the recursive walk, then the units)."""
    table = UnitSuccession._meta.db_table
    sql = (
        f"WITH RECURSIVE back(id) AS ("
        f" SELECT predecessor_id FROM {table} WHERE successor_id = %s"
        f" UNION SELECT s.predecessor_id FROM {table} s JOIN back ON s.successor_id = back.id"
        f") SELECT id FROM back"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [unit_id])
        ids = {row[0] for row in cursor.fetchall()} - {unit_id}
    return Unit.objects.in_bulk(ids) if ids else {}
