from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse


class LoginRequiredMiddleware:
    """Every page needs a logged-in user, except the public paths; the API answers 401/403 itself.

    Users whose role can see personal data must also have passed the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(settings.CTIP_PUBLIC_PATHS) or path.startswith("/api/"):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={path}")
        if user.needs_otp and not user.is_verified() and not path.startswith("/accounts/"):
            return redirect(reverse("accounts:otp"))
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
