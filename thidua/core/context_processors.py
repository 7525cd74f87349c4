from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """Flags the menu needs, computed once per request from the user's role grants."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_manage_directory": user.has_perm("units.manage_directory"),
        "can_create_movement": user.has_perm("movements.create_movement"),
    }
