"""Small view helpers shared by the apps."""

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest


def paginate(request: HttpRequest, queryset, per_page: int = 50) -> tuple[Page, str]:
    """The requested page and the query string without ``page`` (for pagination links)."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    params = request.GET.copy()
    params.pop("page", None)
    rest = params.urlencode()
    return page, (rest + "&") if rest else ""


def access(user, perm: str, obj):
    """Return ``obj`` if the user may ``perm`` it; the same 404 for missing and not yours."""
    if obj is None:
        raise Http404
    if not user.has_perm(perm, obj):
        raise Http404
    return obj
