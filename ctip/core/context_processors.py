from django.utils.translation import gettext_lazy as _

# (url, label, who may see it); apps add their pages here as they land.
NAV = [
    ("/plan/", _("Action plan"), None),
    ("/search/", _("Search"), None),
    ("/records/", _("Records"), None),
    ("/reports/", _("Reports"), None),
    ("/cases/", _("Cases"), "cases"),
]


def ctip(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ctip_nav": []}
    from ctip.core.nav import visible_nav

    return {"ctip_nav": visible_nav(user, request.path, NAV)}
