from collections.abc import Iterable

from django.db import connection
from django.db.models import Q, QuerySet

from thidua.core.text import fold
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit

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
