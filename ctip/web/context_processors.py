"""The navigation of every page: the entries this user may open, asked of each app."""

from django.utils.translation import gettext_lazy as _

from ctip.cases import permissions as cases
from ctip.reports import permissions as reports


def _nav_entries(user):
    """(url, label) of the pages this user may open, asking each app's own permission rules."""
    entries = [("/plan/", _("Action plan")), ("/search/", _("Search")), ("/records/", _("Records"))]
    if reports.can_generate_any(user):
        entries.append(("/reports/", _("Reports")))
        entries.append(("/jobs/", _("My jobs")))
    if cases.can(user, "case.list"):
        entries.append(("/cases/", _("Cases")))
    elif cases.can(user, "stats.view"):
        entries.append(("/cases/stats/", _("Case figures")))
    if cases.can(user, "audit.view"):
        entries.append(("/cases/audit/", _("Audit log")))
    entries.append(("/accounts/", _("Account")))
    return entries


def ctip(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ctip_nav": []}
    path = request.path
    return {
        "ctip_nav": [
            {"url": url, "label": label, "active": path.startswith(url)}
            for url, label in _nav_entries(user)
        ]
    }
