"""Interim and final reviews (sơ kết, tổng kết, plan IV.1.d): who may fill them in, the
rows a review starts from, saving and submitting, and the Home Affairs Office's list.

A review belongs to one participating unit, one movement and one kind. It carries one item
per live work of the unit (the unit's own works, not its villages'), pre-filled from the
work's latest progress and then stated by the unit, plus figures and free text. A submitted
review can be corrected and submitted again; every save is attributed in the history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.models import User
from thidua.accounts.scope import ALL_ROLES, EDITOR_ROLES, reach
from thidua.core.audit import delete_attributed, save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.text import fold
from thidua.movements.lifecycle import ensure_running
from thidua.movements.models import Movement, MovementStatus, Participant
from thidua.units.models import Unit
from thidua.units.selectors import subtree_ids
from thidua.works.models import (
    DONE_STATUSES,
    ProgressStatus,
    Review,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
    Work,
    column,
)
from thidua.works.selectors import LIVE_STATUSES
from thidua.works.services import may_register_in

# The review's own fields a unit fills in, in the form's order.
REVIEW_FIELDS = (
    "people_contribution",
    "people_workdays",
    "exemplary_models",
    "results",
    "shortcomings",
    "proposals",
)
FIGURE_FIELDS = ("people_contribution", "people_workdays", "exemplary_models")
TEXT_FIELDS = ("results", "shortcomings", "proposals")
# Column limits: DecimalField(max_digits=18) and PositiveIntegerField.
MAX_AMOUNT = Decimal(10**18 - 1)
MAX_COUNT = 2_147_483_647


class ReviewState:
    """Where a unit stands with one kind of review (a review not yet created is a state too)."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"  # ReviewStatus.DRAFT
    SUBMITTED = "submitted"  # ReviewStatus.SUBMITTED

    choices = (
        (NOT_STARTED, pgettext_lazy("review state", "Not started")),
        (DRAFT, pgettext_lazy("review state", "Draft")),
        (SUBMITTED, pgettext_lazy("review state", "Submitted")),
    )
    values = (NOT_STARTED, DRAFT, SUBMITTED)

    @classmethod
    def label(cls, state: str | None) -> str:
        return str(dict(cls.choices)[state or cls.NOT_STARTED])


def field_label(name: str) -> str:
    return str(column(Review, name).verbose_name)


def item_key(work_id: int) -> str:
    """The error key of one work's row (the view maps it back to that row)."""
    return f"work-{work_id}"


# --- access -----------------------------------------------------------------------------


def units_in_movement(movement: Movement) -> QuerySet[Unit]:
    """Units that review their works: the participants, and units that registered works or
    started a review without being participants themselves (villages registering with a
    participating commune)."""
    return Unit.objects.filter(
        Q(pk__in=Participant.objects.filter(movement=movement).values("unit_id"))
        | Q(
            pk__in=Work.objects.filter(movement=movement, status__in=LIVE_STATUSES).values(
                "unit_id"
            )
        )
        | Q(pk__in=Review.objects.filter(movement=movement).values("unit_id"))
    )


def may_edit_review(user: User, movement: Movement, unit: Unit) -> bool:
    """A focal officer or chairman over the unit, while the movement runs."""
    return (
        movement.status == MovementStatus.LAUNCHED
        and unit.pk in reach(user, EDITOR_ROLES)
        and may_register_in(movement, unit)
    )


def may_view_review(user: User, movement: Movement, unit: Unit) -> bool:
    """Anyone with a role over the unit, and the issuer's staff (the Home Affairs Office)."""
    if movement.status == MovementStatus.DRAFT:
        return False
    if unit.pk in reach(user, ALL_ROLES):
        return may_register_in(movement, unit)
    return user.has_perm("movements.monitor_movement", movement) and (
        units_in_movement(movement).filter(pk=unit.pk).exists()
    )


# --- reading one review -----------------------------------------------------------------


def review_works(movement: Movement, unit: Unit) -> list[Work]:
    """The unit's own live works, in registration order: one review row each."""
    return list(
        Work.objects.filter(movement=movement, unit=unit, status__in=LIVE_STATUSES).order_by("pk")
    )


def review_of(movement: Movement, unit: Unit, kind: str) -> Review | None:
    return (
        Review.objects.filter(movement=movement, unit=unit, kind=kind)
        .select_related("submitted_by")
        .prefetch_related("items")
        .first()
    )


@dataclass(frozen=True)
class ReviewItemData:
    """One work's result as the unit states it."""

    work_id: int
    percent: int | None
    progress_status: str
    value_done: Decimal | None = None
    result: str = ""


def initial_items(works: Sequence[Work], review: Review | None) -> list[ReviewItemData]:
    """What the form starts from: the review's own rows, else the work's latest progress."""
    saved = {item.work_id: item for item in review.items.all()} if review else {}
    rows = []
    for work in works:
        item = saved.get(work.pk)
        if item is not None:
            rows.append(
                ReviewItemData(
                    work_id=work.pk,
                    percent=item.percent,
                    progress_status=item.progress_status,
                    value_done=item.value_done,
                    result=item.result,
                )
            )
        else:
            rows.append(
                ReviewItemData(
                    work_id=work.pk,
                    percent=work.progress_percent,
                    progress_status=work.progress_status,
                    value_done=work.value_done,
                )
            )
    return rows


# --- validation -------------------------------------------------------------------------


def _number(value: Any, kind: type) -> Any:
    if value is None or value == "":
        return kind(0)
    try:
        return kind(value)
    except (TypeError, ValueError, InvalidOperation):
        return None


def review_errors(
    data: Mapping[str, Any],
    items: Sequence[ReviewItemData],
    works: Mapping[int, Work],
    *,
    submit: bool,
) -> dict[str, list[str]]:
    """Field name (or ``item_key(work)``) → Vietnamese messages naming the field and work.

    Drafts may be incomplete; a submission needs the results described.
    """
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    amount = _number(data.get("people_contribution"), Decimal)
    if amount is None or not amount.is_finite():
        add(
            "people_contribution",
            _("«%(field)s» must be a number.") % _label("people_contribution"),
        )
    elif amount < 0:
        add(
            "people_contribution",
            _("«%(field)s» must not be negative.") % _label("people_contribution"),
        )
    elif amount > MAX_AMOUNT or amount != amount.to_integral_value():
        add(
            "people_contribution",
            _("«%(field)s» must be a whole number of đồng.") % _label("people_contribution"),
        )
    for name in ("people_workdays", "exemplary_models"):
        count = _number(data.get(name), int)
        if count is None:
            add(name, _("«%(field)s» must be a whole number.") % _label(name))
        elif count < 0:
            add(name, _("«%(field)s» must not be negative.") % _label(name))
        elif count > MAX_COUNT:
            add(name, _("«%(field)s» is too large.") % _label(name))
    if submit and not str(data.get("results") or "").strip():
        add("results", _("Describe «%(field)s» before submitting.") % _label("results"))

    for item in items:
        work = works[item.work_id]
        key = item_key(work.pk)
        named = {"work": work.name}
        if item.progress_status not in ProgressStatus.values:
            add(key, _("«%(work)s»: choose the progress from the list.") % named)
        if item.percent is None:
            add(key, _("«%(work)s»: enter the percent complete.") % named)
        elif not 0 <= item.percent <= 100:
            add(key, _("«%(work)s»: the percent complete must be between 0 and 100.") % named)
        elif item.progress_status in DONE_STATUSES and item.percent != 100:
            add(key, _("«%(work)s»: a completed work must be 100 percent complete.") % named)
        elif item.progress_status == ProgressStatus.NOT_STARTED and item.percent != 0:
            add(key, _("«%(work)s»: a work not started must be 0 percent complete.") % named)
        if item.value_done is not None:
            if not item.value_done.is_finite() or item.value_done > MAX_AMOUNT:
                add(key, _("«%(work)s»: the value realised is not a valid amount.") % named)
            elif item.value_done < 0:
                add(key, _("«%(work)s»: the value realised must not be negative.") % named)
    return errors


def _label(name: str) -> dict[str, str]:
    return {"field": field_label(name)}


# --- writing ----------------------------------------------------------------------------


def _check_can_save(actor: User, movement: Movement, unit: Unit, kind: str) -> None:
    if kind not in ReviewKind.values:
        raise ApplicationError(_("Unknown kind of review."))
    ensure_running(movement)
    if unit.pk not in reach(actor, EDITOR_ROLES):
        raise PermissionDenied
    if not may_register_in(movement, unit):
        raise ApplicationError(
            _("%(unit)s does not take part in this movement.") % {"unit": unit.name}
        )


def _clean_text(value: Any) -> str:
    return str(value or "").strip()


@transaction.atomic
def review_save(
    *,
    actor: User,
    movement: Movement,
    unit: Unit,
    kind: str,
    data: Mapping[str, Any],
    items: Sequence[ReviewItemData],
    submit: bool,
) -> Review:
    """Save a unit's review with one item per live work; submit it when ``submit`` is set.

    Saving a submitted review as a draft withdraws it (the office no longer counts it) until
    it is submitted again. Items of works that are no longer live are removed. Raises
    ``ValidationError`` with Vietnamese messages naming the field or the work.
    """
    _check_can_save(actor, movement, unit, kind)
    works = {work.pk: work for work in review_works(movement, unit)}
    given = [item.work_id for item in items]
    if len(set(given)) != len(given) or set(given) - set(works):
        raise ApplicationError(_("The list of works has changed; open the review again."))
    missing = [works[pk] for pk in works if pk not in set(given)]
    if missing:
        raise ApplicationError(
            _("The list of works has changed («%(work)s» was added); open the review again.")
            % {"work": missing[0].name}
        )
    errors = review_errors(data, items, works, submit=submit)
    if errors:
        raise ValidationError(errors)

    review = (
        Review.objects.select_for_update().filter(movement=movement, unit=unit, kind=kind).first()
    )
    was_submitted = review is not None and review.status == ReviewStatus.SUBMITTED
    if review is None:
        review = Review(movement=movement, unit=unit, kind=kind)
    review.people_contribution = _number(data.get("people_contribution"), Decimal)
    review.people_workdays = _number(data.get("people_workdays"), int)
    review.exemplary_models = _number(data.get("exemplary_models"), int)
    for name in TEXT_FIELDS:
        setattr(review, name, _clean_text(data.get(name)))
    if submit:
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
        review.submitted_by = actor
        reason = _("Submitted again") if was_submitted else _("Review submitted")
    else:
        review.status = ReviewStatus.DRAFT
        reason = _("Withdrawn to correct") if was_submitted else _("Draft saved")
    save_attributed(review, actor=actor, reason=reason)
    _save_items(actor, review, items)
    return review


def _save_items(actor: User, review: Review, items: Sequence[ReviewItemData]) -> None:
    """Write only the rows that changed, so the history shows what the unit corrected."""
    existing = {item.work_id: item for item in ReviewItem.objects.filter(review=review)}
    wanted = {item.work_id for item in items}
    for work_id, stale in existing.items():
        if work_id not in wanted:
            delete_attributed(stale, actor=actor, reason=_("The work is no longer registered"))
    for data in items:
        item = existing.get(data.work_id) or ReviewItem(review=review, work_id=data.work_id)
        values = {
            "percent": data.percent,
            "progress_status": data.progress_status,
            "value_done": data.value_done,
            "result": _clean_text(data.result),
        }
        if item.pk and all(getattr(item, k) == v for k, v in values.items()):
            continue
        for name, value in values.items():
            setattr(item, name, value)
        save_attributed(item, actor=actor)


# --- the list of reviews ------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFilters:
    kind: str = ""  # the review the status filter looks at; both when blank
    unit_kind: str = ""
    commune: int | None = None
    status: str = ""
    q: str = ""


def review_table(
    user: User, movement: Movement, filters: ReviewFilters = ReviewFilters(), *, monitor: bool
) -> QuerySet[Unit]:
    """One row per unit with the state of its interim and final review, in one query.

    The Home Affairs Office (``monitor``) sees every unit of the movement; others see the
    units in their reach. Rows carry ``interim_status``, ``interim_submitted_at``,
    ``final_status`` and ``final_submitted_at`` (``None`` when not started). The status
    filter is left to :func:`filter_state`, so counts can be taken on the rest first.
    """
    units = units_in_movement(movement)
    if not monitor:
        units = units.filter(pk__in=reach(user, ALL_ROLES))
    units = _with_states(units, movement)
    if filters.unit_kind:
        units = units.filter(kind=filters.unit_kind)
    if filters.commune:
        units = units.filter(pk__in=subtree_ids([filters.commune]))
    for term in fold(filters.q).split():
        units = units.filter(search_text__contains=term)
    return units.select_related("parent").order_by("parent__sort_name", "sort_name", "pk")


def filter_state(units: QuerySet[Unit], filters: ReviewFilters) -> QuerySet[Unit]:
    """Units whose review of the chosen kind (either kind when none) is in the chosen state."""
    if filters.status not in ReviewState.values:
        return units
    kinds = [filters.kind] if filters.kind in ReviewKind.values else ReviewKind.values
    condition = Q()
    for kind in kinds:
        condition |= _state_q(kind, filters.status)
    return units.filter(condition)


def _with_states(units: QuerySet[Unit], movement: Movement) -> QuerySet[Unit]:
    # One LEFT JOIN per kind; (movement, unit, kind) is unique, so rows never multiply.
    annotations: dict[str, Any] = {}
    for kind in ReviewKind.values:
        annotations[f"{kind}_review"] = FilteredRelation(
            "reviews", condition=Q(reviews__movement=movement, reviews__kind=kind)
        )
    units = units.annotate(**annotations)
    return units.annotate(
        **{
            name: F(f"{kind}_review__{column}")
            for kind in ReviewKind.values
            for name, column in (
                (f"{kind}_status", "status"),
                (f"{kind}_submitted_at", "submitted_at"),
            )
        }
    )


def _state_q(kind: str, state: str) -> Q:
    if state == ReviewState.NOT_STARTED:
        return Q(**{f"{kind}_status__isnull": True})
    return Q(**{f"{kind}_status": state})


def review_counts(units: QuerySet[Unit]) -> dict[str, Any]:
    """Units, and per kind how many have submitted, drafted or not started: one query."""
    aggregates: dict[str, Any] = {"total": Count("pk")}
    for kind in ReviewKind.values:
        for state in ReviewState.values:
            aggregates[f"{kind}_{state}"] = Count("pk", filter=_state_q(kind, state))
    flat = units.order_by().aggregate(**aggregates)
    counts: dict[str, Any] = {"total": flat["total"]}
    for kind in ReviewKind.values:
        counts[kind] = {state: flat[f"{kind}_{state}"] for state in ReviewState.values}
    return counts


def units_without_review(movement: Movement, kind: str) -> QuerySet[Unit]:
    """Participating units that have not submitted their review of ``kind`` (none started, or
    only a draft), with ``<kind>_status``: the recipients of a review reminder. One query."""
    units = _with_states(
        Unit.objects.filter(pk__in=Participant.objects.filter(movement=movement).values("unit_id")),
        movement,
    )
    status = f"{kind}_status"
    return (
        units.filter(Q(**{f"{status}__isnull": True}) | Q(**{status: ReviewStatus.DRAFT}))
        .select_related("parent")
        .order_by("parent__sort_name", "sort_name", "pk")
    )
