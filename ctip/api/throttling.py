"""Per-token rate limit of the API (settings.CTIP_API_RATE, e.g. "600/min"): each bearer token
(or session user) has its own budget; past it the API answers 429 with `Retry-After`.

The counts live in Django's default cache, which is the per-process memory cache (no CACHES
setting): with several web processes (gunicorn workers) each keeps its own count, so a token
may make up to CTIP_API_RATE requests per process. A shared cache (database or Redis) in
CACHES would make it one budget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

if TYPE_CHECKING:  # DRF imports this module while it defines APIView
    from rest_framework.views import APIView


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str | None:
        return settings.CTIP_API_RATE or None  # read per request: settings can change in tests

    def allow_request(self, request: Request, view: APIView) -> bool:
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: APIView) -> str:
        token = request.auth
        if token is not None and getattr(token, "pk", None) is not None:
            ident = f"token-{token.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return f"ctip-api-rate-{ident}"
