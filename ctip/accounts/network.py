"""The client's address, for login lockouts (django-axes asks this function)."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind one trusted reverse proxy (CTIP_BEHIND_PROXY=1) the address that
    proxy appended last to X-Forwarded-For — the right-most entry, which a client cannot forge."""
    if getattr(settings, "CTIP_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")
