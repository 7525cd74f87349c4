from django.http import HttpRequest

from thidua.councils.rules import sees_councils


def navigation(request: HttpRequest) -> dict:
    """Flags the menu needs, computed once per request from the user's role grants."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_manage_directory": user.has_perm("units.manage_directory"),
        "can_create_movement": user.has_perm("movements.create_movement"),
        # Called by the template only where the menu needs it (at most one query).
        "can_see_councils": lambda: sees_councils(user),
    }
