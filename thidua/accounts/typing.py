"""Types for views: behind ``login_required`` the request's user is an account, never anonymous."""

from django.http import HttpRequest

from thidua.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """An ``HttpRequest`` whose ``user`` is a signed-in ``User`` (annotate views that require
    login with it, so the acting user passed to services is typed as ``User``)."""

    user: User
