"""Small view helpers shared by the apps."""

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

_T = TypeVar("_T")


class PermissionHolder(Protocol):
    """The acting user as far as this layer knows it (the account model lives above)."""

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


def paginate(
    request: HttpRequest, queryset: QuerySet[Any] | Sequence[Any], per_page: int = 50
) -> tuple[Page, str]:
    """The requested page and the query string without ``page`` (for pagination links)."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    params = request.GET.copy()
    params.pop("page", None)
    rest = params.urlencode()
    return page, (rest + "&") if rest else ""


def access(user: PermissionHolder, perm: str, obj: _T | None) -> _T:
    """Return ``obj`` if the user may ``perm`` it; the same 404 for missing and not yours."""
    if obj is None:
        raise Http404
    if not user.has_perm(perm, obj):
        raise Http404
    return obj
