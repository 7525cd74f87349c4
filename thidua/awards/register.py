"""The award register (sổ khen thưởng): who may see which award, the register's filters,
per-unit and per-person histories, recording an earlier paper award and revocation.

Reads are selectors narrowed to what the user may see, each with a fixed number of queries;
writes are services in one transaction, saved with attribution so history names the actor.

Who sees an award: anyone holding a role over the recipient (the unit, or the person's
managing unit) or over the People's Committee that issued the decision. The Home Affairs
Office over that committee or over the recipient records earlier awards and revokes.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.accounts.models import Role
from thidua.accounts.scope import ALL_ROLES, reach
from thidua.award_catalogue import selectors
from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.awards.models import Award
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.text import fold, nfc
from thidua.units.models import COMMUNE_LEVEL_KINDS, Unit, UnitSuccession
from thidua.units.selectors import subtree_ids

# Who records earlier awards and revokes: the standing body of the council.
REGISTRAR_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS,)

# What a register row shows, fetched with it (no query per row).
AWARD_RELATED = (
    "award_form",
    "unit",
    "unit__parent",
    "person",
    "person__unit",
    "movement",
    "decision",
    "decision__issuing_unit",
)

ALREADY_REVOKED = gettext_noop("This award was already revoked on %(day)s.")
DUPLICATE_AWARD = gettext_noop(
    "Decision number: %(recipient)s already has “%(form)s” under decision %(number)s "
    "of %(day)s in the register."
)


# --- derived text -----------------------------------------------------------------------


def award_search_text(award: Award) -> str:
    """The accent-folded text the register searches (recipient, detail, decision number)."""
    parts = (award.recipient_name, award.recipient_detail, award.decision_number)
    return " ".join(fold(part) for part in parts if part)[:600]


def award_refresh_derived(award: Award) -> None:
    """Normalise the written text to NFC and refresh ``search_text`` (call before saving)."""
    award.recipient_name = nfc(award.recipient_name)
    award.recipient_detail = nfc(award.recipient_detail)
    award.decision_number = nfc(award.decision_number)
    award.search_text = award_search_text(award)


# --- who may see and act ----------------------------------------------------------------


def recipient_unit_id(award: Award) -> int | None:
    """The unit the award belongs to: the collective itself or the person's managing unit."""
    if award.unit_id:
        return award.unit_id
    if award.person_id:
        return award.person.unit_id
    return None


def visible_q(ids: Iterable[int]) -> Q:
    """Awards to a unit or person managed in ``ids``, or decided by a committee in ``ids``."""
    ids = list(ids)
    return Q(unit_id__in=ids) | Q(person__unit_id__in=ids) | Q(decision__issuing_unit_id__in=ids)


def awards_visible(user) -> QuerySet[Award]:
    """Awards to units and people in the user's reach, or decided by a committee in it."""
    ids = reach(user, ALL_ROLES)
    if not ids:
        return Award.objects.none()
    return Award.objects.filter(visible_q(ids))


def may_view_award(user, award: Award) -> bool:
    ids = reach(user, ALL_ROLES)
    if recipient_unit_id(award) in ids:
        return True
    return bool(award.decision_id) and award.decision.issuing_unit_id in ids


def may_revoke(user, award: Award) -> bool:
    """Home Affairs over the deciding committee or over the recipient; not already revoked."""
    if award.is_revoked:
        return False
    ids = reach(user, REGISTRAR_ROLES)
    if award.decision_id and award.decision.issuing_unit_id in ids:
        return True
    return recipient_unit_id(award) in ids


def may_record(user) -> bool:
    return bool(reach(user, REGISTRAR_ROLES))


def access_award(user, pk: int) -> Award:
    """The award with what its page shows; the same 404 for missing and not yours."""
    award = (
        Award.objects.select_related(*AWARD_RELATED, "revoked_by", "recorded_by")
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404
    if not may_view_award(user, award):
        raise Http404
    return award


def award_by_token(token) -> Award | None:
    """The award a certificate's QR code points to (the public page; no access check)."""
    return (
        Award.objects.select_related("award_form", "movement", "decision__issuing_unit")
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


def register_awards(user, filters: RegisterFilters) -> QuerySet[Award]:
    """The register as the user may see it, filtered, newest decision first."""
    awards = filter_register(awards_visible(user), filters)
    return awards.select_related(*AWARD_RELATED).order_by("-decided_on", "recipient_name", "pk")


def register_years(awards: QuerySet[Award]) -> list[int]:
    """The years that have awards (one query)."""
    return [day.year for day in awards.order_by().dates("decided_on", "year", order="DESC")]


def register_communes(user) -> QuerySet[Unit]:
    """Communes and towns in the user's reach, for the register's commune filter."""
    return Unit.objects.filter(
        pk__in=reach(user, ALL_ROLES), kind__in=COMMUNE_LEVEL_KINDS
    ).order_by("sort_name")


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
        queryset.select_related("award_form", "movement", "decision").order_by("-decided_on", "pk")
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


def awards_of_person(person, *, include_revoked: bool = True) -> list[Award]:
    """Every award the individual received, across movements, newest first (one query)."""
    person_id = person if isinstance(person, int) else person.pk
    return _history(Award.objects.filter(person_id=person_id), include_revoked)


def awards_by_unit(unit_ids: Iterable[int], *, include_revoked: bool = False) -> dict:
    """Awards of many collectives at once ({unit id: [awards]}), for ranking candidates:
    one query whatever the number of units."""
    result: dict[int, list[Award]] = defaultdict(list)
    for award in _history(Award.objects.filter(unit_id__in=list(unit_ids)), include_revoked):
        result[award.unit_id].append(award)
    return result


def awards_by_person(person_ids: Iterable[int], *, include_revoked: bool = False) -> dict:
    """Awards of many individuals at once ({person id: [awards]}), in one query."""
    result: dict[int, list[Award]] = defaultdict(list)
    queryset = Award.objects.filter(person_id__in=list(person_ids))
    for award in _history(queryset, include_revoked):
        result[award.person_id].append(award)
    return result


# --- services ---------------------------------------------------------------------------


def money_on(award_form: AwardForm, day: date) -> tuple:
    """(base salary, multiple, amount) in force on ``day``; the amount is None when no multiple
    (or no base salary) is recorded: the award then waits in «chưa có mức tiền thưởng»."""
    money = selectors.money_on(award_form, day)
    return money.base_salary, money.multiple, money.amount


def _default_detail(unit: Unit | None, person) -> str:
    if person is not None:
        return ", ".join(part for part in (person.position, person.unit.name) if part)
    if unit is not None and unit.parent_id:
        return unit.parent.name
    return ""


@transaction.atomic
def award_record(
    *,
    actor,
    award_form: AwardForm,
    deciding_office: str,
    decision_number: str,
    decided_on: date,
    unit: Unit | None = None,
    person=None,
    movement=None,
    recipient_name: str = "",
    recipient_detail: str = "",
) -> Award:
    """Enter an earlier paper award in the register (Home Affairs over the recipient).

    The money follows the base salary and the form's multiple in force on the decision
    date, when a multiple is recorded; otherwise the award is listed without money.
    """
    errors: dict[str, list[str]] = {}
    if (unit is None) == (person is None):
        errors["unit"] = [_("Recipient: choose either a collective or an individual.")]
    owner_id = unit.pk if unit is not None else (person.unit_id if person is not None else None)
    if owner_id is not None and owner_id not in reach(actor, REGISTRAR_ROLES):
        raise PermissionDenied
    if owner_id is None and not may_record(actor):
        raise PermissionDenied
    if decided_on and decided_on > timezone.localdate():
        errors["decided_on"] = [_("Decision date: must not be in the future.")]
    if deciding_office not in DecidingOffice.values:
        errors["deciding_office"] = [_("Deciding office: choose one from the list.")]
    number = nfc(decision_number)
    if not number:
        errors["decision_number"] = [_("Decision number: required.")]
    if errors:
        raise ValidationError(errors)
    same = Award.objects.filter(
        award_form=award_form, decision_number=number, decided_on=decided_on
    )
    same = same.filter(unit=unit) if unit is not None else same.filter(person=person)
    if same.exists():
        raise ValidationError(
            {
                "decision_number": [
                    _(DUPLICATE_AWARD)
                    % {
                        "recipient": (unit or person).__str__(),
                        "form": award_form.name,
                        "number": number,
                        "day": f"{decided_on:%d/%m/%Y}",
                    }
                ]
            }
        )
    base, multiple, amount = money_on(award_form, decided_on)
    if not recipient_name:
        recipient_name = unit.full_name or unit.name if unit is not None else person.full_name
    award = Award(
        award_form=award_form,
        unit=unit,
        person=person,
        recipient_name=recipient_name,
        recipient_detail=recipient_detail or _default_detail(unit, person),
        movement=movement,
        deciding_office=deciding_office,
        decision_number=number,
        decided_on=decided_on,
        base_salary=base,
        multiple=multiple,
        amount=amount,
        recorded_by=actor,
    )
    award_refresh_derived(award)
    award.full_clean()
    save_attributed(award, actor=actor, reason=_("Recorded from an earlier decision"))
    return award


@transaction.atomic
def award_revoke(
    *,
    actor,
    award: Award,
    reason: str,
    revocation_decision: str,
    revoked_on: date,
) -> Award:
    """Revoke an award (Chapter VII of the 2022 Law): the row stays, marked with the date,
    the reason and the revoking decision; its money leaves every total."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("person", "decision")
        .get(pk=award.pk)
    )
    if award.is_revoked:
        raise ApplicationError(_(ALREADY_REVOKED) % {"day": f"{award.revoked_on:%d/%m/%Y}"})
    if not may_revoke(actor, award):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    reason = nfc(reason)
    revocation_decision = nfc(revocation_decision)
    if not reason:
        errors["reason"] = [_("Reason for revocation: required.")]
    if not revocation_decision:
        errors["revocation_decision"] = [_("Revoking decision: required.")]
    if revoked_on is None:
        errors["revoked_on"] = [_("Revoked on: required.")]
    elif revoked_on > timezone.localdate():
        errors["revoked_on"] = [_("Revoked on: must not be in the future.")]
    elif revoked_on < award.decided_on:
        errors["revoked_on"] = [
            _("Revoked on: must not be before the award's decision (%(day)s).")
            % {"day": f"{award.decided_on:%d/%m/%Y}"}
        ]
    if errors:
        raise ValidationError(errors)
    award.revoked_on = revoked_on
    award.revocation_reason = reason
    award.revocation_decision = revocation_decision
    award.revoked_by = actor
    award.full_clean()
    save_attributed(
        award,
        actor=actor,
        reason=_("Revoked: %(reason)s") % {"reason": reason},
        update_fields=["revoked_on", "revocation_reason", "revocation_decision", "revoked_by"],
    )
    return award


# --- export -----------------------------------------------------------------------------


def _status_text(award: Award) -> str:
    if award.is_revoked:
        return _("Revoked on %(day)s") % {"day": f"{award.revoked_on:%d/%m/%Y}"}
    return _("Valid")


def _register_columns() -> list[tuple[str, int, str]]:
    """(header, width, number format) of the register workbook."""
    return [
        (_("No. (STT)"), 6, "0"),
        (_("Recipient"), 30, "@"),
        (_("Collective or individual"), 12, "@"),
        (_("Position and unit"), 30, "@"),
        (_("Award form"), 30, "@"),
        (_("Movement"), 30, "@"),
        (_("Deciding office"), 26, "@"),
        (_("Decision number"), 16, "@"),
        (_("Decision date"), 12, "DD/MM/YYYY"),
        (_("Amount (VND)"), 14, "#,##0"),
        (_("Status"), 18, "@"),
        (_("Reason for revocation"), 30, "@"),
        (_("Revoking decision"), 24, "@"),
        (_("Verification code"), 16, "@"),
    ]


def _register_values(award: Award) -> list:
    return [
        nfc(award.recipient_name),
        str(_("Collective")) if award.unit_id else str(_("Individual")),
        nfc(award.recipient_detail),
        award.award_form.name,
        award.movement.title if award.movement_id else "",
        award.get_deciding_office_display(),
        award.decision_number,
        award.decided_on,
        award.amount,
        _status_text(award),
        award.revocation_reason,
        award.revocation_decision,
        short_code(award),
    ]


def register_workbook(awards: Iterable[Award]) -> bytes:
    """The (filtered) register as .xlsx: a title row, a header and one row per award."""
    columns = _register_columns()
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(str(_("Award register"))[:31])
    for index, (_header, width, _format) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    title = WriteOnlyCell(ws, value=str(_("AWARD REGISTER")))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([_("Data as of %(date)s.") % {"date": f"{timezone.localdate():%d/%m/%Y}"}])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for text, _width, _format in columns:
        cell = WriteOnlyCell(ws, value=str(text))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        header.append(cell)
    ws.append(header)
    count = 0
    for count, award in enumerate(awards, start=1):
        row = []
        for (_text, _width, number_format), value in zip(
            columns, [count, *_register_values(award)], strict=True
        ):
            cell = WriteOnlyCell(ws, value=value if value != "" else None)
            cell.number_format = number_format
            row.append(cell)
        ws.append(row)
    if count:
        ws.auto_filter.ref = f"A3:{get_column_letter(len(columns))}{3 + count}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
