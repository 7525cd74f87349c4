"""Pages for interim and final reviews (sơ kết, tổng kết): a unit fills in its review, the
Home Affairs Office follows who has submitted and downloads the consolidated review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.scope import EDITOR_ROLES, reach
from thidua.accounts.typing import AuthenticatedRequest
from thidua.core.errors import ApplicationError
from thidua.core.history import history_entries
from thidua.core.http import download, paginate
from thidua.movements.models import MovementStatus
from thidua.movements.rules import access_movement
from thidua.movements.selectors import communes_in
from thidua.units.models import Unit
from thidua.works import reviews
from thidua.works.documents import reviews as review_documents
from thidua.works.forms import ReviewFilterForm, ReviewForm, ReviewItemForm
from thidua.works.models import ProgressStatus, ReviewItem, ReviewKind
from thidua.works.selectors.review_consolidation import consolidate

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _check_kind(kind: str) -> str:
    if kind not in ReviewKind.values:
        raise Http404
    return kind


@login_required
@require_GET
def review_list(request: AuthenticatedRequest, movement: int) -> HttpResponse:
    """Units with the state of their interim and final reviews. The Home Affairs Office sees
    every unit of the movement with counts and filters; a unit user sees their units."""
    movement_obj = access_movement(request.user, movement)
    monitor = request.user.has_perm("movements.monitor_movement", movement_obj)
    filters = reviews.ReviewFilters()
    form = None
    if monitor:
        form = ReviewFilterForm(
            request.GET or None,
            communes=communes_in(movement_obj.issuing_unit_id).order_by("sort_name"),
        )
        if form.is_valid():
            commune = form.cleaned_data["commune"]
            filters = reviews.ReviewFilters(
                kind=form.cleaned_data["kind"],
                unit_kind=form.cleaned_data["unit_kind"],
                commune=commune.pk if commune else None,
                status=form.cleaned_data["status"],
                q=form.cleaned_data["q"],
            )
    units = reviews.review_table(request.user, movement_obj, filters, monitor=monitor)
    # Counts follow every filter but the status one, so they show what the status filter picks.
    counts = reviews.review_counts(units)
    units = reviews.filter_state(units, filters)
    page, rest = paginate(request, units, per_page=50)
    editable = (
        reach(request.user, EDITOR_ROLES)
        if movement_obj.status == MovementStatus.LAUNCHED
        else frozenset()
    )
    rows = [
        {
            "unit": unit,
            "can_edit": unit.pk in editable,
            "reviews": [
                {
                    "kind": kind,
                    "label": label,
                    "state": getattr(unit, f"{kind}_status") or reviews.ReviewState.NOT_STARTED,
                    "state_label": reviews.ReviewState.label(getattr(unit, f"{kind}_status")),
                    "submitted_at": getattr(unit, f"{kind}_submitted_at"),
                }
                for kind, label in ReviewKind.choices
            ],
        }
        for unit in page
    ]
    return render(
        request,
        "works/reviews/list.html",
        {
            "movement": movement_obj,
            "monitor": monitor,
            "can_remind": monitor and request.user.has_perm("works.send_reminder", movement_obj),
            "filter_form": form,
            "counts": counts,
            "count_cards": _count_cards(counts),
            "kinds": ReviewKind.choices,
            "page_obj": page,
            "rows": rows,
            "querystring_without_page": rest,
        },
    )


_STATE_CSS = {
    reviews.ReviewState.SUBMITTED: "text-success",
    reviews.ReviewState.DRAFT: "text-warning-emphasis",
    reviews.ReviewState.NOT_STARTED: "text-danger",
}


def _count_cards(counts: dict) -> list[dict]:
    return [
        {
            "kind": kind,
            "kind_label": label,
            "state": state,
            "state_label": state_label,
            "css": _STATE_CSS[state],
            "value": counts[kind][state],
        }
        for kind, label in ReviewKind.choices
        for state, state_label in reversed(reviews.ReviewState.choices)
    ]


def _item_forms(request: HttpRequest, works, initial) -> list[ReviewItemForm]:
    data = request.POST if request.method == "POST" else None
    return [
        ReviewItemForm(data, work=work, initial=ReviewItemForm.initial_from(item))
        for work, item in zip(works, initial, strict=True)
    ]


def _progress_label(status: str) -> str:
    return str(ProgressStatus(status).label) if status in ProgressStatus.values else ""


def _review_initial(review) -> dict:
    if review is None:
        return {}
    return {name: getattr(review, name) for name in reviews.REVIEW_FIELDS}


def _show_errors(error: ValidationError, form: ReviewForm, items: list[ReviewItemForm]) -> None:
    by_key = {reviews.item_key(item.work.pk): item for item in items}
    for key, messages_ in error.message_dict.items():
        if key in by_key:
            by_key[key].add_error(None, messages_)
        elif key in form.fields:
            form.add_error(key, messages_)
        else:
            form.add_error(None, messages_)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: AuthenticatedRequest, movement: int, kind: str, unit: int) -> HttpResponse:
    """A unit's interim or final review: one row per live work, figures and free text.
    Read-only for those who may see it but not fill it in (viewers, the office)."""
    kind = _check_kind(kind)
    movement_obj = access_movement(request.user, movement)
    unit_obj = Unit.objects.select_related("parent").filter(pk=unit).first()
    if unit_obj is None or not reviews.may_view_review(request.user, movement_obj, unit_obj):
        raise Http404
    can_edit = reviews.may_edit_review(request.user, movement_obj, unit_obj)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    works = reviews.review_works(movement_obj, unit_obj)
    review = reviews.review_of(movement_obj, unit_obj, kind)
    initial = reviews.initial_items(works, review)
    form = ReviewForm(
        request.POST if request.method == "POST" else None, initial=_review_initial(review)
    )
    items = _item_forms(request, works, initial)
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        # Validate every row (not only up to the first bad one) so each shows its errors.
        rows_valid = [item.is_valid() for item in items]
        if form.is_valid() and all(rows_valid):
            try:
                saved = reviews.review_save(
                    actor=request.user,
                    movement=movement_obj,
                    unit=unit_obj,
                    kind=kind,
                    data=form.review_data(),
                    items=[item.item_data() for item in items],
                    submit=submit,
                )
            except ValidationError as error:
                _show_errors(error, form, items)
            except ApplicationError as error:
                messages.error(request, error.message)
                return redirect("works:review_edit", movement_obj.pk, kind, unit_obj.pk)
            else:
                values = {"kind": saved.get_kind_display().lower(), "unit": unit_obj.name}
                if submit:
                    text = _("The %(kind)s of %(unit)s has been submitted.") % values
                else:
                    text = _("The %(kind)s of %(unit)s was saved as a draft.") % values
                messages.success(request, text)
                return redirect("works:review_edit", movement_obj.pk, kind, unit_obj.pk)
    item_errors = [e for item in items for e in item.non_field_errors()]
    return render(
        request,
        "works/reviews/edit.html",
        {
            "movement": movement_obj,
            "unit": unit_obj,
            "kind": kind,
            "kind_label": dict(ReviewKind.choices)[kind],
            "review": review,
            "state_label": reviews.ReviewState.label(review.status if review else None),
            "form": form,
            "rows": [
                {
                    "work": work,
                    "form": item_form,
                    "item": item,
                    "status_label": _progress_label(item.progress_status),
                }
                for work, item_form, item in zip(works, items, initial, strict=True)
            ],
            "item_errors": item_errors,
            "can_edit": can_edit,
            "monitor": request.user.has_perm("movements.monitor_movement", movement_obj),
            "history_entries": history_entries(
                review, parts=(ReviewItem.history.filter(review_id=review.pk),)
            )
            if review
            else [],
        },
    )


@login_required
@require_GET
def review_xlsx(request: AuthenticatedRequest, movement: int, kind: str) -> HttpResponseBase:
    """The consolidated review as a workbook: a sheet of units and a sheet of works."""
    kind = _check_kind(kind)
    movement_obj = access_movement(request.user, movement, "movements.monitor_movement")
    consolidation = consolidate(movement_obj, kind)
    return download(
        review_documents.review_xlsx(consolidation),
        review_documents.file_name(consolidation, "xlsx"),
        XLSX_CONTENT_TYPE,
    )


@login_required
@require_GET
def review_docx(request: AuthenticatedRequest, movement: int, kind: str) -> HttpResponseBase:
    """The consolidated review as a report (Báo cáo) in the official document layout."""
    kind = _check_kind(kind)
    movement_obj = access_movement(request.user, movement, "movements.monitor_movement")
    consolidation = consolidate(movement_obj, kind)
    return download(
        review_documents.review_docx(consolidation),
        review_documents.file_name(consolidation, "docx"),
        DOCX_CONTENT_TYPE,
    )
