"""Helpers for list pages: whether the list is narrowed by a filter in the query string."""

from django import template
from django.http import QueryDict

register = template.Library()

# Parameters that move within a list without narrowing it.
NOT_FILTERS = frozenset({"page", "sort", "order"})


@register.filter
def has_filters(query: QueryDict | None) -> bool:
    """True when any filter of the query string has a value (the page number is not one)."""
    if not query:
        return False
    return any(
        value.strip() for key in query if key not in NOT_FILTERS for value in query.getlist(key)
    )
