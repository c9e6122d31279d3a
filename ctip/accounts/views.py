"""The user's own account: login, the second factor (and enrolling an authenticator app), backup
codes, API tokens and "log out everywhere"."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.audit.services import record

from . import selectors, services
from .forms import TokenForm
from .permissions import (
    ENROL_SESSION_KEY,
    may_enrol_authenticator,
    may_issue_token,
    needs_second_factor,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def profile(request):
    """Who the user is, their second factor, their API tokens, and "log out everywhere"."""
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "account": user,
            "totp": selectors.has_authenticator(user),
            "backup_left": selectors.backup_codes_left(user),
            "verified": user.is_verified(),
            "tokens": selectors.tokens_of(user),
            "may_issue_token": may_issue_token(user),
            "may_enrol": may_enrol_authenticator(user),
            "token_form": TokenForm(),
            "token_days": settings.CTIP_TOKEN_DAYS,
        },
    )


@require_POST
def logout_everywhere(request):
    """End every session and API token of this user, on every device."""
    services.logout_everywhere(request.user)
    logout(request)
    return redirect("accounts:login")


@require_POST
def token_new(request):
    """Make an API token for oneself and show it once (after the second factor where due)."""
    if not may_issue_token(request.user):
        messages.error(request, _("Pass the second factor first."))
        return redirect("accounts:otp")
    form = TokenForm(request.POST)
    if not form.is_valid():
        return redirect("accounts:profile")
    token, key = services.issue_token(request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "key": key})


@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_for(request.user, pk)
    services.revoke_token(request.user, token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


def _safe_next(request) -> str:
    target = request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _throttled(devices) -> bool:
    """True when every device refuses verification for now (too many wrong codes)."""
    devices = list(devices)
    return bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)


def _usable(device) -> bool:
    """A device that can still give a code (a backup-code device with codes left)."""
    return not isinstance(device, StaticDevice) or device.token_set.exists()


def otp(request):
    """Second factor: enrol a TOTP device on first use, then accept a TOTP or a backup code.

    Wrong codes are throttled by django-otp (each failure doubles the wait before the next try).
    """
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    confirmed = list(devices_for_user(user, confirmed=True, for_verify=False))
    if confirmed:
        if not any(_usable(d) for d in confirmed):
            messages.error(
                request,
                _(
                    "Your backup codes are used up and no authenticator app is enrolled. "
                    "Ask an administrator to reset your second factor."
                ),
            )
        return _otp_verify(request, user)
    return _enrol(request, user)


def _otp_verify(request, user):
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "").replace("-", "").lower()
        if _throttled(devices_for_user(user, confirmed=True)):
            messages.error(request, _("Too many wrong codes. Wait a little and try again."))
        elif token and (device := match_token(user, token)) is not None:
            return _passed(request, user, device)
        else:
            messages.error(
                request,
                _(
                    "The code is not valid. Check your device's clock and try "
                    "again, or use one of your backup codes."
                ),
            )
    return render(request, "accounts/otp.html", {"qr": None})


def _passed(request, user, device):
    otp_login(request, device)
    backup = isinstance(device, StaticDevice)
    record(user, "accounts.second_factor.passed", user, method="backup code" if backup else "app")
    if backup:
        messages.warning(request, _("You used a backup code. Each code works only once."))
        if not selectors.has_authenticator(user):
            request.session[ENROL_SESSION_KEY] = True
            messages.info(request, _("Add an authenticator app now, before you go on."))
            url = reverse("accounts:authenticator")
            return redirect(f"{url}?{urlencode({'next': _safe_next(request)})}")
    return redirect(_safe_next(request))


@require_http_methods(["GET", "POST"])
def authenticator(request):
    """Add an authenticator app (for a user who passed the second factor, e.g. by a backup code)."""
    user = request.user
    if not needs_second_factor(user):
        return redirect("accounts:profile")
    if not may_enrol_authenticator(user):
        return redirect("accounts:otp")
    return _enrol(request, user)


def _enrol(request, user):
    """Show a QR code (drawn here, never fetched) and the key; confirm with a current code."""
    device = services.pending_authenticator(user)
    if request.method == "POST":
        code = request.POST.get("token", "").strip().replace(" ", "")
        if not device.verify_is_allowed()[0]:
            messages.error(request, _("Too many wrong codes. Wait a little and try again."))
        elif services.confirm_authenticator(user, device, code):
            otp_login(request, device)
            request.session.pop(ENROL_SESSION_KEY, None)
            codes = services.issue_backup_codes(user)
            return render(
                request, "accounts/backup_codes.html", {"codes": codes, "next": _safe_next(request)}
            )
        else:
            messages.error(
                request, _("The code is not valid. Check your device's clock and try again.")
            )
    return render(
        request,
        "accounts/otp.html",
        {"qr": _qr_data_uri(device), "secret": base64.b32encode(device.bin_key).decode()},
    )


def _qr_data_uri(device: TOTPDevice) -> str:
    img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@require_POST
def backup_codes(request):
    """Issue a new set of backup codes (only after the second factor was passed in this session)."""
    user = request.user
    if not user.is_verified():
        messages.error(request, _("Pass the second factor first."))
        return redirect("accounts:otp")
    codes = services.issue_backup_codes(user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": "/accounts/"})
