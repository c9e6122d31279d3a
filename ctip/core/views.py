"""Health, the favicon and the error pages."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def health(request):
    """For monitoring: database reachable and migrations applied. Reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        return JsonResponse({"status": "error"}, status=503)
    if pending:
        return JsonResponse({"status": "migrations pending"}, status=503)
    return JsonResponse({"status": "ok"})


# --- error pages: in the site's layout and the user's language, with a way back ------------------

ERRORS = {
    400: (
        _("The request could not be read"),
        _("Something in the address or the form was not valid."),
    ),
    403: (_("Not allowed"), _("Your role does not allow you to open this page.")),
    404: (_("Page not found"), _("There is no such page, or it is not yours to see.")),
    429: (_("Too many requests"), _("Wait a moment and try again.")),
    500: (_("Something went wrong"), _("The error has been logged. Try again in a moment.")),
}


def error_page(request, status: int) -> HttpResponse:
    """The error page for `status`; never says more than the status (no personal data, no trace)."""
    title, text = ERRORS[status]
    context = {"status": status, "title": title, "text": text}
    try:
        return render(request, "error.html", context, status=status)
    except Exception:  # a broken request (500) must still answer; plain text in the layout's words
        return HttpResponse(f"{status} {title}", status=status, content_type="text/plain")


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return HttpResponsePermanentRedirect(static("ctip/favicon.svg"))
