"""Makes the request's user the actor of audit entries written without one (ctip.audit.context)."""

from .context import during


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with during(request):
            return self.get_response(request)
