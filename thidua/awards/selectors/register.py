"""Reads of the award register (sổ khen thưởng): the awards a user may see, the register's
filters, per-unit and per-person histories, and finding an award by its certificate's code.

Each read costs a fixed number of queries. Who sees an award: anyone holding a role over the
recipient (the unit, or the person's managing unit) or over the People's Committee that
issued the decision (``visible_q``; the single-award check is ``rules.may_view_award``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, reach
from thidua.awards.models import Award, Decision
from thidua.awards.rules import AWARD_RELATED, REGISTRAR_ROLES
from thidua.core.text import fold, nfc
from thidua.criteria.models import Person
from thidua.movements.models import Movement
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitSuccession
from thidua.units.selectors import subtree_ids

# --- what the user may see --------------------------------------------------------------


def visible_q(ids: Iterable[int]) -> Q:
    """Awards to a unit or person managed in ``ids``, or decided by a committee in ``ids``."""
    ids = list(ids)
    return Q(unit_id__in=ids) | Q(person__unit_id__in=ids) | Q(decision__issuing_unit_id__in=ids)


def awards_visible(user: User) -> QuerySet[Award]:
    """Awards to units and people in the user's reach, or decided by a committee in it."""
    ids = reach(user, ALL_ROLES)
    if not ids:
        return Award.objects.none()
    return Award.objects.filter(visible_q(ids))


# Never loaded for a public page: the reason for a revocation (often a named person's
# sanction), the money and who recorded what.
PUBLIC_HIDDEN = (
    "revocation_reason",
    "revoked_by",
    "recorded_by",
    "amount",
    "base_salary",
    "multiple",
)


def award_by_token(token: uuid.UUID) -> Award | None:
    """The award a certificate's QR code points to (the public page; no access check)."""
    return (
        Award.objects.select_related("award_form", "movement", "decision__issuing_unit")
        .defer(*PUBLIC_HIDDEN)
        .filter(token=token)
        .first()
    )


# The code printed under the QR code: the token's first 12 hex digits, grouped by 4
# (48 bits: not guessable by trying, short enough to type).
SHORT_CODE_LENGTH = 12


def short_code(award: Award) -> str:
    digits = award.token.hex[:SHORT_CODE_LENGTH].upper()
    return "-".join(digits[i : i + 4] for i in range(0, SHORT_CODE_LENGTH, 4))


def award_by_code(code: str) -> Award | None:
    """The award for a typed code: the whole token or the short code (case, spaces and
    dashes ignored). An ambiguous short code finds nothing."""
    digits = "".join(ch for ch in (code or "").lower() if ch in "0123456789abcdef")
    cleaned = "".join(ch for ch in (code or "").lower() if ch not in " -\t")
    if cleaned != digits or len(digits) not in (SHORT_CODE_LENGTH, 32):
        return None
    if len(digits) == 32:
        return Award.objects.filter(token=uuid.UUID(digits)).first()
    # A range rather than __startswith: PostgreSQL compares the uuid's text with dashes.
    low, high = uuid.UUID(digits.ljust(32, "0")), uuid.UUID(digits.ljust(32, "f"))
    found = list(Award.objects.filter(token__gte=low, token__lte=high)[:2])
    return found[0] if len(found) == 1 else None


# --- the register's list ----------------------------------------------------------------


class RecipientKind:
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"


class RevokedFilter:
    VALID = "valid"
    REVOKED = "revoked"


@dataclass(frozen=True)
class RegisterFilters:
    award_form: int | None = None
    year: int | None = None
    movement: int | None = None
    recipient: str = ""  # RecipientKind
    revoked: str = ""  # RevokedFilter; blank: all
    commune: int | None = None
    q: str = ""


def filter_register(awards: QuerySet[Award], filters: RegisterFilters) -> QuerySet[Award]:
    if filters.award_form:
        awards = awards.filter(award_form_id=filters.award_form)
    if filters.year:
        # A date range rather than __year: an index range scan on both databases.
        awards = awards.filter(
            decided_on__gte=date(filters.year, 1, 1), decided_on__lte=date(filters.year, 12, 31)
        )
    if filters.movement:
        awards = awards.filter(movement_id=filters.movement)
    if filters.recipient == RecipientKind.COLLECTIVE:
        awards = awards.filter(unit__isnull=False)
    elif filters.recipient == RecipientKind.INDIVIDUAL:
        awards = awards.filter(person__isnull=False)
    if filters.revoked == RevokedFilter.VALID:
        awards = awards.filter(revoked_on__isnull=True)
    elif filters.revoked == RevokedFilter.REVOKED:
        awards = awards.filter(revoked_on__isnull=False)
    if filters.commune:
        ids = subtree_ids([filters.commune])
        awards = awards.filter(Q(unit_id__in=ids) | Q(person__unit_id__in=ids))
    for term in filters.q.split():
        folded = fold(term)
        # search_text is folded; recipient_name also matches rows written without it.
        awards = awards.filter(
            Q(search_text__contains=folded) | Q(recipient_name__icontains=nfc(term))
        )
    return awards


def register_awards(user: User, filters: RegisterFilters) -> QuerySet[Award]:
    """The register as the user may see it, filtered, newest decision first."""
    awards = filter_register(awards_visible(user), filters)
    return awards.select_related(*AWARD_RELATED).order_by("-decided_on", "recipient_name", "pk")


def register_years(awards: QuerySet[Award]) -> list[int]:
    """The years that have awards (one query)."""
    return [day.year for day in awards.order_by().dates("decided_on", "year", order="DESC")]


def register_communes(user: User) -> QuerySet[Unit]:
    """Communes and towns in the user's reach, for the register's commune filter."""
    return Unit.objects.filter(
        pk__in=reach(user, ALL_ROLES), kind__in=COMMUNE_LEVEL_KINDS
    ).order_by("sort_name")


def register_movements(awards: QuerySet[Award]) -> QuerySet[Movement]:
    """The movements that have some of these awards, for the register's movement filter."""
    return Movement.objects.filter(pk__in=awards.values("movement_id")).order_by(
        "-start_date", "pk"
    )


def recordable_units(user: User) -> QuerySet[Unit]:
    """The collectives the user may record an earlier award for (Home Affairs over them)."""
    ids = reach(user, REGISTRAR_ROLES)
    return Unit.objects.filter(pk__in=ids).select_related("parent").order_by("sort_name")


def recordable_people(user: User) -> QuerySet[Person]:
    """The individuals the user may record an earlier award for (managed under the reach)."""
    ids = reach(user, REGISTRAR_ROLES)
    return (
        Person.objects.filter(unit_id__in=ids)
        .select_related("unit", "unit__parent")
        .order_by("sort_name")
    )


def certificate_awards(decision: Decision) -> list[Award]:
    """The awards of a decision with what their certificates print, in a fixed order."""
    return list(
        decision.awards.select_related(
            "award_form", "movement", "unit", "person__unit", "decision__issuing_unit"
        ).order_by("pk")
    )


# --- per unit and per person ------------------------------------------------------------


def predecessor_ids(unit_id: int) -> set[int]:
    """The units that merged, split or were renamed into this one, at any depth (one query)."""
    table = UnitSuccession._meta.db_table
    sql = (
        f"WITH RECURSIVE back(id) AS ("
        f" SELECT predecessor_id FROM {table} WHERE successor_id = %s"
        f" UNION SELECT s.predecessor_id FROM {table} s JOIN back ON s.successor_id = back.id"
        f") SELECT id FROM back"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [unit_id])
        return {row[0] for row in cursor.fetchall()} - {unit_id}


def _history(queryset: QuerySet[Award], include_revoked: bool) -> list[Award]:
    if not include_revoked:
        queryset = queryset.filter(revoked_on__isnull=True)
    return list(
        queryset.select_related("award_form", "movement", "decision", "person").order_by(
            "-decided_on", "pk"
        )
    )


def awards_of_unit(
    unit: Unit | int, *, include_revoked: bool = True, include_predecessors: bool = False
) -> list[Award]:
    """Every award the collective received, across movements, newest first.

    One query; two with ``include_predecessors`` (the awards of units merged into it, so a
    merged commune keeps its predecessors' history). Revoked awards come marked
    (``award.is_revoked``); criteria should pass ``include_revoked=False``.
    """
    unit_id = unit if isinstance(unit, int) else unit.pk
    ids = {unit_id}
    if include_predecessors:
        ids |= predecessor_ids(unit_id)
    return _history(Award.objects.filter(unit_id__in=ids), include_revoked)


def awards_of_person(person: Person | int, *, include_revoked: bool = True) -> list[Award]:
    """Every award the individual received, across movements, newest first (one query)."""
    person_id = person if isinstance(person, int) else person.pk
    return _history(Award.objects.filter(person_id=person_id), include_revoked)


def awards_by_unit(
    unit_ids: Iterable[int], *, include_revoked: bool = False
) -> dict[int, list[Award]]:
    """Awards of many collectives at once ({unit id: [awards]}), for ranking candidates:
    one query whatever the number of units."""
    result: dict[int, list[Award]] = defaultdict(list)
    for award in _history(Award.objects.filter(unit_id__in=list(unit_ids)), include_revoked):
        if award.unit_id is not None:  # always: the query filters on it
            result[award.unit_id].append(award)
    return result


def awards_by_person(
    person_ids: Iterable[int], *, include_revoked: bool = False
) -> dict[int, list[Award]]:
    """Awards of many individuals at once ({person id: [awards]}), in one query."""
    result: dict[int, list[Award]] = defaultdict(list)
    queryset = Award.objects.filter(person_id__in=list(person_ids))
    for award in _history(queryset, include_revoked):
        if award.person_id is not None:  # always: the query filters on it
            result[award.person_id].append(award)
    return result
