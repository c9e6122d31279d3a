"""The start page."""

from django.shortcuts import render

from . import start


def home(request):
    """The start page: what needs this user today, by role (ctip.web.start)."""
    return render(request, "core/start.html", start.start_for(request.user))
