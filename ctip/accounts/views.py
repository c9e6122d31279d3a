import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

BACKUP_CODE_COUNT = 10


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def profile(request):
    """The user's own account: who they are, their second factor, and "log out everywhere"."""
    user = request.user
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    backup_left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return render(
        request,
        "accounts/profile.html",
        {
            "account": user,
            "totp": totp,
            "backup_left": backup_left,
            "verified": user.is_verified(),
        },
    )


@require_POST
def logout_everywhere(request):
    """End every session of this user, on every device."""
    User.objects.filter(pk=request.user.pk).update(session_generation=F("session_generation") + 1)
    logout(request)
    return redirect("accounts:login")


def _safe_next(request) -> str:
    target = request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _issue_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with fresh single-use ones and return them (shown once)."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="backup", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    from ctip.audit.services import record

    record(user, "accounts.backup_codes_issued", user, purpose="second factor")
    return codes


def _throttled(devices) -> bool:
    """True when every device refuses verification for now (too many wrong codes)."""
    devices = list(devices)
    return bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)


def otp(request):
    """Second factor: enrol a TOTP device on first use, then accept a TOTP or a backup code.

    Wrong codes are throttled by django-otp (each failure doubles the wait before the next try).
    """
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    confirmed = list(devices_for_user(user, confirmed=True, for_verify=False))
    if confirmed:
        return _otp_verify(request, user)
    return _otp_enrol(request, user)


def _otp_verify(request, user):
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "").replace("-", "").lower()
        if _throttled(devices_for_user(user, confirmed=True)):
            messages.error(request, _("Too many wrong codes. Wait a little and try again."))
        elif token and (device := match_token(user, token)) is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _("You used a backup code. Each code works only once."))
            return redirect(_safe_next(request))
        else:
            messages.error(
                request,
                _(
                    "The code is not valid. Check your device's clock and try "
                    "again, or use one of your backup codes."
                ),
            )
    return render(request, "accounts/otp.html", {"qr": None})


def _otp_enrol(request, user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        if not device.verify_is_allowed()[0]:
            messages.error(request, _("Too many wrong codes. Wait a little and try again."))
        elif token.isdigit() and device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = _issue_backup_codes(user)
            return render(
                request, "accounts/backup_codes.html", {"codes": codes, "next": _safe_next(request)}
            )
        else:
            messages.error(
                request, _("The code is not valid. Check your device's clock and try again.")
            )
    img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buf = io.BytesIO()
    img.save(buf)
    qr_svg = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
    return render(
        request,
        "accounts/otp.html",
        {"qr": qr_svg, "secret": base64.b32encode(device.bin_key).decode()},
    )


@require_POST
def backup_codes(request):
    """Issue a new set of backup codes (only after the second factor was passed in this session)."""
    user = request.user
    if not user.is_verified():
        messages.error(request, _("Pass the second factor first."))
        return redirect("accounts:otp")
    codes = _issue_backup_codes(user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": "/accounts/"})
