"""Login, second factor and session generation, for every request."""

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .permissions import ENROL_SESSION_KEY, second_factor_passed, session_may_proceed


class LoginRequiredMiddleware:
    """Every page needs a logged-in user, except the public paths.

    Users whose role can see personal data must also have passed the second factor — on pages
    and on the API alike (ctip.accounts.permissions); someone who used a backup code without
    having an authenticator app is led to enrol one first. The API answers 401/403 itself for
    anonymous callers and checks tokens (ctip.accounts.authentication).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(settings.CTIP_PUBLIC_PATHS):
            return self.get_response(request)
        user = request.user
        if path.startswith("/api/"):
            bearer = "HTTP_AUTHORIZATION" in request.META
            if user.is_authenticated and not bearer and not session_may_proceed(request):
                return JsonResponse({"detail": _("Pass the second factor first.")}, status=403)
            return self.get_response(request)
        if not user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={path}")
        if not path.startswith("/accounts/"):
            if not second_factor_passed(user):
                return redirect(reverse("accounts:otp"))
            if request.session.get(ENROL_SESSION_KEY):
                return redirect(reverse("accounts:authenticator") + "?" + urlencode({"next": path}))
        return self.get_response(request)


class SessionSecurityMiddleware:
    """Ends sessions started before the user's last "log out everywhere".

    Each login stores the user's session generation in the session (ctip.accounts.signals);
    a session without it, or with an older one, is ended.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.session.get("ctip_generation") != user.session_generation:
                logout(request)
        return self.get_response(request)
