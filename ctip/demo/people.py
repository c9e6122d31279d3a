"""Demo users, one per role, in the demo agencies (synthetic; idempotent).

Users whose role needs a second factor get a django_otp static device holding one demo code; the
code is single-use, so each `ctip load-demo` puts it back.
"""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from ctip.accounts.models import User
from ctip.plan.models import Agency
from ctip.plan.services import sync_agencies

DEMO_PASSWORD = "ctip-demo-2026"
DEMO_OTP = "ctipdemo2026"

# username, role, agency abbreviation, first name
USERS = [
    ("koordinator", "coordinator", "MK", "Koordinator"),
    ("dmx_fokal", "focal_point", "DMX", "DMX fokal"),
    ("din_fokal", "focal_point", "DİN", "DİN fokal"),
    ("analitik", "analyst", "MK", "Analitik"),
    ("auditor", "auditor", "MK", "Auditor"),
    ("isci", "case_worker", "DMX", "Sosial işçi"),
    ("nezaretci", "supervisor", "DMX", "Nəzarətçi"),
    ("admin", "admin", None, "Admin"),
]


def load(stdout=None) -> list[str]:
    """One user per role (password reset only for a new user), with a fresh demo 2FA code."""
    sync_agencies()
    agencies = {a.abbr: a for a in Agency.objects.filter(abbr__in={u[2] for u in USERS if u[2]})}
    lines = ["", f"Demo logins (password for all: {DEMO_PASSWORD})"]
    with transaction.atomic():
        for username, role, abbr, first in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username)
                user.set_password(DEMO_PASSWORD)
            user.role = role
            user.agency = agencies.get(abbr) if abbr else None
            user.first_name = first
            user.is_staff = role == "admin"
            user.is_superuser = role == "admin"
            user.save()
            note = ""
            if user.needs_otp:
                device, _ = StaticDevice.objects.get_or_create(
                    user=user, name="demo", defaults={"confirmed": True}
                )
                if not device.token_set.filter(token=DEMO_OTP).exists():
                    StaticToken.objects.create(device=device, token=DEMO_OTP)
                note = f"  2FA code: {DEMO_OTP} (single use; run load-demo again for a new one)"
            lines.append(f"  {username:<12} {role:<12} {abbr or '-':<5}{note}")
    return lines
