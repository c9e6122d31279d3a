import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_everywhere(request):
    """End every session of this user, on every device."""
    User.objects.filter(pk=request.user.pk).update(session_generation=F("session_generation") + 1)
    logout(request)
    return redirect("accounts:login")


def otp(request):
    """Second factor: enrol a TOTP device on first use, then verify a code each login."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    device = TOTPDevice.objects.filter(user=user).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    error = None
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        if token.isdigit() and device.verify_token(token):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(request.GET.get("next") or "/")
        error = _("The code is not valid. Check your device's clock and try again.")
    qr_svg = None
    if not device.confirmed:
        img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        buf = io.BytesIO()
        img.save(buf)
        qr_svg = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
    if error:
        messages.error(request, error)
    return render(request, "accounts/otp.html", {"device": device, "qr": qr_svg,
                                                 "secret": base64.b32encode(device.bin_key).decode()})
