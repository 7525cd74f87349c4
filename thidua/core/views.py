"""The health check and the pages shown when a request fails (CSRF)."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

logger = logging.getLogger(__name__)


def health(request: HttpRequest) -> HttpResponse:
    """What a load balancer or monitor polls: 200 "ok", or 503 naming the part that failed."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("error: database", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (expired page, cookies blocked, or an HTTPS proxy misconfigured): say so
    in Vietnamese instead of Django's technical page."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return render(request, "403_csrf.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; point them at the static one."""
    return redirect(static("img/favicon.ico"), permanent=True)
